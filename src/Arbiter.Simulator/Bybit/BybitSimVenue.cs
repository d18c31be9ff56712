using System.Globalization;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// Simulated Bybit v5 spot (REFERENCE.md §3): symbols {ASSET}USDT, the topic <c>orderbook.50.{symbol}</c> on
/// <c>/v5/public/spot</c>, REST <c>/v5/market/instruments-info</c> and <c>/v5/market/orderbook</c>.
/// </summary>
/// <remarks>
/// <para>
/// The model keeps LevelsPerSide levels a side (60 by default) and the stream publishes the top <see cref="Depth"/> of
/// them, as Bybit's depth-50 stream does: when a level leaves the top 50, the delta deletes it (size "0") and adds the
/// level that enters from below, so a client that applies every message holds exactly the top 50. That top-50 book is the
/// truth, keyed by <c>u</c>, which grows by exactly 1 per message of a symbol (snapshots on subscribe carry the latest
/// <c>u</c>). <c>seq</c> (cross sequence) grows by a random step per message and continues across restarts; <c>ts</c>
/// is the step time and <c>cts</c> (matching-engine time) a few milliseconds earlier, never decreasing.
/// </para>
/// <para>
/// SequenceReset is Bybit's service restart: the symbol's next message is a <c>snapshot</c> with <c>u</c> = 1 (the whole
/// top 50, changed or not) and its truth starts again at 1. Such a snapshot takes no frame fault (no client could tell it
/// was lost, since the deltas after it have lower <c>u</c> than before), and it waits while the venue is stalled or the
/// symbol's book is crossed. SubscribeRefused refuses the next subscribe request with Bybit's failure reply (see
/// <see cref="BybitSimSession"/>).
/// </para>
/// </remarks>
public sealed class BybitSimVenue : SimVenue
{
    /// <summary>The only depth served: the topic is <c>orderbook.50.{symbol}</c>.</summary>
    public const int Depth = 50;

    /// <summary>The public spot stream's path.</summary>
    public const string WebSocketPath = "/v5/public/spot";

    /// <summary>A listed market that is not Trading, which adapters must skip.</summary>
    public const string NonTradingSymbol = "LUNAUSDT";

    /// <summary>Bybit's limit of the <c>limit</c> parameter of /v5/market/orderbook (REFERENCE §3: 1..1000, default 1).</summary>
    public const int MaxRestLimit = 1000;

    private static readonly IReadOnlySet<FaultKind> Supported = new HashSet<FaultKind>(CommonFaults) { FaultKind.SubscribeRefused, FaultKind.SequenceReset };

    private readonly SimAssetOptions[] assets;
    private readonly string[] topics;
    private readonly long[] updateId;
    private readonly long[] crossSequence;
    private readonly long[] matchMillis;
    private readonly bool[] resetPending;
    private readonly List<Level>[] bidChanges;
    private readonly List<Level>[] askChanges;
    private readonly Random idRandom;
    private long connections;

    internal BybitSimVenue(MarketModel model, SimulatorOptions options, long startMicros)
        : base(VenueId.Bybit, model, options, SymbolsOf(model), startMicros)
    {
        assets = [.. model.Listed(VenueId.Bybit)];
        idRandom = new Random(SeedFor(options.Seed, VenueId.Bybit, 2));
        topics = new string[assets.Length];
        updateId = new long[assets.Length];
        crossSequence = new long[assets.Length];
        matchMillis = new long[assets.Length];
        resetPending = new bool[assets.Length];
        bidChanges = new List<Level>[assets.Length];
        askChanges = new List<Level>[assets.Length];
        for (var i = 0; i < assets.Length; i++)
        {
            topics[i] = TopicOf(Symbols[i]);
            bidChanges[i] = [];
            askChanges[i] = [];

            // Starting values of the size of real ones (u 5179079 and 177400507, seq 19967460822 in captures).
            updateId[i] = idRandom.NextInt64(1_000_000, 1_000_000_000);
            crossSequence[i] = idRandom.NextInt64(10_000_000_000, 90_000_000_000);
            matchMillis[i] = (startMicros / 1000) - idRandom.Next(1, 40);
            var book = model.Book(VenueId.Bybit, i);
            InitTruth(i, new BookVersion(updateId[i], startMicros, book.BidsArray(Depth), book.AsksArray(Depth), book.PriceScale, book.QuantityScale));
        }
    }

