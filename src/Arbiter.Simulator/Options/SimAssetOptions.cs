namespace Arbiter.Simulator;

/// <summary>One simulated coin: its USD price and the tick and lot grids it trades on: one grid for the USD and USDT markets, one for the KRW markets.</summary>
public sealed class SimAssetOptions
{
    /// <summary>Upper-case asset code ("BTC"); each venue spells its symbol its own way ("BTCUSDT", "BTC-USD", "KRW-BTC", "BTC/USD"...).</summary>
    public string Code { get; set; } = "";

    /// <summary>Starting true price in USD.</summary>
    public decimal UsdPrice { get; set; }

    /// <summary>Price tick of the USD and USDT markets (Binance's PRICE_FILTER.tickSize; at most 8 decimals).</summary>
    public decimal UsdTick { get; set; }

    /// <summary>Size grid of the USD and USDT markets (Binance's LOT_SIZE.stepSize; at most 8 decimals).</summary>
    public decimal UsdLot { get; set; }

    /// <summary>Price unit of the KRW markets, from Upbit's KRW tick table at the starting price.</summary>
    public decimal KrwTick { get; set; }

    /// <summary>Size grid of the KRW markets; Upbit and Bithumb show sizes with 8 decimals.</summary>
    public decimal KrwLot { get; set; } = 0.00000001m;

    /// <summary>Smallest quantity of a generated level; null = USD 1,000 worth.</summary>
    public decimal? MinLevelQuantity { get; set; }

    /// <summary>Largest quantity of a generated level; null = USD 200,000 worth.</summary>
    public decimal? MaxLevelQuantity { get; set; }

    /// <summary>Venue names ("coinbase", "upbit" …) that list this asset; null (the default) = every venue. A venue whose quote is the asset (USDT at Binance) cannot list it.</summary>
    public List<string>? Venues { get; set; }

    /// <summary>The asset's deposit/withdrawal networks on every venue; null = <see cref="SimWalletDefaults.Networks"/> (BTC → BTC; ETH → ETH, ARB; USDT → ETH, TRX, BSC …).</summary>
    public List<SimNetworkOptions>? Networks { get; set; }

    /// <summary>True when <paramref name="venue"/> lists this asset.</summary>
    public bool IsListedOn(Arbiter.Core.VenueId venue)
    {
        if (Venues is null)
        {
            return true;
        }

        foreach (var name in Venues)
        {
            if (Arbiter.Core.VenueNames.TryParse(name, out var v) && v == venue)
            {
                return true;
            }
        }

        return false;
    }

    internal decimal EffectiveMinQuantity => MinLevelQuantity ?? (1_000m / UsdPrice);

    internal decimal EffectiveMaxQuantity => MaxLevelQuantity ?? (200_000m / UsdPrice);
}
