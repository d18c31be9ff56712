using System.Buffers.Text;
using Arbiter.Core;

namespace Arbiter.Venues.Okx;

/// <summary>
/// OKX's book checksum (REFERENCE §7 "Checksum"): the first 25 bids and 25 asks interleaved as
/// <c>bid1px:bid1sz:ask1px:ask1sz:bid2px:...</c> (a side that runs out is skipped), CRC-32 as a signed int. Each number is
/// written back from fixed-point in its original spelling (<see cref="OkxSpelling"/>), digit by digit into the CRC, so no
/// string is built.
/// </summary>
internal static class OkxChecksum
{
    public const int Levels = 25;

    public static int Compute(OkxLocalBook book, int priceScale, int sizeScale)
    {
        var state = Crc32.Start;
        var first = true;
        for (var i = 0; i < Levels; i++)
        {
            if (i < book.Bids.Count)
            {
                state = AppendLevel(state, book.Bids, i, priceScale, sizeScale, ref first);
            }

            if (i < book.Asks.Count)
            {
                state = AppendLevel(state, book.Asks, i, priceScale, sizeScale, ref first);
            }
        }

        return unchecked((int)Crc32.Finish(state));
    }

    /// <summary>Feeds <paramref name="units"/> at <paramref name="scale"/> spelled with <paramref name="decimals"/> digits after the point.</summary>
    public static uint AppendNumber(uint state, long units, int scale, byte decimals)
    {
        var pow = FixedPoint.Pow10(scale);
        var whole = units / pow;
        var fraction = units % pow;
        Span<byte> digits = stackalloc byte[24];
        Utf8Formatter.TryFormat(whole, digits, out var written);
        state = Crc32.Append(state, digits[..written]);
        int count = decimals;
        if (decimals == OkxSpelling.Canonical)
        {
            count = scale;
            var rest = fraction;
            while (count > 0 && rest % 10 == 0)
            {
                rest /= 10;
                count--;
            }
        }

        if (count == 0)
        {
            return state;
        }

        state = Crc32.Append(state, (byte)'.');
        for (var k = 0; k < count; k++)
        {
            // The k-th digit after the point: from the value while within the scale, then the zeros OKX padded with.
            var digit = k < scale ? (fraction / FixedPoint.Pow10(scale - 1 - k)) % 10 : 0;
            state = Crc32.Append(state, (byte)('0' + digit));
        }

        return state;
    }

    private static uint AppendLevel(uint state, OkxLocalSide side, int index, int priceScale, int sizeScale, ref bool first)
    {
        if (!first)
        {
            state = Crc32.Append(state, (byte)':');
        }

        first = false;
        state = AppendNumber(state, side.PriceAt(index), priceScale, side.PriceDecimalsAt(index));
        state = Crc32.Append(state, (byte)':');
        return AppendNumber(state, side.SizeAt(index), sizeScale, side.SizeDecimalsAt(index));
    }
}
