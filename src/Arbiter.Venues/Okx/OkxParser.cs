using System.Buffers.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues.Okx;

/// <summary>
/// Parses OKX v5 public WebSocket messages and REST order books straight from UTF-8 with <see cref="Utf8JsonReader"/>,
/// without allocating. Levels are <c>["px","sz","0","numOrders"]</c>, all strings; price and size are read exactly
/// (<see cref="DecimalText"/>, i.e. FixedPoint) and their spelling is kept (<see cref="OkxSpelling"/>) for the checksum.
/// </summary>
public static class OkxParser
{
    // A timestamp beyond year 5138 is garbage (and would overflow as microseconds).
    private const long MaxTimestampMillis = 100_000_000_000_000;
    private const int MaxDepth = 8;

    /// <summary>
    /// Parses one WebSocket message. For <see cref="OkxFrameKind.BookSnapshot"/> and <see cref="OkxFrameKind.BookUpdate"/>,
    /// <paramref name="book"/> holds the instrument, <see cref="MarketEvent.Sequence"/> = <c>seqId</c>,
    /// <see cref="MarketEvent.ExchangeTime"/> = <c>ts</c> in µs and the levels as sent (size 0 = delete),
    /// <paramref name="spellings"/> their spellings and <paramref name="header"/> <c>prevSeqId</c> and <c>checksum</c>.
    /// For <see cref="OkxFrameKind.Malformed"/>, <see cref="MarketEvent.Instrument"/> is set when the message could still be
    /// attributed to a watched symbol.
    /// </summary>
    public static OkxFrameKind ParseFrame(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> symbols, MarketEvent book, OkxLevelSpellings spellings, out OkxBookHeader header)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(spellings);
        book.Instrument = null;
        book.Sequence = 0;
        book.ExchangeTime = 0;
        book.Bids.Clear();
        book.Asks.Clear();
        spellings.Clear();
        header = default;
        if (utf8.SequenceEqual("pong"u8))
        {
            return OkxFrameKind.Pong;
        }

        var fields = default(OkxFrameFields);
        try
        {
            // Fast path: the reader up to the data object's first level array, then the rest scanned directly (see
            // OkxTailScanner); any other shape is parsed again on the reader alone, which has the final word.
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return OkxFrameKind.Malformed;
            }

            var read = ReadEnvelope(ref reader, symbols, book, spellings, ref fields, fast: true);
            if (read == OkxRead.FastTail
                && !OkxTailScanner.TryScan(utf8, (int)reader.BytesConsumed, reader.ValueTextEquals("asks"u8), book, spellings, book.Instrument!, ref fields))
            {
                read = OkxRead.Retry;
            }

            if (read == OkxRead.Retry)
            {
                book.Instrument = null;
                book.Bids.Clear();
                book.Asks.Clear();
                spellings.Clear();
                fields = default;
                reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
                reader.Read();
                read = ReadEnvelope(ref reader, symbols, book, spellings, ref fields, fast: false);
                if (read != OkxRead.Done || reader.Read())
                {
                    return OkxFrameKind.Malformed;
                }
            }
            else if (read == OkxRead.Malformed || (read == OkxRead.Done && reader.Read()))
            {
                return OkxFrameKind.Malformed;
            }

            var kind = Classify(utf8, book, spellings, ref fields);
            if (kind is OkxFrameKind.BookSnapshot or OkxFrameKind.BookUpdate)
            {
                book.Sequence = fields.SeqId;
                book.ExchangeTime = fields.Ts * 1000;
                header = new OkxBookHeader(fields.HasPrevSeqId ? fields.PrevSeqId : -1, fields.Checksum);
            }

