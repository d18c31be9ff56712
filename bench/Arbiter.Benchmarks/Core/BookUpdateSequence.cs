using Arbiter.Core;

namespace Arbiter.Benchmarks.Core;

/// <summary>
/// A seeded book of a given depth per side and a cycle of level updates near its top, built so that applying the whole
/// cycle returns the book to the same set of price levels (every removed level is re-added within the cycle).
/// </summary>
/// <remarks>
/// BTCUSDT-like units (price scale 2, quantity scale 5): best bid 99,999.99, best ask 100,000.01, levels 1–20 ticks apart,
/// 0.00001–2 BTC each. The mix is about 70 % quantity changes, 15 % removals and 15 % re-additions, at a level drawn
/// from the best 20 with a bias towards the top (index = ⌊20·r²⌋), both sides alike.
/// </remarks>
internal sealed class BookUpdateSequence
{
    private const long BestBid = 9_999_999;
    private const long BestAsk = 10_000_001;
    private const int NearTop = 20;

    private BookUpdateSequence(Level[] bids, Level[] asks, BookUpdate[] updates)
    {
        Bids = bids;
        Asks = asks;
        Updates = updates;
    }

    /// <summary>The initial bids, best first.</summary>
    public Level[] Bids { get; }

    /// <summary>The initial asks, best first.</summary>
    public Level[] Asks { get; }

    public BookUpdate[] Updates { get; }

    public static BookUpdateSequence Create(int depth, int length, int seed)
    {
        var random = new Random(seed);
        var bids = Levels(random, depth, BestBid, -1);
        var asks = Levels(random, depth, BestAsk, +1);

        // Model of the present prices per side, best first, and the removed prices waiting to be re-added.
        var present = new[] { bids.Select(l => l.Price).ToList(), asks.Select(l => l.Price).ToList() };
        var pending = new[] { new List<long>(), new List<long>() };
        var updates = new BookUpdate[length];
        for (var k = 0; k < length; k++)
        {
            var owed = pending[0].Count + pending[1].Count;
            var mustReAdd = length - k <= owed;
            var s = mustReAdd ? (pending[0].Count > 0 ? 0 : 1) : random.Next(2);
            var side = s == 0 ? Side.Bid : Side.Ask;
            var roll = random.NextDouble();
            if (mustReAdd || (roll < 0.15 && pending[s].Count > 0))
            {
                var at = random.Next(pending[s].Count);
                var price = pending[s][at];
                pending[s].RemoveAt(at);
                Insert(present[s], price, side);
                updates[k] = new BookUpdate(side, price, Quantity(random));
            }
            else if (roll < 0.30 && present[s].Count > 1)
            {
                var index = NearTopIndex(random, present[s].Count);
                var price = present[s][index];
                present[s].RemoveAt(index);
                pending[s].Add(price);
                updates[k] = new BookUpdate(side, price, 0);
            }
            else
            {
                var index = NearTopIndex(random, present[s].Count);
                updates[k] = new BookUpdate(side, present[s][index], Quantity(random));
            }
        }

        return new BookUpdateSequence(bids, asks, updates);
    }

    private static Level[] Levels(Random random, int depth, long best, int direction)
    {
        var levels = new Level[depth];
        var price = best;
        for (var i = 0; i < depth; i++)
        {
            levels[i] = new Level(price, Quantity(random));
            price += direction * random.Next(1, 21);
        }

        return levels;
    }

    private static long Quantity(Random random) => random.Next(1, 200_001);

    private static int NearTopIndex(Random random, int count)
    {
        var r = random.NextDouble();
        return Math.Min(count - 1, (int)(NearTop * r * r));
    }

    private static void Insert(List<long> bestFirst, long price, Side side)
    {
        var at = 0;
        while (at < bestFirst.Count && (side == Side.Bid ? bestFirst[at] > price : bestFirst[at] < price))
        {
            at++;
        }

        bestFirst.Insert(at, price);
    }
}
