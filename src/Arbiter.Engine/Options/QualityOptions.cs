namespace Arbiter.Engine;

/// <summary>
/// Data-quality checks on every book update and the per-venue score, bound from <c>Engine:Quality</c>.
/// </summary>
/// <remarks>
/// An update is rejected, and counted by reason, when its book's top has a best price ≤ 0, best bid ≥ best ask, an
/// exchange timestamp lagging the receive time by more than <see cref="MaxExchangeLag"/>, a spread (ask − bid) ÷ mid above
/// <see cref="MaxSpread"/>, or a mid (in USD) deviating from the median mid of at least two other venues' usable books of the
/// asset by more than <see cref="MaxDeviation"/>. A rejected book is not read until an update passes again.
/// <code>
/// Score = max(0, 100 × (1 − rejected ÷ updates over the venue's last Window updates)
///               − min(ResyncPenaltyCap, ResyncPenalty × resyncs in the last ResyncWindow)
///               − StalePenalty × (Stale books ÷ books))
/// </code>
/// A venue whose score falls below <see cref="ExcludeBelow"/> is excluded from signals until it reaches <see cref="ReadmitAt"/>.
/// </remarks>
public sealed class QualityOptions
{
    /// <summary>Largest accepted lag of the exchange timestamp behind the receive time; zero disables the check.</summary>
    public TimeSpan MaxExchangeLag { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest accepted (ask − bid) ÷ mid, as a fraction (0.5 = 50 %).</summary>
    public decimal MaxSpread { get; set; } = 0.5m;

    /// <summary>Largest accepted |mid ÷ median of the other venues' mids − 1|, as a fraction (0.5 = 50 %).</summary>
    public decimal MaxDeviation { get; set; } = 0.5m;

    /// <summary>Book updates per venue over which the rejected fraction is measured.</summary>
    public int Window { get; set; } = 200;

    /// <summary>Score points lost per resync (book invalidated or re-synced) within <see cref="ResyncWindow"/>.</summary>
    public double ResyncPenalty { get; set; } = 1;

    /// <summary>Most points resyncs can cost, so that a venue recovering from faults is never excluded by resyncs alone at the defaults.</summary>
    public double ResyncPenaltyCap { get; set; } = 10;

    public TimeSpan ResyncWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Points lost when every book of the venue is Stale (proportionally less for fewer).</summary>
    public double StalePenalty { get; set; } = 20;

    /// <summary>A score below this excludes the venue from signals.</summary>
    public double ExcludeBelow { get; set; } = 90;

    /// <summary>An excluded venue returns once its score is at least this (≥ <see cref="ExcludeBelow"/>: hysteresis).</summary>
    public double ReadmitAt { get; set; } = 95;

    /// <summary>A copy (every member is a value), so that later changes to these options do not reach an engine.</summary>
    internal QualityOptions Copy() => (QualityOptions)MemberwiseClone();
}
