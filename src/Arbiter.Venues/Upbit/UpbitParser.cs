using Arbiter.Core;

namespace Arbiter.Venues.Upbit;

/// <summary>
/// Parses Upbit WebSocket messages (DEFAULT format) without allocating: <see cref="OrderbookUnitsParser"/> with
/// millisecond timestamps.
/// </summary>
public static class UpbitParser
{
    /// <summary>
    /// Parses one message. For <see cref="UpbitFrameKind.Orderbook"/>, <paramref name="book"/> holds the instrument,
    /// <see cref="MarketEvent.Sequence"/> = timestamp (ms), <see cref="MarketEvent.ExchangeTime"/> = timestamp in µs and the
    /// levels best-first (units with a zero size are skipped). For <see cref="UpbitFrameKind.Malformed"/>,
    /// <see cref="MarketEvent.Instrument"/> is set when the message could still be attributed to a watched market.
    /// </summary>
    public static UpbitFrameKind ParseFrame(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> codes, MarketEvent book) =>
        OrderbookUnitsParser.ParseFrame(utf8, codes, book, OrderbookTimestampUnit.Milliseconds) switch
        {
            OrderbookUnitsFrameKind.Orderbook => UpbitFrameKind.Orderbook,
            OrderbookUnitsFrameKind.Pong => UpbitFrameKind.Pong,
            OrderbookUnitsFrameKind.VenueError => UpbitFrameKind.VenueError,
            OrderbookUnitsFrameKind.Unknown => UpbitFrameKind.Unknown,
            OrderbookUnitsFrameKind.UnknownSymbol => UpbitFrameKind.UnknownSymbol,
            _ => UpbitFrameKind.Malformed,
        };
}
