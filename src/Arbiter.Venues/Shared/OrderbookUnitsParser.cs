using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// Parses Upbit-shaped WebSocket messages (DEFAULT format; Upbit and Bithumb's current API) straight from UTF-8 with
/// <see cref="Utf8JsonReader"/>, without allocating:
/// <c>{"type":"orderbook","code":"KRW-BTC","timestamp":..,"orderbook_units":[{"ask_price":..,"bid_price":..,"ask_size":..,"bid_size":..}],..}</c>.
/// Prices and sizes are JSON numbers (<c>137002000.0</c>, <c>0.106</c>, <c>1.0E-4</c>) read exactly from their digits
/// (<see cref="DecimalText"/>, i.e. FixedPoint), never through double.
/// </summary>
public static class OrderbookUnitsParser
{
    /// <summary>10^14 ms is the year 5138; no millisecond timestamp reaches it and no microsecond one (after 1973) is below it.</summary>
    private const long MillisecondsBelow = 100_000_000_000_000;

    /// <summary>10^17 µs, the year 5138 again.</summary>
    private const long MaxMicroseconds = 100_000_000_000_000_000;

    private const int MaxDepth = 8;

    /// <summary>The rest of a message after the fast path took its units is copied to the stack when it fits here.</summary>
    private const int MaxRestBytes = 512;
    private const int MaxTimestampDigits = 18;

    /// <summary>
    /// Parses one message. For <see cref="OrderbookUnitsFrameKind.Orderbook"/>, <paramref name="book"/> holds the instrument,
    /// <see cref="MarketEvent.Sequence"/> = the timestamp exactly as sent (an integer, ms or µs),
    /// <see cref="MarketEvent.ExchangeTime"/> = the timestamp in unix µs, and the levels best-first. A unit side whose size
    /// is 0 is skipped: Upbit and Bithumb pad a short side with price 0 and size 0, and Bithumb prints sizes below its
    /// fourth decimal as 0 at a live price. A positive size at price 0 is malformed. For
    /// <see cref="OrderbookUnitsFrameKind.Malformed"/>, <see cref="MarketEvent.Instrument"/> is set when the message could
    /// still be attributed to a watched market.
    /// </summary>
    public static OrderbookUnitsFrameKind ParseFrame(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> codes, MarketEvent book, OrderbookTimestampUnit timestamps)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(book);
        book.Instrument = null;
        book.Sequence = 0;
        book.ExchangeTime = 0;
        book.Bids.Clear();
        book.Asks.Clear();
        var fields = default(OrderbookUnitsFields);
        Span<byte> rest = stackalloc byte[MaxRestBytes];
        scoped var input = utf8;
        if (OrderbookUnitsScanner.TryScan(utf8, codes, book, out var start, out var end))
        {
            // The units are read; the reader checks everything else, with the array replaced by [].
            var length = utf8.Length - (end - start) + 2;
            if (length <= MaxRestBytes)
            {
                utf8[..start].CopyTo(rest);
                rest[start] = (byte)'[';
                rest[start + 1] = (byte)']';
                utf8[end..].CopyTo(rest[(start + 2)..]);
                input = rest[..length];
            }
            else
            {
                book.Bids.Clear();
                book.Asks.Clear();
            }
        }

