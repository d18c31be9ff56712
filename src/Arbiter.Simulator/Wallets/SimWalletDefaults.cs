using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// The seeded wallet defaults: each asset's networks (BTC → BTC; ETH → ETH, ARB; XRP → XRP only; USDT → ETH, TRX, BSC with
/// Tether's real contracts), a base withdrawal fee, minimum and confirmations per network, a per-venue fee factor (so BTC
/// costs 0.0002 at Binance but 0.0005 at Upbit), and each venue's own spelling of a network. Written here independently of
/// the adapters, so that both sides cannot share one mistake.
/// </summary>
public static class SimWalletDefaults
{
    /// <summary>Tether on Ethereum (ERC-20).</summary>
    public const string UsdtErc20 = "0xdAC17F958D2ee523a2206206994597C13D831ec7";

    /// <summary>Tether on Tron (TRC-20).</summary>
    public const string UsdtTrc20 = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";

    /// <summary>Tether on BNB Smart Chain (BEP-20).</summary>
    public const string UsdtBep20 = "0x55d398326f99059fF775485246999027B3197955";

    /// <summary>The default networks of <paramref name="asset"/> (unknown assets: one network named like the asset).</summary>
    public static List<SimNetworkOptions> Networks(string asset) => asset switch
    {
        "BTC" => [new() { Network = "BTC" }],
        "ETH" => [new() { Network = "ETH" }, new() { Network = "ARB" }],
        "XRP" => [new() { Network = "XRP" }],
        "USDT" => [new() { Network = "ETH" }, new() { Network = "TRX" }, new() { Network = "BSC" }],
        _ => [new() { Network = asset }],
    };

    /// <summary>The default contract of <paramref name="asset"/> on <paramref name="network"/>; null for a native coin.</summary>
    public static string? Contract(string asset, string network) => (asset, network) switch
    {
        ("USDT", "ETH") => UsdtErc20,
        ("USDT", "TRX") => UsdtTrc20,
        ("USDT", "BSC") => UsdtBep20,
        _ => null,
    };

    /// <summary>Base fee, minimum and confirmations of (asset, network) before the venue factor; unknown pairs cost nothing.</summary>
    public static (decimal Fee, decimal Min, int Confirmations) Base(string asset, string network) => (asset, network) switch
    {
        ("BTC", "BTC") => (0.0002m, 0.001m, 2),
        ("ETH", "ETH") => (0.0008m, 0.005m, 12),
        ("ETH", "ARB") => (0.0001m, 0.001m, 12),
        ("XRP", "XRP") => (0.2m, 1m, 1),
        ("USDT", "ETH") => (4m, 10m, 12),
        ("USDT", "TRX") => (1m, 10m, 20),
        ("USDT", "BSC") => (0.5m, 10m, 15),
        _ => (0m, 0m, 1),
    };

    /// <summary>How much more than the base fee a venue charges: 1 at Binance, Bybit, OKX, Coinbase; 1.5 at Gate.io and Kraken; 2 at Bithumb; 2.5 at Upbit.</summary>
    public static decimal FeeFactor(VenueId venue) => venue switch
    {
        VenueId.GateIo or VenueId.Kraken => 1.5m,
        VenueId.Bithumb => 2m,
        VenueId.Upbit => 2.5m,
        _ => 1m,
    };

    /// <summary>
    /// How <paramref name="venue"/> spells <paramref name="network"/> for <paramref name="asset"/>: Binance "ETH"/"BSC"/"TRX"/"ARBITRUM",
    /// OKX "USDT-ERC20"/"USDT-TRC20"/"ETH-Arbitrum One"/"BTC-Bitcoin"/"XRP-XRP", Gate.io "ARBEVM", Bybit "ARBI", Coinbase
    /// "ethereum"/"tron"/"bitcoin"/"ripple"/"arbitrum", Upbit/Bithumb net_type as the code. Unknown codes are spelt as they are.
    /// </summary>
    public static string Spelling(VenueId venue, string asset, string network) => venue switch
    {
        VenueId.Binance => network switch { "ARB" => "ARBITRUM", _ => network },
        VenueId.Okx => asset + "-" + network switch
        {
            "BTC" => "Bitcoin",
            "ETH" => "ERC20",
            "ARB" => "Arbitrum One",
            "TRX" => "TRC20",
            "BSC" => "BSC",
            _ => network,
        },
        VenueId.GateIo => network switch { "ARB" => "ARBEVM", _ => network },
        VenueId.Bybit => network switch { "ARB" => "ARBI", _ => network },
        VenueId.Coinbase => network switch
        {
            "BTC" => "bitcoin",
            "ETH" => "ethereum",
            "ARB" => "arbitrum",
            "XRP" => "ripple",
            "TRX" => "tron",
            "BSC" => "bnb_smart_chain", // Coinbase does not offer BEP-20 USDT in reality; the id is a guess (unconfirmed)
            _ => network.ToLowerInvariant(),
        },
        _ => network,
    };

    /// <summary>A display name of a network (Upbit's network_name, Coinbase's name).</summary>
    public static string DisplayName(string network) => network switch
    {
        "BTC" => "Bitcoin",
        "ETH" => "Ethereum",
        "ARB" => "Arbitrum One",
        "XRP" => "XRP Ledger",
        "TRX" => "Tron",
        "BSC" => "BNB Smart Chain",
        _ => network,
    };

    /// <summary>The full name of an asset (Binance "name", OKX "name", Coinbase "name").</summary>
    public static string AssetName(string asset) => asset switch
    {
        "BTC" => "Bitcoin",
        "ETH" => "Ethereum",
        "XRP" => "XRP",
        "USDT" => "Tether",
        _ => asset,
    };

    /// <summary>A decimal without trailing zeros (1.50 → 1.5), so that formatted values look like the venues'.</summary>
    internal static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}
