using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// The seeded market: each asset's true USD price (a small mean-reverting random walk) and each venue's true
/// book around mid = trueUsd × (1 + (dislocation + venue noise)/1e4) × (UsdKrw on KRW venues).
/// Stepped only by <see cref="Simulation"/>; price and dislocation reads are thread-safe.
/// </summary>
public sealed class MarketModel
{
    private const double MeanReversionPerStep = 1e-4;
    private static readonly double Sqrt3 = Math.Sqrt(3);

    private readonly Random random;
    private readonly double[] trueUsd;
    private readonly double[] anchorUsd;
    private readonly double priceStepBps;
    private readonly SimBook[] binanceBooks;
    private readonly SimBook[] upbitBooks;
    private readonly DislocationSchedule schedule;
    private readonly string[] assets;

    internal MarketModel(SimulatorOptions options, long startMicros)
    {
        var resolved = options.ResolvedAssets;
        random = new Random(options.Seed);
        assets = new string[resolved.Count];
        trueUsd = new double[resolved.Count];
        anchorUsd = new double[resolved.Count];
        binanceBooks = new SimBook[resolved.Count];
        upbitBooks = new SimBook[resolved.Count];
        priceStepBps = options.PriceStepBps;
        StartMicros = startMicros;
        for (var i = 0; i < resolved.Count; i++)
        {
            var a = resolved[i];
            assets[i] = a.Code;
            trueUsd[i] = anchorUsd[i] = (double)a.UsdPrice;
            binanceBooks[i] = new SimBook(VenueId.Binance, a.Code + "USDT", a.BinanceTick, a.BinanceLot, a.EffectiveMinQuantity, a.EffectiveMaxQuantity, options.Binance, 1m);
            upbitBooks[i] = new SimBook(VenueId.Upbit, "KRW-" + a.Code, a.UpbitTick, a.UpbitLot, a.EffectiveMinQuantity, a.EffectiveMaxQuantity, options.Upbit, options.UsdKrw);
        }

        schedule = new DislocationSchedule(options, assets, startMicros);
        for (var i = 0; i < assets.Length; i++)
        {
            binanceBooks[i].Initialize(random, trueUsd[i]);
            upbitBooks[i].Initialize(random, trueUsd[i]);
        }
    }

    /// <summary>Asset codes in configuration order; venue symbols follow the same order.</summary>
    public IReadOnlyList<string> Assets => assets;

    public long StartMicros { get; }

    /// <summary>The current true price in USD (approximate: the model walks in <see cref="double"/>; books are exact on their grids).</summary>
    public double TrueUsdPrice(string asset)
    {
        var index = AssetIndex(asset);
        return Volatile.Read(ref trueUsd[index]);
    }

    /// <summary>The summed dislocation of <paramref name="venue"/> for <paramref name="asset"/> at <paramref name="nowMicros"/>, in bps.</summary>
    public double DislocationBps(VenueId venue, string asset, long nowMicros) => schedule.BpsAt(venue, AssetIndex(asset), nowMicros);

    /// <summary>Shifts <paramref name="venue"/>'s mid of <paramref name="asset"/> by <paramref name="bps"/> from <paramref name="startMicros"/> for <paramref name="lengthMicros"/>.</summary>
    public void Dislocate(VenueId venue, string asset, double bps, long startMicros, long lengthMicros)
    {
        if (venue is not (VenueId.Binance or VenueId.Upbit))
        {
            throw new ArgumentOutOfRangeException(nameof(venue), venue, "The simulator serves Binance and Upbit only.");
        }

        if (!double.IsFinite(bps) || Math.Abs(bps) > 5000)
        {
            throw new ArgumentOutOfRangeException(nameof(bps), bps, "bps must be -5000..5000.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lengthMicros);
        schedule.Add(venue, AssetIndex(asset), bps, startMicros, lengthMicros);
    }

    internal SimBook Book(VenueId venue, int asset) => venue == VenueId.Binance ? binanceBooks[asset] : upbitBooks[asset];

    internal void Step(long nowMicros)
    {
        for (var i = 0; i < assets.Length; i++)
        {
            var p = trueUsd[i];
            var shock = ((random.NextDouble() * 2) - 1) * Sqrt3 * priceStepBps / 10_000; // uniform with the configured standard deviation
            p = (p * (1 + shock)) + ((anchorUsd[i] - p) * MeanReversionPerStep);
            Volatile.Write(ref trueUsd[i], p);
            binanceBooks[i].Step(random, p, schedule.BpsAt(VenueId.Binance, i, nowMicros));
            upbitBooks[i].Step(random, p, schedule.BpsAt(VenueId.Upbit, i, nowMicros));
        }
    }

    private int AssetIndex(string asset)
    {
        var index = DislocationSchedule.IndexOf(assets, asset);
        return index >= 0 ? index : throw new ArgumentException($"Unknown simulated asset '{asset}'.", nameof(asset));
    }
}
