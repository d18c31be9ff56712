namespace Arbiter.Venues.Coinbase;

/// <summary>What <see cref="CoinbaseParser.ParseFrame"/> found in a WebSocket message.</summary>
public enum CoinbaseFrameKind : byte
{
    /// <summary>A valid <c>l2_data</c> message; <see cref="CoinbaseFrame"/> holds its events about watched products.</summary>
    Book = 0,

    /// <summary>A <c>heartbeats</c> message (every second; proves liveness and advances the sequence).</summary>
    Heartbeat,

    /// <summary>A <c>subscriptions</c> message: the answer to a subscribe or unsubscribe.</summary>
    Subscriptions,

    /// <summary><c>{"type":"error","message":..}</c>.</summary>
    VenueError,

    /// <summary>Valid JSON of a channel this adapter does not use.</summary>
    Unknown,

    /// <summary>A valid <c>l2_data</c> message whose events are all about products that are not watched.</summary>
    UnknownSymbol,

    /// <summary>Bad JSON, wrong types, missing fields, a bad timestamp, or a number that is negative, too large or finer than the scale.</summary>
    Malformed,
}
