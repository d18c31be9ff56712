namespace Arbiter.Engine;

/// <summary>Result of the approximate (double) pass of <see cref="DepthWalker.Walk"/>: the exact size and levels, money as doubles.</summary>
internal readonly record struct DepthWalk(
    long SizeUnits,
    int QuantityScale,
    int BuyLevels,
    int SellLevels,
    double Size,
    double GrossUsd,
    double NetUsd,
    double BuyCostWithFeeUsd,
    double BuyQuoteNotional,
    double SellQuoteNotional)
{
    /// <summary>Largest quote notional priced exactly; far below <see cref="decimal.MaxValue"/> (7.9e28) so that no decimal operation can overflow.</summary>
    public const double MaxExactNotional = 1e25;

    public bool IsEmpty => SizeUnits == 0;

    /// <summary>Net over the fee-inclusive buy cost, in basis points (double).</summary>
    public double NetPremiumBps => BuyCostWithFeeUsd > 0 ? NetUsd / BuyCostWithFeeUsd * 10_000.0 : 0.0;

    /// <summary>A positive size and cost, and both notionals small enough for the exact decimal pass.</summary>
    public bool IsPriceable =>
        SizeUnits > 0
        && BuyCostWithFeeUsd > 0
        && BuyQuoteNotional < MaxExactNotional
        && SellQuoteNotional < MaxExactNotional;
}
