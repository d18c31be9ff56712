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
    private readonly SimBook[]?[] books; // [venue][listed index]; null for a disabled venue
    private readonly int[]?[] listedIndex; // [venue][asset] → index among the venue's listed assets, or -1
    private readonly SimAssetOptions[]?[] listed; // [venue] → the assets it lists, in configuration order
    private readonly double[] krwPremiumBps; // [asset]: SimulatorOptions.TetherPremiumBps for USDT, else 0
    private readonly DislocationSchedule schedule;
    private readonly string[] assets;
    private readonly VenueId[] venues;

    internal MarketModel(SimulatorOptions options, long startMicros)
    {
        var resolved = options.ResolvedAssets;
        random = new Random(options.Seed);
        assets = new string[resolved.Count];
        trueUsd = new double[resolved.Count];
        anchorUsd = new double[resolved.Count];
        books = new SimBook[]?[SimListings.AllVenues.Count];
        venues = [.. options.EnabledVenues];
        listedIndex = new int[]?[SimListings.AllVenues.Count];
        listed = new SimAssetOptions[]?[SimListings.AllVenues.Count];
        krwPremiumBps = new double[resolved.Count];
        foreach (var venue in venues)
        {
            var map = new int[resolved.Count];
            var list = new List<SimAssetOptions>();
            for (var i = 0; i < resolved.Count; i++)
            {
                map[i] = resolved[i].IsListedOn(venue) ? list.Count : -1;
                if (map[i] >= 0)
                {
                    list.Add(resolved[i]);
                }
            }

            listedIndex[(int)venue] = map;
            listed[(int)venue] = [.. list];
            books[(int)venue] = new SimBook[list.Count];
        }

        priceStepBps = options.PriceStepBps;
        StartMicros = startMicros;
        for (var i = 0; i < resolved.Count; i++)
        {
            var a = resolved[i];
            assets[i] = a.Code;
            trueUsd[i] = anchorUsd[i] = (double)a.UsdPrice;
            krwPremiumBps[i] = a.Code == "USDT" ? options.TetherPremiumBps : 0;
            foreach (var venue in venues)
            {
                var local = listedIndex[(int)venue]![i];
                if (local < 0)
                {
                    continue;
                }

                var krw = SimListings.IsKrw(venue);
                books[(int)venue]![local] = new SimBook(
                    venue,
                    SimListings.Symbol(venue, a.Code),
                    krw ? a.KrwTick : a.UsdTick,
                    krw ? a.KrwLot : a.UsdLot,
                    a.EffectiveMinQuantity,
                    a.EffectiveMaxQuantity,
                    options.For(venue),
                    krw ? options.UsdKrw : 1m);
            }
        }

        schedule = new DislocationSchedule(options, assets, startMicros);
        for (var i = 0; i < assets.Length; i++)
        {
            foreach (var venue in venues)
            {
                if (listedIndex[(int)venue]![i] is var local and >= 0)
                {
                    books[(int)venue]![local].Initialize(random, trueUsd[i], Premium(venue, i));
                }
            }
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
        if ((uint)venue >= (uint)books.Length || books[(int)venue] is null)
        {
            throw new ArgumentOutOfRangeException(nameof(venue), venue, "The venue is not enabled in this simulation.");
        }

        if (!double.IsFinite(bps) || Math.Abs(bps) > 5000)
        {
            throw new ArgumentOutOfRangeException(nameof(bps), bps, "bps must be -5000..5000.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lengthMicros);
        schedule.Add(venue, AssetIndex(asset), bps, startMicros, lengthMicros);
    }

    /// <summary>The enabled venues, in <see cref="VenueId"/> order.</summary>
    public IReadOnlyList<VenueId> Venues => venues;

    /// <summary>The book of the <paramref name="listedIndex"/>-th asset that <paramref name="venue"/> lists (see <see cref="Listed"/>).</summary>
    internal SimBook Book(VenueId venue, int listedIndex) => books[(int)venue]![listedIndex];

    /// <summary>The assets <paramref name="venue"/> lists (<see cref="SimAssetOptions.Venues"/>), in configuration order; a venue's symbols follow this order.</summary>
    public IReadOnlyList<SimAssetOptions> Listed(VenueId venue) =>
        (uint)venue < (uint)listed.Length && listed[(int)venue] is { } list
            ? list
            : throw new ArgumentOutOfRangeException(nameof(venue), venue, "The venue is not enabled in this simulation.");

    /// <summary>True when <paramref name="venue"/> is simulated and lists <paramref name="asset"/>.</summary>
    public bool IsListed(VenueId venue, string asset)
    {
        var index = DislocationSchedule.IndexOf(assets, asset);
        return index >= 0 && (uint)venue < (uint)listedIndex.Length && listedIndex[(int)venue] is { } map && map[index] >= 0;
    }

    /// <summary>The KRW venues' Tether premium on USDT (a constant offset of the mid, like a dislocation), else 0.</summary>
    private double Premium(VenueId venue, int asset) => SimListings.IsKrw(venue) ? krwPremiumBps[asset] : 0;

    internal void Step(long nowMicros)
    {
        for (var i = 0; i < assets.Length; i++)
        {
            var p = trueUsd[i];
            var shock = ((random.NextDouble() * 2) - 1) * Sqrt3 * priceStepBps / 10_000; // uniform with the configured standard deviation
            p = (p * (1 + shock)) + ((anchorUsd[i] - p) * MeanReversionPerStep);
            Volatile.Write(ref trueUsd[i], p);
            foreach (var venue in venues)
            {
                if (listedIndex[(int)venue]![i] is var local and >= 0)
                {
                    books[(int)venue]![local].Step(random, p, schedule.BpsAt(venue, i, nowMicros) + Premium(venue, i));
                }
            }
        }
    }

    private int AssetIndex(string asset)
    {
        var index = DislocationSchedule.IndexOf(assets, asset);
        return index >= 0 ? index : throw new ArgumentException($"Unknown simulated asset '{asset}'.", nameof(asset));
    }
}
