using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// The true book of one asset at one venue: levels on the tick grid around the venue's mid, with quantities on
/// the lot grid. Each step tracks the mid, changes a few quantities, removes and adds a few levels, and keeps
/// exactly LevelsPerSide per side. It is never crossed except by a requested CrossedBook fault.
/// </summary>
internal sealed class SimBook
{
    private const double QuantityChangeLevels = 3; // 0..2 quantity changes per side per step
    private const double RemoveProbability = 0.3;
    private const double InsertProbability = 0.3;

    private readonly List<Level> bids;
    private readonly List<Level> asks;
    private readonly double tickValue;
    private readonly long minLots;
    private readonly long maxLots;
    private readonly int levels;
    private readonly double spreadBps;
    private readonly double noiseBound;
    private readonly double maxGapBps;
    private readonly double quoteFactor;
    private double noiseBps;
    private long crossedBidPrice;
    private int crossedStepsLeft;
    private bool crossRequested;

    public SimBook(VenueId venue, string symbol, decimal tick, decimal lot, decimal minQuantity, decimal maxQuantity, SimVenueOptions options, decimal quoteFactor)
    {
        Venue = venue;
        Symbol = symbol;
        PriceScale = FixedPoint.ScaleOf(FixedPoint.Format(tick));
        QuantityScale = FixedPoint.ScaleOf(FixedPoint.Format(lot));
        TickUnits = (long)(tick * FixedPoint.Pow10(PriceScale));
        LotUnits = (long)(lot * FixedPoint.Pow10(QuantityScale));
        tickValue = (double)tick;
        minLots = Math.Max(1, (long)Math.Ceiling(minQuantity / lot));
        maxLots = Math.Max(minLots, (long)Math.Floor(maxQuantity / lot));
        levels = options.LevelsPerSide;
        spreadBps = options.SpreadBps;
        noiseBound = options.NoiseBps;
        maxGapBps = options.MaxLevelGapBps;
        this.quoteFactor = (double)quoteFactor;
        bids = new List<Level>(levels + 8);
        asks = new List<Level>(levels + 8);
    }

    public VenueId Venue { get; }

    public string Symbol { get; }

    public int PriceScale { get; }

    public int QuantityScale { get; }

    public long TickUnits { get; }

    public long LotUnits { get; }

    public bool IsCrossedOrPending => crossedBidPrice != 0 || crossRequested;

    public Level[] BidsArray(int max) => Take(bids, max);

    public Level[] AsksArray(int max) => Take(asks, max);

    /// <summary>Asks the next <see cref="Step"/> to put a bid at or above the best ask; false while a crossing is active or pending.</summary>
    public bool TryRequestCross()
    {
        if (IsCrossedOrPending)
        {
            return false;
        }

        crossRequested = true;
        return true;
    }

    /// <summary>Advances the book one step given the true USD price and this venue's dislocation.</summary>
    public void Step(Random random, double trueUsd, double dislocationBps)
    {
        noiseBps = Math.Clamp((noiseBps * 0.8) + (((random.NextDouble() * 2) - 1) * noiseBound * 0.4), -noiseBound, noiseBound);
        var mid = trueUsd * (1 + ((dislocationBps + noiseBps) / 10_000)) * quoteFactor;
        var half = mid * spreadBps / 20_000;
        var bidTopTicks = Math.Max(1, (long)Math.Floor((mid - half) / tickValue));
        var askTopTicks = Math.Max(bidTopTicks + 1, (long)Math.Ceiling((mid + half) / tickValue));
        var bidTop = bidTopTicks * TickUnits;
        var askTop = askTopTicks * TickUnits;
        var maxGapTicks = Math.Max(1, (long)(mid * maxGapBps / 10_000 / tickValue));

        if (crossedBidPrice != 0 && --crossedStepsLeft <= 0)
        {
            Remove(bids, crossedBidPrice, descending: true);
            crossedBidPrice = 0;
        }

        // Levels that the new mid has moved through are gone (taken), except an injected crossing.
        for (var i = bids.Count - 1; i >= 0; i--)
        {
            if (bids[i].Price > bidTop && bids[i].Price != crossedBidPrice)
            {
                bids.RemoveAt(i);
            }
        }

        while (asks.Count > 0 && asks[0].Price < askTop)
        {
            asks.RemoveAt(0);
        }

        // The best levels sit at the target top, so the book follows the mid.
        if (Find(bids, bidTop, descending: true) < 0)
        {
            Set(bids, bidTop, RandomQuantity(random), descending: true);
        }

        if (Find(asks, askTop, descending: false) < 0)
        {
            Set(asks, askTop, RandomQuantity(random), descending: false);
        }

        Churn(bids, random, descending: true, bidTop);
        Churn(asks, random, descending: false, askTop);
        FillGaps(bids, random, descending: true, maxGapTicks);
        FillGaps(asks, random, descending: false, maxGapTicks);

        if (crossRequested)
        {
            crossRequested = false;
            var at = (asks.Count > 0 ? asks[0].Price : askTop) + (random.Next(0, 3) * TickUnits);
            Set(bids, at, RandomQuantity(random), descending: true);
            crossedBidPrice = at;
            crossedStepsLeft = random.Next(1, 4);
        }

        Refill(bids, random, descending: true, maxGapTicks);
        Refill(asks, random, descending: false, maxGapTicks);
    }

