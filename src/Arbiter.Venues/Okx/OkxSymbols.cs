using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues.Okx;

/// <summary>
/// OKX's spot market list (<c>GET /api/v5/public/instruments?instType=SPOT</c>, REFERENCE §7 "REST (public)") reduced to
/// the live markets and the watched instruments (configured assets × quotes), symbols spelled "BTC-USDT".
/// </summary>
/// <remarks>
/// Only <c>state</c> "live" is used; "suspend", "preopen" and "test" markets are skipped. PriceScale is the number of
/// decimals of <c>tickSz</c> and QuantityScale that of <c>lotSz</c>: book prices are multiples of the tick and spot sizes
/// multiples of the lot (in base currency), and OKX spells them without padding ("8477", "0.60038921"); a spelling with
/// trailing zeros ("0.10") still parses at the tick's scale. A value finer than the scale is never rounded: the frame is
/// malformed (counted) and the book resyncs. The largest values fit: a spot order may be at most <c>maxLmtSz</c>
/// (9,999,999,999 BTC at lot 1e-8 is 1e18 units, below long.MaxValue ≈ 9.2e18).
/// </remarks>
public static class OkxSymbols
{
    /// <summary>Parses an instruments body; on success the watched instruments are added to <paramref name="catalog"/>.</summary>
    /// <returns>False with <paramref name="error"/> when the body is not an instruments answer or reports an error code.</returns>
    public static bool TryParse(
        ReadOnlySpan<byte> instruments,
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
            using var document = JsonDocument.Parse(instruments.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("data"u8, out var list)
                || list.ValueKind != JsonValueKind.Array)
            {
                error = "instruments has no \"data\" array";
                return false;
            }

            if (String(root, "code"u8) is { } code && code != "0")
            {
                error = $"instruments answered code {code}: {String(root, "msg"u8)}";
                return false;
            }

            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || String(item, "instId"u8) is not { } symbol
                    || String(item, "state"u8) != "live"
                    || (String(item, "instType"u8) is { } type && type != "SPOT")
                    || VenueSymbology.TryParse(SymbolFormat.BaseDashQuote, symbol, null, out var baseAsset, out var quoteAsset) is not null)
                {
                    continue;
                }

                markets.Add(symbol, baseAsset, quoteAsset);
                if (Contains(assets, baseAsset.Code) && Contains(quotes, quoteAsset.Code)
                    && ScaleOf(String(item, "tickSz"u8)) is var priceScale and >= 0
                    && ScaleOf(String(item, "lotSz"u8)) is var quantityScale and >= 0)
                {
                    watched[(baseAsset.Code, quoteAsset.Code)] = (symbol, priceScale, quantityScale);
                }
            }
        }
        catch (JsonException ex)
        {
            error = "instruments is not valid JSON: " + ex.Message;
            return false;
        }

        var found = new List<Instrument>();
        foreach (var baseCode in assets)
        {
            foreach (var quoteCode in quotes)
            {
                if (watched.TryGetValue((baseCode.ToUpperInvariant(), quoteCode.ToUpperInvariant()), out var market))
                {
                    found.Add(catalog.Add(new Instrument(VenueId.Okx, market.Symbol, Asset.Of(baseCode), Asset.Of(quoteCode), market.PriceScale, market.QuantityScale)));
                }
            }
        }

        symbols = new VenueMarkets(markets, [.. found]);
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

    /// <summary>Decimals of a tick or lot size; -1 when missing or not a positive decimal.</summary>
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
