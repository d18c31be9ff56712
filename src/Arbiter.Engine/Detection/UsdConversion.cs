namespace Arbiter.Engine;

/// <summary>How amounts in one quote currency become USD at the current rate: exactly in <see cref="decimal"/>, approximately in <see cref="double"/>.</summary>
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

    /// <summary>False when the quote has no usable USD rate now: such instruments are not compared.</summary>
    public bool IsKnown { get; }

    /// <summary>USD per unit of quote, for the approximate comparison only.</summary>
    public double UsdPerQuote { get; }

    /// <summary>USD = quote × <paramref name="usdPerQuote"/> (USD 1, USDT and USDC at their rates).</summary>
    public static UsdConversion Multiply(decimal usdPerQuote) => new(usdPerQuote, 0m, (double)usdPerQuote);

    /// <summary>USD = quote ÷ <paramref name="quotePerUsd"/> (KRW: divided by KRW per USD rather than multiplied by its inexact reciprocal).</summary>
    public static UsdConversion Divide(decimal quotePerUsd) => new(0m, quotePerUsd, 1.0 / (double)quotePerUsd);

    /// <summary>The rate as quoted: USD per quote unit (USD, USDT, USDC) or quote units per USD (KRW).</summary>
    public decimal Rate => divisor != 0m ? divisor : multiplier;

    /// <summary>quote × rate (USD, USDT, USDC) or quote ÷ USD/KRW (KRW).</summary>
    public decimal ToUsd(decimal quoteAmount) => divisor != 0m ? quoteAmount / divisor : quoteAmount * multiplier;
}