    /// <summary>Topics in symbol order: "orderbook.50.BTCUSDT"….</summary>
    public IReadOnlyList<string> Topics => topics;

    /// <inheritdoc/>
    public override IReadOnlySet<FaultKind> SupportedFaults => Supported;

    /// <inheritdoc/>
    public override bool SendsBinaryFrames => false;

    /// <summary>Bybit: at most 500 new connections per 5 minutes per WebSocket domain (REFERENCE §3).</summary>
    public override SimRateLimit? ConnectLimit => new(500, TimeSpan.FromMinutes(5));

    /// <summary>
    /// Bybit documents no message rate for public connections: the adapter's conservative 10 messages per second per
    /// connection (BybitOptions.MaxMessagesPerSecond); over it the request gets a failure reply (<see cref="BybitSimSession.RateLimitedReply"/>).
    /// </summary>
    public override SimRateLimit? MessageLimit => new(10, TimeSpan.FromSeconds(1));

    /// <summary>The topic of a symbol: <c>orderbook.50.{symbol}</c>.</summary>
    public static string TopicOf(string symbol) => "orderbook." + Depth.ToString(CultureInfo.InvariantCulture) + "." + symbol;

    /// <summary>The latest <c>u</c> of <paramref name="symbol"/> (what a snapshot sent now carries).</summary>
    public long LastUpdateId(string symbol)
    {
        var index = RequireSymbol(symbol);
        lock (Gate)
        {
            return updateId[index];
        }
    }

    /// <inheritdoc/>
    public override SimHttpResponse HandleRest(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var query = new QueryString(pathAndQuery);
        var now = LastStepMicros / 1000;
        return query.Path switch
        {
            "/v5/market/instruments-info" => InstrumentsInfo(query, now),
            "/v5/market/orderbook" => Orderbook(query, now),
            "/v5/market/time" => SimHttpResponse.Json(200, BybitFrames.Rest(0, "OK", now, w =>
            {
                w.WriteString("timeSecond", (now / 1000).ToString(CultureInfo.InvariantCulture));
                w.WriteString("timeNano", (now * 1_000_000).ToString(CultureInfo.InvariantCulture));
            })),
            _ => new SimHttpResponse(404, BybitFrames.Rest(404, "Not Found", now, null)),
        };
    }

    /// <inheritdoc/>
    public override SimSession? OpenSession(string pathAndQuery, out SimHttpResponse? rejection)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (new QueryString(pathAndQuery).Path != WebSocketPath)
        {
            rejection = new SimHttpResponse(404, BybitFrames.Rest(404, "Not Found", LastStepMicros / 1000, null));
            return null;
        }

