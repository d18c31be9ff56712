using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues.Kraken;

/// <summary>
/// Parses Kraken WS v2 messages straight from UTF-8 with <see cref="Utf8JsonReader"/>, without allocating (allocation happens
/// only on the exception path of invalid JSON). Prices and quantities are JSON numbers at full precision
/// (<c>{"price":0.5666,"qty":4831.75496356}</c>), read exactly from their digits (<see cref="DecimalText"/>, i.e.
/// FixedPoint) at the instrument's scales, never through double.
/// </summary>
public static class KrakenParser
{
    private const int MaxDepth = 8;

    /// <summary>
    /// Parses one message. For <see cref="KrakenFrameKind.BookSnapshot"/> and <see cref="KrakenFrameKind.BookUpdate"/>,
    /// <paramref name="book"/> holds the instrument, <see cref="MarketEvent.Sequence"/> = <see cref="MarketEvent.ExchangeTime"/> =
    /// the message timestamp in unix µs, and the levels in message order (quantity 0 = remove), and
    /// <paramref name="checksum"/> is the venue's CRC-32 of its top 10 levels after this message. For
    /// <see cref="KrakenFrameKind.Malformed"/>, <see cref="MarketEvent.Instrument"/> is set when the message could still be
    /// attributed to a watched symbol.
    /// </summary>
    public static KrakenFrameKind ParseFrame(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> symbols, MarketEvent book, out uint checksum) =>
        ParseFrame(utf8, symbols, book, out checksum, out _);

