using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues.Bithumb;

/// <summary>
/// Bithumb's market list (<c>GET /v1/market/all?isDetails=true</c>, rows <c>{market, korean_name, english_name,
/// market_warning}</c>) reduced to the tradable markets and the watched instruments (configured quote × assets), symbols
/// spelled quote-first ("KRW-BTC").
/// </summary>
/// <remarks>
/// The list has no status field: every listed market trades. Its only state is <c>market_warning</c>, "NONE" or
/// "CAUTION" (거래 유의, designated for investor caution, which on Korean exchanges precedes a delisting review and often
/// comes with suspended deposits or withdrawals, so its price is no arbitrage reference). A market whose
/// <c>market_warning</c> is any string other than "NONE" is skipped; a missing, null or empty one counts as no warning.
/// </remarks>
public static class BithumbSymbols
{
    public const string MarketListPath = "/v1/market/all?isDetails=true";

    /// <summary>
    /// Bithumb publishes no tick or lot size in the list. KRW prices are whole won for large prices and down to 0.0001 KRW
    /// for tiny ones; BTC-quoted prices have 8 decimals (0.00001687); sizes are printed with at most 4 decimals on the
    /// socket and up to 8 in REST. Scale 8 for both is exact for every value Bithumb sends and leaves room up to 92 billion
    /// per value (KRW 150,000,000 = 1.5e16 units).
    /// </summary>
    public const int Scale = 8;

    public static bool TryParse(
        ReadOnlySpan<byte> marketAll,
        InstrumentCatalog catalog,
        IReadOnlyList<string> assets,
        string quote,
        [NotNullWhen(true)] out VenueMarkets? symbols,
        [NotNullWhen(false)] out string? error) =>
        MarketAllParser.TryParse(marketAll, catalog, VenueId.Bithumb, assets, quote, Scale, HasNoWarning, out symbols, out error);

    private static bool HasNoWarning(JsonElement row) =>
        !row.TryGetProperty("market_warning"u8, out var warning)
        || warning.ValueKind != JsonValueKind.String
        || warning.GetString() is null or "" or "NONE";
}
