namespace Arbiter.Venues.Bybit;

/// <summary>What <see cref="BybitParser.ParseFrame"/> found in a WebSocket message.</summary>
public enum BybitFrameKind : byte
{
    /// <summary>A valid <c>orderbook.{depth}.{symbol}</c> message of type <c>snapshot</c> for a watched symbol: the whole book.</summary>
    Snapshot = 0,

    /// <summary>A valid orderbook message of type <c>delta</c> for a watched symbol: levels to apply (size 0 deletes).</summary>
    Delta,

    /// <summary>The answer to <c>{"op":"ping"}</c>: <c>{"success":true,"ret_msg":"pong",...,"op":"ping"}</c> (or <c>"op":"pong"</c>).</summary>
    Pong,

    /// <summary>A successful subscribe/unsubscribe reply: <c>{"success":true,"ret_msg":"subscribe",...,"op":"subscribe"}</c>.</summary>
    Ack,

    /// <summary>A failed request: <c>{"success":false,"ret_msg":"...",...}</c>.</summary>
    VenueError,

    /// <summary>Valid JSON this adapter does not use (other topics, other ops).</summary>
    Unknown,

    /// <summary>A well-formed orderbook message of a symbol that is not watched.</summary>
    UnknownSymbol,

    /// <summary>Bad JSON, wrong types, missing fields, or a number that is negative, too large or finer than the scale.</summary>
    Malformed,
}
