using System.Buffers;
using System.Text.Json;
using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Api;

/// <summary>
/// The one JSON shape of every API, dashboard and EVENTS.jsonl object. Exact values (prices, sizes, money) are
/// decimal strings; times are ISO-8601 UTC with microseconds.
/// </summary>
public static class ApiJson
{
    public static string Opportunity(OpportunityEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Write(w => WriteOpportunityEvent(w, e));
    }

    public static void WriteOpportunityEvent(Utf8JsonWriter w, OpportunityEvent e)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        w.WriteStartObject();
        w.WriteString("type", e.Kind switch
        {
            OpportunityEventKind.Opened => "opportunity.opened",
            OpportunityEventKind.Updated => "opportunity.updated",
            OpportunityEventKind.TransferChanged => "opportunity.transferChanged",
            _ => "opportunity.closed",
        });
        w.WriteString("time", UnixMicros.ToIso(e.Time));
        w.WritePropertyName("opportunity");
        WriteOpportunity(w, e.Opportunity);
        if (e.CloseReason is not null)
        {
            w.WriteString("closeReason", e.CloseReason);
        }

        w.WriteEndObject();
    }

    public static void WriteOpportunity(Utf8JsonWriter w, Opportunity o)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(o);
        w.WriteStartObject();
        w.WriteNumber("id", o.Id);
        w.WriteString("asset", o.Asset.Code);
        WriteLeg(w, "buy", o.Buy, o.AverageBuyPrice, o.BuyLevels, o.BuyFeeRate, o.BuyFxRate, o.BuySequence, o.BuyFills);
        WriteLeg(w, "sell", o.Sell, o.AverageSellPrice, o.SellLevels, o.SellFeeRate, o.SellFxRate, o.SellSequence, o.SellFills);
        w.WriteString("size", FixedPoint.Format(o.Size));
        w.WriteString("grossProfitUsd", FixedPoint.Format(o.GrossProfitUsd));
        w.WriteString("netProfitUsd", FixedPoint.Format(o.NetProfitUsd));
        w.WriteString("netPremiumBps", FixedPoint.Format(o.NetPremiumBps));
        w.WriteString("peakNetProfitUsd", FixedPoint.Format(o.PeakNetProfitUsd));
        w.WriteString("peakNetPremiumBps", FixedPoint.Format(o.PeakNetPremiumBps));
        w.WriteString("firstSeen", UnixMicros.ToIso(o.FirstSeen));
        w.WriteString("lastUpdated", UnixMicros.ToIso(o.LastUpdated));
        w.WriteNumber("durationMs", o.DurationMicros / 1000);
        w.WritePropertyName("transfer");
        IntelligenceJson.WriteTransfer(w, o.Transfer);
        w.WriteEndObject();
    }

    public static void WriteBookTop(Utf8JsonWriter w, BookTop top, long now)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(top);
        var i = top.Instrument;
        w.WriteStartObject();
        w.WriteString("venue", i.Venue.Name());
        w.WriteString("symbol", i.Symbol);
        w.WriteString("base", i.Base.Code);
        w.WriteString("quote", i.Quote.Code);
        w.WriteString("state", top.State.ToString());
        if (top.Reason != BookInvalidReason.None)
        {
            w.WriteString("reason", top.Reason.ToString());
        }

        WriteOptionalLevel(w, "bid", i, top.BidPrice, top.BidQuantity);
        WriteOptionalLevel(w, "ask", i, top.AskPrice, top.AskQuantity);
        w.WriteNumber("sequence", top.Sequence);
        if (top.ReceiveTime > 0)
        {
            w.WriteString("received", UnixMicros.ToIso(top.ReceiveTime));
            w.WriteNumber("ageMs", Math.Max(0, (now - top.ReceiveTime) / 1000));
        }

        w.WriteEndObject();
    }

    /// <summary>Serialises with a pooled buffer into a string (the API sends the same string to every client).</summary>
    public static string Write(Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            body(w);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteLeg(Utf8JsonWriter w, string name, Instrument instrument, decimal averagePrice, int levels, decimal fee, decimal fxRate, long sequence, IReadOnlyList<LevelFill> fills)
    {
        w.WriteStartObject(name);
        w.WriteString("venue", instrument.Venue.Name());
        w.WriteString("symbol", instrument.Symbol);
        w.WriteString("quote", instrument.Quote.Code);
        w.WriteString("averagePrice", FixedPoint.Format(averagePrice));
        w.WriteNumber("levels", levels);
        w.WriteString("feeRate", FixedPoint.Format(fee));
        w.WriteString("fxRate", FixedPoint.Format(fxRate));
        w.WriteNumber("sequence", sequence);
        w.WriteStartArray("fills");
        foreach (var fill in fills)
        {
            w.WriteStartObject();
            w.WriteString("price", FixedPoint.Format(fill.Price));
            w.WriteString("quantity", FixedPoint.Format(fill.Quantity));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteOptionalLevel(Utf8JsonWriter w, string name, Instrument i, long price, long quantity)
    {
        if (price == 0 && quantity == 0)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("price", i.FormatPrice(price));
        w.WriteString("quantity", i.FormatQuantity(quantity));
        w.WriteEndObject();
    }
}
