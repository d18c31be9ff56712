using Arbiter.Alerts;
using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Intelligence;
using Arbiter.Simulator;
using Arbiter.Storage;
using Arbiter.Venues;
using Arbiter.Venues.Wallets;

namespace Arbiter.Hosting;

/// <summary>Every setting of the <c>arbiter</c> executable, bound from appsettings.json, ARBITER__ environment variables and .env.</summary>
public sealed class ArbiterSettings
{
    public ApiOptions Api { get; set; } = new();

    public EngineOptions Engine { get; set; } = new();

    public VenuesOptions Venues { get; set; } = new();

    /// <summary>Connection, resilience and REST-ban settings shared by every venue feed.</summary>
    public VenueFeedOptions Feed { get; set; } = new();

    /// <summary>The simulated exchanges of <c>demo</c> and <c>sim</c>.</summary>
    public SimulatorOptions Simulator { get; set; } = new();

    /// <summary>The HTTP source of USD/KRW.</summary>
    public FxSourceOptions FxSource { get; set; } = new();

    /// <summary>Periodic jobs: engine sweep, stats, FX, wallets, market discovery, stale cleanup.</summary>
    public ScheduleOptions Schedules { get; set; } = new();

    /// <summary>The SQLite store: opportunity and venue status history, the alert log, subscribers; its retention.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>The Telegram bot (off without a token), alert deduplication, webhooks and admin status notices.</summary>
    public AlertsOptions Alerts { get; set; } = new();

    /// <summary>API keys per venue name (<c>Credentials:Binance:ApiKey</c>), for keyed wallet-status endpoints. Keep them in .env.</summary>
    public Dictionary<string, VenueCredentialOptions> Credentials { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How often the terminal prints a status line (0 = never).</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The configured key of <paramref name="venue"/>, or null.</summary>
    public VenueCredentials? CredentialsFor(VenueId venue)
    {
        foreach (var (name, options) in Credentials)
        {
            if (VenueNames.TryParse(name, out var id) && id == venue && options?.ToCredentials() is { } credentials)
            {
                return credentials;
            }
        }

        return null;
    }

    /// <summary>Every problem, each naming its key; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Api.Validate());
        errors.AddRange(Engine.Validate());
        errors.AddRange(Venues.Validate());
        errors.AddRange(Feed.GetValidationErrors("Feed"));
        errors.AddRange(FxSource.Validate());
        errors.AddRange(Schedules.Validate());
        errors.AddRange(Storage.Validate());
        errors.AddRange(Alerts.Validate());
        foreach (var (name, credentials) in Credentials)
        {
            if (!VenueNames.TryParse(name, out _))
            {
                errors.Add($"Credentials:{name} is not a venue name (binance, coinbase, bybit, gateio, upbit, bithumb, okx, kraken).");
            }
            else if (credentials is not null)
            {
                errors.AddRange(credentials.Validate($"Credentials:{name}"));
            }
        }

        try
        {
            Simulator.Validate();
        }
        catch (ArgumentException ex)
        {
            errors.Add(ex.Message);
        }

        if (StatusInterval < TimeSpan.Zero || StatusInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"StatusInterval must be 0..01:00:00 (got {StatusInterval}).");
        }

        return errors;
    }
}
