using System.Runtime.CompilerServices;
using Arbiter.Core;

namespace Arbiter.Venues.Okx;

/// <summary>
/// The fast path for the bulk of a <c>books</c> push: from the first level array of its data object to the end of the
/// frame, scanned in one pass instead of token by token. It accepts only the canonical shape OKX sends:
/// <c>"asks":[..],"bids":[..],"ts":"..","checksum":n,"prevSeqId":n,"seqId":n}]}</c> (these names in any order, each once,
/// nothing else), levels <c>["px","sz","0","n"]</c> of plain <c>digits[.digits]</c> with at most 12 integer digits and no
/// non-zero digit below the scale, extra level elements of digits, integers without fraction or exponent. Anything else
/// returns false and the caller parses the whole frame again on the <see cref="System.Text.Json.Utf8JsonReader"/> +
/// <see cref="FixedPoint"/> path, which has the final word; so both paths accept the same frames with the same values.
/// </summary>
internal static class OkxTailScanner
{
    private const int MaxWholeDigits = 12;
    private const int MaxIntegerDigits = 18;
    private const long MaxTimestampMillis = 100_000_000_000_000;

    private static readonly ulong[] Powers =
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL, 1_000_000_000UL,
        10_000_000_000UL, 100_000_000_000UL, 1_000_000_000_000UL, 10_000_000_000_000UL, 100_000_000_000_000UL,
        1_000_000_000_000_000UL, 10_000_000_000_000_000UL, 100_000_000_000_000_000UL, 1_000_000_000_000_000_000UL,
    ];

    /// <summary>
    /// From <paramref name="pos"/>, just after the data object's first property name (<c>"asks"</c> when
    /// <paramref name="asksFirst"/>, else <c>"bids"</c>), to the end of the frame.
    /// </summary>
    public static bool TryScan(ReadOnlySpan<byte> utf8, int pos, bool asksFirst, MarketEvent book, OkxLevelSpellings spellings, Instrument instrument, ref OkxFrameFields fields)
    {
        var priceScale = instrument.PriceScale;
        var sizeScale = instrument.QuantityScale;
        if ((uint)priceScale > FixedPoint.MaxScale || (uint)sizeScale > FixedPoint.MaxScale)
        {
            return false;
        }

        // The reader may or may not have consumed the colon after the property name.
        SkipWhitespace(utf8, ref pos);
        if (pos < utf8.Length && utf8[pos] == (byte)':')
        {
            pos++;
        }

        if (asksFirst)
        {
            fields.HasAsks = true;
            if (!TryScanLevels(utf8, ref pos, book.Asks, spellings.Asks, priceScale, sizeScale))
            {
                return false;
            }
        }
        else
        {
            fields.HasBids = true;
            if (!TryScanLevels(utf8, ref pos, book.Bids, spellings.Bids, priceScale, sizeScale))
            {
                return false;
            }
        }

        while (true)
        {
            SkipWhitespace(utf8, ref pos);
            if (pos == utf8.Length)
            {
                return false;
            }

            var next = utf8[pos++];
            if (next == (byte)'}')
            {
                break;
            }

            if (next != (byte)',' || !TryScanName(utf8, ref pos, out var name) || !Expect(utf8, ref pos, (byte)':'))
            {
                return false;
            }

            if (name.SequenceEqual("bids"u8) && !fields.HasBids)
            {
                fields.HasBids = true;
                if (!TryScanLevels(utf8, ref pos, book.Bids, spellings.Bids, priceScale, sizeScale))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("asks"u8) && !fields.HasAsks)
            {
                fields.HasAsks = true;
                if (!TryScanLevels(utf8, ref pos, book.Asks, spellings.Asks, priceScale, sizeScale))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("ts"u8) && !fields.HasTs)
            {
                if (!Expect(utf8, ref pos, (byte)'"') || !TryScanInteger(utf8, ref pos, out fields.Ts) || fields.Ts < 0
                    || fields.Ts > MaxTimestampMillis || pos == utf8.Length || utf8[pos++] != (byte)'"')
                {
                    return false;
                }

                fields.HasTs = true;
            }
            else if (name.SequenceEqual("seqId"u8) && !fields.HasSeqId)
            {
                SkipWhitespace(utf8, ref pos);
                if (!TryScanInteger(utf8, ref pos, out fields.SeqId) || fields.SeqId < 0)
                {
                    return false;
                }

                fields.HasSeqId = true;
            }
            else if (name.SequenceEqual("prevSeqId"u8) && !fields.HasPrevSeqId)
            {
                SkipWhitespace(utf8, ref pos);
                if (!TryScanInteger(utf8, ref pos, out fields.PrevSeqId) || fields.PrevSeqId < -1)
                {
                    return false;
                }

                fields.HasPrevSeqId = true;
            }
            else if (name.SequenceEqual("checksum"u8))
            {
                SkipWhitespace(utf8, ref pos);
                if (!TryScanInteger(utf8, ref pos, out var checksum) || checksum < int.MinValue || checksum > int.MaxValue)
                {
                    return false;
                }

                fields.Checksum = (int)checksum;
            }
            else
            {
                return false;
            }
        }

        fields.HasData = true;
        if (!Expect(utf8, ref pos, (byte)']') || !Expect(utf8, ref pos, (byte)'}'))
        {
            return false;
        }

        SkipWhitespace(utf8, ref pos);
        return pos == utf8.Length;
    }

    private static bool TryScanLevels(ReadOnlySpan<byte> utf8, ref int pos, LevelList levels, OkxSpellingList spellings, int priceScale, int sizeScale)
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
                || !TryScanDecimal(utf8, ref pos, priceScale, out var price, out var priceDecimals) || price <= 0
                || !Expect(utf8, ref pos, (byte)',')
                || !TryScanDecimal(utf8, ref pos, sizeScale, out var size, out var sizeDecimals))
            {
                return false;
            }

            // The deprecated "0" and the order count.
            while (true)
            {
                SkipWhitespace(utf8, ref pos);
                if (pos == utf8.Length)
                {
                    return false;
                }

                var c = utf8[pos++];
                if (c == (byte)']')
                {
                    break;
                }

                if (c != (byte)',' || !TrySkipDigits(utf8, ref pos))
                {
                    return false;
                }
            }

            levels.Add(price, size);
            spellings.Add(priceDecimals, sizeDecimals);
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

    /// <summary>A quoted plain decimal, after optional whitespace, as units at <paramref name="scale"/> and its digits after the point.</summary>
    private static bool TryScanDecimal(ReadOnlySpan<byte> utf8, ref int pos, int scale, out long units, out byte decimals)
    {
        units = 0;
        decimals = 0;
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
        var sent = 0;
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

            sent = p - start;
            if (sent == 0 || sent >= OkxSpelling.Canonical || p == utf8.Length)
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
        decimals = (byte)sent;
        pos = p + 1;
        return true;
    }

    /// <summary>A JSON integer (no fraction, no exponent, no leading zero), after optional whitespace.</summary>
    private static bool TryScanInteger(ReadOnlySpan<byte> utf8, ref int pos, out long value)
    {
        value = 0;
        var p = pos;
        var negative = p < utf8.Length && utf8[p] == (byte)'-';
        if (negative)
        {
            p++;
        }

        var start = p;
        while (p < utf8.Length && (uint)(utf8[p] - '0') <= 9)
        {
            value = (value * 10) + (utf8[p] - '0');
            p++;
        }

        var digits = p - start;
        if (digits == 0 || digits > MaxIntegerDigits || (digits > 1 && utf8[start] == (byte)'0')
            || (p < utf8.Length && utf8[p] is (byte)'.' or (byte)'e' or (byte)'E'))
        {
            return false;
        }

        value = negative ? -value : value;
        pos = p;
        return true;
    }

    /// <summary>A property name without escapes: <c>"name"</c>, after optional whitespace.</summary>
    private static bool TryScanName(ReadOnlySpan<byte> utf8, ref int pos, out ReadOnlySpan<byte> name)
    {
        name = default;
        if (!Expect(utf8, ref pos, (byte)'"'))
        {
            return false;
        }

        var end = utf8[pos..].IndexOfAny((byte)'"', (byte)'\\');
        if (end < 0 || utf8[pos + end] != (byte)'"')
        {
            return false;
        }

        name = utf8.Slice(pos, end);
        pos += end + 1;
        return true;
    }

    /// <summary>A level's extra element: <c>"digits"</c> or bare digits, after optional whitespace.</summary>
    private static bool TrySkipDigits(ReadOnlySpan<byte> utf8, ref int pos)
    {
        SkipWhitespace(utf8, ref pos);
        var quoted = pos < utf8.Length && utf8[pos] == (byte)'"';
        var p = quoted ? pos + 1 : pos;
        var start = p;
        while (p < utf8.Length && (uint)(utf8[p] - '0') <= 9)
        {
            p++;
        }

        if (p == start || p == utf8.Length || (!quoted && p - start > 1 && utf8[start] == (byte)'0'))
        {
            return false;
        }

        if (quoted)
        {
            if (utf8[p] != (byte)'"')
            {
                return false;
            }

            p++;
        }
        else if (utf8[p] is (byte)'.' or (byte)'e' or (byte)'E')
        {
            return false;
        }

        pos = p;
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
