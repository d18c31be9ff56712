using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>Whether a simulated venue runs, its port, book shape, noise and fault rates.</summary>
public sealed class SimVenueOptions
{
    /// <summary>False leaves the venue out of the simulation (no books, no listener).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Port of the venue's listener on 127.0.0.1; 0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>Levels kept on each side of the true book (Binance default 50; Upbit publishes 15).</summary>
    public int LevelsPerSide { get; set; } = 50;

    /// <summary>Target distance between best bid and best ask, in basis points of mid (at least one tick).</summary>
    public double SpreadBps { get; set; } = 1.0;

    /// <summary>Bound of this venue's mean-reverting deviation from the true price, in basis points.</summary>
    public double NoiseBps { get; set; } = 1.0;

    /// <summary>Largest gap between neighbouring levels, in basis points of mid (at least one tick).</summary>
    public double MaxLevelGapBps { get; set; } = 0.5;

    /// <summary>How long a SilentStall keeps the venue's sockets silent.</summary>
    public TimeSpan StallDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Upbit and Bithumb only (others ignore it): every n-th frame of each symbol is a <see cref="FaultKind.BadTick"/> (its
    /// top replaced by a nonsense book; the truth unchanged); the first bad frame of a symbol is at a seeded offset 1..n.
    /// 0 (the default) = off. Exact: of k·n frames of a symbol, k are bad.
    /// </summary>
    public int BadTickEvery { get; set; }

    /// <summary>Probability per step of each fault kind (0 = never).</summary>
    public FaultRates Faults { get; set; } = new();

    /// <summary>
    /// OKX only (other venues ignore it): what a <c>books</c> subscription gets first. Full (the default) sends the
    /// snapshot push; Empty a snapshot push without levels; None only updates, as OKX after its 2026 change, so that the
    /// client's REST-snapshot bridge is exercised end to end.
    /// </summary>
    public SimWsSnapshot WsSnapshot { get; set; } = SimWsSnapshot.Full;

    /// <summary>The defaults of <paramref name="venue"/>: KRW venues publish 15 levels with a wider spread and more noise.</summary>
    public static SimVenueOptions DefaultsFor(VenueId venue) => venue switch
    {
        VenueId.Binance => BinanceDefaults(),
        VenueId.Upbit => UpbitDefaults(),
        VenueId.GateIo => GateIoDefaults(),
        VenueId.Bybit => BybitDefaults(),
        VenueId.Bithumb => BithumbDefaults(),
        VenueId.Coinbase => new() { LevelsPerSide = 50, SpreadBps = 1.5, NoiseBps = 1.5 },
        VenueId.Kraken => new() { LevelsPerSide = 25, SpreadBps = 2.0, NoiseBps = 2.0 }, // more levels than the default depth-10 subscription
        VenueId.Okx => OkxDefaults(),
        _ => new() { Enabled = false, LevelsPerSide = 50, SpreadBps = 1.0, NoiseBps = 1.5 },
    };

    /// <summary>The Binance defaults: 50 levels, 1 bp spread, ±1 bp noise.</summary>
    public static SimVenueOptions BinanceDefaults() => new() { LevelsPerSide = 50, SpreadBps = 1.0, NoiseBps = 1.0 };

    /// <summary>The Gate.io defaults: 50 levels (of the 100 its stream could carry), 1.5 bp spread, ±1.5 bp noise.</summary>
    public static SimVenueOptions GateIoDefaults() => new() { LevelsPerSide = 50, SpreadBps = 1.5, NoiseBps = 1.5 };

    /// <summary>The Bybit defaults: 60 levels kept, of which the depth-50 stream publishes the top 50 (levels enter it from below); 1 bp spread, ±1.5 bp noise.</summary>
    public static SimVenueOptions BybitDefaults() => new() { LevelsPerSide = 60, SpreadBps = 1.0, NoiseBps = 1.5 };

    /// <summary>The OKX defaults: 50 levels (of the 400 its books channel carries), 1 bp spread, ±1.5 bp noise.</summary>
    public static SimVenueOptions OkxDefaults() => new() { LevelsPerSide = 50, SpreadBps = 1.0, NoiseBps = 1.5 };

    /// <summary>The Upbit defaults: 15 levels (what Upbit publishes), 2 bp spread, ±3 bp noise.</summary>
    public static SimVenueOptions UpbitDefaults() => new() { LevelsPerSide = 15, SpreadBps = 2.0, NoiseBps = 3.0 };

    /// <summary>The Bithumb defaults: 15 levels (what its socket publishes), 3 bp spread, ±4 bp noise.</summary>
    public static SimVenueOptions BithumbDefaults() => new() { LevelsPerSide = 15, SpreadBps = 3.0, NoiseBps = 4.0 };
}
