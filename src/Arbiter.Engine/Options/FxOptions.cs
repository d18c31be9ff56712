namespace Arbiter.Engine;

/// <summary>Conversion-rate settings, bound from <c>Engine:Fx</c>. Live rates come as events; these are limits and labelled fallbacks.</summary>
/// <remarks>
/// Quote → USD: USD 1, USDT × USDT/USD, USDC × USDC/USD, KRW ÷ USD/KRW. Which rate is used, in order:
/// <list type="bullet">
/// <item>USD/KRW: the FX source's latest quote while younger than <see cref="MaxAge"/> (Live); else <see cref="UsdKrw"/> when set
/// (Configured); else, with <see cref="DeriveUsdKrw"/>, the mean mid of the usable KRW-USDT books ÷ USDT/USD (Derived); else none
/// (Stale or Missing), and every KRW leg stops with reason <c>fx-stale</c>.</item>
/// <item>USDT/USD and USDC/USD: the mean mid of the usable USDT/USD (USDC/USD) books of the venues that list them (Live); else
/// <see cref="UsdtUsd"/> (<see cref="UsdcUsd"/>) when set (Configured); else none, and those legs are not compared.</item>
/// </list>
/// </remarks>
public sealed class FxOptions
{
    /// <summary>A fixed KRW per USD used when the FX source has no fresh quote; null (the default) = none, so a stale source stops KRW signals.</summary>
    public decimal? UsdKrw { get; set; }

    /// <summary>A fixed USD per USDT used only while no venue's USDT/USD book is usable; null (the default) = none.</summary>
    public decimal? UsdtUsd { get; set; }

    /// <summary>A fixed USD per USDC used only while no venue's USDC/USD book is usable; null (the default) = none.</summary>
    public decimal? UsdcUsd { get; set; }

    /// <summary>A USD/KRW quote from the FX source older than this (at the engine clock) is Stale and not used.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>When the source's quote is stale or missing (and no fixed rate is set), derive USD/KRW from KRW-USDT books and USDT/USD, labelled "derived".</summary>
    public bool DeriveUsdKrw { get; set; } = true;

    /// <summary>A copy (every member is a value), so that later changes to these options do not reach an engine.</summary>
    internal FxOptions Copy() => (FxOptions)MemberwiseClone();
}
