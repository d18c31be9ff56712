using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues.Bybit;

/// <summary>
/// Parses Bybit v5 public spot messages straight from UTF-8 with <see cref="Utf8JsonReader"/>, without allocating (allocation
/// happens only on the exception path of invalid JSON). Book messages look like
/// <c>{"topic":"orderbook.50.BTCUSDT","ts":..,"type":"snapshot"|"delta","data":{"s":..,"b":[["p","q"]..],"a":[..],"u":..,"seq":..},"cts":..}</c>
/// with fields in any order; prices and sizes are strings read exactly at the instrument's scales (<see cref="DecimalText"/>).
/// </summary>
public static class BybitParser
{
    /// <summary>Beyond year 5138 a millisecond time is garbage (and would overflow as microseconds).</summary>
    internal const long MaxMillis = 100_000_000_000_000;
    private const int MaxDepth = 8;

    /// <summary>
    /// Parses one message. For <see cref="BybitFrameKind.Snapshot"/> and <see cref="BybitFrameKind.Delta"/>,
    /// <paramref name="book"/> holds the instrument, <see cref="MarketEvent.Sequence"/> = <c>u</c>,
    /// <see cref="MarketEvent.ExchangeTime"/> = <c>cts</c> (else <c>ts</c>) in µs and the levels as sent (size 0 = delete).
    /// For replies (<see cref="BybitFrameKind.Ack"/>, <see cref="BybitFrameKind.VenueError"/>, <see cref="BybitFrameKind.Pong"/>),
    /// <see cref="MarketEvent.Sequence"/> = the numeric <c>req_id</c> echoed by Bybit (0 when absent or not a number).
    /// For <see cref="BybitFrameKind.Malformed"/>, <see cref="MarketEvent.Instrument"/> is set when the message could still
    /// be attributed to a watched symbol.
    /// </summary>
    public static BybitFrameKind ParseFrame(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> symbols, MarketEvent book)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(book);
        book.Instrument = null;
        book.Sequence = 0;
        book.ExchangeTime = 0;
        book.Bids.Clear();
        book.Asks.Clear();
        var fields = default(BybitFrameFields);
        try
        {
            // Fast path: the reader up to the bid array, then the rest scanned directly (see BybitLevelScanner).
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return BybitFrameKind.Malformed;
            }

            var read = ReadMessage(ref reader, utf8, symbols, book, ref fields, fast: true);
            if (read == BybitObjectRead.FastTail
                && BybitLevelScanner.TryScanTail(utf8, (int)reader.BytesConsumed, book, book.Instrument!, ref fields))
            {
                return Classify(utf8, symbols, book, ref fields);
            }

            if (read == BybitObjectRead.FastTail)
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

            if (read != BybitObjectRead.Done || reader.Read())
            {
                return BybitFrameKind.Malformed;
            }

