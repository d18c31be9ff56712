using System.Buffers;
using System.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>Writes Binance's spot market-data JSON exactly as Binance does: prices and quantities as 8-decimal strings.</summary>
internal static class BinanceFrames
{
    /// <summary>The payload of a diff-depth event: {"e":"depthUpdate","E":..,"s":..,"U":..,"u":..,"b":[..],"a":[..]}.</summary>
    /// <param name="corruption">When set (a value-level MalformedVariant), the first level written carries that corruption.</param>
    public static byte[] DepthUpdate(string symbol, long eventMillis, long first, long last, List<Level> bids, List<Level> asks, int priceScale, int quantityScale, MalformedVariant? corruption = null)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + ((bids.Count + asks.Count) * 40));
        using (var w = SimJson.Writer(buffer))
        {
            w.WriteStartObject();
            w.WriteString("e"u8, "depthUpdate"u8);
            w.WriteNumber("E"u8, eventMillis);
            w.WriteString("s"u8, symbol);
            w.WriteNumber("U"u8, first);
            w.WriteNumber("u"u8, last);
            var pending = corruption;
            WriteLevels(w, "b"u8, bids, priceScale, quantityScale, ref pending);
            WriteLevels(w, "a"u8, asks, priceScale, quantityScale, ref pending);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The combined-stream wrapper {"stream":"..","data":payload}.</summary>
    public static byte[] Wrap(string stream, byte[] payload)
    {
        var prefix = Encoding.ASCII.GetBytes("{\"stream\":\"" + stream + "\",\"data\":");
        var result = new byte[prefix.Length + payload.Length + 1];
        prefix.CopyTo(result, 0);
        payload.CopyTo(result, prefix.Length);
        result[^1] = (byte)'}';
        return result;
    }

    /// <summary>GET /api/v3/depth: {"lastUpdateId":..,"bids":[..],"asks":[..]}, best first, top <paramref name="limit"/>.</summary>
    public static byte[] Depth(BookVersion version, int limit) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("lastUpdateId"u8, version.Sequence);
        var none = (MalformedVariant?)null;
        WriteLevels(w, "bids"u8, version.Bids, limit, version.PriceScale, version.QuantityScale, ref none);
        WriteLevels(w, "asks"u8, version.Asks, limit, version.PriceScale, version.QuantityScale, ref none);
        w.WriteEndObject();
    });

    public static byte[] Error(int code, string message) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code"u8, code);
        w.WriteString("msg"u8, message);
        w.WriteEndObject();
    });

    private static void WriteLevels(Utf8JsonWriter w, ReadOnlySpan<byte> name, List<Level> levels, int priceScale, int quantityScale, ref MalformedVariant? corruption)
    {
        w.WriteStartArray(name);
        foreach (var level in levels)
        {
            WriteLevel(w, level, priceScale, quantityScale, ref corruption);
        }

        w.WriteEndArray();
    }

    private static void WriteLevels(Utf8JsonWriter w, ReadOnlySpan<byte> name, Level[] levels, int limit, int priceScale, int quantityScale, ref MalformedVariant? corruption)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < levels.Length && i < limit; i++)
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
                SimJson.WriteBinanceString(w, level.Quantity, quantityScale);
                break;
            case MalformedVariant.Huge:
                w.WriteStringValue("1e400"u8);
                SimJson.WriteBinanceString(w, level.Quantity, quantityScale);
                break;
            case MalformedVariant.Negative:
                SimJson.WriteBinanceString(w, level.Price, priceScale);
                w.WriteStringValue("-" + SimJson.BinanceText(level.Quantity == 0 ? FixedPoint.Pow10(quantityScale) : level.Quantity, quantityScale));
                break;
            case MalformedVariant.ExcessDecimals:
                SimJson.WriteBinanceString(w, level.Price, priceScale);
                w.WriteStringValue(SimJson.TenDecimals(level.Quantity, quantityScale));
                break;
            default:
                SimJson.WriteBinanceString(w, level.Price, priceScale);
                SimJson.WriteBinanceString(w, level.Quantity, quantityScale);
                break;
        }

        corruption = null;
        w.WriteEndArray();
    }
}
