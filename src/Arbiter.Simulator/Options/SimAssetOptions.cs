namespace Arbiter.Simulator;

/// <summary>One simulated coin: its USD price and the tick and lot grids it trades on at each venue.</summary>
public sealed class SimAssetOptions
{
    /// <summary>Upper-case asset code ("BTC"); the venue symbols are "{Code}USDT" and "KRW-{Code}".</summary>
    public string Code { get; set; } = "";

    /// <summary>Starting true price in USD.</summary>
    public decimal UsdPrice { get; set; }

    /// <summary>Binance PRICE_FILTER.tickSize of {Code}USDT (at most 8 decimals).</summary>
    public decimal BinanceTick { get; set; }

    /// <summary>Binance LOT_SIZE.stepSize of {Code}USDT (at most 8 decimals).</summary>
    public decimal BinanceLot { get; set; }

    /// <summary>Upbit KRW price unit of KRW-{Code}, from Upbit's KRW tick table at the starting price.</summary>
    public decimal UpbitTick { get; set; }

    /// <summary>Grid of Upbit order sizes; Upbit shows sizes with 8 decimals.</summary>
    public decimal UpbitLot { get; set; } = 0.00000001m;

    /// <summary>Smallest quantity of a generated level; null = USD 1,000 worth.</summary>
    public decimal? MinLevelQuantity { get; set; }

    /// <summary>Largest quantity of a generated level; null = USD 200,000 worth.</summary>
    public decimal? MaxLevelQuantity { get; set; }

    internal decimal EffectiveMinQuantity => MinLevelQuantity ?? (1_000m / UsdPrice);

    internal decimal EffectiveMaxQuantity => MaxLevelQuantity ?? (200_000m / UsdPrice);
}
