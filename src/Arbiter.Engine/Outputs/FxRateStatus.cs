namespace Arbiter.Engine;

/// <summary>Where the rate in use comes from, or why there is none.</summary>
public enum FxRateStatus : byte
{
    /// <summary>No rate yet: conversions through it are unavailable.</summary>
    Missing = 0,

    /// <summary>From the configured FX source (USD/KRW) or from venue books (stablecoins), within its maximum age.</summary>
    Live = 1,

    /// <summary>USD/KRW derived from the markets (a KRW-USDT book and USDT/USD) because the source is stale or down.</summary>
    Derived = 2,

    /// <summary>A stablecoin rate from configuration because no venue book for it is usable.</summary>
    Configured = 3,

    /// <summary>The last rate is older than its maximum age: it is shown but not used.</summary>
    Stale = 4,
}
