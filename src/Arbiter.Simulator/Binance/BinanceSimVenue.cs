using System.Globalization;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// Simulated Binance spot: symbols {ASSET}USDT, the full true book per symbol with an update id, one
/// <c>depthUpdate</c> diff per symbol per step (each changed level uses one id, sometimes two, so u-U varies),
/// REST <c>/api/v3/depth</c> and <c>/api/v3/exchangeInfo</c>, and the <c>@depth@100ms</c> streams
/// (REFERENCE.md §1). Truth is keyed by <c>u</c> (and by the snapshot's lastUpdateId, the latest <c>u</c>).
/// </summary>
public sealed class BinanceSimVenue : SimVenue
{
    /// <summary>The only stream kind served: the 100 ms diff-depth stream.</summary>
    public const string StreamSuffix = "@depth@100ms";

    /// <summary>Probability that a changed level used two ids (an intermediate update within the 100 ms), so u-U is not the level count.</summary>
    private const double ExtraIdProbability = 0.25;

    private readonly string[] streams;
    private readonly long[] lastUpdateId;
    private readonly SimAssetOptions[] assets;
    private readonly List<Level>[] bidChanges;
    private readonly List<Level>[] askChanges;
    private readonly Random idRandom;

    internal BinanceSimVenue(MarketModel model, SimulatorOptions options, long startMicros)
        : base(VenueId.Binance, model, options, SymbolsOf(model), startMicros)
    {
        assets = [.. model.Listed(VenueId.Binance)];
        idRandom = new Random(SeedFor(options.Seed, VenueId.Binance, 2));
        streams = new string[assets.Length];
        lastUpdateId = new long[assets.Length];
        bidChanges = new List<Level>[assets.Length];
        askChanges = new List<Level>[assets.Length];
        for (var i = 0; i < assets.Length; i++)
        {
            streams[i] = Symbols[i].ToLowerInvariant() + StreamSuffix;
            bidChanges[i] = [];
            askChanges[i] = [];

            // Large starting ids, like the real ones (BTCUSDT is past 7e10), so parsers meet values beyond int.
            lastUpdateId[i] = idRandom.NextInt64(1_000_000_000L, 10_000_000_000L);
            var book = model.Book(VenueId.Binance, i);
            InitTruth(i, new BookVersion(lastUpdateId[i], startMicros, book.BidsArray(int.MaxValue), book.AsksArray(int.MaxValue), book.PriceScale, book.QuantityScale));
        }
    }

    /// <summary>Stream names in symbol order: "btcusdt@depth@100ms"….</summary>
    public IReadOnlyList<string> Streams => streams;

    /// <summary>The symbol of a stream name (lower-case, as Binance requires), or null when it is not served.</summary>
    public string? SymbolOfStream(string stream)
    {
        var index = Array.IndexOf(streams, stream);
        return index >= 0 ? Symbols[index] : null;
    }

    /// <summary>The latest update id of <paramref name="symbol"/>: the lastUpdateId a REST snapshot would return now.</summary>
    public long LastUpdateId(string symbol)
    {
        var index = RequireSymbol(symbol);
        lock (Gate)
        {
            return lastUpdateId[index];
        }
    }

    /// <inheritdoc/>
    public override bool SendsBinaryFrames => false;

    /// <summary>Binance: 300 connection attempts per 5 minutes per IP (REFERENCE §1).</summary>
    public override SimRateLimit? ConnectLimit => new(300, TimeSpan.FromMinutes(5));

    /// <summary>Binance: at most 5 incoming messages per second per connection; over it the connection is closed (REFERENCE §1).</summary>
    public override SimRateLimit? MessageLimit => new(5, TimeSpan.FromSeconds(1));

    /// <inheritdoc/>
    public override SimHttpResponse HandleRest(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var query = new QueryString(pathAndQuery);
        switch (query.Path)
        {
            case "/api/v3/depth":
                return Depth(query);
            case "/api/v3/exchangeInfo":
                return ExchangeInfo(query);
            case "/api/v3/ping":
                return SimHttpResponse.Json(200, "{}");
            case "/api/v3/time":
                return SimHttpResponse.Json(200, $"{{\"serverTime\":{LastStepMicros / 1000}}}");
            default:
                return new SimHttpResponse(404, BinanceFrames.Error(-1000, $"Unknown path {query.Path}."));
        }
    }

