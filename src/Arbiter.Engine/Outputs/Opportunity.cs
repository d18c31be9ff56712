using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>
/// A depth-sized, fee-aware price gap: buy <see cref="Size"/> of <see cref="Asset"/> on <see cref="Buy"/> and sell it on
/// <see cref="Sell"/>. Money values are exact decimals computed from the consumed book levels, USD values rounded to
/// 8 decimal places and basis points to 4.
/// </summary>
public sealed record Opportunity
{
    /// <summary>Run-unique id, increasing from 1 in the order opportunities open.</summary>
    public required long Id { get; init; }

    public required Asset Asset { get; init; }

    /// <summary>Where to buy (its asks are walked).</summary>
    public required Instrument Buy { get; init; }

    /// <summary>Where to sell (its bids are walked).</summary>
    public required Instrument Sell { get; init; }

    /// <summary>Base quantity both legs trade.</summary>
    public required decimal Size { get; init; }

    /// <summary>Volume-weighted buy price, in the buy instrument's quote currency.</summary>
    public required decimal AverageBuyPrice { get; init; }

    /// <summary>Volume-weighted sell price, in the sell instrument's quote currency.</summary>
    public required decimal AverageSellPrice { get; init; }

    /// <summary>Ask levels consumed, the last one possibly partly.</summary>
    public required int BuyLevels { get; init; }

    /// <summary>Bid levels consumed, the last one possibly partly.</summary>
    public required int SellLevels { get; init; }

    /// <summary>Sell proceeds minus buy cost in USD, before fees.</summary>
    public required decimal GrossProfitUsd { get; init; }

    /// <summary>After taker fees on both legs.</summary>
    public required decimal NetProfitUsd { get; init; }

    /// <summary>Net profit over the fee-inclusive buy cost, in basis points.</summary>
    public required decimal NetPremiumBps { get; init; }

    /// <summary>Taker fee rates used (fractions, 0.001 = 0.10 %).</summary>
    public required decimal BuyFeeRate { get; init; }

    public required decimal SellFeeRate { get; init; }

    /// <summary>Venue sequences of the two books this was computed from, so it can be checked against the venue's truth.</summary>
    public required long BuySequence { get; init; }

    public required long SellSequence { get; init; }

    /// <summary>Unix microseconds (engine clock) when first seen and last recomputed.</summary>
    public required long FirstSeen { get; init; }

    public required long LastUpdated { get; init; }

    public required decimal PeakNetProfitUsd { get; init; }

    public required decimal PeakNetPremiumBps { get; init; }

    public long DurationMicros => LastUpdated - FirstSeen;
}
