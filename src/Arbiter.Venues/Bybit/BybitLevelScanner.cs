using System.Runtime.CompilerServices;
using Arbiter.Core;

namespace Arbiter.Venues.Bybit;

/// <summary>
/// The fast path for the rest of a book message from its bid array on, the bulk of every frame. It accepts only the
/// canonical shape Bybit sends, <c>"b":[["p","q"],..],"a":[..],"u":N,"seq":N},"cts":N}</c> (u/seq in either order, cts
/// optional), with unescaped strings of plain <c>digits[.digits]</c> (at most 12 integer digits, no non-zero digit below
/// the instrument's scale, value below 10^18 units) and plain non-negative integers. Anything else returns false and the
/// caller re-parses the whole message on the <see cref="System.Text.Json.Utf8JsonReader"/> path, which has the final word;
/// so both paths always agree on what they accept and on the values.
/// </summary>
internal static class BybitLevelScanner
{
    private const int MaxWholeDigits = 12;
    private const int MaxIntegerDigits = 18;

    private static readonly ulong[] Powers =
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL, 1_000_000_000UL,
        10_000_000_000UL, 100_000_000_000UL, 1_000_000_000_000UL, 10_000_000_000_000UL, 100_000_000_000_000UL,
        1_000_000_000_000_000UL, 10_000_000_000_000_000UL, 100_000_000_000_000_000UL, 1_000_000_000_000_000_000UL,
    ];

    /// <summary>From <paramref name="pos"/> (just after the <c>"b"</c> property name inside <c>data</c>) to the end of the message.</summary>
    public static bool TryScanTail(ReadOnlySpan<byte> utf8, int pos, MarketEvent book, Instrument instrument, ref BybitFrameFields fields)
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
            || !TryScanLevels(utf8, ref pos, book.Bids, priceScale, quantityScale)
            || !Expect(utf8, ref pos, (byte)',')
            || !ExpectName(utf8, ref pos, "\"a\""u8)
            || !TryScanLevels(utf8, ref pos, book.Asks, priceScale, quantityScale))
        {
            return false;
        }

        // The rest of "data": "u" and "seq", then its closing brace.
        while (true)
        {
            SkipWhitespace(utf8, ref pos);
            if (pos == utf8.Length)
            {
                return false;
            }

            if (utf8[pos] == (byte)'}')
            {
                pos++;
                break;
            }

            if (utf8[pos++] != (byte)',')
            {
                return false;
            }

            SkipWhitespace(utf8, ref pos);
            if (utf8[pos..].StartsWith("\"u\""u8))
            {
                if (!ExpectName(utf8, ref pos, "\"u\""u8) || !TryScanInteger(utf8, ref pos, out fields.UpdateId) || fields.UpdateId <= 0)
                {
                    return false;
                }

                fields.HasUpdateId = true;
            }
            else if (!ExpectName(utf8, ref pos, "\"seq\""u8) || !TryScanInteger(utf8, ref pos, out _))
            {
                return false;
            }
        }

        // The rest of the message: an optional "cts", then the closing brace and nothing but whitespace.
        SkipWhitespace(utf8, ref pos);
        if (pos < utf8.Length && utf8[pos] == (byte)',')
        {
            pos++;
            if (!ExpectName(utf8, ref pos, "\"cts\""u8) || !TryScanInteger(utf8, ref pos, out fields.MatchTime) || fields.MatchTime > BybitParser.MaxMillis)
            {
                return false;
            }

            fields.HasMatchTime = true;
        }

        if (!Expect(utf8, ref pos, (byte)'}'))
        {
            return false;
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

    /// <summary>A JSON integer without sign, fraction or exponent (<c>0</c> or no leading zero), of at most 18 digits.</summary>
    private static bool TryScanInteger(ReadOnlySpan<byte> utf8, ref int pos, out long value)
    {
        value = 0;
        SkipWhitespace(utf8, ref pos);
        var p = pos;
        while (p < utf8.Length && (uint)(utf8[p] - '0') <= 9)
        {
            value = (value * 10) + (utf8[p] - '0');
            p++;
        }

        var digits = p - pos;
        if (digits == 0 || digits > MaxIntegerDigits || (digits > 1 && utf8[pos] == (byte)'0')
            || (p < utf8.Length && utf8[p] is (byte)'.' or (byte)'e' or (byte)'E'))
        {
            return false;
        }

        pos = p;
        return true;
    }

    /// <summary>Skips whitespace, then consumes the quoted <paramref name="name"/> and its colon.</summary>
    private static bool ExpectName(ReadOnlySpan<byte> utf8, ref int pos, ReadOnlySpan<byte> name)
    {
        SkipWhitespace(utf8, ref pos);
        if (!utf8[pos..].StartsWith(name))
        {
            return false;
        }

        pos += name.Length;
        return Expect(utf8, ref pos, (byte)':');
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