        try
        {
            var reader = new Utf8JsonReader(input, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || !ReadObject(ref reader, codes, book, timestamps, ref fields)
                || reader.Read())
            {
                return OrderbookUnitsFrameKind.Malformed;
            }

            return Classify(input, book, ref fields);
        }
        catch (JsonException)
        {
            // Invalid JSON or UTF-8 (the reader reports these only by throwing): an expected, counted failure.
            return OrderbookUnitsFrameKind.Malformed;
        }
    }

    private static bool ReadObject(ref Utf8JsonReader reader, Utf8SymbolMap<Instrument> codes, MarketEvent book, OrderbookTimestampUnit timestamps, ref OrderbookUnitsFields fields)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            if (reader.ValueTextEquals("type"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                fields.IsOrderbook = reader.ValueTextEquals("orderbook"u8);
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                if (!SymbolToken.TryRead(ref reader, codes, out var instrument))
                {
                    return false;
                }

                book.Instrument = instrument ?? book.Instrument;
                fields.UnknownCode |= instrument is null;
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                if (!ReadTimestamp(ref reader, timestamps, ref fields))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("orderbook_units"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                fields.HasUnits = true;
                if (fields.IsOrderbook && book.Instrument is { } known)
                {
                    if (!ReadUnits(ref reader, book, known))
                    {
                        return false;
                    }
                }
                else
                {
                    fields.UnitsStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    fields.UnitsEnd = (int)reader.BytesConsumed;
                }
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                if (!reader.Read())
                {
                    return false;
                }

                fields.IsPong = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("UP"u8);
            }
            else
            {
                if (reader.ValueTextEquals("error"u8))
                {
                    fields.HasError = true;
                }

                reader.Skip();
            }
        }

        return false;
    }

    /// <summary>Reads the timestamp: a non-negative JSON integer, or (ms-or-µs venues) a string of digits.</summary>
    private static bool ReadTimestamp(ref Utf8JsonReader reader, OrderbookTimestampUnit unit, ref OrderbookUnitsFields fields)
    {
        if (!reader.Read())
        {
            return false;
        }

        long value;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetInt64(out value))
            {
                return false; // a fraction, an exponent or out of range
            }
        }
        else if (unit == OrderbookTimestampUnit.MillisecondsOrMicroseconds && reader.TokenType == JsonTokenType.String)
        {
            // ccxt's sample of Bithumb's orderbook quotes it: "timestamp":"1783657882348968".
            if (reader.ValueIsEscaped || !TryParseDigits(reader.ValueSpan, out value))
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        if (value < 0)
        {
            return false;
        }

        long micros;
        if (unit == OrderbookTimestampUnit.Milliseconds)
        {
            if (value > MillisecondsBelow)
            {
                return false;
            }

            micros = value * 1000;
        }
        else if (value < MillisecondsBelow)
        {
            micros = value * 1000;
        }
        else if (value <= MaxMicroseconds)
        {
            micros = value;
        }
        else
        {
            return false;
        }

        fields.Timestamp = value;
        fields.TimestampMicros = micros;
        fields.HasTimestamp = true;
        return true;
    }

    private static bool TryParseDigits(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.Length is 0 or > MaxTimestampDigits)
        {
            return false;
        }

        foreach (var c in text)
        {
            var d = (uint)(c - (byte)'0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }

    private static OrderbookUnitsFrameKind Classify(ReadOnlySpan<byte> utf8, MarketEvent book, ref OrderbookUnitsFields fields)
    {
        if (fields.HasError)
        {
            return OrderbookUnitsFrameKind.VenueError;
        }

        if (!fields.IsOrderbook)
        {
            return fields.IsPong ? OrderbookUnitsFrameKind.Pong : OrderbookUnitsFrameKind.Unknown;
        }

        if (fields.UnknownCode)
        {
            return OrderbookUnitsFrameKind.UnknownSymbol;
        }

        var instrument = book.Instrument;
        if (instrument is null || !fields.HasTimestamp || !fields.HasUnits)
        {
            return OrderbookUnitsFrameKind.Malformed;
        }

        if (fields.UnitsEnd > 0)
        {
            // Slow path: the units came before "type" or "code".
            var reader = new Utf8JsonReader(utf8[fields.UnitsStart..fields.UnitsEnd], new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || !ReadUnits(ref reader, book, instrument))
            {
                return OrderbookUnitsFrameKind.Malformed;
            }
        }

        book.Sequence = fields.Timestamp;
        book.ExchangeTime = fields.TimestampMicros;
        return OrderbookUnitsFrameKind.Orderbook;
    }

    /// <summary>Reads <c>[{"ask_price":..,"bid_price":..,"ask_size":..,"bid_size":..},...]</c>, the reader on its StartArray.</summary>
    private static bool ReadUnits(ref Utf8JsonReader reader, MarketEvent book, Instrument instrument)
    {
        var priceScale = instrument.PriceScale;
        var sizeScale = instrument.QuantityScale;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            long askPrice = -1, bidPrice = -1, askSize = -1, bidSize = -1;
            while (true)
            {
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                if (reader.ValueTextEquals("ask_price"u8))
                {
                    if (!ReadNumber(ref reader, priceScale, out askPrice))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("bid_price"u8))
                {
                    if (!ReadNumber(ref reader, priceScale, out bidPrice))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("ask_size"u8))
                {
                    if (!ReadNumber(ref reader, sizeScale, out askSize))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("bid_size"u8))
                {
                    if (!ReadNumber(ref reader, sizeScale, out bidSize))
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            if (askPrice < 0 || bidPrice < 0 || askSize < 0 || bidSize < 0
                || (askSize > 0 && askPrice == 0) || (bidSize > 0 && bidPrice == 0))
            {
                return false;
            }

            // The i-th unit pairs the i-th ask with the i-th bid; an empty side of a unit carries size 0.
            if (askSize > 0)
            {
                book.Asks.Add(askPrice, askSize);
            }

            if (bidSize > 0)
            {
                book.Bids.Add(bidPrice, bidSize);
            }
        }

        return false;
    }

    private static bool ReadNumber(ref Utf8JsonReader reader, int scale, out long units)
    {
        units = 0;
        return reader.Read()
            && reader.TokenType == JsonTokenType.Number
            && DecimalText.TryParse(reader.ValueSpan, scale, out units);
    }
}
