using System.Text.Json;
using Arbiter.Core;
using static Arbiter.Venues.LevelArrayReader;

namespace Arbiter.Venues.Binance;

/// <summary>
/// Parses Binance frames straight from UTF-8 with <see cref="Utf8JsonReader"/>: no allocation per frame (allocation
/// happens only on the exception path of invalid JSON). Accepts the raw <c>depthUpdate</c>, the combined-stream wrapper
/// <c>{"stream":..,"data":{..}}</c>, replies and errors. Prices and quantities are exact fixed-point at the instrument's scales.
/// </summary>
public static class BinanceParser
{
    // An event time beyond year 5138 is garbage (and would overflow as microseconds).
    private const long MaxEventTimeMillis = 100_000_000_000_000;
    private const int MaxDepth = 8;

    /// <summary>
    /// Parses one WebSocket frame. For <see cref="BinanceFrameKind.Depth"/>, <paramref name="update"/> holds the instrument,
    /// <see cref="MarketEvent.Sequence"/> = <c>u</c>, <see cref="MarketEvent.ExchangeTime"/> = <c>E</c> in µs and the levels
    /// (quantity 0 = remove), and <paramref name="firstUpdateId"/> = <c>U</c>. For <see cref="BinanceFrameKind.Malformed"/>,
    /// <see cref="MarketEvent.Instrument"/> is set when the frame could still be attributed to a watched symbol.
    /// </summary>
    public static BinanceFrameKind ParseFrame(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> symbols, MarketEvent update, out long firstUpdateId)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(update);
        firstUpdateId = 0;
        var fields = default(BinanceFrameFields);
        BinanceFrameKind kind;
        try
        {
            // Clears update, then the fast path: the reader up to "b", then the level arrays scanned directly (see LevelTailScanner).
            var read = LevelTailScanner.ReadFrame<Frame, BinanceFrameFields>(utf8, symbols, update, ref fields);
            if (read == TailFrameRead.Malformed)
            {
                return BinanceFrameKind.Malformed;
            }

            kind = read == TailFrameRead.Scanned ? BinanceFrameKind.Depth : Classify(utf8, update, ref fields);
        }
        catch (JsonException)
        {
            // Invalid JSON or UTF-8 (the reader reports these only by throwing): an expected, counted failure.
            return BinanceFrameKind.Malformed;
        }

        if (kind == BinanceFrameKind.Depth)
        {
            firstUpdateId = fields.First;
            update.Sequence = fields.Last;
            update.ExchangeTime = fields.EventTime * 1000;
        }

