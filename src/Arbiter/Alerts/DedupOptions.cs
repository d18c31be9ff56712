namespace Arbiter.Alerts;

/// <summary>The <c>Alerts:Dedup</c> section: when an opportunity already alerted to a chat may be alerted again.</summary>
public sealed class DedupOptions
{
    /// <summary>Again only when net profit reached this multiple of the last alerted net profit.</summary>
    public decimal GrowthFactor { get; set; } = 1.5m;

    /// <summary>And never sooner than this after the last alert of the same opportunity to the same chat.</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromMinutes(5);
}
