namespace Arbiter.Core;

/// <summary>How a venue spells a market symbol.</summary>
public enum SymbolFormat : byte
{
    /// <summary>"BTCUSDT" (Binance, Bybit): the split needs the venue's market list.</summary>
    Concatenated,

    /// <summary>"BTC-USD" (Coinbase, OKX).</summary>
    BaseDashQuote,

    /// <summary>"BTC_USDT" (Gate.io) and "BTC_KRW" (Bithumb's old API).</summary>
    BaseUnderscoreQuote,

    /// <summary>"KRW-BTC" (Upbit, Bithumb's current API): quote first.</summary>
    QuoteDashBase,

    /// <summary>"BTC/USD" (Kraken WS v2).</summary>
    BaseSlashQuote,
}
