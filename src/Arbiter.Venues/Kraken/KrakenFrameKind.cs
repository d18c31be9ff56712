namespace Arbiter.Venues.Kraken;

/// <summary>What <see cref="KrakenParser.ParseFrame"/> found in a WebSocket message.</summary>
public enum KrakenFrameKind : byte
{
    /// <summary><c>{"channel":"book","type":"snapshot",..}</c> of a watched symbol: the book's first full state.</summary>
    BookSnapshot = 0,

    /// <summary><c>{"channel":"book","type":"update",..}</c> of a watched symbol: changed levels (quantity 0 = remove).</summary>
    BookUpdate,

    /// <summary><c>{"channel":"heartbeat"}</c>, about every second: proves the connection is alive.</summary>
    Heartbeat,

    /// <summary><c>{"method":"pong",..}</c>, the answer to <c>{"method":"ping"}</c>.</summary>
    Pong,

    /// <summary>A successful subscribe/unsubscribe answer (<c>"success":true</c>).</summary>
    Ack,

    /// <summary><c>{"channel":"status",..}</c>: the engine's state, sent on connect.</summary>
    Status,

    /// <summary>A request answered with <c>"success":false</c> or an <c>"error"</c> (bad symbol, rate limit...).</summary>
    VenueError,

    /// <summary>Valid JSON this adapter does not use.</summary>
    Unknown,

    /// <summary>A well-formed book message of a symbol that is not watched.</summary>
    UnknownSymbol,

    /// <summary>Bad JSON, wrong types, missing fields, or a number that is negative, too large or finer than the pair's precision.</summary>
    Malformed,
}
