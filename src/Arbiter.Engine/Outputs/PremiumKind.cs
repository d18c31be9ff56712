namespace Arbiter.Engine;

/// <summary>How a premium cell compares its two prices.</summary>
public enum PremiumKind : byte
{
    /// <summary>Same quote currency (BTCUSDT against BTC_USDT, KRW-BTC against KRW-BTC): no conversion.</summary>
    Raw = 0,

    /// <summary>Different USD-like quotes (USD, USDT, USDC), each stablecoin normalised to USD at its live rate.</summary>
    UsdLike = 1,

    /// <summary>A KRW price against a USD-like one, the KRW side through USD/KRW: the "kimchi premium".</summary>
    Kimchi = 2,
}
