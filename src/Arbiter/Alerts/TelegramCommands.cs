using System.Globalization;
using System.Text;
using Arbiter.Core;
using Microsoft.Extensions.Logging;

namespace Arbiter.Alerts;

/// <summary>
/// Parses and applies the bot's commands: <c>/start</c>, <c>/stop</c>, <c>/threshold &lt;bps&gt;</c>, <c>/minprofit &lt;usd&gt;</c>,
/// <c>/assets [A B …|all]</c>, <c>/venues [a b …|all]</c>, <c>/routes on|off</c>, <c>/status</c>, <c>/mute &lt;minutes&gt;</c>, <c>/help</c>.
/// Only allowlisted chats and the admin chat (any chat in open mode) are served: anything from another chat changes nothing, gets no reply
/// (a reply would let strangers spend the bot's rate limit) and is counted and logged with its chat id.
/// </summary>
public sealed class TelegramCommands
{
    /// <summary>Largest accepted /threshold (100 %).</summary>
    public const decimal MaxThresholdBps = 10_000m;

    /// <summary>Largest accepted /minprofit.</summary>
    public const decimal MaxMinProfitUsd = 1_000_000_000m;

    /// <summary>Longest accepted /mute (a week).</summary>
    public const int MaxMuteMinutes = 7 * 24 * 60;

    private const string Help =
        "/start: subscribe to alerts\n" +
        "/stop: unsubscribe\n" +
        "/threshold &lt;bps&gt;: minimum net premium, e.g. /threshold 50\n" +
        "/minprofit &lt;usd&gt;: minimum net profit, e.g. /minprofit 25\n" +
        "/assets BTC ETH … | all: only these assets\n" +
        "/venues binance upbit … | all: only these venues\n" +
        "/routes on|off: only opportunities with an open transfer route\n" +
        "/mute &lt;minutes&gt;: no alerts for a while (0 unmutes)\n" +
        "/status: your settings and the system's state\n" +
        "/help: this list";

    private readonly ISubscriberStore store;
    private readonly TelegramOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly Func<string>? systemStatus;
    private readonly object gate = new();
    private readonly HashSet<long> refusedChats = [];
    private long refused;

