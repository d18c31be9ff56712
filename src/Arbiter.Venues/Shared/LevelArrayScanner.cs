using System.Runtime.CompilerServices;
using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// The byte-level primitives of the fast-path level scanners (<see cref="LevelTailScanner"/>, Bybit's and Kraken's): a
/// literal or a property name after optional whitespace, a plain decimal (quoted string or bare JSON number) read
/// straight into fixed-point units, and a whole level array read into a <see cref="LevelList"/>. They accept only the
/// canonical shape: plain <c>digits[.digits]</c> with at most 12 integer digits and no non-zero digit below the scale,
/// and a value below 10^18 units. Anything else returns false, and the caller falls back to the
/// <see cref="System.Text.Json.Utf8JsonReader"/> + <see cref="FixedPoint"/> path, which has the final word.
/// </summary>
internal static class LevelArrayScanner
{
    /// <summary>
    /// From just after a property name (the reader may or may not have consumed its colon): the bid array, a comma,
    /// the quoted <paramref name="askName"/> and its colon, then the ask array, each level spelled as
    /// <typeparamref name="TLevel"/> says. Fails for an instrument whose scales FixedPoint does not allow.
    /// </summary>
    public static bool TryScanSides<TLevel>(ReadOnlySpan<byte> utf8, ref int pos, MarketEvent book, Instrument instrument, ReadOnlySpan<byte> askName)
        where TLevel : struct, ILevelSyntax
    {
        SkipWhitespace(utf8, ref pos);
        if (pos < utf8.Length && utf8[pos] == (byte)':')
        {
            pos++;
        }

        var priceScale = instrument.PriceScale;
        var quantityScale = instrument.QuantityScale;
        return (uint)priceScale <= FixedPoint.MaxScale && (uint)quantityScale <= FixedPoint.MaxScale
            && TryScanLevels<TLevel>(utf8, ref pos, book.Bids, priceScale, quantityScale)
            && Expect(utf8, ref pos, (byte)',')
            && ExpectName(utf8, ref pos, askName)
            && TryScanLevels<TLevel>(utf8, ref pos, book.Asks, priceScale, quantityScale);
    }

    /// <summary>A level array <c>[level,...]</c> after optional whitespace, each level added to <paramref name="levels"/>; prices must be positive.</summary>
    public static bool TryScanLevels<TLevel>(ReadOnlySpan<byte> utf8, ref int pos, LevelList levels, int priceScale, int quantityScale)
        where TLevel : struct, ILevelSyntax
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
            if (!TLevel.TryScanLevel(utf8, ref pos, priceScale, quantityScale, out var price, out var quantity))
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
    public static bool TryScanQuotedDecimal(ReadOnlySpan<byte> utf8, ref int pos, int scale, out long units)
    {
        units = 0;
        if (!Expect(utf8, ref pos, (byte)'"')
            || !TryScanPlainDecimal(utf8, pos, scale, rejectLeadingZero: false, out var end, out var value)
            || utf8[end] != (byte)'"')
        {
            return false;
        }

        units = value;
        pos = end + 1;
        return true;
    }

    /// <summary>
    /// An unquoted plain decimal (a JSON number without sign, exponent or leading zero), after optional whitespace, as
    /// units at <paramref name="scale"/>. It must end at a comma, a closing bracket or brace, or whitespace.
    /// </summary>
    public static bool TryScanNumberDecimal(ReadOnlySpan<byte> utf8, ref int pos, int scale, out long units)
    {
        units = 0;
        SkipWhitespace(utf8, ref pos);

        // An exponent or anything else that cannot end a number goes to the reader path.
        if (!TryScanPlainDecimal(utf8, pos, scale, rejectLeadingZero: true, out var end, out var value)
            || utf8[end] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
        {
            return false;
        }

        units = value;
        pos = end;
        return true;
    }

    /// <summary>Skips whitespace, then consumes the quoted <paramref name="name"/> and its colon.</summary>
    public static bool ExpectName(ReadOnlySpan<byte> utf8, ref int pos, ReadOnlySpan<byte> name)
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
    public static bool Expect(ReadOnlySpan<byte> utf8, ref int pos, byte expected)
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

    /// <summary>Whether nothing but whitespace is left from <paramref name="pos"/>.</summary>
    public static bool AtEnd(ReadOnlySpan<byte> utf8, int pos)
    {
        SkipWhitespace(utf8, ref pos);
        return pos == utf8.Length;
    }

    public static void SkipWhitespace(ReadOnlySpan<byte> utf8, ref int pos)
    {
        while (pos < utf8.Length && utf8[pos] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            pos++;
        }
    }

    /// <summary>
    /// <c>digits[.digits]</c> from <paramref name="pos"/> as units at <paramref name="scale"/> (at most
    /// <see cref="FixedPoint.MaxScale"/>); on success <paramref name="end"/> is the byte after it, always inside the input.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryScanPlainDecimal(ReadOnlySpan<byte> utf8, int pos, int scale, bool rejectLeadingZero, out int end, out long units)
    {
        units = 0;
        end = pos;
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

        // JSON allows no leading zero ("01") in a number; the reader path decides about such text.
        if (wholeDigits == 0 || wholeDigits > DecimalText.MaxWholeDigits || p == utf8.Length
            || (rejectLeadingZero && wholeDigits > 1 && utf8[pos] == (byte)'0'))
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
        var powers = DecimalText.Powers;
        if (whole >= powers[FixedPoint.MaxScale - scale])
        {
            return false;
        }

        units = (long)((whole * powers[scale]) + (fraction * powers[scale - fractionDigits]));
        end = p;
        return true;
    }
}

/// <summary>How one level of a level array is spelled; implemented by structs so that each use is compiled on its own.</summary>
internal interface ILevelSyntax
{
    /// <summary>One level, after optional whitespace: its price (which must be positive) and quantity as units at the given scales.</summary>
    static abstract bool TryScanLevel(ReadOnlySpan<byte> utf8, ref int pos, int priceScale, int quantityScale, out long price, out long quantity);
}

/// <summary>A level spelled <c>["price","qty"]</c> (Binance, Gate.io, Bybit).</summary>
internal readonly struct QuotedPairLevel : ILevelSyntax
{
    // Inlined into the TryScanLevels loop, as when the loop spelled the level itself.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryScanLevel(ReadOnlySpan<byte> utf8, ref int pos, int priceScale, int quantityScale, out long price, out long quantity)
    {
        price = 0;
        quantity = 0;
        return LevelArrayScanner.Expect(utf8, ref pos, (byte)'[')
            && LevelArrayScanner.TryScanQuotedDecimal(utf8, ref pos, priceScale, out price)
            && price > 0
            && LevelArrayScanner.Expect(utf8, ref pos, (byte)',')
            && LevelArrayScanner.TryScanQuotedDecimal(utf8, ref pos, quantityScale, out quantity)
            && LevelArrayScanner.Expect(utf8, ref pos, (byte)']');
    }
}
