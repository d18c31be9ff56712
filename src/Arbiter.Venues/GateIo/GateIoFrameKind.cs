namespace Arbiter.Venues.GateIo;

/// <summary>What <see cref="GateIoParser.ParseFrame"/> found in a WebSocket frame.</summary>
public enum GateIoFrameKind : byte
{
    /// <summary>A valid incremental <c>spot.order_book_update</c> of a watched pair (U, u and changed levels).</summary>
    BookUpdate = 0,

    /// <summary>A valid <c>spot.order_book_update</c> with <c>"full":true</c>: the whole book (of the stream's depth) that replaces the local one.</summary>
    BookSnapshot,

    /// <summary>The reply to a subscribe or unsubscribe request, without error (the instrument is set when its payload names a watched pair).</summary>
    Ack,

    /// <summary><c>spot.pong</c>, the answer to <c>spot.ping</c>.</summary>
    Pong,

    /// <summary>A reply whose <c>error</c> is not null: <c>{"error":{"code":2,"message":".."}}</c>.</summary>
    VenueError,

    /// <summary>Valid JSON this adapter does not use (other channels and events).</summary>
    Unknown,

    /// <summary>A well-formed order book update for a pair that is not watched.</summary>
    UnknownSymbol,

    /// <summary>Bad JSON, wrong types, missing ids, or a number that is negative, too large or finer than the instrument's scale.</summary>
    Malformed,

    /// <summary>An error reply to a <c>spot.order_book_update</c> subscribe whose payload names a watched pair (the instrument is set): the pair is not subscribed.</summary>
    SubscribeRefused,
}
