using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues.Coinbase;

/// <summary>
/// Coinbase's public product list (<c>GET /api/v3/brokerage/market/products?product_type=SPOT</c>) reduced to the spot
/// markets that can be traded now and the watched instruments (configured assets × quotes), symbols spelled "BTC-USD".
/// </summary>
/// <remarks>
/// A product is used only when its <c>status</c> is "online" and none of <c>trading_disabled</c>, <c>is_disabled</c>,
/// <c>cancel_only</c>, <c>limit_only</c>, <c>post_only</c> is true (a product in any of those modes cannot be hit with
/// the IOC orders an arbitrage needs). Scales: price from <c>price_increment</c> (older answers carry only
/// <c>quote_increment</c>, which ccxt falls back to as well), quantity from <c>base_increment</c>. Coinbase accepts only
/// orders on those increments, so every resting level — and every <c>price_level</c>/<c>new_quantity</c> of level2 —
/// is a multiple of them; trailing zeros in the text ("0.06317900") parse at any scale.
/// </remarks>
public static class CoinbaseSymbols
{
    /// <summary>Parses a products body; on success the watched instruments are added to <paramref name="catalog"/>.</summary>
    /// <returns>False with <paramref name="error"/> when the body is not a product list.</returns>
    public static bool TryParse(
        ReadOnlySpan<byte> products,
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
        var watched = new Dictionary<(Asset Base, Asset Quote), (string Symbol, int PriceScale, int QuantityScale)>();
        try
        {
            using var document = JsonDocument.Parse(products.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("products"u8, out var list)
                || list.ValueKind != JsonValueKind.Array)
            {
                error = "the product list has no \"products\" array";
                return false;
            }

            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || String(item, "product_id"u8) is not { } productId
                    || !IsTradable(item)
                    || VenueSymbology.TryParse(SymbolFormat.BaseDashQuote, productId, null, out var baseAsset, out var quoteAsset) is not null)
                {
                    continue;
                }

                markets.Add(productId, baseAsset, quoteAsset);
                if (Contains(assets, baseAsset) && Contains(quotes, quoteAsset)
                    && ScaleOf(String(item, "price_increment"u8) ?? String(item, "quote_increment"u8)) is var priceScale and >= 0
                    && ScaleOf(String(item, "base_increment"u8)) is var quantityScale and >= 0)
                {
                    watched[(baseAsset, quoteAsset)] = (productId, priceScale, quantityScale);
                }
            }
        }
        catch (JsonException ex)
        {
            error = "the product list is not valid JSON: " + ex.Message;
            return false;
        }

        var instruments = new List<Instrument>();
        foreach (var baseCode in assets)
        {
            foreach (var quoteCode in quotes)
            {
                if (watched.TryGetValue((Asset.Of(baseCode), Asset.Of(quoteCode)), out var found))
                {
                    instruments.Add(catalog.Add(new Instrument(VenueId.Coinbase, found.Symbol, Asset.Of(baseCode), Asset.Of(quoteCode), found.PriceScale, found.QuantityScale)));
                }
            }
        }

        symbols = new VenueMarkets(markets, [.. instruments]);
        error = null;
        return true;
    }

    /// <summary>Online spot product in full trading (see the type's remarks); a missing flag counts as false.</summary>
    private static bool IsTradable(JsonElement item) =>
        String(item, "status"u8) is { } status && string.Equals(status, "online", StringComparison.OrdinalIgnoreCase)
        && (String(item, "product_type"u8) is not { } type || string.Equals(type, "SPOT", StringComparison.OrdinalIgnoreCase))
        && !Flag(item, "trading_disabled"u8)
        && !Flag(item, "is_disabled"u8)
        && !Flag(item, "cancel_only"u8)
        && !Flag(item, "limit_only"u8)
        && !Flag(item, "post_only"u8);

    private static bool Flag(JsonElement item, ReadOnlySpan<byte> name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static bool Contains(IReadOnlyList<string> codes, Asset asset)
    {
        foreach (var code in codes)
        {
            if (AssetCodes.IsValid(code) && Asset.Of(code) == asset)
            {
                return true;
            }
        }

        return false;
    }

    private static string? String(JsonElement item, ReadOnlySpan<byte> name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Decimal places of a positive increment such as "0.01" or "0.00000001"; -1 when missing or not a positive decimal.</summary>
    private static int ScaleOf(string? increment)
    {
        if (increment is null)
        {
            return -1;
        }

        var scale = FixedPoint.ScaleOf(increment);
        return scale <= FixedPoint.MaxScale && FixedPoint.TryParse(increment.AsSpan(), scale, out var units) && units > 0 ? scale : -1;
    }
}
