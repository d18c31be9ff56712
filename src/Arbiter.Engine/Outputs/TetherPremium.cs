using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>
/// The premium of USDT in Korea over the dollar: <c>Bps = round((mid(KRW-USDT) ÷ USD/KRW − 1) × 10000, 4)</c>, in decimal,
/// the definition Korean traders quote (USDT/USD is a separate, visible rate).
/// </summary>
public sealed record TetherPremium(Instrument Instrument, decimal Mid, decimal Bps);
