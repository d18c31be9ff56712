using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// Writes Gate.io's spot API v4 JSON as Gate does (REFERENCE §4): envelopes <c>{"time":s,"time_ms":ms,"channel":..,"event":..,..}</c>,
/// prices and amounts as plain decimal strings without trailing zeros ("104027.1", "0.0001"), update ids as numbers.
/// </summary>
internal static class GateIoFrames
{
    public const string BookChannel = "spot.order_book_update";

    /// <summary>
    /// A <c>spot.order_book_update</c> notification: <c>{"time","time_ms","channel","event":"update","result":{"t",["full":true,"l":"100",]"e":"depthUpdate","E","s","U","u","b":[..],"a":[..]}}</c>.
    /// A full book (<paramref name="fullDepth"/> set) carries every level of the book; a diff carries the changed levels, amount "0" = removed.
    /// </summary>
    /// <param name="corruption">When set (a value-level MalformedVariant), the first level written carries that corruption.</param>
    public static byte[] BookUpdate(string pair, long nowMicros, long first, long last, int? fullDepth, IReadOnlyList<Level> bids, IReadOnlyList<Level> asks, int priceScale, int quantityScale, MalformedVariant? corruption = null)
    {
        var buffer = new ArrayBufferWriter<byte>(192 + ((bids.Count + asks.Count) * 32));
        using (var w = SimJson.Writer(buffer))
        {
            var millis = nowMicros / 1000;
            w.WriteStartObject();
            w.WriteNumber("time"u8, millis / 1000);
            w.WriteNumber("time_ms"u8, millis);
            w.WriteString("channel"u8, BookChannel);
            w.WriteString("event"u8, "update"u8);
            w.WriteStartObject("result"u8);
            w.WriteNumber("t"u8, millis);
            if (fullDepth is { } depth)
            {
                w.WriteBoolean("full"u8, true);
                w.WriteString("l"u8, depth.ToString(CultureInfo.InvariantCulture));
            }

            w.WriteString("e"u8, "depthUpdate"u8);
            w.WriteNumber("E"u8, millis / 1000);
            w.WriteString("s"u8, pair);
            w.WriteNumber("U"u8, first);
            w.WriteNumber("u"u8, last);
            var pending = corruption;
            WriteLevels(w, "b"u8, bids, bids.Count, priceScale, quantityScale, ref pending);
            WriteLevels(w, "a"u8, asks, asks.Count, priceScale, quantityScale, ref pending);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>GET /api/v4/spot/order_book: <c>{["id":..,]"current":ms,"update":ms,"asks":[..],"bids":[..]}</c>, best first, top <paramref name="limit"/>.</summary>
    public static byte[] OrderBook(BookVersion version, int limit, bool withId, long nowMicros) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        if (withId)
        {
            w.WriteNumber("id"u8, version.Sequence);
        }

        w.WriteNumber("current"u8, nowMicros / 1000);
        w.WriteNumber("update"u8, version.TimestampMicros / 1000);
        var none = (MalformedVariant?)null;
        WriteLevels(w, "asks"u8, version.Asks, Math.Min(limit, version.Asks.Length), version.PriceScale, version.QuantityScale, ref none);
        WriteLevels(w, "bids"u8, version.Bids, Math.Min(limit, version.Bids.Length), version.PriceScale, version.QuantityScale, ref none);
        w.WriteEndObject();
    });

