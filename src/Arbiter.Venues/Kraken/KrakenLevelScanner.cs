using System.Runtime.CompilerServices;
using Arbiter.Core;

namespace Arbiter.Venues.Kraken;

/// <summary>
/// The fast path for the bulk of a book message: from the bid array to the end, in the canonical shape Kraken sends,
/// <c>[{"price":0.5666,"qty":4831.75496356},..],"asks":[..],"checksum":N,"timestamp":"..."}]}</c>, scanned in one pass
/// instead of token by token. It accepts only plain numbers <c>digits[.digits]</c> (no sign, exponent or leading zero)
/// with at most 12 integer digits and no non-zero digit below the instrument's scale, and values below 10^18 units.
/// Anything else returns false and the caller re-parses the whole message on the <see cref="System.Text.Json.Utf8JsonReader"/>
/// + <see cref="FixedPoint"/> path, which has the final word; so both paths always agree on what they accept and on the values.
/// </summary>
internal static class KrakenLevelScanner
{
    private const int MaxWholeDigits = 12;

    private static readonly ulong[] Powers =
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL, 1_000_000_000UL,
        10_000_000_000UL, 100_000_000_000UL, 1_000_000_000_000UL, 10_000_000_000_000UL, 100_000_000_000_000UL,
        1_000_000_000_000_000UL, 10_000_000_000_000_000UL, 100_000_000_000_000_000UL, 1_000_000_000_000_000_000UL,
    ];

    /// <summary>
    /// From <paramref name="pos"/> (just after the <c>"bids"</c> property name): the bid array, <c>"asks"</c>, <c>"checksum"</c>
    /// and <c>"timestamp"</c> in that order, then <c>}]}</c> and nothing but whitespace to the end.
    /// </summary>
    public static bool TryScanTail(ReadOnlySpan<byte> utf8, int pos, MarketEvent book, Instrument instrument, out uint checksum, out long timestamp)
    {
        checksum = 0;
        timestamp = 0;

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
            || !Expect(utf8, ref pos, (byte)',') || !ExpectName(utf8, ref pos, "\"asks\""u8)
            || !TryScanLevels(utf8, ref pos, book.Asks, priceScale, quantityScale)
            || !Expect(utf8, ref pos, (byte)',') || !ExpectName(utf8, ref pos, "\"checksum\""u8)
            || !TryScanChecksum(utf8, ref pos, out checksum)
            || !Expect(utf8, ref pos, (byte)',') || !ExpectName(utf8, ref pos, "\"timestamp\""u8)
            || !TryScanTimestamp(utf8, ref pos, out timestamp)
            || !Expect(utf8, ref pos, (byte)'}') || !Expect(utf8, ref pos, (byte)']') || !Expect(utf8, ref pos, (byte)'}'))
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
            if (!Expect(utf8, ref pos, (byte)'{')
                || !ExpectName(utf8, ref pos, "\"price\""u8)
                || !TryScanDecimal(utf8, ref pos, priceScale, out var price) || price <= 0
                || !Expect(utf8, ref pos, (byte)',')
                || !ExpectName(utf8, ref pos, "\"qty\""u8)
                || !TryScanDecimal(utf8, ref pos, quantityScale, out var quantity)
                || !Expect(utf8, ref pos, (byte)'}'))
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

    /// <summary>An unquoted plain decimal, after optional whitespace, as units at <paramref name="scale"/>.</summary>
    private static bool TryScanDecimal(ReadOnlySpan<byte> utf8, ref int pos, int scale, out long units)
    {
        units = 0;
        SkipWhitespace(utf8, ref pos);
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

        // JSON allows no leading zero ("01"); the reader path decides about such text.
        if (wholeDigits == 0 || wholeDigits > MaxWholeDigits || p == utf8.Length || (wholeDigits > 1 && utf8[pos] == (byte)'0'))
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

        // An exponent or anything else that cannot end a number goes to the reader path.
        // Below 10^18 the value has at most 18 significant digits and fits a long, exactly as FixedPoint requires.
        if (c is not ((byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            || whole >= Powers[FixedPoint.MaxScale - scale])
        {
            return false;
        }

        units = (long)((whole * Powers[scale]) + (fraction * Powers[scale - fractionDigits]));
        pos = p;
        return true;
    }

    /// <summary>An unsigned 32-bit integer without leading zeros.</summary>
    private static bool TryScanChecksum(ReadOnlySpan<byte> utf8, ref int pos, out uint checksum)
    {
        checksum = 0;
        SkipWhitespace(utf8, ref pos);
        var p = pos;
        ulong value = 0;
        while (p < utf8.Length && p - pos <= 10)
        {
            var d = (uint)(utf8[p] - (byte)'0');
            if (d > 9)
            {
                break;
            }

            value = (value * 10) + d;
            p++;
        }

        var digits = p - pos;
        if (digits == 0 || digits > 10 || value > uint.MaxValue || (digits > 1 && utf8[pos] == (byte)'0')
            || p == utf8.Length || utf8[p] is not ((byte)',' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
        {
            return false;
        }

        checksum = (uint)value;
        pos = p;
        return true;
    }

    /// <summary>A quoted RFC 3339 timestamp without escapes.</summary>
    private static bool TryScanTimestamp(ReadOnlySpan<byte> utf8, ref int pos, out long timestamp)
    {
        timestamp = 0;
        if (!Expect(utf8, ref pos, (byte)'"'))
        {
            return false;
        }

        var length = utf8[pos..].IndexOfAny((byte)'"', (byte)'\\');
        if (length < 0 || utf8[pos + length] != (byte)'"' || !KrakenTimestamp.TryParse(utf8.Slice(pos, length), out timestamp))
        {
            return false;
        }

        pos += length + 1;
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
