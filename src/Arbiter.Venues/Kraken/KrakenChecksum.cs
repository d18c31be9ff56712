using System.Buffers.Text;
using Arbiter.Core;

namespace Arbiter.Venues.Kraken;

/// <summary>
/// Kraken's WS v2 book checksum (REFERENCE §8, docs "spot-ws-book-v2"): CRC-32 over the top 10 asks (low → high) then the
/// top 10 bids (high → low), each level written as price then quantity, each formatted at the pair's precision with the
/// trailing zeros kept, the '.' removed and the leading zeros stripped.
/// </summary>
/// <remarks>
/// With the instrument's scales equal to the pair's precisions (<see cref="KrakenSymbols"/>), "formatted at the precision,
/// '.' removed, leading zeros stripped" is exactly the decimal digits of the fixed-point units (0.5660 at scale 4 is
/// 5660 units → "5660"), so the text is written straight from the units into a stack buffer: no allocation. The raw JSON
/// text would be wrong (<c>0.566</c> must count as <c>5660</c>).
/// </remarks>
internal static class KrakenChecksum
{
    /// <summary>Levels per side that the checksum covers.</summary>
    public const int Levels = 10;

    public static uint Compute(OrderBook book)
    {
        var state = Crc32.Start;
        state = AppendSide(state, book.Asks);
        state = AppendSide(state, book.Bids);
        return Crc32.Finish(state);
    }

    private static uint AppendSide(uint state, BookSide side)
    {
        Span<byte> digits = stackalloc byte[20];
        var n = Math.Min(Levels, side.Count);
        for (var i = 0; i < n; i++)
        {
            state = AppendUnits(state, side.PriceAt(i), digits);
            state = AppendUnits(state, side.QuantityAt(i), digits);
        }

        return state;
    }

    private static uint AppendUnits(uint state, long units, Span<byte> digits)
    {
        if (units == 0)
        {
            return state; // all zeros, all stripped (never in a book: a zero quantity removes its level)
        }

        Utf8Formatter.TryFormat((ulong)units, digits, out var written);
        return Crc32.Append(state, digits[..written]);
    }
}
