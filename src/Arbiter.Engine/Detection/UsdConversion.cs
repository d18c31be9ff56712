using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>How amounts in one quote currency become USD: exactly in <see cref="decimal"/>, approximately in <see cref="double"/>.</summary>
internal readonly struct UsdConversion
{
    private readonly decimal multiplier;
    private readonly decimal divisor;

    private UsdConversion(decimal multiplier, decimal divisor, double usdPerQuote)
    {
        this.multiplier = multiplier;
        this.divisor = divisor;
        UsdPerQuote = usdPerQuote;
        IsKnown = true;
    }

    /// <summary>False for quote currencies without a USD rate: such instruments are not compared.</summary>
    public bool IsKnown { get; }

    /// <summary>USD per unit of quote, for the approximate comparison only.</summary>
    public double UsdPerQuote { get; }

    /// <summary>The conversion of <paramref name="quote"/>; unknown (not comparable) for anything but USD, USDT, USDC and KRW.</summary>
    public static UsdConversion For(Asset quote, FxOptions fx)
    {
        if (quote == Asset.Usd)
        {
            return new UsdConversion(1m, 0m, 1.0);
        }

        if (quote == Asset.Usdt)
        {
            return new UsdConversion(fx.UsdtUsd, 0m, (double)fx.UsdtUsd);
        }

        if (quote == Asset.Usdc)
        {
            return new UsdConversion(fx.UsdcUsd, 0m, (double)fx.UsdcUsd);
        }

        if (quote == Asset.Krw)
        {
            // KRW is divided by the KRW-per-USD rate rather than multiplied by its inexact reciprocal.
            return new UsdConversion(0m, fx.UsdKrw, 1.0 / (double)fx.UsdKrw);
        }

        return default;
    }

    /// <summary>quote × rate (USD, USDT, USDC) or quote ÷ UsdKrw (KRW).</summary>
    public decimal ToUsd(decimal quoteAmount) => divisor != 0m ? quoteAmount / divisor : quoteAmount * multiplier;
}
