using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>All dislocations of a run: configured, injected at run time, and the automatic demo schedule. Thread-safe.</summary>
internal sealed class DislocationSchedule
{
    private readonly object gate = new();
    private readonly List<(VenueId Venue, int Asset, double Bps, long Start, long End)> entries = [];
    private readonly List<double> autoBps = [];
    private readonly AutoDislocationOptions auto;
    private readonly Random autoRandom;
    private readonly int[] autoAssets;
    private readonly VenueId[] venues;
    private readonly long autoFirst;
    private readonly long autoEvery;
    private readonly long autoLength;

    public DislocationSchedule(SimulatorOptions options, IReadOnlyList<string> assets, long startMicros)
    {
        auto = options.AutoDislocation;
        venues = [.. options.EnabledVenues];
        autoAssets = AutoAssets(options.ResolvedAssets, venues);
        autoRandom = new Random(unchecked((options.Seed * 31) + 0x0D15)); // its own stream: enabling it leaves the market path unchanged
        autoFirst = startMicros + Micros(auto.FirstAfter);
        autoEvery = Micros(auto.Every);
        autoLength = Micros(auto.Length);
        foreach (var d in options.Dislocations)
        {
            var asset = IndexOf(assets, d.Asset);
            var start = startMicros + Micros(d.Start);
            entries.Add((d.Venue, asset, d.Bps, start, start + Micros(d.Length)));
        }
    }

    public void Add(VenueId venue, int asset, double bps, long startMicros, long lengthMicros)
    {
        lock (gate)
        {
            entries.Add((venue, asset, bps, startMicros, startMicros + lengthMicros));
        }
    }

    /// <summary>Sum of the dislocations of <paramref name="venue"/>/<paramref name="asset"/> active at <paramref name="nowMicros"/>.</summary>
    public double BpsAt(VenueId venue, int asset, long nowMicros)
    {
        lock (gate)
        {
            var total = 0.0;
            foreach (var e in entries)
            {
                if (e.Venue == venue && e.Asset == asset && nowMicros >= e.Start && nowMicros < e.End)
                {
                    total += e.Bps;
                }
            }

            if (auto.Enabled && nowMicros >= autoFirst)
            {
                var k = (nowMicros - autoFirst) / autoEvery;
                var into = nowMicros - autoFirst - (k * autoEvery);
                if (into < autoLength && AutoVenue(k) == venue && autoAssets[(int)(k % autoAssets.Length)] == asset)
                {
                    total += AutoBps(k);
                }
            }

            return total;
        }
    }

    public static int IndexOf(IReadOnlyList<string> assets, string code)
    {
        for (var i = 0; i < assets.Count; i++)
        {
            if (string.Equals(assets[i], code, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The assets the automatic schedule rotates over: those every enabled venue lists (USDT, listed on a few venues only, is
    /// left out so that no event falls on a venue without the market); all assets when none is common.
    /// </summary>
    private static int[] AutoAssets(IReadOnlyList<SimAssetOptions> assets, VenueId[] venues)
    {
        var common = new List<int>();
        for (var i = 0; i < assets.Count; i++)
        {
            if (venues.All(assets[i].IsListedOn))
            {
                common.Add(i);
            }
        }

        return common.Count > 0 ? [.. common] : [.. Enumerable.Range(0, assets.Count)];
    }

    /// <summary>The k-th automatic dislocation's venue: the enabled venues in turn, from the last (Upbit before Binance when those two run).</summary>
    private VenueId AutoVenue(long k) => venues[venues.Length - 1 - (int)(k % venues.Length)];

    /// <summary>Event k's signed size: venue alternates every event and sign every two, so all four directions occur.</summary>
    private double AutoBps(long k)
    {
        while (autoBps.Count <= k)
        {
            autoBps.Add(auto.MinBps + ((auto.MaxBps - auto.MinBps) * autoRandom.NextDouble()));
        }

        var sign = (k / 2) % 2 == 0 ? 1 : -1;
        return sign * autoBps[(int)k];
    }

    private static long Micros(TimeSpan value) => value.Ticks / 10;
}
