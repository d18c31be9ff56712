namespace Arbiter.Benchmarks.Engine;

/// <summary>Which book the measured one-level delta changes (see <see cref="DetectionMarket"/>).</summary>
public enum DetectionCase
{
    /// <summary>Upbit's best ask, the dislocated venue: all 14 pairs evaluated, 6 of them profitable, each walked, priced exactly and republished.</summary>
    DislocatedVenue,

    /// <summary>Binance's best bid: 14 pairs evaluated, one (buy Upbit, sell Binance) profitable, walked, priced and republished.</summary>
    Counterparty,

    /// <summary>Coinbase's best bid (1.2 % taker fee): 14 pairs evaluated, none crosses after fees, no walk.</summary>
    NoCross,
}
