namespace Arbiter.Venues;

/// <summary>What <see cref="OrderbookUnitsParser.ParseFrame"/> found in an Upbit-shaped WebSocket message.</summary>
public enum OrderbookUnitsFrameKind : byte
{
    /// <summary>A valid orderbook message of a watched market: a full top-N snapshot.</summary>
    Orderbook = 0,

    /// <summary><c>{"status":"UP"}</c>, the answer to "PING".</summary>
    Pong,

    /// <summary><c>{"error":{"name":..,"message":..}}</c>.</summary>
    VenueError,

    /// <summary>Valid JSON this adapter does not use.</summary>
    Unknown,

    /// <summary>A well-formed orderbook of a market that is not watched.</summary>
    UnknownSymbol,

    /// <summary>Bad JSON, wrong types, missing fields, or a number that is negative, too large or finer than the scale.</summary>
    Malformed,
}
