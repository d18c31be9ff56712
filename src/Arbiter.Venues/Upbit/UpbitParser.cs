using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues.Upbit;

/// <summary>
/// Parses Upbit WebSocket messages (DEFAULT format) straight from UTF-8 with <see cref="Utf8JsonReader"/>, without
/// allocating. Prices and sizes are JSON numbers (<c>137002000.0</c>, <c>0.106</c>, <c>1.0E-4</c>) read exactly from
/// their digits (<see cref="DecimalText"/>, i.e. FixedPoint), never through double.
/// </summary>
public static class UpbitParser
{
    private const long MaxTimestampMillis = 100_000_000_000_000;
    private const int MaxDepth = 8;

    /// <summary>
    /// Parses one message. For <see cref="UpbitFrameKind.Orderbook"/>, <paramref name="book"/> holds the instrument,
    /// <see cref="MarketEvent.Sequence"/> = timestamp (ms), <see cref="MarketEvent.ExchangeTime"/> = timestamp in µs and the
    /// levels best-first (units with a zero size are skipped). For <see cref="UpbitFrameKind.Malformed"/>,
    /// <see cref="MarketEvent.Instrument"/> is set when the message could still be attributed to a watched market.
    /// </summary>
    public static UpbitFrameKind ParseFrame(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> codes, MarketEvent book)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(book);
        book.Instrument = null;
        book.Sequence = 0;
        book.ExchangeTime = 0;
        book.Bids.Clear();
        book.Asks.Clear();
        var fields = default(UpbitFrameFields);
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || !ReadObject(ref reader, codes, book, ref fields)
                || reader.Read())
            {
                return UpbitFrameKind.Malformed;
            }

            return Classify(utf8, book, ref fields);
        }
        catch (JsonException)
        {
            // Invalid JSON or UTF-8 (the reader reports these only by throwing): an expected, counted failure.
            return UpbitFrameKind.Malformed;
        }
    }

    private static bool ReadObject(ref Utf8JsonReader reader, Utf8SymbolMap<Instrument> codes, MarketEvent book, ref UpbitFrameFields fields)
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
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number
                    || !reader.TryGetInt64(out fields.Timestamp) || fields.Timestamp < 0 || fields.Timestamp > MaxTimestampMillis)
                {
                    return false;
                }

                fields.HasTimestamp = true;
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

    private static UpbitFrameKind Classify(ReadOnlySpan<byte> utf8, MarketEvent book, ref UpbitFrameFields fields)
    {
        if (fields.HasError)
        {
            return UpbitFrameKind.VenueError;
        }

        if (!fields.IsOrderbook)
        {
            return fields.IsPong ? UpbitFrameKind.Pong : UpbitFrameKind.Unknown;
        }

        if (fields.UnknownCode)
        {
            return UpbitFrameKind.UnknownSymbol;
        }

        var instrument = book.Instrument;
        if (instrument is null || !fields.HasTimestamp || !fields.HasUnits)
        {
            return UpbitFrameKind.Malformed;
        }

        if (fields.UnitsEnd > 0)
        {
            // Slow path: the units came before "type" or "code".
            var reader = new Utf8JsonReader(utf8[fields.UnitsStart..fields.UnitsEnd], new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || !ReadUnits(ref reader, book, instrument))
            {
                return UpbitFrameKind.Malformed;
            }
        }

        book.Sequence = fields.Timestamp;
        book.ExchangeTime = fields.Timestamp * 1000;
        return UpbitFrameKind.Orderbook;
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
