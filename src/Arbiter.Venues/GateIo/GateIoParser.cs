using System.Text.Json;
using Arbiter.Core;
using static Arbiter.Venues.LevelArrayReader;

namespace Arbiter.Venues.GateIo;

/// <summary>
/// Parses Gate.io spot WebSocket v4 frames and the REST order book straight from UTF-8 with <see cref="Utf8JsonReader"/>:
/// no allocation per frame (allocation happens only on the exception path of invalid JSON). Frames are envelopes
/// <c>{"time":..,"time_ms":..,"channel":..,"event":..,"error":..,"result":..}</c>; a book frame's result is
/// <c>{"t":ms,"full":true?,"l":"100","s":"BTC_USDT","U":first,"u":last,"b":[["price","amount"]..],"a":[..]}</c>.
/// Prices and amounts are exact fixed-point at the instrument's scales; amount 0 means remove the level.
/// </summary>
public static class GateIoParser
{
    // A time beyond year 5138 is garbage (and would overflow as microseconds).
    private const long MaxTimeMillis = 100_000_000_000_000;
    private const int MaxDepth = 8;

    /// <summary>
    /// Parses one WebSocket frame. For <see cref="GateIoFrameKind.BookUpdate"/> and <see cref="GateIoFrameKind.BookSnapshot"/>,
    /// <paramref name="update"/> holds the instrument, <see cref="MarketEvent.Sequence"/> = <c>u</c>,
    /// <see cref="MarketEvent.ExchangeTime"/> = <c>t</c> in µs (0 when absent) and the levels as sent (amount 0 = remove),
    /// and <paramref name="firstUpdateId"/> = <c>U</c> (0 when a full book omits it). For <see cref="GateIoFrameKind.Malformed"/>,
    /// <see cref="MarketEvent.Instrument"/> is set when the frame could still be attributed to a watched pair.
    /// </summary>
    public static GateIoFrameKind ParseFrame(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> symbols, MarketEvent update, out long firstUpdateId)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(update);
        firstUpdateId = 0;
        var fields = default(GateIoFrameFields);
        GateIoFrameKind kind;
        try
        {
            // Clears update, then the fast path: the reader up to "b" of the result, then the level arrays scanned directly (see LevelTailScanner).
            var read = LevelTailScanner.ReadFrame<Frame, GateIoFrameFields>(utf8, symbols, update, ref fields);
            if (read == TailFrameRead.Malformed)
            {
                return GateIoFrameKind.Malformed;
            }

            kind = read != TailFrameRead.Scanned ? Classify(utf8, symbols, update, ref fields)
                : fields.Full ? GateIoFrameKind.BookSnapshot
                : GateIoFrameKind.BookUpdate;
        }
        catch (JsonException)
        {
            // Invalid JSON or UTF-8 (the reader reports these only by throwing): an expected, counted failure.
            return GateIoFrameKind.Malformed;
        }

        if (kind is GateIoFrameKind.BookUpdate or GateIoFrameKind.BookSnapshot)
        {
            firstUpdateId = fields.First;
            update.Sequence = fields.Last;
            update.ExchangeTime = fields.TimeMillis * 1000;
        }

