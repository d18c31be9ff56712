namespace Arbiter.Simulator.Tests;

/// <summary>A test-local order book built from a REST snapshot and Binance diffs (quantity 0 removes).</summary>
internal sealed class LocalBook
{
    private readonly SortedDictionary<decimal, decimal> bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, decimal> asks = new();

    public long LastUpdateId { get; set; }

    public void Apply(IEnumerable<(decimal Price, decimal Quantity)> levels, bool bid)
    {
        var side = bid ? bids : asks;
        foreach (var (price, quantity) in levels)
        {
            if (quantity == 0)
            {
                side.Remove(price);
            }
            else
            {
                side[price] = quantity;
            }
        }
    }

    public TruthLevel[] Bids => bids.Select(p => new TruthLevel(p.Key, p.Value)).ToArray();

    public TruthLevel[] Asks => asks.Select(p => new TruthLevel(p.Key, p.Value)).ToArray();
}
