namespace Arbiter.Venues.Okx;

/// <summary>What <see cref="OkxParser.ParseFrame"/> found in a WebSocket message.</summary>
public enum OkxFrameKind : byte
{
    /// <summary>A <c>books</c> push with <c>"action":"snapshot"</c> for a watched symbol: the whole book.</summary>
    BookSnapshot = 0,

    /// <summary>A <c>books</c> push with <c>"action":"update"</c> for a watched symbol: changed levels (size "0" deletes).</summary>
    BookUpdate,

    /// <summary>The text <c>pong</c>, the answer to <c>ping</c>.</summary>
    Pong,

    /// <summary><c>{"event":"subscribe"|"unsubscribe",...}</c>: a subscription acknowledgement.</summary>
    Ack,

    /// <summary><c>{"event":"error","code":..,"msg":..}</c>.</summary>
    VenueError,

    /// <summary>Valid JSON this adapter does not use (other channels, notices, connection counts).</summary>
    Unknown,

    /// <summary>A well-formed <c>books</c> push for a symbol that is not watched.</summary>
    UnknownSymbol,

    /// <summary>Bad JSON, wrong types, missing fields, or a number that is negative, too large or finer than the scale.</summary>
    Malformed,
}