    /// <summary>A reply to a client request: the ack <c>"result":{"status":"success"}</c>, or with <paramref name="errorCode"/> the error object and <c>"result":{"status":"fail"}</c>.</summary>
    public static byte[] Reply(long nowMicros, string? id, string channel, string requestEvent, string? payload, int? errorCode = null, string? errorMessage = null) => SimJson.Build(w =>
    {
        var millis = nowMicros / 1000;
        w.WriteStartObject();
        w.WriteNumber("time"u8, millis / 1000);
        w.WriteNumber("time_ms"u8, millis);
        if (id is not null)
        {
            w.WritePropertyName("id"u8);
            w.WriteRawValue(id, skipInputValidation: true);
        }

        w.WriteString("channel"u8, channel);
        w.WriteString("event"u8, requestEvent);
        if (payload is not null)
        {
            w.WritePropertyName("payload"u8);
            w.WriteRawValue(payload, skipInputValidation: true);
        }

        if (errorCode is { } code)
        {
            w.WriteStartObject("error"u8);
            w.WriteNumber("code"u8, code);
            w.WriteString("message"u8, errorMessage);
            w.WriteEndObject();
        }

        w.WriteStartObject("result"u8);
        w.WriteString("status"u8, errorCode is null ? "success"u8 : "fail"u8);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>The answer to <c>spot.ping</c>: <c>{"time","time_ms","channel":"spot.pong","event":"","error":null,"result":null}</c>.</summary>
    public static byte[] Pong(long nowMicros) => SimJson.Build(w =>
    {
        var millis = nowMicros / 1000;
        w.WriteStartObject();
        w.WriteNumber("time"u8, millis / 1000);
        w.WriteNumber("time_ms"u8, millis);
        w.WriteString("channel"u8, "spot.pong"u8);
        w.WriteString("event"u8, ""u8);
        w.WriteNull("error"u8);
        w.WriteNull("result"u8);
        w.WriteEndObject();
    });

    /// <summary>A REST error as Gate sends it: <c>{"label":..,"message":..}</c>.</summary>
    public static byte[] RestError(string label, string message) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("label"u8, label);
        w.WriteString("message"u8, message);
        w.WriteEndObject();
    });

    /// <summary>One entry of GET /api/v4/spot/currency_pairs.</summary>
    public static void WritePair(Utf8JsonWriter w, string baseAsset, string quote, decimal tick, decimal lot, string tradeStatus)
    {
        w.WriteStartObject();
        w.WriteString("id", baseAsset + "_" + quote);
        w.WriteString("base", baseAsset);
        w.WriteString("base_name", baseAsset);
        w.WriteString("quote", quote);
        w.WriteString("quote_name", quote == "USDT" ? "Tether" : quote);
        w.WriteString("fee", "0.2");
        w.WriteString("min_base_amount", FixedPoint.Format(lot));
        w.WriteString("min_quote_amount", "3");
        w.WriteString("max_base_amount", "10000000");
        w.WriteString("max_quote_amount", "10000000");
        w.WriteNumber("amount_precision", FixedPoint.ScaleOf(FixedPoint.Format(lot)));
        w.WriteNumber("precision", FixedPoint.ScaleOf(FixedPoint.Format(tick)));
        w.WriteString("trade_status", tradeStatus);
        w.WriteNumber("sell_start", 1516378650);
        w.WriteNumber("buy_start", 1516378650);
        w.WriteNumber("delisting_time", 0);
        w.WriteString("trade_url", "https://www.gate.io/trade/" + baseAsset + "_" + quote);
        w.WriteBoolean("st_tag", false);
        w.WriteEndObject();
    }

    private static void WriteLevels(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<Level> levels, int count, int priceScale, int quantityScale, ref MalformedVariant? corruption)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < count; i++)
        {
            WriteLevel(w, levels[i], priceScale, quantityScale, ref corruption);
        }

        w.WriteEndArray();
    }

    private static void WriteLevel(Utf8JsonWriter w, Level level, int priceScale, int quantityScale, ref MalformedVariant? corruption)
    {
        w.WriteStartArray();
        switch (corruption)
        {
            case MalformedVariant.NotANumber:
                w.WriteStringValue("NaN"u8);
                w.WriteStringValue(SimJson.Canonical(level.Quantity, quantityScale));
                break;
            case MalformedVariant.Huge:
                w.WriteStringValue("1e400"u8);
                w.WriteStringValue(SimJson.Canonical(level.Quantity, quantityScale));
                break;
            case MalformedVariant.Negative:
                w.WriteStringValue(SimJson.Canonical(level.Price, priceScale));
                w.WriteStringValue("-" + SimJson.Canonical(level.Quantity == 0 ? FixedPoint.Pow10(quantityScale) : level.Quantity, quantityScale));
                break;
            case MalformedVariant.ExcessDecimals:
                // 16 decimals: finer than any pair's amount_precision, even with the spare decimals a client may allow.
                w.WriteStringValue(SimJson.Canonical(level.Price, priceScale));
                w.WriteStringValue((FixedPoint.ToDecimal(level.Quantity, quantityScale) + 0.0000000000000001m).ToString(CultureInfo.InvariantCulture));
                break;
            default:
                w.WriteStringValue(SimJson.Canonical(level.Price, priceScale));
                w.WriteStringValue(SimJson.Canonical(level.Quantity, quantityScale));
                break;
        }

        corruption = null;
        w.WriteEndArray();
    }
}
