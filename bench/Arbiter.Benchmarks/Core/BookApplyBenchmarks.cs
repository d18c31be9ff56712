using Arbiter.Core;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Benchmarks.Core;

/// <summary>
/// One level update applied to a book of <see cref="Depth"/> levels per side: <see cref="OrderBook.Set"/> against a
/// <see cref="SortedDictionary{TKey, TValue}"/> per side fed the same updates. Each invocation applies a whole
/// 1024-update cycle (see <see cref="BookUpdateSequence"/>), which leaves the book with the same levels it started with,
/// and BenchmarkDotNet divides by 1024: the reported time is per update.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet derives its runner from the benchmark class.</remarks>
[MemoryDiagnoser]
public class BookApplyBenchmarks
{
    private const int CycleLength = 1024;

    private BookUpdate[] updates = [];
    private OrderBook book = null!;
    private SortedDictionary<long, long> bidLevels = [];
    private SortedDictionary<long, long> askLevels = [];

    [Params(20, 1000)]
    public int Depth { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sequence = BookUpdateSequence.Create(Depth, CycleLength, seed: 42);
        updates = sequence.Updates;
        var instrument = new Instrument(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5);
        book = new OrderBook(instrument, capacity: Depth + 32);
        book.Load(sequence.Bids, sequence.Asks);
        bidLevels = new SortedDictionary<long, long>();
        askLevels = new SortedDictionary<long, long>();
        foreach (var level in sequence.Bids)
        {
            bidLevels[level.Price] = level.Quantity;
        }

        foreach (var level in sequence.Asks)
        {
            askLevels[level.Price] = level.Quantity;
        }

        // One full cycle on both must leave the same depth and the same levels: the measured state is stable.
        OrderBookCycle();
        SortedDictionaryCycle();
        Check(book.Bids.Count == Depth && book.Asks.Count == Depth, $"OrderBook depth {book.Bids.Count}/{book.Asks.Count} after a cycle");
        Check(bidLevels.Count == Depth && askLevels.Count == Depth, $"SortedDictionary depth {bidLevels.Count}/{askLevels.Count} after a cycle");
        for (var i = 0; i < Depth; i++)
        {
            var bid = book.Bids.LevelAt(i);
            var ask = book.Asks.LevelAt(i);
            Check(bidLevels.TryGetValue(bid.Price, out var bq) && bq == bid.Quantity, $"bid level {i} differs");
            Check(askLevels.TryGetValue(ask.Price, out var aq) && aq == ask.Quantity, $"ask level {i} differs");
        }

        var removals = updates.Count(u => u.Quantity == 0);
        Check(removals > CycleLength / 20, $"only {removals} removals in the cycle");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CycleLength, Description = "SortedDictionary<long,long> per side")]
    public int SortedDictionaryCycle()
    {
        var changed = 0;
        var all = updates;
        for (var i = 0; i < all.Length; i++)
        {
            var u = all[i];
            var levels = u.Side == Side.Bid ? bidLevels : askLevels;
            if (u.Quantity == 0)
            {
                changed += levels.Remove(u.Price) ? 1 : 0;
            }
            else
            {
                levels[u.Price] = u.Quantity;
                changed++;
            }
        }

        return changed;
    }

    [Benchmark(OperationsPerInvoke = CycleLength, Description = "OrderBook.Set")]
    public int OrderBookCycle()
    {
        var changed = 0;
        var all = updates;
        for (var i = 0; i < all.Length; i++)
        {
            var u = all[i];
            changed += book.Set(u.Side, u.Price, u.Quantity) ? 1 : 0;
        }

        return changed;
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Book apply benchmark setup: " + what + ".");
        }
    }
}
