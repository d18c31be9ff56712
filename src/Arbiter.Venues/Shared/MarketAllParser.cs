using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// The market list of an Upbit-shaped venue (<c>GET /v1/market/all</c> on Upbit and Bithumb): a JSON array of
/// <c>{"market":"KRW-BTC",...}</c>, symbols spelled quote-first. Reduced to the listed markets and the watched instruments
/// (configured quote × assets, in configuration order), registered in the catalog.
/// </summary>
internal static class MarketAllParser
{
    /// <param name="marketAll">The response body.</param>
    /// <param name="catalog">Receives the watched instruments.</param>
    /// <param name="venue">Whose list it is.</param>
    /// <param name="assets">Base assets to watch.</param>
    /// <param name="quote">The quote asset to watch.</param>
    /// <param name="scale">Price and quantity scale of every instrument (these venues publish no tick or lot size here).</param>
    /// <param name="isTradable">A row's extra condition to be used at all (e.g. no market warning); null = every row.</param>
    /// <param name="symbols">The result.</param>
    /// <param name="error">Why the body is not a market list.</param>
    public static bool TryParse(
        ReadOnlySpan<byte> marketAll,
        InstrumentCatalog catalog,
        VenueId venue,
        IReadOnlyList<string> assets,
        string quote,
        int scale,
        Func<JsonElement, bool>? isTradable,
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
        var format = VenueSymbology.FormatOf(venue);
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
                    || VenueSymbology.TryParse(format, market, null, out var baseAsset, out var marketQuote) is not null
                    || (isTradable is not null && !isTradable(item)))
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
                instruments.Add(catalog.Add(new Instrument(venue, market, Asset.Of(code), quoteAsset, scale, scale)));
            }
        }

        symbols = new VenueMarkets(markets, [.. instruments]);
        error = null;
        return true;
    }
}
