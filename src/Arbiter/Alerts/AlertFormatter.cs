using System.Globalization;
using System.Text;
using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Alerts;

/// <summary>
/// The text of an opportunity alert: asset and event, buy → sell venues, net premium, size, inventory net profit, the
/// transfer route and its fee (or why there is none) and the books' ages. HTML for Telegram (<see cref="TelegramBotApi.ParseMode"/>,
/// every inserted value escaped), plain text for webhooks.
/// </summary>
public static class AlertFormatter
{
    /// <summary>The alert for <paramref name="opportunityEvent"/>; <paramref name="buyBookAge"/> and <paramref name="sellBookAge"/> null when unknown.</summary>
    public static string Format(OpportunityEvent opportunityEvent, TimeSpan? buyBookAge, TimeSpan? sellBookAge, bool html)
    {
        ArgumentNullException.ThrowIfNull(opportunityEvent);
        var o = opportunityEvent.Opportunity;
        var text = new StringBuilder(256);
        var kind = opportunityEvent.Kind switch
        {
            OpportunityEventKind.Opened => "opened",
            OpportunityEventKind.Updated => "updated",
            OpportunityEventKind.Closed => "closed",
            OpportunityEventKind.TransferChanged => "route changed",
            _ => "event",
        };

        Bold(text, o.Asset.Code, html).Append(' ').Append(kind).Append(" #").Append(o.Id.ToString(CultureInfo.InvariantCulture));
        if (opportunityEvent.Kind == OpportunityEventKind.Closed && opportunityEvent.CloseReason is { } reason)
        {
            text.Append(" (").Append(Escape(reason, html)).Append(')');
        }

        text.Append('\n');
        text.Append("buy ").Append(Escape(o.Buy.Venue.Name(), html)).Append(' ').Append(Escape(o.Buy.Symbol, html))
            .Append(" → sell ").Append(Escape(o.Sell.Venue.Name(), html)).Append(' ').Append(Escape(o.Sell.Symbol, html)).Append('\n');
        text.Append("premium ").Append(Number(o.NetPremiumBps, "0.##")).Append(" bps · size ").Append(Number(o.Size, "0.##########"))
            .Append(' ').Append(Escape(o.Asset.Code, html)).Append('\n');
        text.Append("net profit ");
        Bold(text, Usd(o.NetProfitUsd), html).Append(" (inventory)\n");
        text.Append("route: ");
        var transfer = o.Transfer;
        if (transfer.Available)
        {
            text.Append(Escape(transfer.Network ?? "?", html));
            if (transfer.WithdrawFee is { } fee)
            {
                text.Append(", fee ").Append(Number(fee, "0.##########")).Append(' ').Append(Escape(o.Asset.Code, html));
            }

            if (transfer.FeeUsd is { } feeUsd)
            {
                text.Append(" (").Append(Usd(feeUsd)).Append(')');
            }

            if (transfer.NetProfitUsd is { } transferNet)
            {
                text.Append(", net ").Append(Usd(transferNet));
            }
        }
        else
        {
            text.Append("none (").Append(Escape(transfer.Unavailable ?? "unknown", html)).Append(')');
        }

        text.Append('\n');
        text.Append("books: buy ").Append(Age(buyBookAge)).Append(", sell ").Append(Age(sellBookAge)).Append(" old");
        return text.ToString();
    }

    /// <summary><paramref name="value"/> escaped for Telegram's HTML parse mode (&amp;, &lt;, &gt;).</summary>
    public static string EscapeHtml(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    private static StringBuilder Bold(StringBuilder text, string value, bool html) =>
        html ? text.Append("<b>").Append(EscapeHtml(value)).Append("</b>") : text.Append(value);

    private static string Escape(string value, bool html) => html ? EscapeHtml(value) : value;

    private static string Number(decimal value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Usd(decimal value) =>
        value < 0 ? "-$" + (-value).ToString("#,0.00", CultureInfo.InvariantCulture) : "$" + value.ToString("#,0.00", CultureInfo.InvariantCulture);

    private static string Age(TimeSpan? age) => age switch
    {
        null => "?",
        { TotalSeconds: < 1 } a => ((long)a.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms",
        { TotalMinutes: < 1 } a => a.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s",
        var a => a.Value.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min",
    };
}
