using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues.Binance;

/// <summary>
/// Binance's market list (<c>GET /api/v3/exchangeInfo</c>) reduced to what the adapter needs: every TRADING symbol's
/// base and quote (from <c>baseAsset</c>/<c>quoteAsset</c>, never guessed from the concatenated name) and the watched
/// instruments with scales from <c>PRICE_FILTER.tickSize</c> and <c>LOT_SIZE.stepSize</c>.
/// </summary>
public static class BinanceSymbols
{
    /// <summary>Parses an exchangeInfo body; on success the watched instruments are added to <paramref name="catalog"/>.</summary>
    /// <returns>False with <paramref name="error"/> when the body is not an exchangeInfo document.</returns>
    public static bool TryParse(
        ReadOnlySpan<byte> exchangeInfo,
        InstrumentCatalog catalog,
        IReadOnlyList<string> assets,
        IReadOnlyList<string> quotes,
        [NotNullWhen(true)] out VenueMarkets? symbols,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(quotes);
        symbols = null;
        var markets = new MarketList();
        var watched = new Dictionary<(string Base, string Quote), (string Symbol, int PriceScale, int QuantityScale)>();
        try
        {
            using var document = JsonDocument.Parse(exchangeInfo.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("symbols"u8, out var list)
                || list.ValueKind != JsonValueKind.Array)
            {
                error = "exchangeInfo has no \"symbols\" array";
                return false;
            }

            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || String(item, "symbol"u8) is not { } symbol
                    || String(item, "status"u8) != "TRADING"
                    || String(item, "baseAsset"u8) is not { } baseCode
                    || String(item, "quoteAsset"u8) is not { } quoteCode
                    || !AssetCodes.IsValid(symbol) || !AssetCodes.IsValid(baseCode) || !AssetCodes.IsValid(quoteCode))
                {
                    continue;
                }

                markets.Add(symbol, Asset.Of(baseCode), Asset.Of(quoteCode));
                if (Contains(assets, baseCode) && Contains(quotes, quoteCode) && TryScales(item, out var priceScale, out var quantityScale))
                {
                    watched[(baseCode.ToUpperInvariant(), quoteCode.ToUpperInvariant())] = (symbol, priceScale, quantityScale);
                }
            }
        }
        catch (JsonException ex)
        {
            error = "exchangeInfo is not valid JSON: " + ex.Message;
            return false;
        }

        var instruments = new List<Instrument>();
        foreach (var baseCode in assets)
        {
            foreach (var quoteCode in quotes)
            {
                if (watched.TryGetValue((baseCode.ToUpperInvariant(), quoteCode.ToUpperInvariant()), out var found))
                {
                    instruments.Add(catalog.Add(new Instrument(VenueId.Binance, found.Symbol, Asset.Of(baseCode), Asset.Of(quoteCode), found.PriceScale, found.QuantityScale)));
                }
            }
        }

        symbols = new VenueMarkets(markets, [.. instruments]);
        error = null;
        return true;
    }

    private static bool Contains(IReadOnlyList<string> codes, string code)
    {
        foreach (var c in codes)
        {
            if (string.Equals(c, code, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string? String(JsonElement item, ReadOnlySpan<byte> name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Scales from the tick and step sizes; false when either filter is missing or not a positive decimal.</summary>
    private static bool TryScales(JsonElement item, out int priceScale, out int quantityScale)
    {
        priceScale = -1;
        quantityScale = -1;
        if (!item.TryGetProperty("filters"u8, out var filters) || filters.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var filter in filters.EnumerateArray())
        {
            if (filter.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            switch (String(filter, "filterType"u8))
            {
                case "PRICE_FILTER":
                    priceScale = ScaleOf(String(filter, "tickSize"u8));
                    break;
                case "LOT_SIZE":
                    quantityScale = ScaleOf(String(filter, "stepSize"u8));
                    break;
            }
        }

        return priceScale >= 0 && quantityScale >= 0;
    }

    private static int ScaleOf(string? size)
    {
        if (size is null)
        {
            return -1;
        }

        var scale = FixedPoint.ScaleOf(size);
        return scale <= FixedPoint.MaxScale && FixedPoint.TryParse(size.AsSpan(), scale, out var units) && units > 0 ? scale : -1;
    }
}
