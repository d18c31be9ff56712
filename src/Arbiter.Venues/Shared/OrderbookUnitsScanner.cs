using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// The fast path of <see cref="OrderbookUnitsParser"/> for the layout Upbit and Bithumb actually send: a message that
/// starts <c>{"type":"orderbook","code":"KRW-BTC"</c> and whose <c>"orderbook_units"</c> array holds units written
/// <c>{"ask_price":N,"bid_price":N,"ask_size":N,"bid_size":N}</c> in that order, with no whitespace. It reads the units
/// (the bulk of the message) by hand; the parser then runs its JSON reader over the rest of the message with the array
/// replaced by <c>[]</c>, so every other rule (and the validation of all other bytes) stays the reader's. Anything else
/// (another order, an escape, a number the fast path does not take) returns false with nothing added, and the reader
/// reads the whole message: the result is always the reader's.
/// </summary>
internal static class OrderbookUnitsScanner
{
    private static ReadOnlySpan<byte> Prefix => "{\"type\":\"orderbook\",\"code\":\""u8;

    private static ReadOnlySpan<byte> UnitsKey => ",\"orderbook_units\":["u8;

    private static ReadOnlySpan<byte> AskPrice => "{\"ask_price\":"u8;

    private static ReadOnlySpan<byte> BidPrice => ",\"bid_price\":"u8;

    private static ReadOnlySpan<byte> AskSize => ",\"ask_size\":"u8;

    private static ReadOnlySpan<byte> BidSize => ",\"bid_size\":"u8;

    /// <summary>
    /// Reads the units into <paramref name="book"/> (asks and bids, size-0 sides skipped as the reader does) and returns
    /// the array's bounds: <paramref name="start"/> at its '[' and <paramref name="end"/> just past its ']'.
    /// </summary>
    public static bool TryScan(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> codes, MarketEvent book, out int start, out int end)
    {
        start = end = 0;
        if (!utf8.StartsWith(Prefix))
        {
            return false;
        }

        var codeEnd = utf8[Prefix.Length..].IndexOfAny((byte)'"', (byte)'\\');
        if (codeEnd <= 0 || utf8[Prefix.Length + codeEnd] != (byte)'"'
            || !codes.TryGet(utf8.Slice(Prefix.Length, codeEnd), out var instrument) || instrument is null)
        {
            return false;
        }

        var afterCode = Prefix.Length + codeEnd + 1;
        var key = utf8[afterCode..].IndexOf(UnitsKey);
        if (key < 0)
        {
            return false;
        }

        start = afterCode + key + UnitsKey.Length - 1;
        var i = start + 1;
        if (ScanUnits(utf8, ref i, book, instrument.PriceScale, instrument.QuantityScale))
        {
            end = i;
            return true;
        }

        book.Bids.Clear();
        book.Asks.Clear();
        return false;
    }

    private static bool ScanUnits(ReadOnlySpan<byte> s, ref int i, MarketEvent book, int priceScale, int sizeScale)
    {
        if (i < s.Length && s[i] == (byte)']')
        {
            i++;
            return true;
        }

        while (true)
        {
            if (!Expect(s, ref i, AskPrice) || !Number(s, ref i, priceScale, out var askPrice)
                || !Expect(s, ref i, BidPrice) || !Number(s, ref i, priceScale, out var bidPrice)
                || !Expect(s, ref i, AskSize) || !Number(s, ref i, sizeScale, out var askSize)
                || !Expect(s, ref i, BidSize) || !Number(s, ref i, sizeScale, out var bidSize)
                || i + 1 >= s.Length || s[i] != (byte)'}')
            {
                return false;
            }

            if ((askSize > 0 && askPrice == 0) || (bidSize > 0 && bidPrice == 0))
            {
                return false; // the reader's rule: a size at price 0 is malformed — let it say so
            }

            if (askSize > 0)
            {
                book.Asks.Add(askPrice, askSize);
            }

            if (bidSize > 0)
            {
                book.Bids.Add(bidPrice, bidSize);
            }

            var next = s[i + 1];
            i += 2;
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

    private static bool Expect(ReadOnlySpan<byte> s, ref int i, ReadOnlySpan<byte> literal)
    {
        if (!s[i..].StartsWith(literal))
        {
            return false;
        }

        i += literal.Length;
        return true;
    }

    /// <summary>A JSON number without a sign (<c>0</c> or <c>[1-9][0-9]*</c>, optional fraction and exponent), read exactly at <paramref name="scale"/>.</summary>
    private static bool Number(ReadOnlySpan<byte> s, ref int i, int scale, out long units)
    {
        units = 0;
        var begin = i;
        if (i >= s.Length || !char.IsAsciiDigit((char)s[i]))
        {
            return false;
        }

        if (s[i] == (byte)'0' && i + 1 < s.Length && char.IsAsciiDigit((char)s[i + 1]))
        {
            return false; // a leading zero is not JSON
        }

        while (i < s.Length && char.IsAsciiDigit((char)s[i]))
        {
            i++;
        }

        if (i < s.Length && s[i] == (byte)'.')
        {
            i++;
            if (!Digits(s, ref i))
            {
                return false;
            }
        }

        if (i < s.Length && (s[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (!Digits(s, ref i))
            {
                return false;
            }
        }

        return DecimalText.TryParse(s[begin..i], scale, out units);
    }

    private static bool Digits(ReadOnlySpan<byte> s, ref int i)
    {
        var begin = i;
        while (i < s.Length && char.IsAsciiDigit((char)s[i]))
        {
            i++;
        }

        return i > begin;
    }
}
