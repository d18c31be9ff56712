using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues.Kraken;

/// <summary>
/// Kraken's market list (<c>GET /0/public/AssetPairs</c>) reduced to the online pairs, spelled as WS v2 symbols, and the
/// watched instruments (configured assets × quotes). The v2 symbol is the pair's <c>wsname</c> with Kraken's legacy codes
/// replaced (<c>XBT/USD</c> → <c>BTC/USD</c>, <c>XDG/USD</c> → <c>DOGE/USD</c>).
/// </summary>
/// <remarks>
/// Only <c>status</c> "online" is used: cancel_only, post_only, limit_only, reduce_only (and anything else) mean no normal
/// matching, so their books are not worth watching. Scales are <c>pair_decimals</c> (price) and <c>lot_decimals</c>
/// (quantity): the precisions at which Kraken's book checksum formats every level (REFERENCE §8), so every price and
/// quantity Kraken sends fits them exactly, and formatting the units back at these scales reproduces the checksum text.
/// </remarks>
public static class KrakenSymbols
{
    /// <summary>Parses an AssetPairs body; on success the watched instruments are added to <paramref name="catalog"/>.</summary>
    /// <returns>False with <paramref name="error"/> when the body is not an AssetPairs answer or carries Kraken errors.</returns>
    public static bool TryParse(
        ReadOnlySpan<byte> assetPairs,
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
            using var document = JsonDocument.Parse(assetPairs.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "AssetPairs is not a JSON object";
                return false;
            }

            if (root.TryGetProperty("error"u8, out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                error = "AssetPairs returned errors: " + errors.GetRawText();
                return false;
            }

            if (!root.TryGetProperty("result"u8, out var result) || result.ValueKind != JsonValueKind.Object)
            {
                error = "AssetPairs has no \"result\" object";
                return false;
            }

            foreach (var pair in result.EnumerateObject())
            {
                var item = pair.Value;
                if (item.ValueKind != JsonValueKind.Object
                    || String(item, "status"u8) != "online"
                    || String(item, "wsname"u8) is not { } wsName
                    || VenueSymbology.TryParse(SymbolFormat.BaseSlashQuote, wsName, null, out var baseAsset, out var quoteAsset) is not null
                    || !TryDecimals(item, "pair_decimals"u8, out var priceScale)
                    || !TryDecimals(item, "lot_decimals"u8, out var quantityScale))
                {
                    continue;
                }

                // VenueSymbology has mapped XBT → BTC and XDG → DOGE: composing again gives the WS v2 spelling.
                var symbol = VenueSymbology.Compose(SymbolFormat.BaseSlashQuote, baseAsset, quoteAsset);
                markets.Add(symbol, baseAsset, quoteAsset);
                watched[(baseAsset, quoteAsset)] = (symbol, priceScale, quantityScale);
            }
        }
        catch (JsonException ex)
        {
            error = "AssetPairs is not valid JSON: " + ex.Message;
            return false;
        }

        var instruments = new List<Instrument>();
        foreach (var baseCode in assets)
        {
            foreach (var quoteCode in quotes)
            {
                var baseAsset = Asset.Of(VenueSymbology.Canonical(baseCode));
                var quoteAsset = Asset.Of(VenueSymbology.Canonical(quoteCode));
                if (watched.TryGetValue((baseAsset, quoteAsset), out var found))
                {
                    instruments.Add(catalog.Add(new Instrument(VenueId.Kraken, found.Symbol, baseAsset, quoteAsset, found.PriceScale, found.QuantityScale)));
                }
            }
        }

        symbols = new VenueMarkets(markets, [.. instruments]);
        error = null;
        return true;
    }

    private static string? String(JsonElement item, ReadOnlySpan<byte> name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A decimals count 0..18 (a JSON integer, as Kraken sends it).</summary>
    private static bool TryDecimals(JsonElement item, ReadOnlySpan<byte> name, out int decimals)
    {
        decimals = -1;
        return item.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt32(out decimals)
            && decimals is >= 0 and <= FixedPoint.MaxScale;
    }
}
