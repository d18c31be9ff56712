using System.Buffers;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>Writes Upbit's orderbook JSON in the DEFAULT format: prices and sizes as JSON numbers, plain decimals.</summary>
internal static class UpbitFrames
{
    /// <summary>
    /// A WebSocket message {"type":"orderbook","code":..,"timestamp":..,"total_ask_size":..,"total_bid_size":..,
    /// "orderbook_units":[..],"stream_type":..,"level":0}, or with <paramref name="streamType"/> null the REST
    /// object {"market":..,"timestamp":..,...,"orderbook_units":[..],"level":0}. Units pair the i-th ask with the i-th bid.
    /// </summary>
    public static byte[] Orderbook(string code, BookVersion version, int depth, string? streamType, MalformedVariant? corruption = null)
    {
        var units = Math.Min(depth, Math.Min(version.Bids.Length, version.Asks.Length));
        long totalAsk = 0;
        long totalBid = 0;
        for (var i = 0; i < units; i++)
        {
            totalAsk += version.Asks[i].Quantity;
            totalBid += version.Bids[i].Quantity;
        }

        var buffer = new ArrayBufferWriter<byte>(256 + (units * 100));
        using (var w = SimJson.Writer(buffer))
        {
            w.WriteStartObject();
            if (streamType is null)
            {
                w.WriteString("market"u8, code);
            }
            else
            {
                w.WriteString("type"u8, "orderbook"u8);
                w.WriteString("code"u8, code);
            }

            w.WriteNumber("timestamp"u8, version.Sequence);
            w.WritePropertyName("total_ask_size"u8);
            SimJson.WriteUpbitNumber(w, totalAsk, version.QuantityScale);
            w.WritePropertyName("total_bid_size"u8);
            SimJson.WriteUpbitNumber(w, totalBid, version.QuantityScale);
            w.WriteStartArray("orderbook_units"u8);
            for (var i = 0; i < units; i++)
            {
                WriteUnit(w, version.Asks[i], version.Bids[i], version.PriceScale, version.QuantityScale, i == 0 ? corruption : null);
            }

            w.WriteEndArray();
            if (streamType is not null)
            {
                w.WriteString("stream_type"u8, streamType);
            }

            w.WriteNumber("level"u8, 0);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Error(string name, string message) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("name", name);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void WriteUnit(Utf8JsonWriter w, Level ask, Level bid, int priceScale, int quantityScale, MalformedVariant? corruption)
    {
        w.WriteStartObject();
        w.WritePropertyName("ask_price"u8);
        switch (corruption)
        {
            case MalformedVariant.NotANumber:
                w.WriteRawValue("NaN"u8, skipInputValidation: true);
                break;
            case MalformedVariant.Huge:
                w.WriteRawValue("1e400"u8, skipInputValidation: true);
                break;
            default:
                SimJson.WriteUpbitNumber(w, ask.Price, priceScale);
                break;
        }

        w.WritePropertyName("bid_price"u8);
        SimJson.WriteUpbitNumber(w, bid.Price, priceScale);
        w.WritePropertyName("ask_size"u8);
        switch (corruption)
        {
            case MalformedVariant.Negative:
                w.WriteRawValue("-" + SimJson.Canonical(ask.Quantity, quantityScale), skipInputValidation: true);
                break;
            case MalformedVariant.ExcessDecimals:
                w.WriteRawValue(SimJson.TenDecimals(ask.Quantity, quantityScale), skipInputValidation: true);
                break;
            default:
                SimJson.WriteUpbitNumber(w, ask.Quantity, quantityScale);
                break;
        }

        w.WritePropertyName("bid_size"u8);
        SimJson.WriteUpbitNumber(w, bid.Quantity, quantityScale);
        w.WriteEndObject();
    }
}