    /// <inheritdoc/>
    public override SimSession? OpenSession(string pathAndQuery, out SimHttpResponse? rejection)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var query = new QueryString(pathAndQuery);
        bool combined;
        string[] requested;
        if (query.Path == "/ws")
        {
            combined = false;
            requested = [];
        }
        else if (query.Path.StartsWith("/ws/", StringComparison.Ordinal))
        {
            combined = false;
            requested = [query.Path[4..]];
        }
        else if (query.Path == "/stream")
        {
            combined = true;
            requested = (query["streams"] ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        }
        else
        {
            rejection = new SimHttpResponse(404, BinanceFrames.Error(-1000, $"Unknown path {query.Path}."));
            return null;
        }

        foreach (var stream in requested)
        {
            if (SymbolOfStream(stream) is null)
            {
                rejection = new SimHttpResponse(400, BinanceFrames.Error(-1121, "Invalid symbol."));
                return null;
            }
        }

        rejection = null;
        return new BinanceSimSession(this, combined, requested);
    }

    private protected override SimOutput? BuildFrame(int index, long nowMicros)
    {
        var book = Model.Book(VenueId.Binance, index);
        var bids = book.BidsArray(int.MaxValue);
        var asks = book.AsksArray(int.MaxValue);
        var previous = Latest(index);
        var b = bidChanges[index];
        var a = askChanges[index];
        b.Clear();
        a.Clear();
        BookDiff.Compute(previous.Bids, bids, descending: true, b);
        BookDiff.Compute(previous.Asks, asks, descending: false, a);
        var changed = b.Count + a.Count;
        if (changed == 0)
        {
            return null; // Binance sends no event when nothing changed
        }

        long ids = 0;
        for (var k = 0; k < changed; k++)
        {
            ids += idRandom.NextDouble() < ExtraIdProbability ? 2 : 1;
        }

        var first = lastUpdateId[index] + 1;
        var last = lastUpdateId[index] + ids;
        lastUpdateId[index] = last;
        // An unchanged side shares the previous version's array: 4096 versions of a 50-level book add up.
        var version = new BookVersion(last, nowMicros, b.Count == 0 ? previous.Bids : bids, a.Count == 0 ? previous.Asks : asks, book.PriceScale, book.QuantityScale);
        AddTruth(index, version);
        var payload = BinanceFrames.DepthUpdate(Symbols[index], nowMicros / 1000, first, last, b, a, book.PriceScale, book.QuantityScale);
        return SimOutput.Frame(VenueId.Binance, Symbols[index], streams[index], BinanceFrames.Wrap(streams[index], payload), payload, first, last, version);
    }

    private protected override SimOutput BuildMalformed(SimOutput real, MalformedVariant variant, Random random)
    {
        byte[] raw;
        byte[] combined;
        switch (variant)
        {
            case MalformedVariant.Truncated:
                raw = SimJson.Truncate(real.RawBytes, random.Next(1, real.RawBytes.Length));
                combined = SimJson.Truncate(real.Bytes, random.Next(1, real.Bytes.Length));
                break;
            case MalformedVariant.InvalidUtf8:
                raw = SimJson.PoisonAfter(real.RawBytes, "[[\""u8);
                combined = SimJson.PoisonAfter(real.Bytes, "[[\""u8);
                break;
            default:
                var index = SymbolIndex(real.Symbol);
                var version = real.Version!;
                raw = BinanceFrames.DepthUpdate(real.Symbol, version.TimestampMicros / 1000, real.FirstSequence, real.Sequence, bidChanges[index], askChanges[index], version.PriceScale, version.QuantityScale, variant);
                combined = BinanceFrames.Wrap(real.Stream, raw);
                break;
        }

        return real.Malformed(combined, raw, variant);
    }

    private static string[] SymbolsOf(MarketModel model)
    {
        var symbols = new string[model.Listed(VenueId.Binance).Count];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = model.Listed(VenueId.Binance)[i].Code + "USDT";
        }

