using System.Globalization;

namespace Arbiter.Hosting;

/// <summary>How often each periodic job of the host runs, all on the injected <see cref="TimeProvider"/>; bound from <c>Schedules</c>.</summary>
public sealed class ScheduleOptions
{
    /// <summary>The engine's periodic sweep (a clock tick: ages books, re-evaluates, reports tops) besides event-driven evaluation.</summary>
    public TimeSpan Sweep { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the API broadcasts stats to WebSocket clients.</summary>
    public TimeSpan Stats { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the FX source is fetched (also once at start).</summary>
    public TimeSpan Fx { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often each venue's wallet and network status is fetched (also once at start).</summary>
    public TimeSpan Wallets { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often each running venue's market list is fetched again for <c>/api/markets</c>.</summary>
    public TimeSpan Markets { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the API drops books not reported for a long time and caps its recent lists.</summary>
    public TimeSpan StaleCleanup { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Errors naming the key and the allowed range; empty when valid.</summary>
    public IEnumerable<string> Validate(string section = "Schedules")
    {
        var errors = new List<string>();
        Check(errors, $"{section}:Sweep", Sweep, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10));
        Check(errors, $"{section}:Stats", Stats, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        Check(errors, $"{section}:Fx", Fx, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(24));
        Check(errors, $"{section}:Wallets", Wallets, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(24));
        Check(errors, $"{section}:Markets", Markets, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(24));
        Check(errors, $"{section}:StaleCleanup", StaleCleanup, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        return errors;
    }

    private static void Check(List<string> errors, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be {min:c}..{max:c} (got {value:c})."));
        }
    }
}
