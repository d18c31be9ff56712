using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues.Bybit;

/// <summary>
/// Bybit's spot market list (<c>GET /v5/market/instruments-info?category=spot</c>) reduced to what the adapter needs:
/// every <c>Trading</c> symbol's base and quote (from <c>baseCoin</c>/<c>quoteCoin</c>, never guessed from the concatenated
/// name) and the watched instruments, with scales from <c>priceFilter.tickSize</c> and <c>lotSizeFilter.basePrecision</c>
/// plus <see cref="ScaleHeadroom"/>.
/// </summary>
public static class BybitSymbols
{
    /// <summary>
    /// Decimals added to the tick and base-precision scales. Bybit re-grids markets (BTCUSDT books captured in 2023 carry
    /// prices such as "43732.01", while the 2025 market list gives BTCUSDT a tick of 0.1), and the list is read once at
    /// start: a finer grid during a session would make every frame of that market Malformed and resync it forever. Two
    /// extra decimals absorb a 100× refinement without losing exactness; the range stays ample (BTCUSDT quantities at scale
    /// 8 reach 9.2e10 BTC).
    /// </summary>
    public const int ScaleHeadroom = 2;

    /// <summary>The status of a market that accepts orders; PreLaunch, Delivering and Closed markets are skipped.</summary>
    public const string TradingStatus = "Trading";

    /// <summary>Parses an instruments-info body; on success the watched instruments are added to <paramref name="catalog"/>.</summary>
    /// <returns>False with <paramref name="error"/> when the body is not a successful instruments-info answer.</returns>
    public static bool TryParse(
        ReadOnlySpan<byte> instrumentsInfo,
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
            using var document = JsonDocument.Parse(instrumentsInfo.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "instruments-info is not a JSON object";
                return false;
            }

            if (!root.TryGetProperty("retCode"u8, out var retCode) || retCode.ValueKind != JsonValueKind.Number || !retCode.TryGetInt64(out var code) || code != 0)
            {
                error = "instruments-info retCode is not 0: " + (String(root, "retMsg"u8) ?? "(no retMsg)");
                return false;
            }

            if (!root.TryGetProperty("result"u8, out var result) || result.ValueKind != JsonValueKind.Object
                || !result.TryGetProperty("list"u8, out var list) || list.ValueKind != JsonValueKind.Array)
            {
                error = "instruments-info has no \"result.list\" array";
                return false;
            }

            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || String(item, "symbol"u8) is not { } symbol
                    || String(item, "status"u8) != TradingStatus
                    || String(item, "baseCoin"u8) is not { } baseCode
                    || String(item, "quoteCoin"u8) is not { } quoteCode
                    || !AssetCodes.IsValid(symbol) || !AssetCodes.IsValid(baseCode) || !AssetCodes.IsValid(quoteCode))
                {
                    continue;
                }

                markets.Add(symbol, Asset.Of(baseCode), Asset.Of(quoteCode));
                if (Contains(assets, baseCode) && Contains(quotes, quoteCode)
                    && ScaleOf(item, "priceFilter"u8, "tickSize"u8) is >= 0 and var priceScale
                    && ScaleOf(item, "lotSizeFilter"u8, "basePrecision"u8) is >= 0 and var quantityScale)
                {
                    watched[(baseCode.ToUpperInvariant(), quoteCode.ToUpperInvariant())] = (symbol, priceScale, quantityScale);
                }
            }
        }
        catch (JsonException ex)
        {
            error = "instruments-info is not valid JSON: " + ex.Message;
            return false;
        }

        var instruments = new List<Instrument>();
        foreach (var baseCode in assets)
        {
            foreach (var quoteCode in quotes)
            {
                if (watched.TryGetValue((baseCode.ToUpperInvariant(), quoteCode.ToUpperInvariant()), out var found))
                {
                    instruments.Add(catalog.Add(new Instrument(VenueId.Bybit, found.Symbol, Asset.Of(baseCode), Asset.Of(quoteCode), found.PriceScale, found.QuantityScale)));
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

    /// <summary>The scale of a positive size such as "0.000001" plus <see cref="ScaleHeadroom"/> (at most 18); -1 when missing or invalid.</summary>
    private static int ScaleOf(JsonElement item, ReadOnlySpan<byte> filter, ReadOnlySpan<byte> name)
    {
        if (!item.TryGetProperty(filter, out var element) || element.ValueKind != JsonValueKind.Object || String(element, name) is not { } size)
        {
            return -1;
        }

        var scale = FixedPoint.ScaleOf(size);
        return scale <= FixedPoint.MaxScale && FixedPoint.TryParse(size.AsSpan(), scale, out var units) && units > 0
            ? Math.Min(scale + ScaleHeadroom, FixedPoint.MaxScale)
            : -1;
    }
}
