using System.Globalization;
using Arbiter.Alerts;
using Arbiter.Core;
using Arbiter.Hosting;
using Arbiter.Storage;
using Microsoft.Extensions.Logging;

namespace Arbiter.Api;

/// <summary>
/// Changes settings at runtime, atomically: every assignment (configuration key → text) is parsed and the resulting values are
/// checked with the start-up validators (same keys, same ranges); only when all are valid does the change take effect — the
/// engine's part through its input channel, the alert path's by swapping its options — and is saved (SQLite) and logged.
/// The configuration (<see cref="ArbiterSettings"/>) is never modified: the values in force are <see cref="Current"/>.
/// </summary>
public sealed class SettingsWriter
{
    private readonly object gate = new();
    private readonly ArbiterSettings configuration;
    private readonly IReadOnlyList<VenueId> running;
    private readonly SettingsInForce configured;
    private readonly Dictionary<string, string> configuredTexts;
    private readonly Func<EngineRuntimeSettings, bool> publishEngine;
    private readonly Action<SettingsInForce> applyAlerts;
    private readonly SqliteStore? store;
    private readonly ILogger logger;
    private readonly TimeProvider clock;
    private SettingsInForce current;
    private IReadOnlyList<SettingsOverride> overrides = [];

    /// <param name="configuration">The validated configuration: the values with no override, and the ranges' context.</param>
    /// <param name="publishEngine">Queues new engine settings to the engine; false when its input refused them (nothing then changes).</param>
    /// <param name="applyAlerts">Puts the alert values in force in the alert path.</param>
    /// <param name="store">Where overrides are saved and read back at start; null without storage.</param>
    public SettingsWriter(ArbiterSettings configuration, Func<EngineRuntimeSettings, bool> publishEngine, Action<SettingsInForce> applyAlerts, SqliteStore? store, ILogger logger, TimeProvider clock)
    {
        this.configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        this.publishEngine = publishEngine ?? throw new ArgumentNullException(nameof(publishEngine));
        this.applyAlerts = applyAlerts ?? throw new ArgumentNullException(nameof(applyAlerts));
        this.store = store;
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        running = configuration.Venues.EnabledIds();
        configured = SettingsInForce.FromConfiguration(configuration);
        configuredTexts = configured.Texts(running).ToDictionary(t => t.Key, t => t.Text, StringComparer.Ordinal);
        current = configured;
    }

    /// <summary>The values in force now (one reference read; never modified).</summary>
    public SettingsInForce Current => Volatile.Read(ref current);

    /// <summary>The settings whose value in force differs from the configuration, with when they were changed.</summary>
    public IReadOnlyList<SettingsOverride> Overrides => Volatile.Read(ref overrides);

    /// <summary>The venues running in this process: the only ones that can be enabled.</summary>
    public IReadOnlyList<VenueId> Running => running;

