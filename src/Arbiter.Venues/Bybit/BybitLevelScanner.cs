using Arbiter.Core;
using static Arbiter.Venues.LevelArrayScanner;

namespace Arbiter.Venues.Bybit;

/// <summary>
/// The fast path for the rest of a book message from its bid array on, the bulk of every frame. It accepts only the
/// canonical shape Bybit sends, <c>"b":[["p","q"],..],"a":[..],"u":N,"seq":N},"cts":N}</c> (u/seq in either order, cts
/// optional), with unescaped strings of plain <c>digits[.digits]</c> (at most 12 integer digits, no non-zero digit below
/// the instrument's scale, value below 10^18 units) and plain non-negative integers. Anything else returns false and the
/// caller re-parses the whole message on the <see cref="System.Text.Json.Utf8JsonReader"/> path, which has the final word;
/// so both paths always agree on what they accept and on the values. The level arrays are read by <see cref="LevelArrayScanner"/>.
/// </summary>
internal static class BybitLevelScanner
{
    private const int MaxIntegerDigits = 18;

    /// <summary>From <paramref name="pos"/> (just after the <c>"b"</c> property name inside <c>data</c>) to the end of the message.</summary>
    public static bool TryScanTail(ReadOnlySpan<byte> utf8, int pos, MarketEvent book, Instrument instrument, ref BybitFrameFields fields)
    {
        if (!TryScanSides<QuotedPairLevel>(utf8, ref pos, book, instrument, "\"a\""u8))
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

        return Expect(utf8, ref pos, (byte)'}') && AtEnd(utf8, pos);
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
}