        return kind;
    }

    /// <summary>
    /// Parses a REST book <c>GET /api/v4/spot/order_book?..&amp;with_id=true</c>: <c>{"id":..,"current":ms,"update":ms,
    /// "asks":[[p,a]..],"bids":[..]}</c> into <paramref name="bids"/> and <paramref name="asks"/> (best first, as sent; zero
    /// amounts skipped), <paramref name="updateId"/> = <c>id</c> and <paramref name="exchangeTime"/> = <c>update</c> (the time
    /// the book last changed, i.e. the time of the state at <c>id</c>) in µs, 0 when absent. False when anything is missing or invalid.
    /// </summary>
    public static bool TryParseSnapshot(ReadOnlySpan<byte> body, Instrument instrument, LevelList bids, LevelList asks, out long updateId, out long exchangeTime)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(bids);
        ArgumentNullException.ThrowIfNull(asks);
        bids.Clear();
        asks.Clear();
        updateId = 0;
        exchangeTime = 0;
        bool hasId = false, hasBids = false, hasAsks = false;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    if (!ReadId(ref reader, out updateId))
                    {
                        return false;
                    }

                    hasId = true;
                }
                else if (reader.ValueTextEquals("update"u8))
                {
                    if (!ReadId(ref reader, out var millis) || millis > MaxTimeMillis)
                    {
                        return false;
                    }

                    exchangeTime = millis * 1000;
                }
                else if (reader.ValueTextEquals("bids"u8))
                {
                    if (!reader.Read() || !ReadLevels(ref reader, bids, instrument, skipZero: true))
                    {
                        return false;
                    }

                    hasBids = true;
                }
                else if (reader.ValueTextEquals("asks"u8))
                {
                    if (!reader.Read() || !ReadLevels(ref reader, asks, instrument, skipZero: true))
                    {
                        return false;
                    }

                    hasAsks = true;
                }
                else
                {
                    reader.Skip();
                }
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() && hasId && hasBids && hasAsks;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads the envelope's properties up to its end, the reader on its StartObject. With <paramref name="fast"/>, stops at
    /// the bid array of a book result whose pair and ids are known (<see cref="ObjectRead.FastTail"/>, the reader on "b").
    /// </summary>
    private static ObjectRead ReadEnvelope(ref Utf8JsonReader reader, Utf8SymbolMap<Instrument> symbols, MarketEvent update, ref GateIoFrameFields fields, bool fast)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return ObjectRead.Done;
            }

            if (reader.ValueTextEquals("channel"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return ObjectRead.Malformed;
                }

                fields.IsBookChannel = reader.ValueTextEquals("spot.order_book_update"u8);
                fields.IsPong = reader.ValueTextEquals("spot.pong"u8);
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return ObjectRead.Malformed;
                }

                fields.IsUpdateEvent = reader.ValueTextEquals("update"u8);
                fields.IsSubscribe = reader.ValueTextEquals("subscribe"u8);
                fields.IsRequestEvent = fields.IsSubscribe || reader.ValueTextEquals("unsubscribe"u8);
            }
            else if (reader.ValueTextEquals("payload"u8))
            {
                if (!reader.Read())
                {
                    return ObjectRead.Malformed;
                }

                ReadPayload(ref reader, symbols, ref fields);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                if (!reader.Read())
                {
                    return ObjectRead.Malformed;
                }

                fields.HasError = reader.TokenType != JsonTokenType.Null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                if (!reader.Read())
                {
                    return ObjectRead.Malformed;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip(); // null (pong, errors) or a value of another channel
                    continue;
                }

                if (fields.HasResult)
                {
                    return ObjectRead.Malformed; // two results: which one would be the book?
                }

                fields.HasResult = true;
                if (fields.IsBookChannel && fields.IsUpdateEvent)
                {
                    var read = ReadResult(ref reader, symbols, update, ref fields, fast);
                    if (read != ObjectRead.Done)
                    {
                        return read;
                    }
                }
                else
                {
                    fields.ResultStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    fields.ResultEnd = (int)reader.BytesConsumed;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return ObjectRead.Malformed;
    }

    /// <summary>Reads a book frame's <c>result</c> object, the reader on its StartObject; see <see cref="ReadEnvelope"/> for <paramref name="fast"/>.</summary>
    private static ObjectRead ReadResult(ref Utf8JsonReader reader, Utf8SymbolMap<Instrument> symbols, MarketEvent update, ref GateIoFrameFields fields, bool fast)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return ObjectRead.Done;
            }

            if (reader.ValueIsEscaped || reader.ValueSpan.Length > 4)
            {
                reader.Skip(); // none of the fields used here has a long or escaped name
                continue;
            }

            var name = reader.ValueSpan;
            if (name.SequenceEqual("s"u8))
            {
                if (!SymbolToken.TryRead(ref reader, symbols, out var instrument))
                {
                    return ObjectRead.Malformed;
                }

                update.Instrument = instrument ?? update.Instrument;
                fields.UnknownSymbol |= instrument is null;
            }
            else if (name.SequenceEqual("u"u8))
            {
                if (!ReadId(ref reader, out fields.Last))
                {
                    return ObjectRead.Malformed;
                }

                fields.HasLast = true;
            }
            else if (name.SequenceEqual("U"u8))
            {
                if (!ReadId(ref reader, out fields.First))
                {
                    return ObjectRead.Malformed;
                }

                fields.HasFirst = true;
            }
            else if (name.SequenceEqual("t"u8))
            {
                if (!ReadId(ref reader, out fields.TimeMillis) || fields.TimeMillis > MaxTimeMillis)
                {
                    return ObjectRead.Malformed;
                }
            }
            else if (name.SequenceEqual("full"u8))
            {
                if (!reader.Read() || reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    return ObjectRead.Malformed;
                }

                fields.Full = reader.TokenType == JsonTokenType.True;
            }
            else if (name.SequenceEqual("b"u8))
            {
                if (fast && !fields.HasError && !fields.UnknownSymbol && update.Instrument is not null && fields.HasLast
                    && (fields.Full || (fields.HasFirst && fields.First <= fields.Last)))
                {
                    return ObjectRead.FastTail;
                }

                if (!reader.Read() || !ReadOrDefer(ref reader, update.Bids, update.Instrument, arrayRequired: false, ref fields.BadLevels, out fields.BidStart, out fields.BidEnd))
                {
                    return ObjectRead.Malformed;
                }
            }
            else if (name.SequenceEqual("a"u8))
            {
                if (!reader.Read() || !ReadOrDefer(ref reader, update.Asks, update.Instrument, arrayRequired: false, ref fields.BadLevels, out fields.AskStart, out fields.AskEnd))
                {
                    return ObjectRead.Malformed;
                }
            }
            else
            {
                reader.Skip(); // "l" (depth), "e" and the deprecated "E"
            }
        }

        return ObjectRead.Malformed;
    }

    private static GateIoFrameKind Classify(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> symbols, MarketEvent update, ref GateIoFrameFields fields)
    {
        if (fields.HasError)
        {
            if (fields.IsBookChannel && fields.IsSubscribe && fields.PayloadInstrument is { } refused)
            {
                update.Instrument = refused;
                return GateIoFrameKind.SubscribeRefused;
            }

            return GateIoFrameKind.VenueError;
        }

        if (fields.IsPong)
        {
            return GateIoFrameKind.Pong;
        }

        if (fields.IsRequestEvent)
        {
            update.Instrument = fields.IsBookChannel ? fields.PayloadInstrument : null;
            return GateIoFrameKind.Ack;
        }

        if (!fields.IsBookChannel || !fields.IsUpdateEvent)
        {
            return GateIoFrameKind.Unknown;
        }

        if (!fields.HasResult)
        {
            return GateIoFrameKind.Malformed;
        }

        if (fields.ResultEnd > 0)
        {
            // Slow path: the result came before "channel" or "event".
            var reader = new Utf8JsonReader(utf8[fields.ResultStart..fields.ResultEnd], new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || ReadResult(ref reader, symbols, update, ref fields, fast: false) != ObjectRead.Done)
            {
                return GateIoFrameKind.Malformed;
            }

            // Level ranges recorded inside the re-read result are relative to it.
            if (fields.BidEnd > 0)
            {
                fields.BidStart += fields.ResultStart;
                fields.BidEnd += fields.ResultStart;
            }

            if (fields.AskEnd > 0)
            {
                fields.AskStart += fields.ResultStart;
                fields.AskEnd += fields.ResultStart;
            }
        }

        if (fields.UnknownSymbol)
        {
            return GateIoFrameKind.UnknownSymbol;
        }

        var instrument = update.Instrument;
        if (instrument is null || fields.BadLevels || !fields.HasLast
            || (!fields.Full && (!fields.HasFirst || fields.First > fields.Last)))
        {
            return GateIoFrameKind.Malformed;
        }

        // Slow path: level arrays that came before "s".
        if (fields.BidEnd > 0 && !ReadDeferred(utf8[fields.BidStart..fields.BidEnd], update.Bids, instrument))
        {
            return GateIoFrameKind.Malformed;
        }

        if (fields.AskEnd > 0 && !ReadDeferred(utf8[fields.AskStart..fields.AskEnd], update.Asks, instrument))
        {
            return GateIoFrameKind.Malformed;
        }

        return fields.Full ? GateIoFrameKind.BookSnapshot : GateIoFrameKind.BookUpdate;
    }

    /// <summary>
    /// Reads a request reply's <c>payload</c>, the reader on its first token: when it is an array whose first item is a watched
    /// pair, notes that instrument. Anything else is skipped: the payload only echoes the request.
    /// </summary>
    private static void ReadPayload(ref Utf8JsonReader reader, Utf8SymbolMap<Instrument> symbols, ref GateIoFrameFields fields)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        var depth = reader.CurrentDepth;
        var first = true;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth))
        {
            if (first && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && symbols.TryGet(reader.ValueSpan, out var instrument))
            {
                fields.PayloadInstrument = instrument;
            }

            first = false;
            reader.Skip(); // a nested array or object as a whole; no-op on a value
        }
    }

    /// <summary>The frame's top-level object, for <see cref="LevelTailScanner.ReadFrame"/>.</summary>
    private readonly struct Frame : ILevelTailFrame<GateIoFrameFields>
    {
        public static ObjectRead ReadObject(ref Utf8JsonReader reader, Utf8SymbolMap<Instrument> symbols, MarketEvent update, ref GateIoFrameFields fields, bool fast)
            => ReadEnvelope(ref reader, symbols, update, ref fields, fast);

        public static int ClosingBraces(ref GateIoFrameFields fields) => 2;
    }
}
