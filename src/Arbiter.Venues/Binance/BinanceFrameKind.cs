namespace Arbiter.Venues.Binance;

/// <summary>What <see cref="BinanceParser.ParseFrame"/> found in a WebSocket frame.</summary>
public enum BinanceFrameKind : byte
{
    /// <summary>A valid <c>depthUpdate</c> of a known symbol.</summary>
    Depth = 0,

    /// <summary>A reply to a request: <c>{"result":null,"id":1}</c>.</summary>
    Ack,

    /// <summary>An error reply: <c>{"code":2,"msg":"..."}</c>.</summary>
    VenueError,

    /// <summary><c>serverShutdown</c>: the server is about to close this connection.</summary>
    ServerShutdown,

    /// <summary>Valid JSON this adapter does not use.</summary>
    Unknown,

    /// <summary>A well-formed depthUpdate for a symbol that is not watched.</summary>
    UnknownSymbol,

    /// <summary>Bad JSON, wrong types, missing ids, or a number that is negative, too large or finer than the instrument's scale.</summary>
    Malformed,
}
