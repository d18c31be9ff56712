using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// The fast path for the level arrays at the end of a book frame (Binance's depthUpdate, Gate.io's order_book_update), the
/// bulk of every frame: scans <c>"b":[["price","qty"],...],"a":[...]</c> and the decimals inside it in one pass instead of
/// token by token, on the primitives of <see cref="LevelArrayScanner"/>. It accepts only the canonical shape: unescaped strings
/// of plain <c>digits[.digits]</c> with at most 12 integer digits and no non-zero digit below the instrument's scale,
/// and a value below 10^18 units. Anything else returns false and the caller re-parses the whole frame on the
/// <see cref="System.Text.Json.Utf8JsonReader"/> + <see cref="FixedPoint"/> path, which has the final word; so both
/// paths always agree on what they accept and on the values.
/// </summary>
internal static class LevelTailScanner
{
    /// <summary>
    /// From <paramref name="pos"/> (just after the <c>"b"</c> property name): the bid array, <c>,"a":</c>, the ask array,
    /// then exactly <paramref name="closingBraces"/> closing braces and nothing but whitespace to the end.
    /// </summary>
    public static bool TryScanTail(ReadOnlySpan<byte> utf8, int pos, int closingBraces, MarketEvent update, Instrument instrument)
    {
        if (!LevelArrayScanner.TryScanSides<QuotedPairLevel>(utf8, ref pos, update, instrument, "\"a\""u8))
        {
            return false;
        }

        for (var i = 0; i < closingBraces; i++)
        {
            if (!LevelArrayScanner.Expect(utf8, ref pos, (byte)'}'))
            {
                return false;
            }
        }

        return LevelArrayScanner.AtEnd(utf8, pos);
    }
}