            return Classify(utf8, symbols, book, ref fields);
        }
        catch (JsonException)
        {
            // Invalid JSON or UTF-8 (the reader reports these only by throwing): an expected, counted failure.
            return BybitFrameKind.Malformed;
        }
    }

    /// <summary>
    /// Reads the top-level object to its end. With <paramref name="fast"/>, stops at the bid array of a watched book
    /// (<see cref="BybitObjectRead.FastTail"/>, the reader on the "b" name).
    /// </summary>
    private static BybitObjectRead ReadMessage(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> symbols, MarketEvent book, ref BybitFrameFields fields, bool fast)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return BybitObjectRead.Done;
            }

            if (reader.ValueTextEquals("topic"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return BybitObjectRead.Malformed;
                }

                fields.HasTopic = true;
                fields.IsOrderbook = reader.ValueSpan.StartsWith("orderbook."u8);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return BybitObjectRead.Malformed;
                }

                fields.HasType = true;
                fields.IsSnapshot = reader.ValueTextEquals("snapshot"u8);
                fields.IsDelta = reader.ValueTextEquals("delta"u8);
            }
            else if (reader.ValueTextEquals("ts"u8))
            {
                if (!ReadMillis(ref reader, out fields.Timestamp))
                {
                    return BybitObjectRead.Malformed;
                }

                fields.HasTimestamp = true;
            }
            else if (reader.ValueTextEquals("cts"u8))
            {
                if (!ReadMillis(ref reader, out fields.MatchTime))
                {
                    return BybitObjectRead.Malformed;
                }

                fields.HasMatchTime = true;
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                if (!reader.Read())
                {
                    return BybitObjectRead.Malformed;
                }

                fields.HasData = true;
                if (fields.IsOrderbook)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return BybitObjectRead.Malformed;
                    }

                    var read = ReadData(ref reader, utf8, symbols, book, ref fields, fast);
                    if (read != BybitObjectRead.Done)
                    {
                        return read;
                    }
                }
                else
                {
                    // Not known to be a book yet (or another topic): decide once the whole message is read.
                    fields.DataStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    fields.DataEnd = (int)reader.BytesConsumed;
                }
            }
            else if (reader.ValueTextEquals("success"u8))
            {
                if (!reader.Read() || reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    return BybitObjectRead.Malformed;
                }

                fields.HasSuccess = true;
                fields.Success = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("req_id"u8))
            {
                if (!reader.Read())
                {
                    return BybitObjectRead.Malformed;
                }

                fields.RequestId = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped ? RequestIdOf(reader.ValueSpan) : 0;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("op"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return BybitObjectRead.Malformed;
                }

                fields.IsPing = reader.ValueTextEquals("ping"u8) || reader.ValueTextEquals("pong"u8);
                fields.IsRequestReply = reader.ValueTextEquals("subscribe"u8) || reader.ValueTextEquals("unsubscribe"u8);
            }
            else
            {
                reader.Skip();
            }
        }

        return BybitObjectRead.Malformed;
    }

    /// <summary>Reads the book's <c>data</c> object, the reader (over <paramref name="input"/>) on its StartObject.</summary>
    private static BybitObjectRead ReadData(ref Utf8JsonReader reader, ReadOnlySpan<byte> input, Utf8SymbolMap<Instrument> symbols, MarketEvent book, ref BybitFrameFields fields, bool fast)
    {
        int bidStart = 0, bidEnd = 0, askStart = 0, askEnd = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                // Level arrays that came before "s": parse them now that the scales are known.
                return book.Instrument is not { } instrument
                    || ((bidEnd == 0 || LevelArrayReader.ReadDeferred(input[bidStart..bidEnd], book.Bids, instrument))
                        && (askEnd == 0 || LevelArrayReader.ReadDeferred(input[askStart..askEnd], book.Asks, instrument)))
                    ? BybitObjectRead.Done
                    : BybitObjectRead.Malformed;
            }

            if (reader.ValueTextEquals("b"u8))
            {
                if (fast && book.Instrument is not null && askEnd == 0 && book.Asks.Count == 0)
                {
                    return BybitObjectRead.FastTail;
                }

                if (!ReadOrDeferLevels(ref reader, book.Bids, book.Instrument, out bidStart, out bidEnd))
                {
                    return BybitObjectRead.Malformed;
                }
            }
            else if (reader.ValueTextEquals("a"u8))
            {
                if (!ReadOrDeferLevels(ref reader, book.Asks, book.Instrument, out askStart, out askEnd))
                {
                    return BybitObjectRead.Malformed;
                }
            }
            else if (reader.ValueTextEquals("s"u8))
            {
                if (!SymbolToken.TryRead(ref reader, symbols, out var instrument))
                {
                    return BybitObjectRead.Malformed;
                }

                book.Instrument = instrument ?? book.Instrument;
                fields.UnknownSymbol |= instrument is null;
            }
            else if (reader.ValueTextEquals("u"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out fields.UpdateId) || fields.UpdateId <= 0)
                {
                    return BybitObjectRead.Malformed;
                }

                fields.HasUpdateId = true;
            }
            else
            {
                reader.Skip();
            }
        }

        return BybitObjectRead.Malformed;
    }

    private static bool ReadOrDeferLevels(ref Utf8JsonReader reader, LevelList levels, Instrument? instrument, out int start, out int end)
    {
        start = 0;
        end = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        if (instrument is not null)
        {
            return LevelArrayReader.ReadLevels(ref reader, levels, instrument, skipZero: false);
        }

        start = (int)reader.TokenStartIndex;
        reader.Skip();
        end = (int)reader.BytesConsumed;
        return true;
    }

    /// <summary>A millisecond time: a JSON integer, or a string of digits (the docs show both spellings of <c>ts</c>).</summary>
    private static bool ReadMillis(ref Utf8JsonReader reader, out long millis)
    {
        millis = 0;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out millis) && millis >= 0 && millis <= MaxMillis;
        }

        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            return false;
        }

        var digits = reader.ValueSpan;
        if (digits.Length is 0 or > 15)
        {
            return false;
        }

        foreach (var d in digits)
        {
            if ((uint)(d - (byte)'0') > 9)
            {
                return false;
            }

            millis = (millis * 10) + (d - (byte)'0');
        }

        return millis <= MaxMillis;
    }

    /// <summary>The value of a <c>req_id</c> of 1..18 decimal digits; 0 for anything else (ids this adapter did not send).</summary>
    private static long RequestIdOf(ReadOnlySpan<byte> text)
    {
        if (text.Length is 0 or > 18)
        {
            return 0;
        }

        long id = 0;
        foreach (var d in text)
        {
            if ((uint)(d - (byte)'0') > 9)
            {
                return 0;
            }

            id = (id * 10) + (d - (byte)'0');
        }

        return id;
    }

    private static BybitFrameKind Classify(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> symbols, MarketEvent book, ref BybitFrameFields fields)
    {
        if (fields.HasSuccess && !fields.Success)
        {
            book.Sequence = fields.RequestId;
            return BybitFrameKind.VenueError;
        }

        if (!fields.IsOrderbook)
        {
            book.Sequence = fields.RequestId;
            return fields.IsPing ? BybitFrameKind.Pong
                : fields.IsRequestReply && fields.HasSuccess ? BybitFrameKind.Ack
                : BybitFrameKind.Unknown;
        }

        if (fields.DataEnd > 0)
        {
            // Slow path: "data" came before "topic".
            var data = utf8[fields.DataStart..fields.DataEnd];
            var reader = new Utf8JsonReader(data, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || ReadData(ref reader, data, symbols, book, ref fields, fast: false) != BybitObjectRead.Done)
            {
                return BybitFrameKind.Malformed;
            }
        }

        if (fields.UnknownSymbol)
        {
            return BybitFrameKind.UnknownSymbol;
        }

        if (book.Instrument is null || !fields.HasData || !fields.HasUpdateId || !(fields.IsSnapshot || fields.IsDelta)
            || !(fields.HasMatchTime || fields.HasTimestamp))
        {
            return BybitFrameKind.Malformed;
        }

        book.Sequence = fields.UpdateId;
        book.ExchangeTime = (fields.HasMatchTime ? fields.MatchTime : fields.Timestamp) * 1000;
        return fields.IsSnapshot ? BybitFrameKind.Snapshot : BybitFrameKind.Delta;
    }
}
