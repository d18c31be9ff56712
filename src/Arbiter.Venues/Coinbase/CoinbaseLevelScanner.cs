using Arbiter.Core;

namespace Arbiter.Venues.Coinbase;

/// <summary>
/// The fast path for an l2_data <c>updates</c> array, the bulk of every message: scans
/// <c>{"side":"bid","event_time":"..","price_level":"..","new_quantity":".."},...</c> byte by byte instead of token by
/// token. It accepts only that canonical shape (Coinbase's own field order, no whitespace inside a level, unescaped
/// printable-ASCII <c>event_time</c>); the numbers go through the same <see cref="DecimalText"/> as on the reader path. On
/// anything else it returns false and <see cref="CoinbaseParser"/> reads the same array with the
/// <see cref="System.Text.Json.Utf8JsonReader"/>, which has the final word, so both paths accept the same messages and
/// give the same levels.
/// </summary>
internal static class CoinbaseLevelScanner
{
    /// <summary>
    /// Scans the levels from <paramref name="pos"/> (just after the array's <c>[</c>) into <paramref name="e"/>; on
    /// success <paramref name="end"/> is the position of the closing <c>]</c>.
    /// </summary>
    public static bool TryScan(ReadOnlySpan<byte> json, int pos, MarketEvent e, int priceScale, int quantityScale, bool snapshot, out int end)
    {
        end = 0;
        SkipWhitespace(json, ref pos);
        if (pos < json.Length && json[pos] == (byte)']')
        {
            end = pos;
            return true;
        }

        while (true)
        {
            if (!TryScanLevel(json, ref pos, e, priceScale, quantityScale, snapshot))
            {
                return false;
            }

            SkipWhitespace(json, ref pos);
            if (pos >= json.Length)
            {
                return false;
            }

            if (json[pos] == (byte)']')
            {
                end = pos;
                return true;
            }

            if (json[pos] != (byte)',')
            {
                return false;
            }

            pos++;
            SkipWhitespace(json, ref pos);
        }
    }

    private static bool TryScanLevel(ReadOnlySpan<byte> json, ref int pos, MarketEvent e, int priceScale, int quantityScale, bool snapshot)
    {
        if (!Literal(json, ref pos, "{\"side\":\""u8))
        {
            return false;
        }

        bool bid;
        if (Literal(json, ref pos, "bid\""u8))
        {
            bid = true;
        }
        else if (Literal(json, ref pos, "offer\""u8))
        {
            bid = false;
        }
        else
        {
            return false;
        }

        if (!Literal(json, ref pos, ",\"event_time\":\""u8) || !SkipPlainString(json, ref pos)
            || !Literal(json, ref pos, ",\"price_level\":\""u8) || !Decimal(json, ref pos, priceScale, out var price) || price <= 0
            || !Literal(json, ref pos, ",\"new_quantity\":\""u8) || !Decimal(json, ref pos, quantityScale, out var quantity)
            || !Literal(json, ref pos, "}"u8))
        {
            return false;
        }

        if (quantity != 0 || !snapshot)
        {
            (bid ? e.Bids : e.Asks).Add(price, quantity);
        }

        return true;
    }

    /// <summary>The rest of a string after its opening quote, up to and including the closing one; printable ASCII without escapes only.</summary>
    private static bool SkipPlainString(ReadOnlySpan<byte> json, ref int pos)
    {
        for (var i = pos; i < json.Length; i++)
        {
            var b = json[i];
            if (b == (byte)'"')
            {
                pos = i + 1;
                return true;
            }

            if (b < 0x20 || b > 0x7E || b == (byte)'\\')
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>A decimal string's content after its opening quote, then the closing quote.</summary>
    private static bool Decimal(ReadOnlySpan<byte> json, ref int pos, int scale, out long units)
    {
        units = 0;
        var length = json[pos..].IndexOf((byte)'"');
        if (length <= 0 || !DecimalText.TryParse(json.Slice(pos, length), scale, out units))
        {
            return false; // DecimalText accepts digits, '.' and an exponent only: escapes and control bytes fail here
        }

        pos += length + 1;
        return true;
    }

    private static bool Literal(ReadOnlySpan<byte> json, ref int pos, ReadOnlySpan<byte> literal)
    {
        if (!json[pos..].StartsWith(literal))
        {
            return false;
        }

        pos += literal.Length;
        return true;
    }

    private static void SkipWhitespace(ReadOnlySpan<byte> json, ref int pos)
    {
        while (pos < json.Length && json[pos] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            pos++;
        }
    }
}