    /// <summary>Builds the first book: both sides filled outward from the tops.</summary>
    public void Initialize(Random random, double trueUsd, double offsetBps = 0)
    {
        bids.Clear();
        asks.Clear();
        Step(random, trueUsd, offsetBps);
    }

    private static Level[] Take(List<Level> side, int max)
    {
        var n = Math.Min(max, side.Count);
        var result = new Level[n];
        side.CopyTo(0, result, 0, n);
        return result;
    }

    private void Churn(List<Level> side, Random random, bool descending, long top)
    {
        var changes = random.Next(0, (int)QuantityChangeLevels);
        for (var k = 0; k < changes && side.Count > 0; k++)
        {
            var u = random.NextDouble();
            var index = (int)(side.Count * u * u); // busier near the top
            side[index] = side[index] with { Quantity = RandomQuantity(random) };
        }

        if (random.NextDouble() < RemoveProbability && side.Count > 2)
        {
            var index = 1 + random.Next(side.Count - 1);
            if (side[index].Price != crossedBidPrice)
            {
                side.RemoveAt(index);
            }
        }

        if (random.NextDouble() < InsertProbability && side.Count >= 2)
        {
            var index = random.Next(side.Count - 1);
            var gapTicks = Math.Abs(side[index].Price - side[index + 1].Price) / TickUnits;
            if (gapTicks >= 2)
            {
                var offset = random.NextInt64(1, gapTicks) * TickUnits;
                var price = descending ? side[index + 1].Price + offset : side[index + 1].Price - offset;
                var insideTop = descending ? price <= top : price >= top;
                if (insideTop)
                {
                    Set(side, price, RandomQuantity(random), descending);
                }
            }
        }
    }

    /// <summary>Keeps neighbouring levels within the maximum gap, so that a jump of the mid (a dislocation) moves the whole top of the book, not just one level.</summary>
    private void FillGaps(List<Level> side, Random random, bool descending, long maxGapTicks)
    {
        for (var i = 0; i < side.Count - 1 && i < levels - 1; i++)
        {
            if (side[i].Price == crossedBidPrice)
            {
                continue;
            }

            var gapTicks = Math.Abs(side[i].Price - side[i + 1].Price) / TickUnits;
            if (gapTicks > maxGapTicks)
            {
                var step = random.NextInt64(1, maxGapTicks + 1) * TickUnits;
                side.Insert(i + 1, new Level(descending ? side[i].Price - step : side[i].Price + step, RandomQuantity(random)));
            }
        }
    }

    private void Refill(List<Level> side, Random random, bool descending, long maxGapTicks)
    {
        while (side.Count < levels)
        {
            var step = random.NextInt64(1, maxGapTicks + 1) * TickUnits;
            var worst = side[^1].Price;
            var price = descending ? worst - step : worst + step;
            if (price <= 0)
            {
                break;
            }

            side.Add(new Level(price, RandomQuantity(random)));
        }

        if (side.Count > levels)
        {
            side.RemoveRange(levels, side.Count - levels);
        }
    }

    private long RandomQuantity(Random random)
    {
        var u = random.NextDouble();
        return (minLots + (long)((maxLots - minLots) * u * u * u)) * LotUnits; // mostly small, a few large
    }

    private static void Set(List<Level> side, long price, long quantity, bool descending)
    {
        var index = Find(side, price, descending);
        if (index >= 0)
        {
            side[index] = new Level(price, quantity);
        }
        else
        {
            side.Insert(~index, new Level(price, quantity));
        }
    }

    private static void Remove(List<Level> side, long price, bool descending)
    {
        var index = Find(side, price, descending);
        if (index >= 0)
        {
            side.RemoveAt(index);
        }
    }

    /// <summary>Index of <paramref name="price"/>, or the complement of its insertion point.</summary>
    private static int Find(List<Level> side, long price, bool descending)
    {
        var lo = 0;
        var hi = side.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var p = side[mid].Price;
            if (p == price)
            {
                return mid;
            }

            var before = descending ? p > price : p < price;
            if (before)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