        rejection = null;
        var n = Interlocked.Increment(ref connections);
        return new BybitSimSession(this, string.Create(CultureInfo.InvariantCulture, $"{n:x8}-0000-4000-8000-{n:x12}"));
    }

    /// <summary>The symbol index of a served topic, or -1.</summary>
    internal int IndexOfTopic(string topic) => Array.IndexOf(topics, topic);

    /// <summary>The snapshot a new subscription gets: the latest published top 50 with its <c>u</c>, <c>seq</c> and <c>cts</c>; <c>ts</c> is the last step's time.</summary>
    internal byte[] SubscribeSnapshot(int index)
    {
        lock (Gate)
        {
            var version = Latest(index);
            return BybitFrames.Orderbook(topics[index], Symbols[index], "snapshot", LastStepMicros / 1000, matchMillis[index], version.Sequence, crossSequence[index], version.Bids, version.Asks, version.PriceScale, version.QuantityScale);
        }
    }

    internal bool TryTakeSubscribeRefusal() => TryTakeFault(FaultKind.SubscribeRefused);

    private protected override void ResetSequence(int index, long nowMicros) => resetPending[index] = true;

    private protected override bool TakesFrameFaults(SimOutput frame) => frame.StreamType != "snapshot";

    private protected override SimOutput? BuildFrame(int index, long nowMicros)
    {
        var book = Model.Book(VenueId.Bybit, index);
        var bids = book.BidsArray(Depth);
        var asks = book.AsksArray(Depth);
        var symbol = Symbols[index];
        var ts = nowMicros / 1000;
        if (resetPending[index] && nowMicros >= StalledUntilMicros && !book.IsCrossedOrPending)
        {
            // The service restarted: u starts again at 1 with a snapshot of the whole published book.
            resetPending[index] = false;
            updateId[index] = 1;
            AdvanceSequences(index, ts);
            var restart = new BookVersion(1, nowMicros, bids, asks, book.PriceScale, book.QuantityScale);
            ResetTruth(index, restart);
            var snapshot = BybitFrames.Orderbook(topics[index], symbol, "snapshot", ts, matchMillis[index], 1, crossSequence[index], bids, asks, book.PriceScale, book.QuantityScale);
            return SimOutput.Frame(VenueId.Bybit, symbol, topics[index], snapshot, snapshot, 1, 1, restart, "snapshot");
        }

        var previous = Latest(index);
        var b = bidChanges[index];
        var a = askChanges[index];
        b.Clear();
        a.Clear();
        BookDiff.Compute(previous.Bids, bids, descending: true, b);
        BookDiff.Compute(previous.Asks, asks, descending: false, a);
        if (b.Count + a.Count == 0)
        {
            return null; // the top 50 did not change: Bybit pushes nothing
        }

        var u = ++updateId[index];
        AdvanceSequences(index, ts);

        // An unchanged side shares the previous version's array.
        var version = new BookVersion(u, nowMicros, b.Count == 0 ? previous.Bids : bids, a.Count == 0 ? previous.Asks : asks, book.PriceScale, book.QuantityScale);
        AddTruth(index, version);
        var bytes = BybitFrames.Orderbook(topics[index], symbol, "delta", ts, matchMillis[index], u, crossSequence[index], b, a, book.PriceScale, book.QuantityScale);
        return SimOutput.Frame(VenueId.Bybit, symbol, topics[index], bytes, bytes, u, u, version, "delta");
    }

    private protected override SimOutput BuildMalformed(SimOutput real, MalformedVariant variant, Random random)
    {
        byte[] bytes;
        switch (variant)
        {
            case MalformedVariant.Truncated:
                bytes = SimJson.Truncate(real.Bytes, random.Next(1, real.Bytes.Length));
                break;
            case MalformedVariant.InvalidUtf8:
                bytes = SimJson.PoisonAfter(real.Bytes, "[[\""u8);
                break;
            default:
                // The step's own frame: its levels are still this step's changes, its ids the symbol's latest.
                var index = SymbolIndex(real.Symbol);
                var version = real.Version!;
                IReadOnlyList<Level> bids = real.StreamType == "snapshot" ? version.Bids : bidChanges[index];
                IReadOnlyList<Level> asks = real.StreamType == "snapshot" ? version.Asks : askChanges[index];
                bytes = BybitFrames.Orderbook(real.Stream, real.Symbol, real.StreamType, version.TimestampMicros / 1000, matchMillis[index], real.Sequence, crossSequence[index], bids, asks, version.PriceScale, version.QuantityScale, variant);
                break;
        }

        return real.Malformed(bytes, bytes, variant);
    }

    private static string[] SymbolsOf(MarketModel model)
    {
        var symbols = new string[model.Listed(VenueId.Bybit).Count];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = SimListings.Symbol(VenueId.Bybit, model.Listed(VenueId.Bybit)[i].Code);
        }

        return symbols;
    }

    private void AdvanceSequences(int index, long tsMillis)
    {
        crossSequence[index] += idRandom.Next(1, 300);
        matchMillis[index] = Math.Max(matchMillis[index], tsMillis - idRandom.Next(0, 40));
    }

    private static SimHttpResponse ParamsError(string message, long now) =>
        SimHttpResponse.Json(200, BybitFrames.Rest(10001, message, now, null)); // Bybit answers request errors with HTTP 200 and a retCode

    private SimHttpResponse InstrumentsInfo(QueryString query, long now)
    {
        if (query["category"] != "spot")
        {
            return ParamsError("Illegal category", now);
        }

        var only = query["symbol"];
        return SimHttpResponse.Json(200, BybitFrames.Rest(0, "OK", now, w =>
        {
            w.WriteString("category", "spot");
            w.WriteStartArray("list");
            for (var i = 0; i < assets.Length; i++)
            {
                if (only is null || only == Symbols[i])
                {
                    var a = assets[i];
                    WriteInstrument(w, Symbols[i], a.Code, "Trading", a.UsdTick, a.UsdLot, Math.Max(1m, decimal.Floor(a.EffectiveMaxQuantity * 10)));
                }
            }

            if (only is null || only == NonTradingSymbol)
            {
                // A delisted market, so that adapters can be tested for skipping it.
                WriteInstrument(w, NonTradingSymbol, "LUNA", "Closed", 0.0001m, 0.01m, 9_000_000m);
            }

            w.WriteEndArray();
        }));
    }

    private static void WriteInstrument(System.Text.Json.Utf8JsonWriter w, string symbol, string baseCoin, string status, decimal tick, decimal lot, decimal maxQuantity)
    {
        w.WriteStartObject();
        w.WriteString("symbol", symbol);
        w.WriteString("baseCoin", baseCoin);
        w.WriteString("quoteCoin", "USDT");
        w.WriteString("innovation", "0");
        w.WriteString("status", status);
        w.WriteString("marginTrading", "utaOnly");
        w.WriteString("stTag", "0");
        w.WriteStartObject("lotSizeFilter");
        w.WriteString("basePrecision", FixedPoint.Format(lot));
        w.WriteString("quotePrecision", "0.0000001");
        w.WriteString("minOrderQty", FixedPoint.Format(lot));
        w.WriteString("maxOrderQty", FixedPoint.Format(maxQuantity));
        w.WriteString("minOrderAmt", "5");
        w.WriteString("maxOrderAmt", "8000000");
        w.WriteEndObject();
        w.WriteStartObject("priceFilter");
        w.WriteString("tickSize", FixedPoint.Format(tick));
        w.WriteEndObject();
        w.WriteStartObject("riskParameters");
        w.WriteString("priceLimitRatioX", "0.005");
        w.WriteString("priceLimitRatioY", "0.01");
        w.WriteEndObject();
        w.WriteString("symbolType", "");
        w.WriteEndObject();
    }

    private SimHttpResponse Orderbook(QueryString query, long now)
    {
        if (query["category"] != "spot")
        {
            return ParamsError("Illegal category", now);
        }

        var symbol = query["symbol"];
        if (string.IsNullOrEmpty(symbol))
        {
            return ParamsError("params error: symbol is required", now);
        }

        var index = SymbolIndex(symbol);
        if (index < 0)
        {
            return ParamsError("params error: symbol invalid", now);
        }

        var limit = 1;
        if (query["limit"] is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxRestLimit))
        {
            return ParamsError("params error: limit invalid", now);
        }

        BookVersion version;
        long seq;
        long cts;
        lock (Gate)
        {
            version = Latest(index);
            seq = crossSequence[index];
            cts = matchMillis[index];
        }

        // The simulator has one stream, so the snapshot's u is that stream's (Bybit's REST u matches its 1000-level stream).
        return SimHttpResponse.Json(200, BybitFrames.Rest(0, "OK", now, w =>
        {
            w.WriteString("s", symbol);
            var none = (MalformedVariant?)null;
            BybitFrames.WriteLevels(w, "a"u8, version.Asks, limit, version.PriceScale, version.QuantityScale, ref none);
            BybitFrames.WriteLevels(w, "b"u8, version.Bids, limit, version.PriceScale, version.QuantityScale, ref none);
            w.WriteNumber("ts", now);
            w.WriteNumber("u", version.Sequence);
            w.WriteNumber("seq", seq);
            w.WriteNumber("cts", cts);
        }));
    }
}
