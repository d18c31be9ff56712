using System.Globalization;
using System.Text.Json;
using Arbiter.Core;
using Arbiter.Hosting;
using Arbiter.Venues.Wallets;

namespace Arbiter.Api;

/// <summary>
/// <c>GET /api/settings</c>: the settings in force that an operator tunes (thresholds, fees, rates, quality, venues,
/// schedules, sources) and the credential status, keys masked as <c>abcd…wxyz</c> and secrets only as "set".
/// </summary>
public static class SettingsJson
{
    public static string Write(ArbiterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ApiJson.Write(w =>
        {
            var engine = settings.Engine;
            w.WriteStartObject();
            w.WriteStartObject("engine");
            w.WriteString("minNetProfitUsd", Text(engine.MinNetProfitUsd));
            w.WriteString("minNetPremiumBps", Text(engine.MinNetPremiumBps));
            w.WriteNumber("updateThreshold", engine.UpdateThreshold);
            w.WriteString("maxBookAge", Span(engine.MaxBookAge));
            w.WriteStartObject("takerFees");
            foreach (var venue in VenueNames.All)
            {
                if (engine.TakerFees.TryGetValue(venue, out var fee))
                {
                    w.WriteString(venue.Name(), Text(fee));
                }
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
                w.WriteStringValue(venue.Name());
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
