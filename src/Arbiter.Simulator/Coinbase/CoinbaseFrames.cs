using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// Writes Coinbase Advanced Trade market-data JSON (REFERENCE.md §2): every value a string, prices and sizes as plain
/// decimals without trailing zeros ("21921.3", "0.02"), timestamps RFC 3339 with up to nine fraction digits, trailing
/// zeros dropped (Go's RFC3339Nano, which Coinbase's servers print). Per-connection fields (<c>sequence_num</c>, the
/// heartbeat counter) are written as 0 here and set for each connection with <see cref="WithNumbers"/>.
/// </summary>
internal static class CoinbaseFrames
{
    /// <summary>The <c>event_time</c> of every snapshot level in the documented example.</summary>
    public const string SnapshotEventTime = "1970-01-01T00:00:00Z";

    private static readonly byte[] SequenceField = "\"sequence_num\":"u8.ToArray();
    private static readonly byte[] CounterField = "\"heartbeat_counter\":"u8.ToArray();

    /// <summary>
    /// An <c>l2_data</c> message with one event: <c>{"channel":"l2_data","client_id":"","timestamp":..,"sequence_num":0,
    /// "events":[{"type":"snapshot"|"update","product_id":..,"updates":[{"side":"bid"|"offer","event_time":..,"price_level":..,"new_quantity":..}]}]}</c>,
    /// bids first, then offers, each best first.
    /// </summary>
    /// <param name="corruption">When set (a value-level MalformedVariant), the first level written carries it.</param>
    public static byte[] L2Data(string productId, bool snapshot, long timestampMicros, IReadOnlyList<Level> bids, IReadOnlyList<Level> asks, int priceScale, int quantityScale, MalformedVariant? corruption = null)
    {
        var buffer = new ArrayBufferWriter<byte>(192 + ((bids.Count + asks.Count) * 110));
        var timestamp = Timestamp(timestampMicros);
        var eventTime = snapshot ? SnapshotEventTime : timestamp;
        using (var w = SimJson.Writer(buffer))
        {
            w.WriteStartObject();
            w.WriteString("channel"u8, "l2_data"u8);
            w.WriteString("client_id"u8, ""u8);
            w.WriteString("timestamp"u8, timestamp);
            w.WriteNumber("sequence_num"u8, 0);
            w.WriteStartArray("events"u8);
            w.WriteStartObject();
            w.WriteString("type"u8, snapshot ? "snapshot"u8 : "update"u8);
            w.WriteString("product_id"u8, productId);
            w.WriteStartArray("updates"u8);
            var pending = corruption;
            foreach (var level in bids)
            {
                WriteUpdate(w, "bid"u8, eventTime, level, priceScale, quantityScale, ref pending);
            }

            foreach (var level in asks)
            {
                WriteUpdate(w, "offer"u8, eventTime, level, priceScale, quantityScale, ref pending);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A <c>heartbeats</c> message: <c>{"channel":"heartbeats","client_id":"","timestamp":..,"sequence_num":0,"events":[{"current_time":
    /// "2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.525857105","heartbeat_counter":0}]}</c> (the documented shape;
    /// the counter is a number, as JKorf's captured message has it).
    /// </summary>
    public static byte[] Heartbeat(long nowMicros, long uptimeMicros) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("channel"u8, "heartbeats"u8);
        w.WriteString("client_id"u8, ""u8);
        w.WriteString("timestamp"u8, Timestamp(nowMicros));
        w.WriteNumber("sequence_num"u8, 0);
        w.WriteStartArray("events"u8);
        w.WriteStartObject();
        w.WriteString("current_time"u8, GoTimeString(nowMicros, uptimeMicros));
        w.WriteNumber("heartbeat_counter"u8, 0);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>
    /// The answer to a subscribe or unsubscribe: <c>{"channel":"subscriptions","client_id":"","timestamp":..,"sequence_num":0,
    /// "events":[{"subscriptions":{"level2":["BTC-USD"],"heartbeats":["heartbeats"]}}]}</c>, listing every channel still subscribed.
    /// </summary>
    public static byte[] Subscriptions(long nowMicros, IEnumerable<(string Channel, IEnumerable<string> Ids)> channels) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("channel"u8, "subscriptions"u8);
        w.WriteString("client_id"u8, ""u8);
        w.WriteString("timestamp"u8, Timestamp(nowMicros));
        w.WriteNumber("sequence_num"u8, 0);
        w.WriteStartArray("events"u8);
        w.WriteStartObject();
        w.WriteStartObject("subscriptions"u8);
        foreach (var (channel, ids) in channels)
        {
            w.WriteStartArray(channel);
            foreach (var id in ids)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Coinbase's WebSocket error: <c>{"type":"error","message":".."}</c> (no channel, no sequence_num).</summary>
    public static byte[] Error(string message) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "error"u8);
        w.WriteString("message"u8, message);
        w.WriteEndObject();
    });

    /// <summary>A REST error body: <c>{"error":"NOT_FOUND","error_details":..,"message":..}</c>.</summary>
    public static byte[] RestError(string error, string message) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("error"u8, error);
        w.WriteString("error_details"u8, message);
        w.WriteString("message"u8, message);
        w.WriteEndObject();
    });

    /// <summary>GET product_book: <c>{"pricebook":{"product_id":..,"bids":[{"price":..,"size":..}],"asks":[..],"time":..}}</c>, top <paramref name="limit"/>.</summary>
    public static byte[] ProductBook(string productId, BookVersion version, int limit, long nowMicros) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("pricebook"u8);
        w.WriteString("product_id"u8, productId);
        WriteBookSide(w, "bids"u8, version.Bids, limit, version);
        WriteBookSide(w, "asks"u8, version.Asks, limit, version);
        w.WriteString("time"u8, Timestamp(nowMicros));
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>
    /// A copy of <paramref name="message"/> with the digits after its first <c>"sequence_num":</c> replaced by
    /// <paramref name="sequence"/> and, when given, those after <c>"heartbeat_counter":</c> by <paramref name="counter"/>.
    /// A field cut off (truncated garbage) is left as it is.
    /// </summary>
    public static byte[] WithNumbers(byte[] message, long sequence, long? counter = null)
    {
        var result = Replace(message, SequenceField, sequence);
        return counter is { } c ? Replace(result, CounterField, c) : result;
    }

    /// <summary>RFC 3339 in UTC with the fraction trimmed of trailing zeros, as Go prints RFC3339Nano; the digits below the microsecond are a fixed function of the time.</summary>
    public static string Timestamp(long micros)
    {
        var time = UnixMicros.ToDateTimeOffset(micros).UtcDateTime;
        var nanos = (Math.Abs(micros % 1_000_000) * 1000) + SubMicroNanos(micros);
        var text = time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        if (nanos == 0)
        {
            return text + "Z";
        }

        var fraction = nanos.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        return text + "." + fraction + "Z";
    }

    /// <summary>0..999 ns below the microsecond, zero about one time in eight (so whole-microsecond and shorter fractions occur).</summary>
    public static long SubMicroNanos(long micros)
    {
        var h = unchecked((ulong)micros * 0x9E3779B97F4A7C15UL) >> 40;
        return (h & 7) == 0 ? 0 : (long)(h % 1000);
    }

    /// <summary>Go's time.String(): "2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.525857105".</summary>
    private static string GoTimeString(long nowMicros, long uptimeMicros)
    {
        var time = UnixMicros.ToDateTimeOffset(nowMicros).UtcDateTime;
        var nanos = (Math.Abs(nowMicros % 1_000_000) * 1000) + SubMicroNanos(nowMicros);
        var text = time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        if (nanos != 0)
        {
            text += "." + nanos.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        var uptime = Math.Max(0, uptimeMicros);
        return string.Create(CultureInfo.InvariantCulture, $"{text} +0000 UTC m=+{uptime / 1_000_000}.{uptime % 1_000_000 * 1000:D9}");
    }

    private static byte[] Replace(byte[] message, byte[] field, long value)
    {
        var at = message.AsSpan().IndexOf(field);
        if (at < 0)
        {
            return message;
        }

        var start = at + field.Length;
        var end = start;
        while (end < message.Length && message[end] is >= (byte)'0' and <= (byte)'9')
        {
            end++;
        }

        if (end == start || end == message.Length)
        {
            return message; // cut off inside or right after the number
        }

        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var written);
        var result = new byte[message.Length - (end - start) + written];
        message.AsSpan(0, start).CopyTo(result);
        digits[..written].CopyTo(result.AsSpan(start));
        message.AsSpan(end).CopyTo(result.AsSpan(start + written));
        return result;
    }

    private static void WriteUpdate(Utf8JsonWriter w, ReadOnlySpan<byte> side, string eventTime, Level level, int priceScale, int quantityScale, ref MalformedVariant? corruption)
    {
        w.WriteStartObject();
        w.WriteString("side"u8, side);
        w.WriteString("event_time"u8, eventTime);
        switch (corruption)
        {
            case MalformedVariant.NotANumber:
                w.WriteString("price_level"u8, "NaN"u8);
                w.WriteString("new_quantity"u8, Text(level.Quantity, quantityScale));
                break;
            case MalformedVariant.Huge:
                w.WriteString("price_level"u8, "1e400"u8);
                w.WriteString("new_quantity"u8, Text(level.Quantity, quantityScale));
                break;
            case MalformedVariant.Negative:
                w.WriteString("price_level"u8, Text(level.Price, priceScale));
                w.WriteString("new_quantity"u8, "-" + Text(level.Quantity == 0 ? FixedPoint.Pow10(quantityScale) : level.Quantity, quantityScale));
                break;
            case MalformedVariant.ExcessDecimals:
                w.WriteString("price_level"u8, Text(level.Price, priceScale));
                w.WriteString("new_quantity"u8, SimJson.TenDecimals(level.Quantity, quantityScale));
                break;
            default:
                w.WriteString("price_level"u8, Text(level.Price, priceScale));
                w.WriteString("new_quantity"u8, Text(level.Quantity, quantityScale));
                break;
        }

        corruption = null;
        w.WriteEndObject();
    }

    private static void WriteBookSide(Utf8JsonWriter w, ReadOnlySpan<byte> name, Level[] levels, int limit, BookVersion version)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < levels.Length && i < limit; i++)
        {
            w.WriteStartObject();
            w.WriteString("price"u8, Text(levels[i].Price, version.PriceScale));
            w.WriteString("size"u8, Text(levels[i].Quantity, version.QuantityScale));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Plain decimal, no trailing zeros, "0" for zero.</summary>
    public static string Text(long units, int scale) => FixedPoint.Format(units, scale);
}
