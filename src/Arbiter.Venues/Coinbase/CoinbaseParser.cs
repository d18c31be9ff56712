using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues.Coinbase;

/// <summary>
/// Parses Coinbase Advanced Trade WebSocket messages straight from UTF-8 with <see cref="Utf8JsonReader"/>, without
/// allocating (only the exception path of invalid JSON allocates). The envelope is
/// <c>{"channel":..,"client_id":"","timestamp":"RFC 3339","sequence_num":N,"events":[..]}</c>; an <c>l2_data</c> event is
/// <c>{"type":"snapshot"|"update","product_id":"BTC-USD","updates":[{"side":"bid"|"offer","event_time":..,"price_level":"..","new_quantity":".."}]}</c>.
/// Prices and sizes are strings parsed exactly at the instrument's scales (<see cref="DecimalText"/>, i.e. FixedPoint).
/// </summary>
public static class CoinbaseParser
{
    private const int MaxDepth = 8;

    /// <summary>
    /// Parses one message into <paramref name="frame"/> (cleared first). For <see cref="CoinbaseFrameKind.Book"/> the
    /// frame holds the events of watched products in message order: a snapshot's levels without zero sizes, an update's
    /// levels as sent (size 0 = remove the level). The sequence number is kept for every kind that carried a valid one.
    /// </summary>
    public static CoinbaseFrameKind ParseFrame(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> products, CoinbaseFrame frame)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(frame);
        frame.Clear();
        var envelope = default(CoinbaseEnvelope);
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || !ReadEnvelope(ref reader, utf8, products, frame, ref envelope)
                || reader.Read())
            {
                return Malformed(frame);
            }

            return Classify(utf8, products, frame, ref envelope);
        }
        catch (JsonException)
        {
            // Invalid JSON or UTF-8 (the reader reports these only by throwing): an expected, counted failure.
            return Malformed(frame);
        }
    }

    private static CoinbaseFrameKind Malformed(CoinbaseFrame frame)
    {
        frame.Clear();
        return CoinbaseFrameKind.Malformed;
    }

    /// <remarks>
    /// The reader may be replaced by one that starts further into <paramref name="source"/> (after a fast-scanned level
    /// array): positions are then <c>offset + reader.TokenStartIndex</c>.
    /// </remarks>
    private static bool ReadEnvelope(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, Utf8SymbolMap<Instrument> products, CoinbaseFrame frame, ref CoinbaseEnvelope envelope)
    {
        var offset = 0;
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

                envelope.Channel = reader.ValueTextEquals("l2_data"u8) ? CoinbaseChannel.L2Data
                    : reader.ValueTextEquals("heartbeats"u8) ? CoinbaseChannel.Heartbeats
                    : reader.ValueTextEquals("subscriptions"u8) ? CoinbaseChannel.Subscriptions
                    : CoinbaseChannel.Other;
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped
                    || !Rfc3339.TryParseMicros(reader.ValueSpan, out var micros))
                {
                    return false;
                }

                frame.Timestamp = micros;
                envelope.HasTimestamp = true;
            }
            else if (reader.ValueTextEquals("sequence_num"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var sequence) || sequence < 0)
                {
                    return false;
                }

                frame.SequenceNum = sequence;
                frame.HasSequence = true;
            }
            else if (reader.ValueTextEquals("events"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                envelope.HasEvents = true;
                if (envelope.Channel == CoinbaseChannel.L2Data)
                {
                    if (!ReadEvents(ref reader, source, ref offset, products, frame))
                    {
                        return false;
                    }
                }
                else
                {
                    // Not l2_data (or not known yet): keep the range in case "channel" comes later.
                    envelope.EventsStart = offset + (int)reader.TokenStartIndex;
                    reader.Skip();
                    envelope.EventsEnd = offset + (int)reader.BytesConsumed;
                }
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                if (!reader.Read())
                {
                    return false;
                }

                envelope.IsError = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8);
                reader.Skip();
            }
            else
            {
                reader.Skip();
            }
        }

        return false;
    }

    private static CoinbaseFrameKind Classify(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> products, CoinbaseFrame frame, ref CoinbaseEnvelope envelope)
    {
        if (envelope.IsError)
        {
            return CoinbaseFrameKind.VenueError;
        }

        switch (envelope.Channel)
        {
            case CoinbaseChannel.L2Data:
                break;
            case CoinbaseChannel.Heartbeats:
                return CoinbaseFrameKind.Heartbeat;
            case CoinbaseChannel.Subscriptions:
                return CoinbaseFrameKind.Subscriptions;
            default:
                return CoinbaseFrameKind.Unknown;
        }

        if (!envelope.HasTimestamp || !frame.HasSequence || !envelope.HasEvents)
        {
            return Malformed(frame);
        }

        if (envelope.EventsEnd > 0)
        {
            // Slow path: the events came before "channel".
            var events = utf8[envelope.EventsStart..envelope.EventsEnd];
            var reader = new Utf8JsonReader(events, new JsonReaderOptions { MaxDepth = MaxDepth });
            var offset = 0;
            if (!reader.Read() || !ReadEvents(ref reader, events, ref offset, products, frame))
            {
                return Malformed(frame);
            }
        }

        frame.StampEvents();
        return frame.Count == 0 && frame.UnknownProducts > 0 ? CoinbaseFrameKind.UnknownSymbol : CoinbaseFrameKind.Book;
    }

    /// <summary>Reads <c>[{"type":..,"product_id":..,"updates":[..]},...]</c>, the reader (over <paramref name="source"/>) on its StartArray.</summary>
    private static bool ReadEvents(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, ref int offset, Utf8SymbolMap<Instrument> products, CoinbaseFrame frame)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.StartObject || !ReadEvent(ref reader, source, ref offset, products, frame))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>One l2_data event, the reader on its StartObject.</summary>
    private static bool ReadEvent(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, ref int offset, Utf8SymbolMap<Instrument> products, CoinbaseFrame frame)
    {
        var e = frame.Add();
        bool hasType = false, hasProduct = false, unknownProduct = false, hasUpdates = false;
        int updatesStart = 0, updatesEnd = 0;
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

            if (reader.ValueTextEquals("type"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                if (reader.ValueTextEquals("snapshot"u8))
                {
                    e.Kind = MarketEventKind.BookSnapshot;
                }
                else if (reader.ValueTextEquals("update"u8))
                {
                    e.Kind = MarketEventKind.BookDelta;
                }
                else
                {
                    return false;
                }

                hasType = true;
            }
            else if (reader.ValueTextEquals("product_id"u8))
            {
                if (!SymbolToken.TryRead(ref reader, products, out var instrument))
                {
                    return false;
                }

                e.Instrument = instrument;
                hasProduct = true;
                unknownProduct = instrument is null;
            }
            else if (reader.ValueTextEquals("updates"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                hasUpdates = true;
                if (hasType && e.Instrument is { } known)
                {
                    if (!ReadUpdates(ref reader, source, ref offset, e, known))
                    {
                        return false;
                    }
                }
                else
                {
                    updatesStart = offset + (int)reader.TokenStartIndex;
                    reader.Skip();
                    updatesEnd = offset + (int)reader.BytesConsumed;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        if (!hasType || !hasProduct || !hasUpdates)
        {
            return false;
        }

        if (unknownProduct)
        {
            frame.RemoveLast();
            frame.UnknownProducts++;
            return true;
        }

        if (updatesEnd > 0)
        {
            // Slow path: the updates came before "type" or "product_id"; the range is the array alone.
            var updates = source[updatesStart..updatesEnd];
            var deferred = new Utf8JsonReader(updates, new JsonReaderOptions { MaxDepth = MaxDepth });
            var deferredOffset = 0;
            return deferred.Read() && ReadUpdates(ref deferred, updates, ref deferredOffset, e, e.Instrument!);
        }

        return true;
    }

    /// <summary>
    /// Reads <c>[{"side":..,"event_time":..,"price_level":..,"new_quantity":..},...]</c>, the reader on its StartArray.
    /// Fast path: <see cref="CoinbaseLevelScanner"/> scans the array and the reader is replaced by one that resumes at its
    /// closing bracket, in the same state (inside the array just opened), so it reads an EndArray next.
    /// </summary>
    private static bool ReadUpdates(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, ref int offset, MarketEvent e, Instrument instrument)
    {
        var priceScale = instrument.PriceScale;
        var quantityScale = instrument.QuantityScale;
        var snapshot = e.Kind == MarketEventKind.BookSnapshot;
        if (e.Bids.Count == 0 && e.Asks.Count == 0 // (a repeated "updates" key adds to the first on the reader path only)
            && CoinbaseLevelScanner.TryScan(source, offset + (int)reader.BytesConsumed, e, priceScale, quantityScale, snapshot, out var end))
        {
            reader = new Utf8JsonReader(source[end..], isFinalBlock: true, reader.CurrentState);
            offset = end;
            return reader.Read() && reader.TokenType == JsonTokenType.EndArray;
        }

        // Not the canonical shape: start the array again on the reader, which has the final word.
        e.Bids.Clear();
        e.Asks.Clear();
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
            var side = 0; // 1 = bid, 2 = offer
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

                switch (Identify(ref reader))
                {
                    case UpdateField.Side:
                        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                        {
                            return false;
                        }

                        side = reader.ValueTextEquals("bid"u8) ? 1 : reader.ValueTextEquals("offer"u8) ? 2 : -1;
                        if (side < 0)
                        {
                            return false;
                        }

                        break;
                    case UpdateField.PriceLevel:
                        if (!LevelArrayReader.ReadDecimal(ref reader, priceScale, out price) || price <= 0)
                        {
                            return false;
                        }

                        break;
                    case UpdateField.NewQuantity:
                        if (!LevelArrayReader.ReadDecimal(ref reader, quantityScale, out quantity))
                        {
                            return false;
                        }

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (side == 0 || price < 0 || quantity < 0)
            {
                return false;
            }

            if (quantity == 0 && snapshot)
            {
                continue; // nothing to load
            }

            (side == 1 ? e.Bids : e.Asks).Add(price, quantity);
        }

        return false;
    }

    /// <summary>Which field of an update the reader is on: by length for the usual unescaped names, else by full comparison.</summary>
    private static UpdateField Identify(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            var name = reader.ValueSpan;
            return name.Length switch
            {
                4 when name.SequenceEqual("side"u8) => UpdateField.Side,
                11 when name.SequenceEqual("price_level"u8) => UpdateField.PriceLevel,
                12 when name.SequenceEqual("new_quantity"u8) => UpdateField.NewQuantity,
                _ => UpdateField.Other,
            };
        }

        return reader.ValueTextEquals("side"u8) ? UpdateField.Side
            : reader.ValueTextEquals("price_level"u8) ? UpdateField.PriceLevel
            : reader.ValueTextEquals("new_quantity"u8) ? UpdateField.NewQuantity
            : UpdateField.Other;
    }
}