            return kind;
        }
        catch (JsonException)
        {
            // Invalid JSON or UTF-8 (the reader reports these only by throwing): an expected, counted failure.
            return OkxFrameKind.Malformed;
        }
    }

    /// <summary>
    /// Parses a REST answer of <c>GET /api/v5/market/books</c>:
    /// <c>{"code":"0","msg":"","data":[{"asks":[[px,sz,"0",n]..],"bids":[..],"ts":"..","seqId":N}]}</c> into
    /// <paramref name="bids"/> and <paramref name="asks"/> (as sent, best first) with their spellings.
    /// </summary>
    public static OkxSnapshotStatus TryParseSnapshot(
        ReadOnlySpan<byte> body,
        Instrument instrument,
        LevelList bids,
        LevelList asks,
        OkxLevelSpellings spellings,
        out long seqId,
        out long exchangeTime)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(bids);
        ArgumentNullException.ThrowIfNull(asks);
        ArgumentNullException.ThrowIfNull(spellings);
        bids.Clear();
        asks.Clear();
        spellings.Clear();
        seqId = 0;
        exchangeTime = 0;
        var fields = default(OkxFrameFields);
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return OkxSnapshotStatus.Malformed;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("code"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        return OkxSnapshotStatus.Malformed;
                    }

                    fields.HasCode = true;
                    fields.CodeIsZero = reader.ValueTextEquals("0"u8);
                }
                else if (reader.ValueTextEquals("data"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                    {
                        return OkxSnapshotStatus.Malformed;
                    }

                    // An error answer carries an empty data array: judged by its code below.
                    if (!ReadData(ref reader, bids, asks, spellings, instrument, ref fields, allowEmpty: true))
                    {
                        return OkxSnapshotStatus.Malformed;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return OkxSnapshotStatus.Malformed;
            }
        }
        catch (JsonException)
        {
            return OkxSnapshotStatus.Malformed;
        }

        if (fields.HasCode && !fields.CodeIsZero)
        {
            return OkxSnapshotStatus.VenueError;
        }

        if (!fields.HasData || !fields.HasTs || !fields.HasAsks || !fields.HasBids)
        {
            return OkxSnapshotStatus.Malformed;
        }

        if (!fields.HasSeqId)
        {
            return OkxSnapshotStatus.NoSequence;
        }

        seqId = fields.SeqId;
        exchangeTime = fields.Ts * 1000;
        return OkxSnapshotStatus.Ok;
    }

    /// <summary>
    /// Reads the message's properties up to its end. With <paramref name="fast"/>, stops at the first property of the data
    /// object of a watched book when it is "asks" or "bids" (<see cref="OkxRead.FastTail"/>, the reader on that name), and
    /// asks for the slow path (<see cref="OkxRead.Retry"/>) when the data object starts otherwise.
    /// </summary>
    private static OkxRead ReadEnvelope(ref Utf8JsonReader reader, Utf8SymbolMap<Instrument> symbols, MarketEvent book, OkxLevelSpellings spellings, ref OkxFrameFields fields, bool fast)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return OkxRead.Done;
            }

            if (reader.ValueTextEquals("arg"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !ReadArg(ref reader, symbols, book, ref fields))
                {
                    return OkxRead.Malformed;
                }
            }
            else if (reader.ValueTextEquals("action"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return OkxRead.Malformed;
                }

                fields.Action = reader.ValueTextEquals("snapshot"u8) ? OkxAction.Snapshot
                    : reader.ValueTextEquals("update"u8) ? OkxAction.Update
                    : OkxAction.Other;
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    return OkxRead.Malformed;
                }

                if (fields.IsBooks && book.Instrument is { } known && !fields.UnknownSymbol)
                {
                    if (fast)
                    {
                        return reader.Read() && reader.TokenType == JsonTokenType.StartObject
                            && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && !reader.ValueIsEscaped
                            && (reader.ValueTextEquals("asks"u8) || reader.ValueTextEquals("bids"u8))
                                ? OkxRead.FastTail
                                : OkxRead.Retry;
                    }

                    if (!ReadData(ref reader, book.Bids, book.Asks, spellings, known, ref fields, allowEmpty: false))
                    {
                        return OkxRead.Malformed;
                    }
                }
                else
                {
                    fields.DataStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    fields.DataEnd = (int)reader.BytesConsumed;
                }
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return OkxRead.Malformed;
                }

                fields.Event = reader.ValueTextEquals("subscribe"u8) || reader.ValueTextEquals("unsubscribe"u8) ? OkxEvent.Ack
                    : reader.ValueTextEquals("error"u8) ? OkxEvent.Error
                    : OkxEvent.Other;
            }
            else
            {
                reader.Skip();
            }
        }

        return OkxRead.Malformed;
    }

    /// <summary>Reads <c>{"channel":"books","instId":"BTC-USDT"}</c>, the reader on its StartObject.</summary>
    private static bool ReadArg(ref Utf8JsonReader reader, Utf8SymbolMap<Instrument> symbols, MarketEvent book, ref OkxFrameFields fields)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            if (reader.ValueTextEquals("channel"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                fields.IsBooks = reader.ValueTextEquals("books"u8);
            }
            else if (reader.ValueTextEquals("instId"u8))
            {
                if (!SymbolToken.TryRead(ref reader, symbols, out var instrument))
                {
                    return false;
                }

                book.Instrument = instrument;
                fields.UnknownSymbol = instrument is null;
            }
            else
            {
                reader.Skip();
            }
        }

        return false;
    }

    private static OkxFrameKind Classify(ReadOnlySpan<byte> utf8, MarketEvent book, OkxLevelSpellings spellings, ref OkxFrameFields fields)
    {
        switch (fields.Event)
        {
            case OkxEvent.Error:
                return OkxFrameKind.VenueError;
            case OkxEvent.Ack:
                return OkxFrameKind.Ack;
            case OkxEvent.Other:
                return OkxFrameKind.Unknown;
        }

        if (!fields.IsBooks)
        {
            return OkxFrameKind.Unknown;
        }

        if (fields.UnknownSymbol)
        {
            return OkxFrameKind.UnknownSymbol;
        }

        var instrument = book.Instrument;
        if (instrument is null)
        {
            return OkxFrameKind.Malformed;
        }

        if (fields.DataEnd > 0)
        {
            // Slow path: "data" came before "arg".
            var reader = new Utf8JsonReader(utf8[fields.DataStart..fields.DataEnd], new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || !ReadData(ref reader, book.Bids, book.Asks, spellings, instrument, ref fields, allowEmpty: false))
            {
                return OkxFrameKind.Malformed;
            }
        }

        if (!fields.HasData || !fields.HasTs || !fields.HasSeqId)
        {
            return OkxFrameKind.Malformed;
        }

        return fields.Action switch
        {
            OkxAction.Snapshot => OkxFrameKind.BookSnapshot,
            OkxAction.Update when fields.HasPrevSeqId => OkxFrameKind.BookUpdate,
            _ => OkxFrameKind.Malformed,
        };
    }

    /// <summary>Reads <c>[{"asks":..,"bids":..,"ts":..,"checksum":..,"prevSeqId":..,"seqId":..}]</c>, the reader on its StartArray; exactly one object.</summary>
    private static bool ReadData(ref Utf8JsonReader reader, LevelList bids, LevelList asks, OkxLevelSpellings spellings, Instrument instrument, ref OkxFrameFields fields, bool allowEmpty)
    {
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return allowEmpty;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        fields.HasData = true;
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

            if (reader.ValueTextEquals("asks"u8))
            {
                if (fields.HasAsks || !ReadLevels(ref reader, asks, spellings.Asks, instrument))
                {
                    return false;
                }

                fields.HasAsks = true;
            }
            else if (reader.ValueTextEquals("bids"u8))
            {
                if (fields.HasBids || !ReadLevels(ref reader, bids, spellings.Bids, instrument))
                {
                    return false;
                }

                fields.HasBids = true;
            }
            else if (reader.ValueTextEquals("ts"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped
                    || !Utf8Parser.TryParse(reader.ValueSpan, out long ts, out var consumed) || consumed != reader.ValueSpan.Length
                    || ts < 0 || ts > MaxTimestampMillis)
                {
                    return false;
                }

                fields.Ts = ts;
                fields.HasTs = true;
            }
            else if (reader.ValueTextEquals("seqId"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out fields.SeqId) || fields.SeqId < 0)
                {
                    return false;
                }

                fields.HasSeqId = true;
            }
            else if (reader.ValueTextEquals("prevSeqId"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out fields.PrevSeqId) || fields.PrevSeqId < -1)
                {
                    return false;
                }

                fields.HasPrevSeqId = true;
            }
            else if (reader.ValueTextEquals("checksum"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out fields.Checksum))
                {
                    return false;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        // One object per push: OKX sends the book of one instrument per message.
        return reader.Read() && reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>Reads <c>[["px","sz","0","n"],...]</c>, the reader on the property name; prices must be positive.</summary>
    private static bool ReadLevels(ref Utf8JsonReader reader, LevelList levels, OkxSpellingList spellings, Instrument instrument)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var priceScale = instrument.PriceScale;
        var sizeScale = instrument.QuantityScale;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.StartArray
                || !ReadDecimal(ref reader, priceScale, out var price, out var priceDecimals) || price <= 0
                || !ReadDecimal(ref reader, sizeScale, out var size, out var sizeDecimals))
            {
                return false;
            }

            // The deprecated "0" and the order count: scalars, not used.
            while (true)
            {
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                {
                    return false;
                }
            }

            levels.Add(price, size);
            spellings.Add(priceDecimals, sizeDecimals);
        }

        return false;
    }

    private static bool ReadDecimal(ref Utf8JsonReader reader, int scale, out long units, out byte decimals)
    {
        units = 0;
        decimals = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped
            || !DecimalText.TryParse(reader.ValueSpan, scale, out units))
        {
            return false;
        }

        decimals = OkxSpelling.Of(reader.ValueSpan);
        return true;
    }
}
