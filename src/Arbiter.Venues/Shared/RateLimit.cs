namespace Arbiter.Venues;

/// <summary>At most <see cref="Count"/> actions in any window of <see cref="Window"/> (a venue's published limit).</summary>
public readonly record struct RateLimit(int Count, TimeSpan Window)
{
    /// <summary>The spacing that keeps a steady stream under the limit: Window / Count.</summary>
    public TimeSpan Spacing => Count <= 0 ? TimeSpan.MaxValue : Window / Count;

    public override string ToString() => $"{Count} per {Window}";
}
