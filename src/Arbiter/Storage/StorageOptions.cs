using System.Globalization;

namespace Arbiter.Storage;

/// <summary>The SQLite store of history, the alert log and subscribers; bound from <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>Write the store at all. Off: no history endpoints, no alert log.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The file <c>run</c> and <c>record</c> use when <see cref="Path"/> is not configured.</summary>
    public const string DefaultPath = "arbiter.db";

    /// <summary>The file <c>demo</c> uses when <see cref="Path"/> is not configured, so simulated history never mixes with live history.</summary>
    public const string DemoPath = "arbiter-demo.db";

    /// <summary>The database file, relative to the working directory unless absolute.</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>Rows older than this many days are deleted by the cleanup (opportunities, alerts, venue status).</summary>
    public int RetainDays { get; set; } = 30;

    /// <summary>Most opportunity rows kept (the oldest go first).</summary>
    public int MaxOpportunities { get; set; } = 1_000_000;

    /// <summary>Most alert-log rows kept (the oldest go first).</summary>
    public int MaxAlerts { get; set; } = 1_000_000;

    /// <summary>Most venue-status rows kept (the oldest go first).</summary>
    public int MaxVenueEvents { get; set; } = 1_000_000;

    /// <summary>
    /// SQLite's <c>synchronous</c> in WAL mode: FULL (default) makes every committed transaction survive a power cut,
    /// which the alert log needs ("sent" must not be forgotten); NORMAL may lose the last transactions on power loss
    /// (never on a process kill) and is faster.
    /// </summary>
    public string Synchronous { get; set; } = "FULL";

    /// <summary>Engine outputs queued for the store before Updated events are dropped (oldest first).</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How often the retention cleanup runs.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Errors naming the key and the allowed range; empty when valid.</summary>
    public IEnumerable<string> Validate(string section = "Storage")
    {
        var errors = new List<string>();
        if (Enabled && string.IsNullOrWhiteSpace(Path))
        {
            errors.Add($"{section}:Path must name a file when {section}:Enabled is true.");
        }

        Range(errors, $"{section}:RetainDays", RetainDays, 1, 3650);
        Range(errors, $"{section}:MaxOpportunities", MaxOpportunities, 100, 100_000_000);
        Range(errors, $"{section}:MaxAlerts", MaxAlerts, 100, 100_000_000);
        Range(errors, $"{section}:MaxVenueEvents", MaxVenueEvents, 100, 100_000_000);
        Range(errors, $"{section}:QueueCapacity", QueueCapacity, 100, 10_000_000);
        if (!string.Equals(Synchronous, "FULL", StringComparison.OrdinalIgnoreCase) && !string.Equals(Synchronous, "NORMAL", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{section}:Synchronous must be FULL or NORMAL (got '{Synchronous}').");
        }

        if (CleanupInterval < TimeSpan.FromMilliseconds(100) || CleanupInterval > TimeSpan.FromHours(24))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:CleanupInterval must be 00:00:00.1000000..1.00:00:00 (got {CleanupInterval:c})."));
        }

        return errors;
    }

    /// <summary>FULL or NORMAL, upper-case (validated).</summary>
    internal string SynchronousPragma => Synchronous.ToUpperInvariant();

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be {min}..{max} (got {value})."));
        }
    }
}
