using System.Globalization;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// Simulated Upbit KRW market: markets KRW-{ASSET}; every step, each code whose published top-N changed gets a
/// full snapshot message (DEFAULT format, JSON numbers) with a timestamp strictly increasing per code, which is
/// the message's identity for truth look-ups (REFERENCE.md §5). REST /v1/market/all, /v1/orderbook and
/// /v1/orderbook/instruments; WebSocket /websocket/v1.
/// </summary>
public sealed class UpbitSimVenue : SimVenue
{
    /// <summary>Units sent when a code has no count suffix or an unsupported one (REFERENCE.md §5: default 30).</summary>
    public const int DefaultCount = 30;

    private static readonly Dictionary<string, (string Korean, string English)> Names = new(StringComparer.Ordinal)
    {
        ["BTC"] = ("비트코인", "Bitcoin"),
        ["ETH"] = ("이더리움", "Ethereum"),
        ["XRP"] = ("엑스알피(리플)", "XRP"),
    };

    private readonly SimAssetOptions[] assets;

    internal UpbitSimVenue(MarketModel model, SimulatorOptions options, long startMicros)
        : base(VenueId.Upbit, model, options, CodesOf(model), startMicros)
    {
        assets = [.. options.ResolvedAssets];
        PublishedLevels = options.Upbit.LevelsPerSide;
        for (var i = 0; i < assets.Length; i++)
        {
            var book = model.Book(VenueId.Upbit, i);
            var (bids, asks) = Published(book);
            InitTruth(i, new BookVersion(startMicros / 1000, startMicros, bids, asks, book.PriceScale, book.QuantityScale));
        }
    }

    /// <summary>Levels per side that the simulator keeps and publishes (Upbit's 15 by default); requests for more get this many.</summary>
    public int PublishedLevels { get; }

    /// <summary>
    /// Parses a requested code such as "KRW-BTC.15": the count suffix may be .1, .5, .15 or .30; none or any other
    /// number means 30 (REFERENCE.md §5). The depth sent is min(count, <see cref="PublishedLevels"/>).
    /// </summary>
    public bool TryParseCode(string requested, out string code, out int depth)
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

    /// <summary>The bytes of <paramref name="output"/> for a subscriber of <paramref name="depth"/> units: the same frame re-formatted with fewer units (garbage is sent as is).</summary>
    public byte[] FormatForDepth(SimOutput output, int depth)
    {
        ArgumentNullException.ThrowIfNull(output);
        var version = output.Version;
        if (version is null || output.Malformation is not null || depth >= Math.Min(version.Bids.Length, version.Asks.Length))
        {
            return output.Bytes;
        }

        return UpbitFrames.Orderbook(output.Symbol, version, depth, output.StreamType);
    }

    /// <summary>The first messages after a subscription: one "SNAPSHOT" per requested code (e.g. "KRW-BTC.15"), of the latest published version.</summary>
    public IReadOnlyList<SimOutput> SubscribeFrames(IEnumerable<string> requestedCodes)
    {
        ArgumentNullException.ThrowIfNull(requestedCodes);
        var result = new List<SimOutput>();
        foreach (var requested in requestedCodes)
        {
            if (!TryParseCode(requested, out var code, out var depth))
            {
                throw new ArgumentException($"Unknown Upbit code '{requested}'.", nameof(requestedCodes));
            }

            var index = SymbolIndex(code);
            BookVersion version;
            lock (Gate)
            {
                version = Latest(index);
            }

            var bytes = UpbitFrames.Orderbook(code, version, depth, "SNAPSHOT");
            result.Add(SimOutput.Frame(VenueId.Upbit, code, code, bytes, bytes, version.Sequence, version.Sequence, version, "SNAPSHOT"));
        }

        return result;
    }

