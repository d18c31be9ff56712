using System.Text.Json;
using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Alerts;

/// <summary>
/// The bodies a webhook receives. <see cref="WebhookFormat.Json"/>: the event as an object (kind, time in unix µs, id, asset,
/// buy and sell venue and symbol, size, average prices, gross and net profit, net premium, the transfer quote, the close reason),
/// decimals as JSON numbers; <see cref="WebhookFormat.Discord"/>: <c>{"content": text}</c>; <see cref="WebhookFormat.Slack"/>: <c>{"text": text}</c>.
/// </summary>
public static class WebhookPayload
{
    public static byte[] Create(WebhookFormat format, OpportunityEvent opportunityEvent, string plainText)
    {
        ArgumentNullException.ThrowIfNull(opportunityEvent);
        ArgumentNullException.ThrowIfNull(plainText);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            switch (format)
            {
                case WebhookFormat.Discord:
                    w.WriteString("content"u8, plainText);
                    break;
                case WebhookFormat.Slack:
                    w.WriteString("text"u8, plainText);
                    break;
                default:
                    WriteEvent(w, opportunityEvent);
                    break;
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteEvent(Utf8JsonWriter w, OpportunityEvent e)
    {
        var o = e.Opportunity;
        w.WriteString("kind"u8, e.Kind switch
        {
            OpportunityEventKind.Opened => "opened",
            OpportunityEventKind.Updated => "updated",
            OpportunityEventKind.Closed => "closed",
            _ => "transferChanged",
        });
        w.WriteNumber("time"u8, e.Time);
        w.WriteNumber("id"u8, o.Id);
        w.WriteString("asset"u8, o.Asset.Code);
        w.WriteString("buyVenue"u8, o.Buy.Venue.Name());
        w.WriteString("buySymbol"u8, o.Buy.Symbol);
        w.WriteString("sellVenue"u8, o.Sell.Venue.Name());
        w.WriteString("sellSymbol"u8, o.Sell.Symbol);
        w.WriteNumber("size"u8, o.Size);
        w.WriteNumber("averageBuyPrice"u8, o.AverageBuyPrice);
        w.WriteNumber("averageSellPrice"u8, o.AverageSellPrice);
        w.WriteNumber("grossProfitUsd"u8, o.GrossProfitUsd);
        w.WriteNumber("netProfitUsd"u8, o.NetProfitUsd);
        w.WriteNumber("netPremiumBps"u8, o.NetPremiumBps);
        w.WriteStartObject("transfer"u8);
        var t = o.Transfer;
        w.WriteBoolean("available"u8, t.Available);
        WriteStringOrNull(w, "unavailable"u8, t.Unavailable);
        WriteStringOrNull(w, "network"u8, t.Network);
        WriteNumberOrNull(w, "withdrawFee"u8, t.WithdrawFee);
        WriteNumberOrNull(w, "feeUsd"u8, t.FeeUsd);
        WriteNumberOrNull(w, "netProfitUsd"u8, t.NetProfitUsd);
        w.WriteEndObject();
        WriteStringOrNull(w, "closeReason"u8, e.CloseReason);
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, ReadOnlySpan<byte> name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
