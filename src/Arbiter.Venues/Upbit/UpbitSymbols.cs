using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
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
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentException.ThrowIfNullOrEmpty(quote);
        symbols = null;
        var markets = new MarketList();
        var listed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase); // base code → market
        var quoteAsset = Asset.Of(quote);
        try
        {
            using var document = JsonDocument.Parse(marketAll.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                error = "market/all is not an array";
                return false;
            }

            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("market"u8, out var marketElement)
                    || marketElement.ValueKind != JsonValueKind.String
                    || marketElement.GetString() is not { } market
                    || VenueSymbology.TryParse(SymbolFormat.QuoteDashBase, market, null, out var baseAsset, out var marketQuote) is not null)
                {
                    continue;
                }

                markets.Add(market, baseAsset, marketQuote);
                if (marketQuote == quoteAsset)
                {
                    listed[baseAsset.Code] = market;
                }
            }
        }
        catch (JsonException ex)
        {
            error = "market/all is not valid JSON: " + ex.Message;
            return false;
        }

        var instruments = new List<Instrument>();
        foreach (var code in assets)
        {
            if (listed.TryGetValue(code, out var market))
            {
                instruments.Add(catalog.Add(new Instrument(VenueId.Upbit, market, Asset.Of(code), quoteAsset, Scale, Scale)));
            }
        }

        symbols = new VenueMarkets(markets, [.. instruments]);
        error = null;
        return true;
    }
}
