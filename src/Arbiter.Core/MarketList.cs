namespace Arbiter.Core;

/// <summary>A venue's market list reduced to symbol → (base, quote): the only source of truth for splitting concatenated symbols.</summary>
public sealed class MarketList
{
    private readonly Dictionary<string, (Asset Base, Asset Quote)> markets = new(StringComparer.OrdinalIgnoreCase);

    public int Count => markets.Count;

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