    /// <summary>
    /// As <see cref="ParseFrame(ReadOnlySpan{byte}, Utf8SymbolMap{Instrument}, MarketEvent, out uint)"/>, and the answer's
    /// integer <c>req_id</c> (<see cref="KrakenFrameKind.Ack"/>, <see cref="KrakenFrameKind.Pong"/>,
    /// <see cref="KrakenFrameKind.VenueError"/>), or null when it has none.
    /// </summary>
    public static KrakenFrameKind ParseFrame(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> symbols, MarketEvent book, out uint checksum, out long? requestId)
    {
        requestId = null;
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(book);
        book.Instrument = null;
        book.Sequence = 0;
        book.ExchangeTime = 0;
        book.Bids.Clear();
        book.Asks.Clear();
        checksum = 0;
        var fields = default(KrakenFrameFields);
        try
        {
            // Fast path: the reader up to "bids", then the rest scanned directly (see KrakenLevelScanner).
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return KrakenFrameKind.Malformed;
            }

            var read = ReadMessage(ref reader, utf8, symbols, book, ref fields, fast: true);
            KrakenFrameKind kind;
            if (read == KrakenRead.FastTail
                && KrakenLevelScanner.TryScanTail(utf8, (int)reader.BytesConsumed, book, book.Instrument!, out fields.Checksum, out fields.Timestamp))
            {
                kind = fields.IsSnapshot ? KrakenFrameKind.BookSnapshot : KrakenFrameKind.BookUpdate;
            }
            else
            {
                if (read == KrakenRead.FastTail)
                {
                    // Not the canonical shape: start again on the reader alone, which has the final word.
                    book.Instrument = null;
                    book.Bids.Clear();
                    book.Asks.Clear();
                    fields = default;
                    reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
                    reader.Read();
                    read = ReadMessage(ref reader, utf8, symbols, book, ref fields, fast: false);
                }

                if (read != KrakenRead.Done || reader.Read())
                {
                    return KrakenFrameKind.Malformed;
                }

                kind = Classify(utf8, symbols, book, ref fields);
            }

            if (kind is KrakenFrameKind.BookSnapshot or KrakenFrameKind.BookUpdate)
            {
                checksum = fields.Checksum;
                book.Sequence = fields.Timestamp;
                book.ExchangeTime = fields.Timestamp;
            }
            else if (fields.HasRequestId)
            {
                requestId = fields.RequestId;
            }

            return kind;
        }
        catch (JsonException)
        {
            // Invalid JSON or UTF-8 (the reader reports these only by throwing): an expected, counted failure.
            return KrakenFrameKind.Malformed;
        }
    }

    /// <summary>Reads the top-level properties up to the closing brace.</summary>
    private static KrakenRead ReadMessage(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> symbols, MarketEvent book, ref KrakenFrameFields fields, bool fast)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return KrakenRead.Done;
            }

            if (reader.ValueTextEquals("channel"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return KrakenRead.Malformed;
                }

                fields.Channel = reader.ValueTextEquals("book"u8) ? KrakenChannel.Book
                    : reader.ValueTextEquals("heartbeat"u8) ? KrakenChannel.Heartbeat
                    : reader.ValueTextEquals("status"u8) ? KrakenChannel.Status
                    : KrakenChannel.Other;
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return KrakenRead.Malformed;
                }

                fields.IsSnapshot = reader.ValueTextEquals("snapshot"u8);
                fields.IsUpdate = reader.ValueTextEquals("update"u8);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                if (!reader.Read())
                {
                    return KrakenRead.Malformed;
                }

                if (fields.Channel == KrakenChannel.Book && (fields.IsSnapshot || fields.IsUpdate))
                {
                    var read = ReadData(ref reader, utf8, symbols, book, ref fields, fast && !fields.IsRequestAnswer && !fields.HasSuccess && !fields.HasError);
                    if (read != KrakenRead.Done)
                    {
                        return read;
                    }
                }
                else
                {
                    // Not (yet) known to be a book message: keep the range, decide at the end.
                    fields.DataStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    fields.DataEnd = (int)reader.BytesConsumed;
                }
            }
            else if (reader.ValueTextEquals("method"u8))
            {
                if (!reader.Read())
                {
                    return KrakenRead.Malformed;
                }

                fields.IsRequestAnswer = true;
                fields.IsPong = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("pong"u8);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("success"u8))
            {
                if (!reader.Read() || reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    return KrakenRead.Malformed;
                }

                fields.HasSuccess = true;
                fields.Success = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("req_id"u8))
            {
                if (!reader.Read())
                {
                    return KrakenRead.Malformed;
                }

                // Kraken echoes the client's integer; anything else is not ours and is left alone.
                fields.HasRequestId = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out fields.RequestId);
                reader.Skip();
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

        return KrakenRead.Malformed;
    }

    private static KrakenFrameKind Classify(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> symbols, MarketEvent book, ref KrakenFrameFields fields)
    {
        if (fields.HasError || (fields.HasSuccess && !fields.Success))
        {
            return KrakenFrameKind.VenueError;
        }

        if (fields.IsRequestAnswer)
        {
            return fields.IsPong ? KrakenFrameKind.Pong : fields.HasSuccess ? KrakenFrameKind.Ack : KrakenFrameKind.Unknown;
        }

        switch (fields.Channel)
        {
            case KrakenChannel.Heartbeat:
                return KrakenFrameKind.Heartbeat;
            case KrakenChannel.Status:
                return KrakenFrameKind.Status;
            case KrakenChannel.Book when fields.IsSnapshot || fields.IsUpdate:
                break;
            default:
                return KrakenFrameKind.Unknown;
        }

        if (fields.DataEnd > 0)
        {
            // Slow path: "data" came before "channel" or "type".
            var data = utf8[fields.DataStart..fields.DataEnd];
            var reader = new Utf8JsonReader(data, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || ReadData(ref reader, data, symbols, book, ref fields, fast: false) != KrakenRead.Done)
            {
                return KrakenFrameKind.Malformed;
            }
        }

        if (!fields.HasData)
        {
            return KrakenFrameKind.Malformed;
        }

        if (fields.UnknownSymbol)
        {
            return KrakenFrameKind.UnknownSymbol;
        }

        return book.Instrument is null || !fields.HasChecksum || !fields.HasTimestamp
            ? KrakenFrameKind.Malformed
            : fields.IsSnapshot ? KrakenFrameKind.BookSnapshot : KrakenFrameKind.BookUpdate;
    }

    /// <summary>
    /// Reads <c>[{"symbol":..,"bids":[..],"asks":[..],"checksum":..,"timestamp":..}]</c>, the reader on its StartArray.
    /// Kraken documents the book element as "always the first and only item": anything else is malformed. With
    /// <paramref name="fast"/>, stops at the bid array of a watched symbol (<see cref="KrakenRead.FastTail"/>).
    /// </summary>
    private static KrakenRead ReadData(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, Utf8SymbolMap<Instrument> symbols, MarketEvent book, ref KrakenFrameFields fields, bool fast)
    {
        if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return KrakenRead.Malformed;
        }

        fields.HasData = true;
        while (true)
        {
            if (!reader.Read())
            {
                return KrakenRead.Malformed;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (reader.ValueTextEquals("symbol"u8))
            {
                if (!SymbolToken.TryRead(ref reader, symbols, out var instrument))
                {
                    return KrakenRead.Malformed;
                }

                book.Instrument = instrument;
                fields.UnknownSymbol = instrument is null;
            }
            else if (reader.ValueTextEquals("bids"u8))
            {
                if (fast && book.Instrument is not null && !fields.HasChecksum && !fields.HasTimestamp && fields.AsksEnd == 0 && book.Asks.Count == 0)
                {
                    return KrakenRead.FastTail; // the reader on the "bids" name; the caller scans the rest
                }

                if (!ReadOrDeferLevels(ref reader, book.Bids, book.Instrument, fields.UnknownSymbol, out fields.BidsStart, out fields.BidsEnd))
                {
                    return KrakenRead.Malformed;
                }
            }
            else if (reader.ValueTextEquals("asks"u8))
            {
                if (!ReadOrDeferLevels(ref reader, book.Asks, book.Instrument, fields.UnknownSymbol, out fields.AsksStart, out fields.AsksEnd))
                {
                    return KrakenRead.Malformed;
                }
            }
            else if (reader.ValueTextEquals("checksum"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetUInt32(out fields.Checksum))
                {
                    return KrakenRead.Malformed;
                }

                fields.HasChecksum = true;
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped
                    || !KrakenTimestamp.TryParse(reader.ValueSpan, out fields.Timestamp))
                {
                    return KrakenRead.Malformed;
                }

                fields.HasTimestamp = true;
            }
            else
            {
                reader.Skip();
            }
        }

        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            return KrakenRead.Malformed;
        }

        // Slow path: level arrays that came before "symbol".
        if (book.Instrument is { } known && !fields.UnknownSymbol)
        {
            if ((fields.BidsEnd > 0 && !ReadDeferred(source[fields.BidsStart..fields.BidsEnd], book.Bids, known))
                || (fields.AsksEnd > 0 && !ReadDeferred(source[fields.AsksStart..fields.AsksEnd], book.Asks, known)))
            {
                return KrakenRead.Malformed;
            }
        }

        fields.BidsEnd = 0;
        fields.AsksEnd = 0;
        return KrakenRead.Done;
    }

    private static bool ReadOrDeferLevels(ref Utf8JsonReader reader, LevelList levels, Instrument? instrument, bool unknownSymbol, out int start, out int end)
    {
        start = 0;
        end = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        if (instrument is not null)
        {
            return ReadLevels(ref reader, levels, instrument);
        }

        start = (int)reader.TokenStartIndex;
        reader.Skip();
        end = unknownSymbol ? 0 : (int)reader.BytesConsumed; // an unwatched symbol's levels are never read
        return true;
    }

    private static bool ReadDeferred(ReadOnlySpan<byte> array, LevelList levels, Instrument instrument)
    {
        var reader = new Utf8JsonReader(array, new JsonReaderOptions { MaxDepth = MaxDepth });
        return reader.Read() && ReadLevels(ref reader, levels, instrument);
    }

    /// <summary>Reads <c>[{"price":..,"qty":..},...]</c>, the reader on its StartArray; prices must be positive.</summary>
    private static bool ReadLevels(ref Utf8JsonReader reader, LevelList levels, Instrument instrument)
    {
        var priceScale = instrument.PriceScale;
        var quantityScale = instrument.QuantityScale;
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

            long price = -1, quantity = -1;
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

                if (reader.ValueTextEquals("price"u8))
                {
                    if (!ReadNumber(ref reader, priceScale, out price))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("qty"u8))
                {
                    if (!ReadNumber(ref reader, quantityScale, out quantity))
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            if (price <= 0 || quantity < 0)
            {
                return false;
            }

            levels.Add(price, quantity);
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
