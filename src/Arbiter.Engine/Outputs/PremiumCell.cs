using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>
/// Buying at <see cref="Buy"/>'s best ask and selling at <see cref="Sell"/>'s best bid, before fees:
/// <c>Bps = round((usd(bid of Sell) ÷ usd(ask of Buy) − 1) × 10000, 4)</c>, computed in decimal; for <see cref="PremiumKind.Raw"/> usd() is the identity.
/// </summary>
public sealed record PremiumCell(Instrument Buy, Instrument Sell, PremiumKind Kind, decimal Bps);
