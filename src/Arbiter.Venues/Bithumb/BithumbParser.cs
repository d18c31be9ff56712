using Arbiter.Core;

namespace Arbiter.Venues.Bithumb;

/// <summary>
/// Parses Bithumb's public WebSocket messages (Upbit-shaped, DEFAULT format) without allocating:
/// <see cref="OrderbookUnitsParser"/> with timestamps in ms (13 digits) or µs (16 digits, what the socket sends), as a
/// JSON integer or a string of digits. Text and binary frames carry the same UTF-8 JSON.
/// </summary>
public static class BithumbParser
{
    /// <summary>
    /// Parses one message. For <see cref="OrderbookUnitsFrameKind.Orderbook"/>, <paramref name="book"/> holds the instrument,
    /// <see cref="MarketEvent.Sequence"/> = the timestamp exactly as sent, <see cref="MarketEvent.ExchangeTime"/> = the
    /// timestamp in µs, and the levels best-first (unit sides with size 0 skipped: zero padding and sizes printed as 0).
    /// </summary>
    public static OrderbookUnitsFrameKind ParseFrame(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> codes, MarketEvent book) =>
        OrderbookUnitsParser.ParseFrame(utf8, codes, book, OrderbookTimestampUnit.MillisecondsOrMicroseconds);
}