    /// <param name="systemStatus">HTML lines about the system for <c>/status</c> (venues, FX), or null.</param>
    public TelegramCommands(ISubscriberStore store, TelegramOptions options, TimeProvider clock, ILogger logger, Func<string>? systemStatus = null)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        this.systemStatus = systemStatus;
    }

    /// <summary>Updates refused because their chat is not allowlisted.</summary>
    public long Refused => Interlocked.Read(ref refused);

    /// <summary>The distinct chats refused so far, ordered.</summary>
    public IReadOnlyList<long> RefusedChats
    {
        get
        {
            lock (gate)
            {
                var chats = refusedChats.ToList();
                chats.Sort();
                return chats;
            }
        }
    }

    /// <summary>Applies one message; the HTML reply, or null when there is none (not a command, or a chat that is not allowed).</summary>
    public string? Apply(long chatId, long? userId, string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text[0] != '/')
        {
            return null;
        }

        if (!options.IsAllowed(chatId))
        {
            var count = Interlocked.Increment(ref refused);
            lock (gate)
            {
                refusedChats.Add(chatId);
            }

            AlertsLog.ChatRefused(logger, chatId, userId, count);
            return null;
        }

        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var command = parts[0].ToLowerInvariant();
        var at = command.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            command = command[..at]; // "/threshold@arbiter_bot" in group chats
        }

        var args = parts.AsSpan(1);
        var now = UnixMicros.Now(clock);
        var current = store.Get(chatId);
        switch (command)
        {
            case "/start":
                if (current is not null)
                {
                    return "Already subscribed.\n" + Describe(current, now);
                }

                current = SubscriberSettings.Create(chatId, now);
                store.Put(current);
                AlertsLog.CommandApplied(logger, chatId, "subscribed");
                return "Subscribed: you will get alerts of every opportunity the engine opens until you narrow them.\n" + Describe(current, now) + "\n/help lists the commands.";
            case "/stop":
                if (!store.Remove(chatId))
                {
                    return "You were not subscribed.";
                }

                AlertsLog.CommandApplied(logger, chatId, "unsubscribed");
                return "Unsubscribed: no more alerts. /start subscribes again.";
            case "/help":
                return Help;
            case "/status":
                return (current is null ? "Not subscribed (/start subscribes)." : Describe(current, now))
                    + (systemStatus is null ? "" : "\n" + systemStatus());
            case "/threshold" or "/minprofit" or "/assets" or "/venues" or "/routes" or "/mute":
                if (current is null)
                {
                    return "Not subscribed: send /start first.";
                }

                var (updated, reply) = Change(command, args, current, now);
                if (updated is not null)
                {
                    store.Put(updated);
                    AlertsLog.CommandApplied(logger, chatId, command);
                }

                return reply;
            default:
                return $"Unknown command {AlertFormatter.EscapeHtml(command)}. /help lists the commands.";
        }
    }

    /// <summary>The subscriber's settings as HTML lines.</summary>
    public static string Describe(SubscriberSettings settings, long now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var text = new StringBuilder();
        text.Append("threshold ").Append(settings.ThresholdBps.ToString(CultureInfo.InvariantCulture)).Append(" bps, min profit $")
            .Append(settings.MinProfitUsd.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("assets: ").Append(settings.Assets.Count == 0 ? "all" : string.Join(' ', settings.Assets.Select(a => a.Code))).Append('\n');
        text.Append("venues: ").Append(settings.Venues.Count == 0 ? "all" : string.Join(' ', settings.Venues.Select(v => v.Name()))).Append('\n');
        text.Append("routes only: ").Append(settings.RoutesOnly ? "on" : "off").Append('\n');
        text.Append("muted: ").Append(settings.IsMuted(now)
            ? "until " + UnixMicros.ToDateTimeOffset(settings.MutedUntil).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : "no");
        return text.ToString();
    }

    private static (SubscriberSettings? Updated, string Reply) Change(string command, ReadOnlySpan<string> args, SubscriberSettings current, long now)
    {
        switch (command)
        {
            case "/threshold":
                if (args.Length != 1 || !TryDecimal(args[0], out var bps) || bps < 0 || bps > MaxThresholdBps)
                {
                    return (null, $"Usage: /threshold &lt;bps&gt;, a number from 0 to {MaxThresholdBps.ToString(CultureInfo.InvariantCulture)} (e.g. /threshold 50). Now {current.ThresholdBps.ToString(CultureInfo.InvariantCulture)} bps.");
                }

                return (current with { ThresholdBps = bps }, $"Threshold set to {bps.ToString(CultureInfo.InvariantCulture)} bps.");
            case "/minprofit":
                if (args.Length != 1 || !TryDecimal(args[0].TrimStart('$'), out var usd) || usd < 0 || usd > MaxMinProfitUsd)
                {
                    return (null, $"Usage: /minprofit &lt;usd&gt;, a number from 0 to {MaxMinProfitUsd.ToString(CultureInfo.InvariantCulture)} (e.g. /minprofit 25). Now ${current.MinProfitUsd.ToString(CultureInfo.InvariantCulture)}.");
                }

                return (current with { MinProfitUsd = usd }, $"Minimum net profit set to ${usd.ToString(CultureInfo.InvariantCulture)}.");
            case "/assets":
                return Assets(args, current);
            case "/venues":
                return Venues(args, current);
            case "/routes":
                if (args.Length == 1 && args[0].Equals("on", StringComparison.OrdinalIgnoreCase))
                {
                    return (current with { RoutesOnly = true }, "Routes only: on (alerts only when a transfer route is open).");
                }

                if (args.Length == 1 && args[0].Equals("off", StringComparison.OrdinalIgnoreCase))
                {
                    return (current with { RoutesOnly = false }, "Routes only: off.");
                }

                return (null, $"Usage: /routes on|off. Now {(current.RoutesOnly ? "on" : "off")}.");
            default: // "/mute"
                if (args.Length != 1 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes > MaxMuteMinutes)
                {
                    return (null, $"Usage: /mute &lt;minutes&gt;, a whole number from 0 (unmute) to {MaxMuteMinutes} (e.g. /mute 30).");
                }

                if (minutes == 0)
                {
                    return (current with { MutedUntil = 0 }, "Unmuted.");
                }

                var until = now + (minutes * 60_000_000L);
                return (current with { MutedUntil = until }, $"Muted for {minutes} min, until {UnixMicros.ToDateTimeOffset(until).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}.");
        }
    }

    private static (SubscriberSettings? Updated, string Reply) Assets(ReadOnlySpan<string> args, SubscriberSettings current)
    {
        if (args.Length == 0)
        {
            return (null, "Assets: " + (current.Assets.Count == 0 ? "all" : string.Join(' ', current.Assets.Select(a => a.Code))) + ". Usage: /assets BTC ETH … or /assets all.");
        }

        if (args.Length == 1 && args[0].Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return (current with { Assets = [] }, "Assets: all.");
        }

        var assets = new List<Asset>();
        foreach (var code in args)
        {
            if (code.Length > 32 || !code.All(char.IsAsciiLetterOrDigit))
            {
                return (null, $"Not an asset code: {AlertFormatter.EscapeHtml(code)}. Usage: /assets BTC ETH … (letters and digits) or /assets all.");
            }

            var asset = Asset.Of(code);
            if (!assets.Contains(asset))
            {
                assets.Add(asset);
            }
        }

        return (current with { Assets = assets }, "Assets: " + string.Join(' ', assets.Select(a => a.Code)) + ".");
    }

    private static (SubscriberSettings? Updated, string Reply) Venues(ReadOnlySpan<string> args, SubscriberSettings current)
    {
        var known = string.Join(' ', VenueNames.All.ToArray().Select(v => v.Name()));
        if (args.Length == 0)
        {
            return (null, "Venues: " + (current.Venues.Count == 0 ? "all" : string.Join(' ', current.Venues.Select(v => v.Name()))) + $". Usage: /venues {known} … or /venues all.");
        }

        if (args.Length == 1 && args[0].Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return (current with { Venues = [] }, "Venues: all.");
        }

        var venues = new List<VenueId>();
        foreach (var name in args)
        {
            if (!VenueNames.TryParse(name, out var venue))
            {
                return (null, $"Unknown venue: {AlertFormatter.EscapeHtml(name)}. Known: {known}.");
            }

            if (!venues.Contains(venue))
            {
                venues.Add(venue);
            }
        }

        return (current with { Venues = venues }, "Venues: " + string.Join(' ', venues.Select(v => v.Name())) + ".");
    }

    private static bool TryDecimal(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
}
