using System.Runtime.CompilerServices;
using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// The fast path for the level arrays at the end of a book frame (Binance's depthUpdate, Gate.io's order_book_update), the
/// bulk of every frame: scans <c>"b":[["price","qty"],...],"a":[...]</c> and the decimals inside it in one pass instead of
/// token by token. It accepts only the canonical shape: unescaped strings
/// of plain <c>digits[.digits]</c> with at most 12 integer digits and no non-zero digit below the instrument's scale,
/// and a value below 10^18 units. Anything else returns false and the caller re-parses the whole frame on the
/// <see cref="System.Text.Json.Utf8JsonReader"/> + <see cref="FixedPoint"/> path, which has the final word; so both
/// paths always agree on what they accept and on the values.
/// </summary>
internal static class LevelTailScanner
{
    private const int MaxWholeDigits = 12;

    private static readonly ulong[] Powers =
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL, 1_000_000_000UL,
        10_000_000_000UL, 100_000_000_000UL, 1_000_000_000_000UL, 10_000_000_000_000UL, 100_000_000_000_000UL,
        1_000_000_000_000_000UL, 10_000_000_000_000_000UL, 100_000_000_000_000_000UL, 1_000_000_000_000_000_000UL,
    ];

    /// <summary>
    /// From <paramref name="pos"/> (just after the <c>"b"</c> property name): the bid array, <c>,"a":</c>, the ask array,
    /// then exactly <paramref name="closingBraces"/> closing braces and nothing but whitespace to the end.
    /// </summary>
    public static bool TryScanTail(ReadOnlySpan<byte> utf8, int pos, int closingBraces, MarketEvent update, Instrument instrument)
    {
        // The reader may or may not have consumed the colon after the property name.
        SkipWhitespace(utf8, ref pos);
        if (pos < utf8.Length && utf8[pos] == (byte)':')
        {
            pos++;
        }

        var priceScale = instrument.PriceScale;
        var quantityScale = instrument.QuantityScale;
        if ((uint)priceScale > FixedPoint.MaxScale || (uint)quantityScale > FixedPoint.MaxScale
            || !TryScanLevels(utf8, ref pos, update.Bids, priceScale, quantityScale)
            || !Expect(utf8, ref pos, (byte)','))
        {
            return false;
        }

        SkipWhitespace(utf8, ref pos);
        if (!utf8[pos..].StartsWith("\"a\""u8))
        {
            return false;
        }

        pos += 3;
        if (!Expect(utf8, ref pos, (byte)':') || !TryScanLevels(utf8, ref pos, update.Asks, priceScale, quantityScale))
        {
            return false;
        }

        for (var i = 0; i < closingBraces; i++)
        {
            if (!Expect(utf8, ref pos, (byte)'}'))
            {
                return false;
            }
        }

        SkipWhitespace(utf8, ref pos);
        return pos == utf8.Length;
    }

    private static bool TryScanLevels(ReadOnlySpan<byte> utf8, ref int pos, LevelList levels, int priceScale, int quantityScale)
    {
        if (!Expect(utf8, ref pos, (byte)'['))
        {
            return false;
        }

        SkipWhitespace(utf8, ref pos);
        if (pos < utf8.Length && utf8[pos] == (byte)']')
        {
            pos++;
            return true;
        }

        while (true)
        {
            if (!Expect(utf8, ref pos, (byte)'[')
                || !TryScanDecimal(utf8, ref pos, priceScale, out var price) || price <= 0
                || !Expect(utf8, ref pos, (byte)',')
                || !TryScanDecimal(utf8, ref pos, quantityScale, out var quantity)
                || !Expect(utf8, ref pos, (byte)']'))
            {
                return false;
            }

            levels.Add(price, quantity);
            SkipWhitespace(utf8, ref pos);
            if (pos == utf8.Length)
            {
                return false;
            }

            var next = utf8[pos++];
            if (next == (byte)']')
            {
                return true;
            }

            if (next != (byte)',')
            {
                return false;
            }
        }
    }

    /// <summary>A quoted plain decimal, after optional whitespace, as units at <paramref name="scale"/>.</summary>
    private static bool TryScanDecimal(ReadOnlySpan<byte> utf8, ref int pos, int scale, out long units)
    {
        units = 0;
        if (!Expect(utf8, ref pos, (byte)'"'))
        {
            return false;
        }

        var p = pos;
        ulong whole = 0;
        var wholeDigits = 0;
        uint c = 0;
        while (p < utf8.Length)
        {
            c = utf8[p];
            var d = c - '0';
            if (d > 9)
            {
                break;
            }

            whole = (whole * 10) + d;
            wholeDigits++;
            p++;
        }

        if (wholeDigits == 0 || wholeDigits > MaxWholeDigits || p == utf8.Length)
        {
            return false;
        }

        ulong fraction = 0;
        var fractionDigits = 0;
        if (c == '.')
        {
            var start = ++p;
            while (p < utf8.Length)
            {
                c = utf8[p];
                var d = c - '0';
                if (d > 9)
                {
                    break;
                }

                if (fractionDigits < scale)
                {
                    fraction = (fraction * 10) + d;
                    fractionDigits++;
                }
                else if (d != 0)
                {
                    return false; // finer than the scale
                }

                p++;
            }

            if (p == start || p == utf8.Length)
            {
                return false;
            }
        }

        // Below 10^18 the value has at most 18 significant digits and fits a long, exactly as FixedPoint requires.
        if (c != '"' || whole >= Powers[FixedPoint.MaxScale - scale])
        {
            return false;
        }

        units = (long)((whole * Powers[scale]) + (fraction * Powers[scale - fractionDigits]));
        pos = p + 1;
        return true;
    }

    /// <summary>Skips whitespace, then consumes <paramref name="expected"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Expect(ReadOnlySpan<byte> utf8, ref int pos, byte expected)
    {
        if ((uint)pos < (uint)utf8.Length && utf8[pos] == expected)
        {
            pos++;
            return true;
        }

        SkipWhitespace(utf8, ref pos);
        if (pos < utf8.Length && utf8[pos] == expected)
        {
            pos++;
            return true;
        }

        return false;
    }

    private static void SkipWhitespace(ReadOnlySpan<byte> utf8, ref int pos)
    {
        while (pos < utf8.Length && utf8[pos] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            pos++;
        }
    }
}