    /// <summary>Upbit sends its WebSocket messages as binary frames of UTF-8 JSON (clients set binaryType = "arraybuffer" and decode); the simulator does the same for every reply.</summary>
    public override bool SendsBinaryFrames => true;

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
            _ => new SimHttpResponse(404, UpbitFrames.Error("404", "Not found")),
        };
    }

    /// <inheritdoc/>
    public override SimSession? OpenSession(string pathAndQuery, out SimHttpResponse? rejection)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (new QueryString(pathAndQuery).Path != "/websocket/v1")
        {
            rejection = new SimHttpResponse(404, UpbitFrames.Error("404", "Not found"));
            return null;
        }

        rejection = null;
        return new UpbitSimSession(this);
    }

    private protected override SimOutput? BuildFrame(int index, long nowMicros)
    {
        var book = Model.Book(VenueId.Upbit, index);
        var (bids, asks) = Published(book);
        var previous = Latest(index);
        if (BookDiff.Same(previous.Bids, bids) && BookDiff.Same(previous.Asks, asks))
        {
            return null; // the published view did not change: Upbit sends nothing
        }

        var timestamp = Math.Max(nowMicros / 1000, previous.Sequence + 1);
        var version = new BookVersion(timestamp, nowMicros, bids, asks, book.PriceScale, book.QuantityScale);
        AddTruth(index, version);
        var code = Symbols[index];
        var bytes = UpbitFrames.Orderbook(code, version, PublishedLevels, "REALTIME");
        return SimOutput.Frame(VenueId.Upbit, code, code, bytes, bytes, timestamp, timestamp, version, "REALTIME");
    }

    private protected override SimOutput BuildMalformed(SimOutput real, MalformedVariant variant, Random random)
    {
        var bytes = variant switch
        {
            MalformedVariant.Truncated => SimJson.Truncate(real.Bytes, random.Next(1, real.Bytes.Length)),
            MalformedVariant.InvalidUtf8 => SimJson.PoisonAfter(real.Bytes, "\"code\":\""u8),
            _ => UpbitFrames.Orderbook(real.Symbol, real.Version!, PublishedLevels, real.StreamType, variant),
        };
        return real.Malformed(bytes, bytes, variant);
    }

    private static string[] CodesOf(MarketModel model)
    {
        var codes = new string[model.Assets.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = "KRW-" + model.Assets[i];
        }

        return codes;
    }

    /// <summary>The top levels Upbit publishes, as many on each side (units pair an ask with a bid).</summary>
    private (Level[] Bids, Level[] Asks) Published(SimBook book)
    {
        var bids = book.BidsArray(PublishedLevels);
        var asks = book.AsksArray(PublishedLevels);
        var n = Math.Min(bids.Length, asks.Length);
        return (bids.Length == n ? bids : bids[..n], asks.Length == n ? asks : asks[..n]);
    }

    private SimHttpResponse MarketAll(bool details) => SimHttpResponse.Json(200, SimJson.Build(w =>
    {
        w.WriteStartArray();
        foreach (var a in assets)
        {
            var (korean, english) = Names.TryGetValue(a.Code, out var n) ? n : (a.Code, a.Code);
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
                return new SimHttpResponse(400, UpbitFrames.Error("validation_error", "count must be 1..30"));
            }

            depth = Math.Min(count, PublishedLevels);
        }

        var body = new List<byte>(4096) { (byte)'[' };
        for (var k = 0; k < indexes.Count; k++)
        {
            BookVersion version;
            lock (Gate)
            {
                version = Latest(indexes[k]);
            }

            if (k > 0)
            {
                body.Add((byte)',');
            }

            body.AddRange(UpbitFrames.Orderbook(Symbols[indexes[k]], version, depth, streamType: null));
        }

        body.Add((byte)']');
        return SimHttpResponse.Json(200, body.ToArray());
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
            error = new SimHttpResponse(400, UpbitFrames.Error("validation_error", "markets is missing"));
            return false;
        }

        foreach (var market in markets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var index = SymbolIndex(market);
            if (index < 0)
            {
                error = new SimHttpResponse(404, UpbitFrames.Error("404", "Code not found"));
                return false;
            }

            indexes.Add(index);
        }

        error = null;
        return true;
    }
}
