using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>Fee and USD conversion of one instrument, with the per-price-unit factors the approximate walk multiplies by.</summary>
internal readonly struct LegPricing
{
    public LegPricing(Instrument instrument, decimal feeRate, UsdConversion usd)
    {
        FeeRate = feeRate;
        Usd = usd;
        var usdPerPriceUnit = usd.UsdPerQuote / FixedPoint.Pow10(instrument.PriceScale);
        var fee = (double)feeRate;
        QuotePerPriceUnit = 1.0 / FixedPoint.Pow10(instrument.PriceScale);
        UsdPerPriceUnit = usdPerPriceUnit;
        BuyUsdPerPriceUnit = usdPerPriceUnit * (1.0 + fee);
        SellUsdPerPriceUnit = usdPerPriceUnit * (1.0 - fee);
    }

    /// <summary>Taker fee as a fraction.</summary>
    public decimal FeeRate { get; }

    public UsdConversion Usd { get; }

    public bool IsComparable => Usd.IsKnown;

    /// <summary>Quote currency per price unit (1 / 10^PriceScale).</summary>
    public double QuotePerPriceUnit { get; }

    /// <summary>USD per price unit, before fees.</summary>
    public double UsdPerPriceUnit { get; }

    /// <summary>USD paid per price unit when buying, taker fee included: usd × (1 + fee).</summary>
    public double BuyUsdPerPriceUnit { get; }

    /// <summary>USD received per price unit when selling, taker fee deducted: usd × (1 − fee).</summary>
    public double SellUsdPerPriceUnit { get; }
}
