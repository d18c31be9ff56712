namespace Arbiter.Engine;

/// <summary>The engine's conversion rates and the tether premium at <see cref="Time"/>; published whenever a rate, its status or a tether premium changes.</summary>
public sealed record FxState(long Time, FxRate UsdKrw, FxRate UsdtUsd, FxRate UsdcUsd, IReadOnlyList<TetherPremium> Tether);