    /// <summary>
    /// Re-applies the overrides saved by an earlier run, each validated again on top of the configuration: one that is no longer
    /// valid (a range, a venue no longer running, a webhook no longer configured) is skipped with a log line naming its key. A
    /// webhook's override follows its webhook (by URL fingerprint) when <c>Alerts:Webhooks</c> was reordered.
    /// The alert values are put in force here; the caller sends <see cref="Current"/>'s engine part to the engine before it starts.
    /// Returns the number of overrides restored.
    /// </summary>
    public int Restore()
    {
        if (store is null)
        {
            return 0;
        }

        lock (gate)
        {
            var rows = store.SettingsOverrides();
            var times = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                if (KeyForToday(row) is not { } key)
                {
                    continue;
                }

                var errors = new List<string>();
                var draft = new Draft(current, this);
                draft.Set(key, row.Value, errors);
                var next = errors.Count == 0 ? draft.Build() : null;
                if (next is not null)
                {
                    errors.AddRange(Validate(next));
                }

                if (errors.Count > 0)
                {
                    SettingsWriteLog.StoredSkipped(logger, row.Key, row.Value, string.Join(" ", errors));
                    continue;
                }

                current = next!;
                times[key] = row.ChangedAt;
            }

            var restored = OverridesOf(current, times);
            Volatile.Write(ref overrides, restored);
            applyAlerts(current);

            // Rows skipped, moved to another webhook's index, or written before targets were kept: the file gets what is in force.
            if (!Stored(restored).ToHashSet().SetEquals(rows))
            {
                Save(restored);
            }

            SettingsWriteLog.Restored(logger, restored.Count);
            return restored.Count;
        }
    }

    /// <summary>Applies every assignment or none. 400 lists every problem, each naming its key.</summary>
    public SettingsWriteResult Apply(IReadOnlyList<KeyValuePair<string, string>> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        lock (gate)
        {
            var errors = new List<string>();
            var draft = new Draft(current, this);
            foreach (var (key, text) in assignments)
            {
                draft.Set(key, text, errors);
            }

            if (errors.Count > 0)
            {
                return new SettingsWriteResult(400, errors);
            }

            var next = draft.Build();
            errors.AddRange(Validate(next));
            return errors.Count > 0 ? new SettingsWriteResult(400, errors) : Commit(next);
        }
    }

    /// <summary>Puts the configured values back in force and forgets every override.</summary>
    public SettingsWriteResult Reset()
    {
        lock (gate)
        {
            return Commit(configured);
        }
    }

    /// <summary>The start-up validators on the values of <paramref name="next"/>: <c>Engine:*</c> through EngineOptions, <c>Alerts:*</c> through AlertsOptions.</summary>
    private List<string> Validate(SettingsInForce next)
    {
        var errors = new List<string>(configuration.Engine.WithRuntime(next.Engine).Validate());
        var alerts = configuration.Alerts;
        var candidate = new AlertsOptions
        {
            Telegram = alerts.Telegram,
            SendQueueCapacity = alerts.SendQueueCapacity,
            InputQueueCapacity = alerts.InputQueueCapacity,
            Dedup = new DedupOptions { GrowthFactor = next.DedupGrowthFactor, Cooldown = next.DedupCooldown },
            Status = new StatusOptions { VenueDownAfter = next.VenueDownAfter, WatchedAssets = [.. next.WatchedAssets] },
            Webhooks = [.. alerts.Webhooks.Select((hook, i) => new WebhookOptions
            {
                Url = hook.Url,
                Format = hook.Format,
                MinNetProfitUsd = next.WebhookMinNetProfitUsd[i],
                QueueCapacity = hook.QueueCapacity,
                Timeout = hook.Timeout,
            })],
        };
        errors.AddRange(candidate.Validate());
        if (next.Engine.EnabledVenues.Count == 0)
        {
            errors.Add("enabledVenues must list at least one running venue (" + string.Join(", ", running.Select(v => v.Name())) + ").");
        }

        return errors;
    }

    /// <summary>
    /// Puts <paramref name="next"/> in force all at once or not at all: the overrides it implies are saved first (a store
    /// that cannot be written answers 500 with nothing changed), then the engine is sent its part (a full queue answers 503,
    /// and the saved overrides are put back), and only then do the values in force, the alert side and the log change.
    /// </summary>
    private SettingsWriteResult Commit(SettingsInForce next)
    {
        var now = UnixMicros.Now(clock);
        var before = current.Texts(running);
        var after = next.Texts(running);
        var changes = new List<(string Key, string Old, string New)>();
        var engineChanged = false;
        var times = overrides.ToDictionary(o => o.Key, o => o.ChangedAt, StringComparer.Ordinal);
        for (var i = 0; i < after.Count; i++)
        {
            var (key, text) = after[i];
            if (before[i].Text != text)
            {
                changes.Add((key, before[i].Text, text));
                engineChanged |= !key.StartsWith("Alerts:", StringComparison.Ordinal);
                times[key] = now;
            }
        }

        if (changes.Count == 0)
        {
            return SettingsWriteResult.Applied;
        }

        var nextOverrides = OverridesOf(next, times);
        if (Save(nextOverrides) is { } saveError)
        {
            return new SettingsWriteResult(500, [$"Nothing was changed: the change could not be saved to Storage:Path ({saveError})."]);
        }

        if (engineChanged && !publishEngine(next.Engine))
        {
            Save(overrides);
            return new SettingsWriteResult(503, ["The engine's input queue is full (or the engine is stopping): nothing was changed; try again."]);
        }

        Volatile.Write(ref overrides, nextOverrides);
        Volatile.Write(ref current, next);
        applyAlerts(next);
        foreach (var (key, old, @new) in changes)
        {
            SettingsWriteLog.Changed(logger, key, old.Length == 0 ? "(none)" : old, @new.Length == 0 ? "(none)" : @new);
        }

        return SettingsWriteResult.Applied;
    }

    /// <summary>Writes <paramref name="list"/> as the stored overrides; returns why that failed (logged), or null.</summary>
    private string? Save(IReadOnlyList<SettingsOverride> list)
    {
        if (store is null)
        {
            return null;
        }

        try
        {
            store.ReplaceSettingsOverrides(Stored(list));
            return null;
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException)
        {
            SettingsWriteLog.NotSaved(logger, ex.Message);
            return ex.Message;
        }
    }

    /// <summary>The rows that save <paramref name="list"/>, each webhook's with the fingerprint of the webhook it was made for.</summary>
    private List<StoredSettingsOverride> Stored(IReadOnlyList<SettingsOverride> list) =>
        [.. list.Select(o => new StoredSettingsOverride(o.Key, o.Value, o.ChangedAt,
            WebhookIndexOf(o.Key) is var i and >= 0 && i < configuration.Alerts.Webhooks.Count ? WebhookFingerprint(configuration.Alerts.Webhooks[i].Url) : ""))];

    /// <summary>
    /// The key a stored row applies to in this run: its own, except that a webhook's override follows the webhook it was made
    /// for to that webhook's index now (logged when it moved); null, logged, when that webhook is no longer configured. A row
    /// without a target (written before targets were kept) applies to the index it names.
    /// </summary>
    private string? KeyForToday(StoredSettingsOverride row)
    {
        var index = WebhookIndexOf(row.Key);
        if (index < 0 || row.Target.Length == 0)
        {
            return row.Key;
        }

        var webhooks = configuration.Alerts.Webhooks;
        if (index < webhooks.Count && WebhookFingerprint(webhooks[index].Url) == row.Target)
        {
            return row.Key;
        }

        for (var now = 0; now < webhooks.Count; now++)
        {
            if (WebhookFingerprint(webhooks[now].Url) != row.Target)
            {
                continue;
            }

            var moved = string.Create(CultureInfo.InvariantCulture, $"{WebhookPrefix}{now}{row.Key[row.Key.IndexOf(':', WebhookPrefix.Length)..]}");
            SettingsWriteLog.StoredMoved(logger, row.Key, moved);
            return moved;
        }

        SettingsWriteLog.StoredSkipped(logger, row.Key, row.Value, "the webhook it was set for is no longer in Alerts:Webhooks (no configured URL has its fingerprint).");
        return null;
    }

    private const string WebhookPrefix = "Alerts:Webhooks:";

    /// <summary>The webhook index an <c>Alerts:Webhooks:{i}:…</c> key names (configured or not); −1 for any other key.</summary>
    private static int WebhookIndexOf(string key)
    {
        if (!key.StartsWith(WebhookPrefix, StringComparison.Ordinal))
        {
            return -1;
        }

        var end = key.IndexOf(':', WebhookPrefix.Length);
        return end > WebhookPrefix.Length
            && int.TryParse(key.AsSpan(WebhookPrefix.Length, end - WebhookPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1;
    }

    /// <summary>A webhook's identity in the store: <c>webhook:</c> + the first 8 bytes of the SHA-256 of its URL in hex (the URL may hold a secret).</summary>
    internal static string WebhookFingerprint(string url) =>
        "webhook:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(url)).AsSpan(0, 8));

    /// <summary>The overrides of <paramref name="inForce"/>: each value that differs from the configuration, with the time it was changed.</summary>
    private List<SettingsOverride> OverridesOf(SettingsInForce inForce, Dictionary<string, long> times)
    {
        var list = new List<SettingsOverride>();
        foreach (var (key, text) in inForce.Texts(running))
        {
            if (configuredTexts[key] != text)
            {
                list.Add(new SettingsOverride(key, PathOf(key), text, times.GetValueOrDefault(key)));
            }
        }

        return list;
    }

    /// <summary>A client's text quoted in an error, cut at 40 characters (a body may be 64 KiB).</summary>
    internal static string Shorten(string text) => text.Length > 40 ? string.Concat(text.AsSpan(0, 40), "…") : text;

    /// <summary>Where <paramref name="key"/> shows in <c>GET /api/settings</c>: <c>Engine:TakerFees:binance</c> → <c>engine.takerFees.binance</c>.</summary>
    public static string PathOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key == "Venues:Disabled")
        {
            return "enabledVenues";
        }

        var parts = key.Split(':');
        var path = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            if (part.Length > 0 && char.IsAsciiDigit(part[0]))
            {
                path.Append('[').Append(part).Append(']');
                continue;
            }

            if (path.Length > 0)
            {
                path.Append('.');
            }

            path.Append(char.ToLowerInvariant(part[0])).Append(part.AsSpan(1));
        }

        return path.ToString();
    }

    /// <summary>The values of a change being assembled, starting from those in force.</summary>
    private sealed class Draft(SettingsInForce from, SettingsWriter writer)
    {
        private decimal minNetProfitUsd = from.Engine.MinNetProfitUsd;
        private decimal minNetPremiumBps = from.Engine.MinNetPremiumBps;
        private double updateThreshold = from.Engine.UpdateThreshold;
        private readonly Dictionary<VenueId, decimal> fees = new(from.Engine.TakerFees);
        private List<VenueId> enabled = [.. from.Engine.EnabledVenues];
        private decimal growthFactor = from.DedupGrowthFactor;
        private TimeSpan cooldown = from.DedupCooldown;
        private TimeSpan venueDownAfter = from.VenueDownAfter;
        private List<string> watched = [.. from.WatchedAssets];
        private readonly decimal[] webhookMinimums = [.. from.WebhookMinNetProfitUsd];

        public SettingsInForce Build() => new(
            new EngineRuntimeSettings(minNetProfitUsd, minNetPremiumBps, updateThreshold, fees, enabled),
            growthFactor,
            cooldown,
            venueDownAfter,
            watched,
            webhookMinimums);

        /// <summary>Parses <paramref name="text"/> as the value of <paramref name="key"/>; a problem is added to <paramref name="errors"/>, naming the key.</summary>
        public void Set(string key, string text, List<string> errors)
        {
            switch (key)
            {
                case "Engine:MinNetProfitUsd":
                    Decimal(key, text, errors, ref minNetProfitUsd);
                    return;
                case "Engine:MinNetPremiumBps":
                    Decimal(key, text, errors, ref minNetPremiumBps);
                    return;
                case "Engine:UpdateThreshold":
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold) && double.IsFinite(threshold))
                    {
                        updateThreshold = threshold;
                    }
                    else
                    {
                        errors.Add($"{key} must be a number (got '{Shorten(text)}').");
                    }

                    return;
                case "EnabledVenues":
                    SetEnabled(text, errors);
                    return;
                case "Venues:Disabled":
                    SetDisabled(text, errors);
                    return;
                case "Alerts:Dedup:GrowthFactor":
                    Decimal(key, text, errors, ref growthFactor);
                    return;
                case "Alerts:Dedup:Cooldown":
                    Duration(key, text, errors, ref cooldown);
                    return;
                case "Alerts:Status:VenueDownAfter":
                    Duration(key, text, errors, ref venueDownAfter);
                    return;
                case "Alerts:Status:WatchedAssets":
                    watched = [.. Split(text).Select(a => a.ToUpperInvariant())];
                    return;
            }

            if (key.StartsWith("Engine:TakerFees:", StringComparison.Ordinal))
            {
                var name = key["Engine:TakerFees:".Length..];
                if (!VenueNames.TryParse(name, out var venue))
                {
                    errors.Add($"{key}: '{Shorten(name)}' is not a venue name (binance, coinbase, bybit, gateio, upbit, bithumb, okx, kraken).");
                    return;
                }

                var fee = fees[venue];
                Decimal(key, text, errors, ref fee);
                fees[venue] = fee;
                return;
            }

            var parts = key.Split(':');
            if (parts is ["Alerts", "Webhooks", var index, "MinNetProfitUsd"])
            {
                if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i >= webhookMinimums.Length)
                {
                    errors.Add($"Alerts:Webhooks:{Shorten(index)} does not exist: {webhookMinimums.Length} webhook(s) are configured (Alerts:Webhooks; indexes from 0).");
                    return;
                }

                Decimal(key, text, errors, ref webhookMinimums[i]);
                return;
            }

            errors.Add($"unknown setting key '{key}'.");
        }

        private void SetEnabled(string text, List<string> errors)
        {
            var list = RunningVenues(
                text,
                errors,
                name => $"enabledVenues: '{name}' is not a venue name (binance, coinbase, bybit, gateio, upbit, bithumb, okx, kraken).",
                venue => $"{venue.Name()} is not running in this process; add it to Venues:Enabled and restart.");
            if (list.Count == 0 && errors.Count == 0)
            {
                errors.Add("enabledVenues must list at least one running venue (" + string.Join(", ", writer.running.Select(v => v.Name())) + ").");
            }

            enabled = list;
        }

        private void SetDisabled(string text, List<string> errors)
        {
            var disabled = RunningVenues(
                text,
                errors,
                name => $"Venues:Disabled: '{name}' is not a venue name.",
                venue => $"Venues:Disabled: {venue.Name()} is not running in this process.");
            enabled = [.. writer.running.Where(v => !disabled.Contains(v))];
        }

        /// <summary>The comma-separated venues of <paramref name="text"/>, each once; a name that is no venue, or a venue not running here, adds its error.</summary>
        private List<VenueId> RunningVenues(string text, List<string> errors, Func<string, string> notAVenue, Func<VenueId, string> notRunning)
        {
            var list = new List<VenueId>();
            foreach (var name in Split(text))
            {
                if (!VenueNames.TryParse(name, out var venue))
                {
                    errors.Add(notAVenue(Shorten(name)));
                }
                else if (!writer.running.Contains(venue))
                {
                    errors.Add(notRunning(venue));
                }
                else if (!list.Contains(venue))
                {
                    list.Add(venue);
                }
            }

            return list;
        }

        private static string[] Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        private static void Decimal(string key, string text, List<string> errors, ref decimal value)
        {
            if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var parsed))
            {
                value = parsed;
            }
            else
            {
                errors.Add($"{key} must be a decimal number, like \"2.5\" (got '{Shorten(text)}').");
            }
        }

        private static void Duration(string key, string text, List<string> errors, ref TimeSpan value)
        {
            if (text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var parsed))
            {
                value = parsed;
            }
            else
            {
                errors.Add($"{key} must be a duration \"hh:mm:ss\" (got '{Shorten(text)}').");
            }
        }
    }
}
