using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues.GateIo;

/// <summary>
/// Gate.io's market list (<c>GET /api/v4/spot/currency_pairs</c>) reduced to what the adapter needs: every pair whose
/// <c>trade_status</c> is <c>tradable</c> (<c>untradable</c>, <c>buyable</c>-only and <c>sellable</c>-only pairs are skipped:
/// their books are one-sided or frozen), split into base and quote from the <c>BASE_QUOTE</c> id, and the watched
/// instruments with scales from <c>precision</c> (price decimals) and <c>amount_precision</c> (amount decimals).
/// </summary>
public static class GateIoSymbols
{
    /// <summary>
    /// Decimals kept beyond the pair's published precision, on prices and amounts alike. Gate changes pair precisions from
    /// time to time (orders placed before the change can rest at the old, finer grid), and its older API sent 8-decimal
    /// amounts whatever the pair (ccxt #2761). A frame value finer than the scale would make every frame of the book
    /// Malformed and loop resyncs; two spare decimals cost nothing at these magnitudes (BTC at 1e5 USDT with precision 1
    /// is 1e8 units; a 1e12-token amount with amount_precision 0 is 1e14 units, far below 9.2e18).
    /// </summary>
    public const int ExtraDecimals = 2;

    /// <summary>Parses a currency_pairs body; on success the watched instruments are added to <paramref name="catalog"/>.</summary>
    /// <returns>False with <paramref name="error"/> when the body is not a currency_pairs array.</returns>
    public static bool TryParse(
        ReadOnlySpan<byte> currencyPairs,
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
            using var document = JsonDocument.Parse(currencyPairs.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                error = "currency_pairs is not an array";
                return false;
            }

            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || String(item, "id"u8) is not { } id
                    || String(item, "trade_status"u8) != "tradable"
                    || VenueSymbology.TryParse(SymbolFormat.BaseUnderscoreQuote, id, null, out var baseAsset, out var quoteAsset) is not null)
                {
                    continue;
                }

                markets.Add(id, baseAsset, quoteAsset);
                if (Contains(assets, baseAsset) && Contains(quotes, quoteAsset)
                    && Scale(item, "precision"u8) is { } priceScale
                    && Scale(item, "amount_precision"u8) is { } quantityScale)
                {
                    watched[(baseAsset, quoteAsset)] = (id, priceScale, quantityScale);
                }
            }
        }
        catch (JsonException ex)
        {
            error = "currency_pairs is not valid JSON: " + ex.Message;
            return false;
        }

        var instruments = new List<Instrument>();
        foreach (var baseCode in assets)
        {
            foreach (var quoteCode in quotes)
            {
                var baseAsset = Asset.Of(VenueSymbology.Canonical(baseCode));
                var quoteAsset = Asset.Of(VenueSymbology.Canonical(quoteCode));
                if (watched.Remove((baseAsset, quoteAsset), out var found))
                {
                    instruments.Add(catalog.Add(new Instrument(VenueId.GateIo, found.Symbol, baseAsset, quoteAsset, found.PriceScale, found.QuantityScale)));
                }
            }
        }

        symbols = new VenueMarkets(markets, [.. instruments]);
        error = null;
        return true;
    }

    private static bool Contains(IReadOnlyList<string> codes, Asset asset)
    {
        foreach (var code in codes)
        {
            if (AssetCodes.IsValid(code) && Asset.Of(VenueSymbology.Canonical(code)) == asset)
            {
                return true;
            }
        }

        return false;
    }

    private static string? String(JsonElement item, ReadOnlySpan<byte> name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The instrument scale for a published decimal count: the count plus <see cref="ExtraDecimals"/>, at most 18; null when absent or out of range.</summary>
    private static int? Scale(JsonElement item, ReadOnlySpan<byte> name)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number
            || !value.TryGetInt32(out var decimals) || decimals < 0 || decimals > FixedPoint.MaxScale)
        {
            return null;
        }

        return Math.Min(decimals + ExtraDecimals, FixedPoint.MaxScale);
    }
}
