namespace Arbiter.Engine;

/// <summary>Fixed conversion rates from quote currencies to USD, bound from <c>Engine:Fx</c>.</summary>
/// <remarks>
/// Quote → USD: USD 1, USDT <see cref="UsdtUsd"/>, USDC <see cref="UsdcUsd"/>, KRW 1 / <see cref="UsdKrw"/>.
/// Instruments quoted in anything else are not compared across venues.
/// </remarks>
public sealed class FxOptions
{
    /// <summary>KRW per USD.</summary>
    public decimal UsdKrw { get; set; } = 1380m;

    /// <summary>USD per USDT.</summary>
    public decimal UsdtUsd { get; set; } = 1.0m;

    /// <summary>USD per USDC.</summary>
    public decimal UsdcUsd { get; set; } = 1.0m;
}
