using System.Globalization;
using System.Text.Json;
using Arbiter.Core;
using Arbiter.Hosting;
using Arbiter.Venues.Wallets;

namespace Arbiter.Api;

/// <summary>
/// <c>GET /api/settings</c>: the settings in force that an operator tunes (thresholds, fees, rates, quality, venues,
/// schedules, sources) and the credential status, keys masked as <c>abcd…wxyz</c> and secrets only as "set". With a
/// <see cref="SettingsWriter"/>, the runtime-changeable values are those in force and <c>overrides</c> lists the changed ones.
/// </summary>
public static class SettingsJson
{
    public static string Write(ArbiterSettings settings, SettingsWriter? writer = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var inForce = writer?.Current ?? SettingsInForce.FromConfiguration(settings);
        var overrides = writer?.Overrides ?? [];
        return ApiJson.Write(w =>
        {
            var engine = settings.Engine;
            var runtime = inForce.Engine;
            w.WriteStartObject();
            w.WriteStartObject("engine");
            w.WriteString("minNetProfitUsd", Text(runtime.MinNetProfitUsd));
            w.WriteString("minNetPremiumBps", Text(runtime.MinNetPremiumBps));
            w.WriteNumber("updateThreshold", runtime.UpdateThreshold);
            w.WriteString("maxBookAge", Span(engine.MaxBookAge));
            w.WriteStartObject("takerFees");
            foreach (var venue in VenueNames.All)
            {
                w.WriteString(venue.Name(), Text(runtime.TakerFeeOf(venue)));
            }

            w.WriteEndObject();
            w.WriteStartObject("fx");
            WriteOptional(w, "usdKrw", engine.Fx.UsdKrw);
            WriteOptional(w, "usdtUsd", engine.Fx.UsdtUsd);
            WriteOptional(w, "usdcUsd", engine.Fx.UsdcUsd);
            w.WriteString("maxAge", Span(engine.Fx.MaxAge));
            w.WriteBoolean("deriveUsdKrw", engine.Fx.DeriveUsdKrw);
            w.WriteEndObject();
            var q = engine.Quality;
            w.WriteStartObject("quality");
            w.WriteString("maxExchangeLag", Span(q.MaxExchangeLag));
            w.WriteString("maxSpread", Text(q.MaxSpread));
            w.WriteString("maxDeviation", Text(q.MaxDeviation));
            w.WriteNumber("window", q.Window);
            w.WriteNumber("excludeBelow", q.ExcludeBelow);
            w.WriteNumber("readmitAt", q.ReadmitAt);
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartArray("enabledVenues");
            foreach (var venue in settings.Venues.EnabledIds())
            {
                if (runtime.IsEnabled(venue))
                {
                    w.WriteStringValue(venue.Name());
                }
            }

            w.WriteEndArray();
            w.WriteStartArray("overrides");
            foreach (var change in overrides)
            {
                w.WriteStartObject();
                w.WriteString("key", change.Key);
                w.WriteString("path", change.Path);
                w.WriteString("value", change.Value);
                w.WriteString("changedAt", UnixMicros.ToIso(change.ChangedAt));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("fxSource");
            w.WriteString("url", settings.FxSource.Url);
            w.WriteString("jsonPath", settings.FxSource.JsonPath);
            w.WriteString("timeout", Span(settings.FxSource.Timeout));
            w.WriteEndObject();
            var s = settings.Schedules;
            w.WriteStartObject("schedules");
            w.WriteString("sweep", Span(s.Sweep));
            w.WriteString("stats", Span(s.Stats));
            w.WriteString("fx", Span(s.Fx));
            w.WriteString("wallets", Span(s.Wallets));
            w.WriteString("markets", Span(s.Markets));
            w.WriteString("staleCleanup", Span(s.StaleCleanup));
            w.WriteEndObject();
            WriteAlerts(w, settings.Alerts, inForce);
            w.WriteStartObject("api");
            w.WriteString("url", settings.Api.Url);
            w.WriteBoolean("accessToken", !string.IsNullOrEmpty(settings.Api.AccessToken));
            w.WriteEndObject();
            w.WriteStartArray("credentials");
            foreach (var venue in VenueNames.All)
            {
                if (settings.CredentialsFor(venue) is not { } credentials)
                {
                    continue;
                }

                w.WriteStartObject();
                w.WriteString("venue", venue.Name());
                w.WriteString("apiKey", credentials.Masked);
                w.WriteString("apiSecret", "set");
                w.WriteString("passphrase", credentials.Passphrase is null ? "none" : "set");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>The <c>Alerts</c> section: the bot token masked, webhook URLs as scheme and host only (their paths carry secrets).</summary>
    private static void WriteAlerts(Utf8JsonWriter w, Alerts.AlertsOptions alerts, SettingsInForce inForce)
    {
        var t = alerts.Telegram;
        w.WriteStartObject("alerts");
        w.WriteStartObject("telegram");
        w.WriteBoolean("enabled", t.Enabled);
        w.WriteString("baseUrl", t.BaseUrl);
        WriteStringOrNull(w, "botToken", t.Enabled ? t.MaskedToken : null);
        w.WriteStartArray("allowedChatIds");
        foreach (var id in t.AllowedChatIds)
        {
            w.WriteNumberValue(id);
        }

        w.WriteEndArray();
        w.WriteBoolean("openMode", t.OpenMode);
        if (t.AdminChatId is { } admin)
        {
            w.WriteNumber("adminChatId", admin);
        }
        else
        {
            w.WriteNull("adminChatId");
        }

        w.WriteString("pollTimeout", Span(t.PollTimeout));
        w.WriteEndObject();
        w.WriteNumber("sendQueueCapacity", alerts.SendQueueCapacity);
        w.WriteNumber("inputQueueCapacity", alerts.InputQueueCapacity);
        w.WriteStartObject("dedup");
        w.WriteString("growthFactor", Text(inForce.DedupGrowthFactor));
        w.WriteString("cooldown", Span(inForce.DedupCooldown));
        w.WriteEndObject();
        w.WriteStartArray("webhooks");
        for (var i = 0; i < alerts.Webhooks.Count; i++)
        {
            var hook = alerts.Webhooks[i];
            w.WriteStartObject();
            w.WriteString("url", MaskUrl(hook.Url));
            w.WriteString("format", hook.Format.ToString().ToLowerInvariant());
            w.WriteString("minNetProfitUsd", Text(inForce.WebhookMinNetProfitUsd[i]));
            w.WriteNumber("queueCapacity", hook.QueueCapacity);
            w.WriteString("timeout", Span(hook.Timeout));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("status");
        w.WriteString("venueDownAfter", Span(inForce.VenueDownAfter));
        w.WriteStartArray("watchedAssets");
        foreach (var asset in inForce.WatchedAssets)
        {
            w.WriteStringValue(asset);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary><c>https://discord.com/…</c>: scheme and host only; the path and query (where webhook secrets live) never shown.</summary>
    public static string MaskUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/…" : "(invalid)";

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
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

    private static void WriteOptional(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, Text(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Text(decimal value) => Core.FixedPoint.Format(value);

    private static string Span(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
