using System.Globalization;
using Arbiter.Core;
using Arbiter.Hosting;

namespace Arbiter.Api;

/// <summary>
/// The values in force of every setting that can change at runtime: the engine's thresholds, fees and enabled venues, and the
/// alert path's dedup, status and webhook minimums. Immutable: each accepted change builds a new one, which the readers
/// (the API, the alert path) pick up with one reference read.
/// </summary>
public sealed class SettingsInForce
{
    public SettingsInForce(EngineRuntimeSettings engine, decimal dedupGrowthFactor, TimeSpan dedupCooldown, TimeSpan venueDownAfter, IReadOnlyList<string> watchedAssets, IReadOnlyList<decimal> webhookMinNetProfitUsd)
    {
        Engine = engine ?? throw new ArgumentNullException(nameof(engine));
        DedupGrowthFactor = dedupGrowthFactor;
        DedupCooldown = dedupCooldown;
        VenueDownAfter = venueDownAfter;
        WatchedAssets = [.. watchedAssets ?? throw new ArgumentNullException(nameof(watchedAssets))];
        WebhookMinNetProfitUsd = [.. webhookMinNetProfitUsd ?? throw new ArgumentNullException(nameof(webhookMinNetProfitUsd))];
    }

    /// <summary>Thresholds, fees and the venues whose books the engine reads.</summary>
    public EngineRuntimeSettings Engine { get; }

    public decimal DedupGrowthFactor { get; }

    public TimeSpan DedupCooldown { get; }

    public TimeSpan VenueDownAfter { get; }

    /// <summary>Assets whose withdrawal changes are reported (upper case); empty: every asset.</summary>
    public IReadOnlyList<string> WatchedAssets { get; }

    /// <summary>The minimum net profit of each configured webhook, by its index in <c>Alerts:Webhooks</c>.</summary>
    public IReadOnlyList<decimal> WebhookMinNetProfitUsd { get; }

    /// <summary>The configured values: what is in force with no runtime change, every running venue enabled.</summary>
    public static SettingsInForce FromConfiguration(ArbiterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var alerts = settings.Alerts;
        return new SettingsInForce(
            settings.Engine.ToRuntimeSettings(settings.Venues.EnabledIds()),
            alerts.Dedup.GrowthFactor,
            alerts.Dedup.Cooldown,
            alerts.Status.VenueDownAfter,
            [.. alerts.Status.WatchedAssets.Select(a => a.Trim().ToUpperInvariant())],
            [.. alerts.Webhooks.Select(h => h.MinNetProfitUsd)]);
    }

    /// <summary>
    /// Every runtime setting as (configuration key, canonical text), in a fixed order: two values are equal exactly when
    /// their texts are. <c>Venues:Disabled</c> lists the running venues (<paramref name="running"/>) the engine does not read.
    /// </summary>
    public IReadOnlyList<(string Key, string Text)> Texts(IReadOnlyList<VenueId> running)
    {
        ArgumentNullException.ThrowIfNull(running);
        var texts = new List<(string, string)>
        {
            ("Engine:MinNetProfitUsd", Decimal(Engine.MinNetProfitUsd)),
            ("Engine:MinNetPremiumBps", Decimal(Engine.MinNetPremiumBps)),
            ("Engine:UpdateThreshold", Engine.UpdateThreshold.ToString("R", CultureInfo.InvariantCulture)),
        };
        foreach (var venue in VenueNames.All)
        {
            texts.Add(("Engine:TakerFees:" + venue.Name(), Decimal(Engine.TakerFeeOf(venue))));
        }

        texts.Add(("Venues:Disabled", string.Join(",", running.Where(v => !Engine.IsEnabled(v)).Select(v => v.Name()))));
        texts.Add(("Alerts:Dedup:GrowthFactor", Decimal(DedupGrowthFactor)));
        texts.Add(("Alerts:Dedup:Cooldown", Duration(DedupCooldown)));
        texts.Add(("Alerts:Status:VenueDownAfter", Duration(VenueDownAfter)));
        texts.Add(("Alerts:Status:WatchedAssets", string.Join(",", WatchedAssets)));
        for (var i = 0; i < WebhookMinNetProfitUsd.Count; i++)
        {
            texts.Add(($"Alerts:Webhooks:{i}:MinNetProfitUsd", Decimal(WebhookMinNetProfitUsd[i])));
        }

        return texts;
    }

    /// <summary>The canonical text of a decimal: invariant, no trailing zeros ("2.50" → "2.5").</summary>
    public static string Decimal(decimal value) => FixedPoint.Format(value);

    /// <summary>The canonical text of a duration: "hh:mm:ss" (the "c" format, as GET shows it).</summary>
    public static string Duration(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
