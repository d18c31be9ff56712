using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>One conversion rate as the engine holds it: <see cref="Rate"/> <see cref="Quote"/> per <see cref="Base"/>, with its age and origin always visible.</summary>
/// <param name="Base">USD for USD/KRW; USDT or USDC for the stablecoin rates (USD per coin).</param>
/// <param name="Quote">KRW, or USD for the stablecoin rates.</param>
/// <param name="Rate">The rate; 0 when <see cref="Status"/> is Missing.</param>
/// <param name="Time">When it was observed (unix µs): fetch time for a source, book receive time for a venue-derived rate.</param>
/// <param name="Source">Human-readable origin: "http: https://…", "books: kraken USDT/USD, coinbase USDT-USD", "derived: upbit KRW-USDT ÷ USDT/USD", "configured".</param>
/// <param name="Status">Whether and how it is used.</param>
public sealed record FxRate(Asset Base, Asset Quote, decimal Rate, long Time, string Source, FxRateStatus Status)
{
    /// <summary>True when conversions may use it (Live, Derived or Configured).</summary>
    public bool IsUsable => Status is FxRateStatus.Live or FxRateStatus.Derived or FxRateStatus.Configured;
}
