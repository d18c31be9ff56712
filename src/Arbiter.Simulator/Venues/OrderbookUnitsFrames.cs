using System.Buffers;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// Writes the orderbook JSON of the Upbit-shaped venues (Upbit, Bithumb's current API) in the DEFAULT format: prices and
/// sizes as JSON numbers, plain decimals, in the venue's <see cref="OrderbookUnitsStyle"/>; and their error replies.
/// </summary>
internal static class OrderbookUnitsFrames
{
    /// <summary>
    /// A WebSocket message (type, code, totals, units, level, timestamp, stream_type in the style's order) or, with
    /// <paramref name="streamType"/> null, the REST object (market, timestamp, totals, units[, level]). Units pair the
    /// i-th ask with the i-th bid; the totals are the sums of the sizes sent.
    /// </summary>
    public static byte[] Orderbook(OrderbookUnitsStyle style, string code, BookVersion version, int depth, string? streamType, MalformedVariant? corruption = null)
    {
        var units = Math.Min(depth, Math.Min(version.Bids.Length, version.Asks.Length));
        long totalAsk = 0;
        long totalBid = 0;
        for (var i = 0; i < units; i++)
        {
            totalAsk += version.Asks[i].Quantity;
            totalBid += version.Bids[i].Quantity;
        }

        var rest = streamType is null;
        var buffer = new ArrayBufferWriter<byte>(256 + (units * 100));
        using (var w = SimJson.Writer(buffer))
        {
            w.WriteStartObject();
            if (rest)
            {
                w.WriteString("market"u8, code);
                w.WriteNumber("timestamp"u8, version.Sequence / style.RestTimestampDivisor);
            }
            else
            {
                w.WriteString("type"u8, "orderbook"u8);
                w.WriteString("code"u8, code);
                if (!style.TimestampAfterUnits)
                {
                    w.WriteNumber("timestamp"u8, version.Sequence);
                }
            }

            w.WritePropertyName("total_ask_size"u8);
            WriteNumber(w, style, totalAsk, version.QuantityScale);
            w.WritePropertyName("total_bid_size"u8);
            WriteNumber(w, style, totalBid, version.QuantityScale);
            w.WriteStartArray("orderbook_units"u8);
            for (var i = 0; i < units; i++)
            {
                WriteUnit(w, style, version.Asks[i], version.Bids[i], version.PriceScale, version.QuantityScale, i == 0 ? corruption : null);
            }

            w.WriteEndArray();
            if (rest)
            {
                if (style.RestLevel)
                {
                    w.WriteNumber("level"u8, style.Level);
                }
            }
            else if (style.TimestampAfterUnits)
            {
                w.WriteNumber("level"u8, style.Level);
                w.WriteNumber("timestamp"u8, version.Sequence);
                w.WriteString("stream_type"u8, streamType);
            }
            else
            {
                w.WriteString("stream_type"u8, streamType);
                w.WriteNumber("level"u8, style.Level);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>{"error":{"name":..,"message":..}}</c>.</summary>
    public static byte[] Error(string name, string message) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("name", name);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void WriteNumber(Utf8JsonWriter w, OrderbookUnitsStyle style, long units, int scale)
    {
        if (style.WholeNumbersWithPointZero)
        {
            SimJson.WriteUpbitNumber(w, units, scale);
        }
        else
        {
            SimJson.WritePlainNumber(w, units, scale);
        }
    }

    private static void WriteUnit(Utf8JsonWriter w, OrderbookUnitsStyle style, Level ask, Level bid, int priceScale, int quantityScale, MalformedVariant? corruption)
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
                WriteNumber(w, style, ask.Price, priceScale);
                break;
        }

        w.WritePropertyName("bid_price"u8);
        WriteNumber(w, style, bid.Price, priceScale);
        w.WritePropertyName("ask_size"u8);
        switch (corruption)
        {
            case MalformedVariant.Negative:
                // Never "-0", which a parser may read as the zero size of an empty side.
                w.WriteRawValue("-" + (ask.Quantity == 0 ? "1" : SimJson.Canonical(ask.Quantity, quantityScale)), skipInputValidation: true);
                break;
            case MalformedVariant.ExcessDecimals:
                w.WriteRawValue(SimJson.TenDecimals(ask.Quantity, quantityScale), skipInputValidation: true);
                break;
            default:
                WriteNumber(w, style, ask.Quantity, quantityScale);
                break;
        }

        w.WritePropertyName("bid_size"u8);
        WriteNumber(w, style, bid.Quantity, quantityScale);
        w.WriteEndObject();
    }
}
