using System.Diagnostics.CodeAnalysis;
using Arbiter.Core;

namespace Arbiter.Venues.Upbit;

/// <summary>
/// Upbit's market list (<c>GET /v1/market/all?is_details=true</c>) reduced to the markets list and the watched instruments
/// (configured quote × assets), symbols spelled quote-first ("KRW-BTC").
/// </summary>
public static class UpbitSymbols
{
    /// <summary>
    /// Upbit publishes no lot size, and its tick size depends on the price band (down to 0.0001 KRW and below for tiny
    /// prices; BTC-quoted markets use 8 decimals); volumes have at most 8 decimals. Scale 8 for both is therefore exact for
    /// every value Upbit sends, and still leaves room up to 92 billion per value (KRW 150,000,000 = 1.5e16 units).
    /// </summary>
    public const int Scale = 8;

    public static bool TryParse(
        ReadOnlySpan<byte> marketAll,
        InstrumentCatalog catalog,
        IReadOnlyList<string> assets,
        string quote,
        [NotNullWhen(true)] out VenueMarkets? symbols,
        [NotNullWhen(false)] out string? error) =>
        MarketAllParser.TryParse(marketAll, catalog, VenueId.Upbit, assets, quote, Scale, isTradable: null, out symbols, out error);
}
