using System.Globalization;
using System.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Storage;

/// <summary>The JSON of <c>/api/history/*</c>: times as ISO-8601 UTC, money as exact decimal strings, newest first.</summary>
public static class HistoryJson
{
    public static string Opportunities(IReadOnlyList<OpportunityHistoryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Write(w =>
        {
            w.WriteStartArray("opportunities");
            foreach (var r in rows)
            {
                w.WriteStartObject();
                w.WriteNumber("runId", r.RunId);
                w.WriteNumber("id", r.OpportunityId);
                w.WriteString("asset", r.Asset);
                w.WriteString("buyVenue", r.BuyVenue);
                w.WriteString("buySymbol", r.BuySymbol);
                w.WriteString("sellVenue", r.SellVenue);
                w.WriteString("sellSymbol", r.SellSymbol);
                w.WriteString("firstSeen", Iso(r.FirstSeen));
                w.WriteString("lastUpdated", Iso(r.LastUpdated));
                NullableTime(w, "closedAt", r.ClosedAt);
                w.WriteString("closeReason", r.CloseReason);
                w.WriteNumber("durationMs", r.DurationMicros / 1000.0);
                w.WriteString("peakNetProfitUsd", Text(r.PeakNetProfitUsd));
                w.WriteString("peakNetPremiumBps", Text(r.PeakNetPremiumBps));
                w.WriteString("size", Text(r.Size));
                w.WriteString("netProfitUsd", Text(r.NetProfitUsd));
                w.WriteString("netPremiumBps", Text(r.NetPremiumBps));
                w.WriteStartObject("transfer");
                w.WriteBoolean("available", r.TransferAvailable);
                w.WriteString("unavailable", r.TransferUnavailable);
                w.WriteString("network", r.TransferNetwork);
                w.WriteString("withdrawFee", NullableText(r.TransferFee));
                w.WriteString("feeUsd", NullableText(r.TransferFeeUsd));
                w.WriteString("netProfitUsd", NullableText(r.TransferNetProfitUsd));
                w.WriteEndObject();
                w.WriteNumber("events", r.Events);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    public static string Alerts(IReadOnlyList<AlertRecord> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Write(w =>
        {
            w.WriteStartArray("alerts");
            foreach (var r in rows)
            {
                w.WriteStartObject();
                w.WriteNumber("id", r.Id);
                w.WriteString("sink", r.Sink);
                w.WriteString("target", r.Target);
                w.WriteString("opportunityKey", r.OpportunityKey);
                w.WriteString("asset", r.Asset);
                w.WriteString("netProfitUsd", Text(r.NetProfitUsd));
                w.WriteString("state", SqliteStore.StateName(r.State));
                w.WriteString("queuedAt", Iso(r.QueuedAt));
                NullableTime(w, "sentAt", r.SentAt);
                NullableTime(w, "droppedAt", r.DroppedAt);
                w.WriteString("dropReason", r.DropReason);
                w.WriteString("text", r.Text);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    public static string VenueStatus(IReadOnlyList<VenueStatusRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Write(w =>
        {
            w.WriteStartArray("venueStatus");
            foreach (var r in rows)
            {
                w.WriteStartObject();
                w.WriteString("venue", r.Venue);
                w.WriteString("time", Iso(r.Time));
                w.WriteString("kind", r.Kind);
                w.WriteString("state", r.State);
                w.WriteString("detail", r.Detail);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private static string Iso(long unixMicros) => UnixMicros.ToIso(unixMicros);

    private static void NullableTime(Utf8JsonWriter w, string name, long? time)
    {
        if (time is { } t)
        {
            w.WriteString(name, Iso(t));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? NullableText(decimal? value) => value is { } v ? Text(v) : null;

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
