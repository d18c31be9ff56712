using System.Buffers;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// Writes Bybit v5 public spot JSON as Bybit sends it (REFERENCE.md §3 and the captures in the adapter's fixtures): prices
/// and sizes as strings of plain decimals without trailing zeros ("43730", "0.1101"), numbers for times and ids.
/// </summary>
internal static class BybitFrames
{
    /// <summary>
    /// An <c>orderbook.{depth}.{symbol}</c> message in the field order of a captured spot message:
    /// {"topic":..,"ts":..,"type":"snapshot"|"delta","data":{"s":..,"b":[..],"a":[..],"u":..,"seq":..},"cts":..}.
    /// </summary>
    /// <param name="corruption">When set (a value-level MalformedVariant), the first level written carries that corruption.</param>
    public static byte[] Orderbook(string topic, string symbol, string type, long tsMillis, long ctsMillis, long u, long seq, IReadOnlyList<Level> bids, IReadOnlyList<Level> asks, int priceScale, int quantityScale, MalformedVariant? corruption = null)
    {
        var buffer = new ArrayBufferWriter<byte>(160 + ((bids.Count + asks.Count) * 32));
        using (var w = SimJson.Writer(buffer))
        {
            w.WriteStartObject();
            w.WriteString("topic"u8, topic);
            w.WriteNumber("ts"u8, tsMillis);
            w.WriteString("type"u8, type);
            w.WriteStartObject("data"u8);
            w.WriteString("s"u8, symbol);
            var pending = corruption;
            WriteLevels(w, "b"u8, bids, bids.Count, priceScale, quantityScale, ref pending);
            WriteLevels(w, "a"u8, asks, asks.Count, priceScale, quantityScale, ref pending);
            w.WriteNumber("u"u8, u);
            w.WriteNumber("seq"u8, seq);
            w.WriteEndObject();
            w.WriteNumber("cts"u8, ctsMillis);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A reply to a client request: {"success":..,"ret_msg":..,"conn_id":..,"req_id":..,"op":..}, as the spot subscribe reply
    /// of Bybit's docs; <paramref name="reqId"/> null leaves "req_id" out (the documented spot pong has none).
    /// </summary>
    public static byte[] Reply(bool success, string retMessage, string connId, string? reqId, string op) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("success"u8, success);
        w.WriteString("ret_msg"u8, retMessage);
        w.WriteString("conn_id"u8, connId);
        if (reqId is not null)
        {
            w.WriteString("req_id"u8, reqId);
        }

        w.WriteString("op"u8, op);
        w.WriteEndObject();
    });

    /// <summary>The REST envelope {"retCode":..,"retMsg":..,"result":{..},"retExtInfo":{},"time":..}; <paramref name="result"/> writes the result object's members.</summary>
    public static byte[] Rest(int retCode, string retMessage, long timeMillis, Action<Utf8JsonWriter>? result) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("retCode"u8, retCode);
        w.WriteString("retMsg"u8, retMessage);
        w.WriteStartObject("result"u8);
        result?.Invoke(w);
        w.WriteEndObject();
        w.WriteStartObject("retExtInfo"u8);
        w.WriteEndObject();
        w.WriteNumber("time"u8, timeMillis);
        w.WriteEndObject();
    });

    /// <summary>The levels <c>[["price","size"],..]</c>, best first, the first <paramref name="limit"/> of them.</summary>
    public static void WriteLevels(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<Level> levels, int limit, int priceScale, int quantityScale, ref MalformedVariant? corruption)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < levels.Count && i < limit; i++)
        {
            WriteLevel(w, levels[i], priceScale, quantityScale, corruption);
            corruption = null;
        }

        w.WriteEndArray();
    }

    /// <summary>Plain decimal text without trailing zeros, as Bybit's spot stream spells numbers ("43730", "0.049391", "0").</summary>
    public static string Text(long units, int scale) => FixedPoint.Format(units, scale);

    private static void WriteLevel(Utf8JsonWriter w, Level level, int priceScale, int quantityScale, MalformedVariant? corruption)
    {
        w.WriteStartArray();
        switch (corruption)
        {
            case MalformedVariant.NotANumber:
                w.WriteStringValue("NaN"u8);
                WriteNumber(w, level.Quantity, quantityScale);
                break;
            case MalformedVariant.Huge:
                w.WriteStringValue("1e400"u8);
                WriteNumber(w, level.Quantity, quantityScale);
                break;
            case MalformedVariant.Negative:
                WriteNumber(w, level.Price, priceScale);
                w.WriteStringValue("-" + Text(level.Quantity == 0 ? FixedPoint.Pow10(quantityScale) : level.Quantity, quantityScale));
                break;
            case MalformedVariant.ExcessDecimals:
                WriteNumber(w, level.Price, priceScale);
                w.WriteStringValue(SimJson.TenDecimals(level.Quantity, quantityScale));
                break;
            default:
                WriteNumber(w, level.Price, priceScale);
                WriteNumber(w, level.Quantity, quantityScale);
                break;
        }

        w.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter w, long units, int scale)
    {
        Span<byte> buffer = stackalloc byte[48];
        var n = FixedPoint.Format(units, scale, buffer, padToScale: false);
        w.WriteStringValue(buffer[..n]);
    }
}