        return kind;
    }

    /// <summary>
    /// Parses a REST depth snapshot <c>{"lastUpdateId":..,"bids":[[p,q]..],"asks":[..]}</c> into <paramref name="bids"/> and
    /// <paramref name="asks"/> (best first, as sent; zero quantities skipped). False when anything is missing or invalid.
    /// </summary>
    public static bool TryParseSnapshot(ReadOnlySpan<byte> body, Instrument instrument, LevelList bids, LevelList asks, out long lastUpdateId)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(bids);
        ArgumentNullException.ThrowIfNull(asks);
        bids.Clear();
        asks.Clear();
        lastUpdateId = 0;
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
                if (reader.ValueTextEquals("lastUpdateId"u8))
                {
                    if (!ReadId(ref reader, out lastUpdateId))
                    {
                        return false;
                    }

                    hasId = true;
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
    /// Reads the properties of an object up to its end. With <paramref name="fast"/>, stops at the bid array of a
    /// depthUpdate whose symbol and ids are known (<see cref="ObjectRead.FastTail"/>, the reader on the "b" name).
    /// </summary>
    private static ObjectRead ReadObject(ref Utf8JsonReader reader, Utf8SymbolMap<Instrument> symbols, MarketEvent update, ref BinanceFrameFields fields, int depth, bool fast)
    {
        fields.Depth = depth;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return ObjectRead.Done;
            }

            switch (Identify(ref reader))
            {
                case BinanceProperty.EventType:
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        return ObjectRead.Malformed;
                    }

                    fields.HasEventType = true;
                    fields.IsDepthUpdate = reader.ValueTextEquals("depthUpdate"u8);
                    fields.IsShutdown = reader.ValueTextEquals("serverShutdown"u8);
                    break;
                case BinanceProperty.EventTime:
                    if (!ReadId(ref reader, out fields.EventTime) || fields.EventTime > MaxEventTimeMillis)
                    {
                        return ObjectRead.Malformed;
                    }

                    break;
                case BinanceProperty.Symbol:
                    if (!ReadSymbol(ref reader, symbols, update, ref fields))
                    {
                        return ObjectRead.Malformed;
                    }

                    break;
                case BinanceProperty.FirstUpdateId:
                    if (!ReadId(ref reader, out fields.First))
                    {
                        return ObjectRead.Malformed;
                    }

                    fields.HasFirst = true;
                    break;
                case BinanceProperty.FinalUpdateId:
                    if (!ReadId(ref reader, out fields.Last))
                    {
                        return ObjectRead.Malformed;
                    }

                    fields.HasLast = true;
                    break;
                case BinanceProperty.Bids:
                    if (fast && fields.IsDepthUpdate && fields.HasFirst && fields.HasLast && fields.First <= fields.Last && update.Instrument is not null)
                    {
                        return ObjectRead.FastTail;
                    }

                    // Other events (bookTicker) use "b"/"a" for strings: only a depthUpdate must have arrays there, and only
                    // a depthUpdate's levels are read on the spot.
                    if (!reader.Read() || !ReadOrDefer(ref reader, update.Bids, fields.IsDepthUpdate ? update.Instrument : null, arrayRequired: fields.IsDepthUpdate, ref fields.BadLevels, out fields.BidStart, out fields.BidEnd))
                    {
                        return ObjectRead.Malformed;
                    }

                    break;
                case BinanceProperty.Asks:
                    if (!reader.Read() || !ReadOrDefer(ref reader, update.Asks, fields.IsDepthUpdate ? update.Instrument : null, arrayRequired: fields.IsDepthUpdate, ref fields.BadLevels, out fields.AskStart, out fields.AskEnd))
                    {
                        return ObjectRead.Malformed;
                    }

                    break;
                case BinanceProperty.Data when depth == 1:
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                    {
                        return ObjectRead.Malformed;
                    }

                    var inner = ReadObject(ref reader, symbols, update, ref fields, depth: 2, fast);
                    if (inner != ObjectRead.Done)
                    {
                        return inner;
                    }

                    fields.Depth = depth;
                    break;
                case BinanceProperty.Result:
                    fields.HasResult = true;
                    reader.Skip();
                    break;
                case BinanceProperty.Id:
                    fields.HasId = true;
                    reader.Skip();
                    break;
                case BinanceProperty.Error:
                    fields.HasError = true;
                    reader.Skip();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return ObjectRead.Malformed;
    }

    /// <summary>Which property the reader is on: by length and first byte for the usual unescaped names, else by full comparison.</summary>
    private static BinanceProperty Identify(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            var name = reader.ValueSpan;
            if (name.Length == 1)
            {
                return name[0] switch
                {
                    (byte)'e' => BinanceProperty.EventType,
                    (byte)'E' => BinanceProperty.EventTime,
                    (byte)'s' => BinanceProperty.Symbol,
                    (byte)'U' => BinanceProperty.FirstUpdateId,
                    (byte)'u' => BinanceProperty.FinalUpdateId,
                    (byte)'b' => BinanceProperty.Bids,
                    (byte)'a' => BinanceProperty.Asks,
                    _ => BinanceProperty.Other,
                };
            }

            if (name.Length > 6)
            {
                return BinanceProperty.Other;
            }
        }

        return reader.ValueTextEquals("e"u8) ? BinanceProperty.EventType
            : reader.ValueTextEquals("E"u8) ? BinanceProperty.EventTime
            : reader.ValueTextEquals("s"u8) ? BinanceProperty.Symbol
            : reader.ValueTextEquals("U"u8) ? BinanceProperty.FirstUpdateId
            : reader.ValueTextEquals("u"u8) ? BinanceProperty.FinalUpdateId
            : reader.ValueTextEquals("b"u8) ? BinanceProperty.Bids
            : reader.ValueTextEquals("a"u8) ? BinanceProperty.Asks
            : reader.ValueTextEquals("data"u8) ? BinanceProperty.Data
            : reader.ValueTextEquals("result"u8) ? BinanceProperty.Result
            : reader.ValueTextEquals("id"u8) ? BinanceProperty.Id
            : reader.ValueTextEquals("code"u8) || reader.ValueTextEquals("error"u8) ? BinanceProperty.Error
            : BinanceProperty.Other;
    }

    private static bool ReadSymbol(ref Utf8JsonReader reader, Utf8SymbolMap<Instrument> symbols, MarketEvent update, ref BinanceFrameFields fields)
    {
        if (!SymbolToken.TryRead(ref reader, symbols, out var instrument))
        {
            return false;
        }

        update.Instrument = instrument ?? update.Instrument;
        fields.UnknownSymbol |= instrument is null;
        return true;
    }

    private static BinanceFrameKind Classify(ReadOnlySpan<byte> utf8, MarketEvent update, ref BinanceFrameFields fields)
    {
        if (fields.HasError)
        {
            return BinanceFrameKind.VenueError;
        }

        if (fields.HasResult && fields.HasId)
        {
            return BinanceFrameKind.Ack;
        }

        if (fields.IsShutdown)
        {
            return BinanceFrameKind.ServerShutdown;
        }

        if (!fields.IsDepthUpdate)
        {
            return BinanceFrameKind.Unknown;
        }

        if (fields.UnknownSymbol)
        {
            return BinanceFrameKind.UnknownSymbol;
        }

        var instrument = update.Instrument;
        if (instrument is null || fields.BadLevels || !fields.HasFirst || !fields.HasLast || fields.First > fields.Last)
        {
            return BinanceFrameKind.Malformed;
        }

        // Slow path: level arrays that came before "s" or "e".
        if (fields.BidEnd > 0 && !ReadDeferred(utf8[fields.BidStart..fields.BidEnd], update.Bids, instrument))
        {
            return BinanceFrameKind.Malformed;
        }

        if (fields.AskEnd > 0 && !ReadDeferred(utf8[fields.AskStart..fields.AskEnd], update.Asks, instrument))
        {
            return BinanceFrameKind.Malformed;
        }

        return BinanceFrameKind.Depth;
    }

    /// <summary>The frame's top-level object, for <see cref="LevelTailScanner.ReadFrame"/>.</summary>
    private readonly struct Frame : ILevelTailFrame<BinanceFrameFields>
    {
        public static ObjectRead ReadObject(ref Utf8JsonReader reader, Utf8SymbolMap<Instrument> symbols, MarketEvent update, ref BinanceFrameFields fields, bool fast)
            => BinanceParser.ReadObject(ref reader, symbols, update, ref fields, depth: 1, fast);

        public static int ClosingBraces(ref BinanceFrameFields fields) => fields.Depth;
    }
}
