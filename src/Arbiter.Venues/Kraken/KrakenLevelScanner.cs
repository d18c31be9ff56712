using System.Runtime.CompilerServices;
using Arbiter.Core;
using static Arbiter.Venues.LevelArrayScanner;

namespace Arbiter.Venues.Kraken;

/// <summary>
/// The fast path for the bulk of a book message: from the bid array to the end, in the canonical shape Kraken sends,
/// <c>[{"price":0.5666,"qty":4831.75496356},..],"asks":[..],"checksum":N,"timestamp":"..."}]}</c>, scanned in one pass
/// instead of token by token. It accepts only plain numbers <c>digits[.digits]</c> (no sign, exponent or leading zero)
/// with at most 12 integer digits and no non-zero digit below the instrument's scale, and values below 10^18 units.
/// Anything else returns false and the caller re-parses the whole message on the <see cref="System.Text.Json.Utf8JsonReader"/>
/// + <see cref="FixedPoint"/> path, which has the final word; so both paths always agree on what they accept and on the values.
/// The level arrays are read by <see cref="LevelArrayScanner"/>.
/// </summary>
internal static class KrakenLevelScanner
{
    /// <summary>
    /// From <paramref name="pos"/> (just after the <c>"bids"</c> property name): the bid array, <c>"asks"</c>, <c>"checksum"</c>
    /// and <c>"timestamp"</c> in that order, then <c>}]}</c> and nothing but whitespace to the end.
    /// </summary>
    public static bool TryScanTail(ReadOnlySpan<byte> utf8, int pos, MarketEvent book, Instrument instrument, out uint checksum, out long timestamp)
    {
        checksum = 0;
        timestamp = 0;
        return TryScanSides<PriceQtyLevel>(utf8, ref pos, book, instrument, "\"asks\""u8)
            && Expect(utf8, ref pos, (byte)',') && ExpectName(utf8, ref pos, "\"checksum\""u8)
            && TryScanChecksum(utf8, ref pos, out checksum)
            && Expect(utf8, ref pos, (byte)',') && ExpectName(utf8, ref pos, "\"timestamp\""u8)
            && TryScanTimestamp(utf8, ref pos, out timestamp)
            && Expect(utf8, ref pos, (byte)'}') && Expect(utf8, ref pos, (byte)']') && Expect(utf8, ref pos, (byte)'}')
            && AtEnd(utf8, pos);
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

    /// <summary>A level spelled <c>{"price":p,"qty":q}</c> with bare JSON numbers.</summary>
    private readonly struct PriceQtyLevel : ILevelSyntax
    {
        // Inlined into the TryScanLevels loop, as when the loop spelled the level itself.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryScanLevel(ReadOnlySpan<byte> utf8, ref int pos, int priceScale, int quantityScale, out long price, out long quantity)
        {
            price = 0;
            quantity = 0;
            return Expect(utf8, ref pos, (byte)'{')
                && ExpectName(utf8, ref pos, "\"price\""u8)
                && TryScanNumberDecimal(utf8, ref pos, priceScale, out price) && price > 0
                && Expect(utf8, ref pos, (byte)',')
                && ExpectName(utf8, ref pos, "\"qty\""u8)
                && TryScanNumberDecimal(utf8, ref pos, quantityScale, out quantity)
                && Expect(utf8, ref pos, (byte)'}');
        }
    }
}
