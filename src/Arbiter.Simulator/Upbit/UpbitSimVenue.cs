using System.Globalization;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// Simulated Upbit KRW market (REFERENCE.md §5), a <see cref="SnapshotSimVenue"/>: every step, each code whose published
/// top-N changed gets a full snapshot message (DEFAULT format, JSON numbers with ".0" on whole values) whose timestamp, in
/// ms and strictly increasing per code, is its identity for truth look-ups. REST /v1/market/all, /v1/orderbook and
/// /v1/orderbook/instruments; WebSocket /websocket/v1.
/// </summary>
public sealed class UpbitSimVenue : SnapshotSimVenue
{
    /// <summary>Units sent when a code has no count suffix or an unsupported one (REFERENCE.md §5: default 30).</summary>
    public const int DefaultCount = 30;

    private readonly SimAssetOptions[] assets;

    internal UpbitSimVenue(MarketModel model, SimulatorOptions options, long startMicros)
        : base(VenueId.Upbit, model, options, startMicros, options.Upbit.LevelsPerSide, OrderbookUnitsStyle.Upbit, timestampUnitMicros: 1000, sizeDecimals: null)
    {
        assets = [.. model.Listed(VenueId.Upbit)];
    }

    /// <summary>
    /// Parses a requested code such as "KRW-BTC.15": the count suffix may be .1, .5, .15 or .30; none or any other
    /// number means 30 (REFERENCE.md §5). The depth sent is min(count, <see cref="SnapshotSimVenue.PublishedLevels"/>).
    /// </summary>
    public override bool TryParseCode(string requested, out string code, out int depth)
    {
        ArgumentNullException.ThrowIfNull(requested);
        code = requested;
        var count = DefaultCount;
        var dot = requested.LastIndexOf('.');
        if (dot >= 0)
        {
            code = requested[..dot];
            if (!int.TryParse(requested.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out count))
            {
                depth = 0;
                return false;
            }

            if (count is not (1 or 5 or 15 or 30))
            {
                count = DefaultCount;
            }
        }

        depth = Math.Min(count, PublishedLevels);
        return SymbolIndex(code) >= 0;
    }

    /// <summary>Upbit: 5 WebSocket connections per second (REFERENCE §5).</summary>
    public override SimRateLimit? ConnectLimit => new(5, TimeSpan.FromSeconds(1));

    /// <summary>Upbit: 5 data requests per second per connection (REFERENCE §5).</summary>
    public override SimRateLimit? MessageLimit => new(5, TimeSpan.FromSeconds(1));

    /// <inheritdoc/>
    public override SimHttpResponse HandleRest(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var query = new QueryString(pathAndQuery);
        return query.Path switch
        {
            "/v1/market/all" => MarketAll(string.Equals(query["is_details"], "true", StringComparison.OrdinalIgnoreCase)),
            "/v1/orderbook" => Orderbook(query),
            "/v1/orderbook/instruments" => Instruments(query),
            _ => new SimHttpResponse(404, OrderbookUnitsFrames.Error("404", "Not found")),
        };
    }

    /// <inheritdoc/>
    public override SimSession? OpenSession(string pathAndQuery, out SimHttpResponse? rejection)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (new QueryString(pathAndQuery).Path != "/websocket/v1")
        {
            rejection = new SimHttpResponse(404, OrderbookUnitsFrames.Error("404", "Not found"));
            return null;
        }

        rejection = null;
        return new UpbitSimSession(this);
    }

    private SimHttpResponse MarketAll(bool details) => SimHttpResponse.Json(200, SimJson.Build(w =>
    {
        w.WriteStartArray();
        foreach (var a in assets)
        {
            var (korean, english) = NamesOf(a.Code);
            WriteMarket(w, "KRW-" + a.Code, korean, english, details);
        }
        // Markets in other quotes, so that adapters can be tested for filtering by quote.
        WriteMarket(w, "BTC-ETH", "이더리움", "Ethereum", details);
        WriteMarket(w, "USDT-BTC", "비트코인", "Bitcoin", details);
        w.WriteEndArray();
    }));

    private static void WriteMarket(System.Text.Json.Utf8JsonWriter w, string market, string korean, string english, bool details)
    {
        w.WriteStartObject();
        w.WriteString("market", market);
        w.WriteString("korean_name", korean);
        w.WriteString("english_name", english);
        if (details)
        {
            w.WriteStartObject("market_event");
            w.WriteBoolean("warning", false);
            w.WriteStartObject("caution");
            foreach (var flag in (string[])["PRICE_FLUCTUATIONS", "TRADING_VOLUME_SOARING", "DEPOSIT_AMOUNT_SOARING", "GLOBAL_PRICE_DIFFERENCES", "CONCENTRATION_OF_SMALL_ACCOUNTS"])
            {
                w.WriteBoolean(flag, false);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private SimHttpResponse Orderbook(QueryString query)
    {
        if (!TryMarkets(query, out var indexes, out var error))
        {
            return error!;
        }

        var depth = PublishedLevels;
        if (query["count"] is { } countText)
        {
            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 30)
            {
                return new SimHttpResponse(400, OrderbookUnitsFrames.Error("validation_error", "count must be 1..30"));
            }

            depth = Math.Min(count, PublishedLevels);
        }

        return SimHttpResponse.Json(200, RestOrderbooks(indexes, depth));
    }

    private SimHttpResponse Instruments(QueryString query)
    {
        if (!TryMarkets(query, out var indexes, out var error))
        {
            return error!;
        }

        return SimHttpResponse.Json(200, SimJson.Build(w =>
        {
            w.WriteStartArray();
            foreach (var i in indexes)
            {
                w.WriteStartObject();
                w.WriteString("market", Symbols[i]);
                w.WriteString("quote_currency", "KRW");
                w.WriteString("tick_size", FixedPoint.Format(assets[i].KrwTick));
                w.WriteStartArray("supported_levels");
                w.WriteStringValue("0");
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));
    }

    private bool TryMarkets(QueryString query, out List<int> indexes, out SimHttpResponse? error)
    {
        indexes = [];
        var markets = query["markets"];
        if (string.IsNullOrWhiteSpace(markets))
        {
            error = new SimHttpResponse(400, OrderbookUnitsFrames.Error("validation_error", "markets is missing"));
            return false;
        }

        foreach (var market in markets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var index = SymbolIndex(market);
            if (index < 0)
            {
                error = new SimHttpResponse(404, OrderbookUnitsFrames.Error("404", "Code not found"));
                return false;
            }

            indexes.Add(index);
        }

        error = null;
        return true;
    }
}
