namespace Arbiter.Core;

/// <summary>A venue's market list reduced to symbol → (base, quote): the only source of truth for splitting concatenated symbols.</summary>
public sealed class MarketList
{
    private readonly Dictionary<string, (Asset Base, Asset Quote)> markets = new(StringComparer.OrdinalIgnoreCase);

    public int Count => markets.Count;

    /// <summary>Every market, in no particular order.</summary>
    public IEnumerable<(string Symbol, Asset Base, Asset Quote)> Entries
    {
        get
        {
            foreach (var (symbol, pair) in markets)
            {
                yield return (symbol, pair.Base, pair.Quote);
            }
        }
    }

    public void Add(string symbol, Asset baseAsset, Asset quoteAsset) => markets[symbol] = (baseAsset, quoteAsset);

    public bool TryGet(string symbol, out Asset baseAsset, out Asset quoteAsset)
    {
        if (markets.TryGetValue(symbol, out var pair))
        {
            (baseAsset, quoteAsset) = pair;
            return true;
        }

        baseAsset = default;
        quoteAsset = default;
        return false;
    }
}
