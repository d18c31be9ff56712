using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>
/// Data quality of one venue as the engine judges it: rejected book updates by reason (totals since start), resyncs, stale
/// books, the score over the recent window and whether the venue is excluded from signals.
/// </summary>
/// <param name="Venue">The venue.</param>
/// <param name="Score">0–100; see <c>QualityOptions</c> for the formula.</param>
/// <param name="Excluded">True while signals skip this venue (score fell below the threshold and has not recovered past the readmit level).</param>
/// <param name="Accepted">Book updates that passed every check, since start.</param>
/// <param name="NonPositivePrice">Rejected: a best price ≤ 0.</param>
/// <param name="Crossed">Rejected: best bid ≥ best ask.</param>
/// <param name="ExchangeTimeTooOld">Rejected: the exchange timestamp lags the receive time by more than the limit.</param>
/// <param name="OutsideBounds">Rejected: the mid deviates from the other venues' median by more than the limit.</param>
/// <param name="WideSpread">Rejected: (ask − bid) ÷ mid above the limit.</param>
/// <param name="Resyncs">Times a book of this venue lost its snapshot (invalidated or re-syncing after having been synced), since start; a first sync is not counted.</param>
/// <param name="StaleBooks">Books of this venue Stale at <see cref="Time"/>.</param>
/// <param name="Time">Engine clock, unix microseconds.</param>
public sealed record VenueQuality(
    VenueId Venue,
    double Score,
    bool Excluded,
    long Accepted,
    long NonPositivePrice,
    long Crossed,
    long ExchangeTimeTooOld,
    long OutsideBounds,
    long WideSpread,
    long Resyncs,
    int StaleBooks,
    long Time)
{
    /// <summary>All rejected updates since start.</summary>
    public long Rejected => NonPositivePrice + Crossed + ExchangeTimeTooOld + OutsideBounds + WideSpread;
}
