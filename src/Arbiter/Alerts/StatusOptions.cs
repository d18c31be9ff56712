namespace Arbiter.Alerts;

/// <summary>The <c>Alerts:Status</c> section: admin notices.</summary>
public sealed class StatusOptions
{
    /// <summary>A venue not connected for this long is reported down (and later back).</summary>
    public TimeSpan VenueDownAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Assets whose withdrawal suspensions are reported; empty: every asset.</summary>
    public List<string> WatchedAssets { get; set; } = [];
}