        return symbols;
    }

    private SimHttpResponse Depth(QueryString query)
    {
        var symbol = query["symbol"];
        if (string.IsNullOrEmpty(symbol))
        {
            return new SimHttpResponse(400, BinanceFrames.Error(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."));
        }

        var index = SymbolIndex(symbol);
        if (index < 0)
        {
            return new SimHttpResponse(400, BinanceFrames.Error(-1121, "Invalid symbol."));
        }

        var limit = 100;
        if (query["limit"] is { } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                return new SimHttpResponse(400, BinanceFrames.Error(-1100, "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'."));
            }

            limit = Math.Min(limit, 5000); // Binance truncates larger limits to 5000
        }

        BookVersion version;
        lock (Gate)
        {
            version = Latest(index);
        }

        return SimHttpResponse.Json(200, BinanceFrames.Depth(version, limit));
    }

    private SimHttpResponse ExchangeInfo(QueryString query)
    {
        var only = query["symbol"];
        if (only is not null && SymbolIndex(only) < 0)
        {
            return new SimHttpResponse(400, BinanceFrames.Error(-1121, "Invalid symbol."));
        }

        var serverTime = LastStepMicros / 1000;
        return SimHttpResponse.Json(200, SimJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("timezone", "UTC");
            w.WriteNumber("serverTime", serverTime);
            w.WriteStartArray("rateLimits");
            w.WriteStartObject();
            w.WriteString("rateLimitType", "REQUEST_WEIGHT");
            w.WriteString("interval", "MINUTE");
            w.WriteNumber("intervalNum", 1);
            w.WriteNumber("limit", 6000);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("exchangeFilters");
            w.WriteEndArray();
            w.WriteStartArray("symbols");
            for (var i = 0; i < assets.Length; i++)
            {
                if (only is null || only == Symbols[i])
                {
                    var a = assets[i];
                    WriteSymbol(w, Symbols[i], "TRADING", a.Code, a.UsdTick, a.UsdLot, Math.Max(1_000_000m, a.UsdPrice * 100), Math.Max(9000m, decimal.Floor(a.EffectiveMaxQuantity * 10)));
                }
            }

            if (only is null)
            {
                // A symbol that is not trading, so that adapters can be tested for skipping it.
                WriteSymbol(w, "LUNAUSDT", "BREAK", "LUNA", 0.0001m, 0.01m, 1_000m, 9_000_000m);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private static void WriteSymbol(System.Text.Json.Utf8JsonWriter w, string symbol, string status, string baseAsset, decimal tick, decimal lot, decimal maxPrice, decimal maxQty)
    {
        w.WriteStartObject();
        w.WriteString("symbol", symbol);
        w.WriteString("status", status);
        w.WriteString("baseAsset", baseAsset);
        w.WriteNumber("baseAssetPrecision", 8);
        w.WriteString("quoteAsset", "USDT");
        w.WriteNumber("quotePrecision", 8);
        w.WriteNumber("quoteAssetPrecision", 8);
        w.WriteStartArray("orderTypes");
        foreach (var type in (string[])["LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"])
        {
            w.WriteStringValue(type);
        }

        w.WriteEndArray();
        w.WriteBoolean("isSpotTradingAllowed", true);
        w.WriteBoolean("isMarginTradingAllowed", false);
        w.WriteStartArray("filters");
        w.WriteStartObject();
        w.WriteString("filterType", "PRICE_FILTER");
        w.WriteString("minPrice", SimJson.BinanceText(tick));
        w.WriteString("maxPrice", SimJson.BinanceText(maxPrice));
        w.WriteString("tickSize", SimJson.BinanceText(tick));
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType", "LOT_SIZE");
        w.WriteString("minQty", SimJson.BinanceText(lot));
        w.WriteString("maxQty", SimJson.BinanceText(maxQty));
        w.WriteString("stepSize", SimJson.BinanceText(lot));
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType", "NOTIONAL");
        w.WriteString("minNotional", "5.00000000");
        w.WriteBoolean("applyMinToMarket", true);
        w.WriteString("maxNotional", "9000000.00000000");
        w.WriteBoolean("applyMaxToMarket", false);
        w.WriteNumber("avgPriceMins", 5);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("permissions");
        w.WriteEndArray();
        w.WriteStartArray("permissionSets");
        w.WriteStartArray();
        w.WriteStringValue("SPOT");
        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
