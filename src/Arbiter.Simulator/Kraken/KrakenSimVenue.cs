using System.Globalization;
using System.Runtime.CompilerServices;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// Simulated Kraken spot over WS v2 (REFERENCE.md §8): pairs {ASSET}/USD, a book of LevelsPerSide levels per side, and
/// <c>book</c> subscriptions of depth 10, 25, 100, 500 or 1000 answered with a snapshot, then updates. An update carries
/// the levels of the subscribed top N that changed or entered it, and a quantity 0 for a level that left the book; a level
/// only pushed below the top N gets no message (the client truncates to N). Every snapshot and update carries the CRC-32
/// of the top 10 levels and an RFC 3339 timestamp with microseconds, strictly increasing per pair.
/// </summary>
/// <remarks>
/// The truth of a pair is its top <see cref="TruthDepth"/> levels (what a depth-10 subscriber, the default, holds), keyed by
/// the message timestamp in unix µs (the adapter's MarketEvent.Sequence); a message is published when that top 10
/// changes. Deeper subscribers get the same messages carrying their own top N: each update is the difference between the
/// full book at the previous message and at this one, so their books are exact at every message (levels below the 10th
/// move only along with the top 10). A <c>heartbeat</c> goes about every second to each connection that is subscribed and
/// got no book message since the last one. REST: <c>/0/public/AssetPairs</c> (plus one pair that is not online) and
/// <c>/0/public/Depth</c>.
/// </remarks>
public sealed class KrakenSimVenue : SimVenue
{
    /// <summary>Depth of the truth and of the canonical frames: Kraken's default subscription depth, and the checksum's.</summary>
    public const int TruthDepth = 10;

    /// <summary>The depths Kraken accepts for a <c>book</c> subscription.</summary>
    public static readonly IReadOnlyList<int> Depths = [10, 25, 100, 500, 1000];

    /// <summary>The WebSocket path (wss://ws.kraken.com/v2).</summary>
    public const string WsPath = "/v2";

    /// <summary>A pair that is listed but not online (cancel_only), which adapters must skip.</summary>
    public const string HaltedPair = "LUNA/USD";

    private const long HeartbeatMicros = 1_000_000;
    private const int DefaultDepthCount = 100;
    private const int MaxDepthCount = 500;

    private static readonly IReadOnlySet<FaultKind> Supported = new HashSet<FaultKind>(CommonFaults) { FaultKind.SubscribeRefused, FaultKind.ChecksumCorruption };

    private readonly SimAssetOptions[] assets;
    private readonly KrakenPair[] pairs;
    private readonly Random timeRandom;
    private readonly ConditionalWeakTable<BookVersion, Published> published = new();
    private readonly ConditionalWeakTable<SimOutput, Corruption> corruptions = new();
    private long lastHeartbeat;

    internal KrakenSimVenue(MarketModel model, SimulatorOptions options, long startMicros)
        : base(VenueId.Kraken, model, options, SymbolsOf(model), startMicros)
    {
        assets = [.. model.Listed(VenueId.Kraken)];
        timeRandom = new Random(SeedFor(options.Seed, VenueId.Kraken, 2));
        pairs = new KrakenPair[assets.Length];
        lastHeartbeat = startMicros;
        for (var i = 0; i < assets.Length; i++)
        {
            pairs[i] = KrakenPair.Of(assets[i].Code);
            var book = model.Book(VenueId.Kraken, i);
            var bids = book.BidsArray(int.MaxValue);
            var asks = book.AsksArray(int.MaxValue);
            var version = new BookVersion(startMicros, startMicros, Top(bids, TruthDepth), Top(asks, TruthDepth), book.PriceScale, book.QuantityScale);
            InitTruth(i, version);
            published.Add(version, new Published(bids, asks, bids, asks, KrakenFrames.Checksum(version.Bids, version.Asks, version.PriceScale, version.QuantityScale)));
        }
    }

    /// <inheritdoc/>
    public override IReadOnlySet<FaultKind> SupportedFaults => Supported;

    /// <inheritdoc/>
    public override bool SendsBinaryFrames => false;

    /// <summary>
    /// Kraken publishes no connection limit for v2 (REFERENCE: unconfirmed): the adapter's conservative choice of 20 per
    /// minute (KrakenOptions.ConnectsPerMinute).
    /// </summary>
    public override SimRateLimit? ConnectLimit => new(20, TimeSpan.FromMinutes(1));

    /// <summary>
    /// Kraken's message limit is dynamic and unpublished (it answers "Exceeded msg rate"): the adapter's conservative
    /// choice of 5 per second per connection (KrakenOptions.MessagesPerSecond).
    /// </summary>
    public override SimRateLimit? MessageLimit => new(5, TimeSpan.FromSeconds(1));

    /// <summary>The REST pair name (altname) of a v2 symbol: "BTC/USD" → "XBTUSD".</summary>
    public string AltName(string symbol) => pairs[RequireSymbol(symbol)].AltName;

    /// <inheritdoc/>
    public override SimHttpResponse HandleRest(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var query = new QueryString(pathAndQuery);
        return query.Path switch
        {
            "/0/public/AssetPairs" => AssetPairs(query),
            "/0/public/Depth" => Depth(query),
            "/0/public/Time" => SimHttpResponse.Json(200, $"{{\"error\":[],\"result\":{{\"unixtime\":{LastStepMicros / 1_000_000},\"rfc1123\":\"{UnixMicros.ToDateTimeOffset(LastStepMicros).ToString("R", CultureInfo.InvariantCulture)}\"}}}}"),
            _ => new SimHttpResponse(404, KrakenFrames.RestError("EGeneral:Unknown method")),
        };
    }

    /// <inheritdoc/>
    public override SimSession? OpenSession(string pathAndQuery, out SimHttpResponse? rejection)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (new QueryString(pathAndQuery).Path != WsPath)
        {
            rejection = new SimHttpResponse(404, KrakenFrames.RestError("EGeneral:Unknown method"));
            return null;
        }

        rejection = null;
        return new KrakenSimSession(this);
    }

    /// <summary>The first message of a subscription of depth <paramref name="depth"/>: a snapshot of the latest version.</summary>
    internal byte[] Snapshot(int index, int depth)
    {
        lock (Gate)
        {
            var version = Latest(index);
            var p = published.GetValue(version, _ => throw new InvalidOperationException("unpublished version"));
            return KrakenFrames.Book(Symbols[index], snapshot: true, Top(p.Bids, depth), Top(p.Asks, depth), version.PriceScale, version.QuantityScale, p.Checksum, version.Sequence);
        }
    }

    /// <summary>The bytes of <paramref name="output"/> for a subscriber of depth <paramref name="depth"/> (garbage is sent as it is).</summary>
    internal byte[] FormatForDepth(SimOutput output, int depth)
    {
        if (depth == TruthDepth || output.Version is not { } version || output.Malformation is not null)
        {
            return output.Bytes;
        }

        lock (Gate)
        {
            var p = published.GetValue(version, _ => throw new InvalidOperationException("unpublished version"));
            var (bids, asks) = Changes(p, depth);
            if (corruptions.TryGetValue(output, out var corruption))
            {
                Override(corruption.Bid ? bids : asks, corruption.Level, descending: corruption.Bid);
            }

            return KrakenFrames.Book(output.Symbol, snapshot: false, bids, asks, version.PriceScale, version.QuantityScale, p.Checksum, version.Sequence);
        }
    }

    /// <summary>Index of a v2 symbol ("BTC/USD"), or -1.</summary>
    internal int IndexOf(string symbol) => SymbolIndex(symbol);

    private protected override SimOutput? BuildFrame(int index, long nowMicros)
    {
        var book = Model.Book(VenueId.Kraken, index);
        var bids = book.BidsArray(int.MaxValue);
        var asks = book.AsksArray(int.MaxValue);
        var topBids = Top(bids, TruthDepth);
        var topAsks = Top(asks, TruthDepth);
        var previous = Latest(index);
        if (BookDiff.Same(previous.Bids, topBids) && BookDiff.Same(previous.Asks, topAsks))
        {
            return null; // the top 10 did not change: a depth-10 subscriber gets nothing
        }

        // Kraken's timestamps have microseconds: the step's time plus a few ms of "matching", strictly increasing per pair.
        var timestamp = Math.Max(nowMicros + timeRandom.Next(0, 20_000), previous.Sequence + 1);
        var version = new BookVersion(
            timestamp,
            nowMicros,
            BookDiff.Same(previous.Bids, topBids) ? previous.Bids : topBids,
            BookDiff.Same(previous.Asks, topAsks) ? previous.Asks : topAsks,
            book.PriceScale,
            book.QuantityScale);
        var before = published.GetValue(previous, _ => throw new InvalidOperationException("unpublished version"));
        var p = new Published(bids, asks, before.Bids, before.Asks, KrakenFrames.Checksum(version.Bids, version.Asks, version.PriceScale, version.QuantityScale));
        AddTruth(index, version);
        published.Add(version, p);
        var (changedBids, changedAsks) = Changes(p, TruthDepth);
        var bytes = KrakenFrames.Book(Symbols[index], snapshot: false, changedBids, changedAsks, version.PriceScale, version.QuantityScale, p.Checksum, timestamp);
        return SimOutput.Frame(VenueId.Kraken, Symbols[index], Symbols[index], bytes, bytes, timestamp, timestamp, version);
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
                bytes = SimJson.PoisonAfter(real.Bytes, "\"timestamp\":\""u8);
                break;
            default:
                var version = real.Version!;
                var p = published.GetValue(version, _ => throw new InvalidOperationException("unpublished version"));
                var (bids, asks) = Changes(p, TruthDepth);
                bytes = KrakenFrames.Book(real.Symbol, snapshot: false, bids, asks, version.PriceScale, version.QuantityScale, p.Checksum, version.Sequence, variant);
                break;
        }

        return real.Malformed(bytes, bytes, variant);
    }

    /// <summary>
    /// One level of the update gets a wrong quantity (one lot more or less; a removal becomes one lot) while the message
    /// keeps the checksum of the true book: applied, the client's top 10 differs from the truth and its checksum cannot match.
    /// A level that stays in the book is preferred, so that the altered level is inside the true top 10.
    /// </summary>
    private protected override SimOutput BuildChecksumCorrupted(SimOutput real, Random random)
    {
        var version = real.Version!;
        var index = SymbolIndex(real.Symbol);
        var lot = Model.Book(VenueId.Kraken, index).LotUnits;
        var p = published.GetValue(version, _ => throw new InvalidOperationException("unpublished version"));
        var (bids, asks) = Changes(p, TruthDepth);
        var candidates = new List<(bool Bid, Level Level)>();
        foreach (var level in bids)
        {
            candidates.Add((true, level));
        }

        foreach (var level in asks)
        {
            candidates.Add((false, level));
        }

        var kept = candidates.Where(c => c.Level.Quantity > 0).ToList();
        var (bid, chosen) = (kept.Count > 0 ? kept : candidates)[random.Next(kept.Count > 0 ? kept.Count : candidates.Count)];
        var quantity = chosen.Quantity == 0 ? lot : chosen.Quantity > lot && random.Next(2) == 0 ? chosen.Quantity - lot : chosen.Quantity + lot;
        var altered = new Level(chosen.Price, quantity);
        Override(bid ? bids : asks, altered, descending: bid);
        var bytes = KrakenFrames.Book(real.Symbol, snapshot: false, bids, asks, version.PriceScale, version.QuantityScale, p.Checksum, version.Sequence);
        var output = SimOutput.Frame(VenueId.Kraken, real.Symbol, real.Stream, bytes, bytes, real.FirstSequence, real.Sequence, version).Tagged(FaultKind.ChecksumCorruption);
        corruptions.Add(output, new Corruption(bid, altered));
        return output;
    }

    private protected override SimOutput? BuildVenueFrame(long nowMicros)
    {
        if (nowMicros - lastHeartbeat < HeartbeatMicros)
        {
            return null;
        }

        lastHeartbeat = nowMicros;
        return SimOutput.VenueFrame(VenueId.Kraken, KrakenSimSession.HeartbeatStream, KrakenFrames.Heartbeat);
    }

    private static string[] SymbolsOf(MarketModel model)
    {
        var symbols = new string[model.Listed(VenueId.Kraken).Count];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = SimListings.Symbol(VenueId.Kraken, model.Listed(VenueId.Kraken)[i].Code);
        }

        return symbols;
    }

    private static Level[] Top(Level[] levels, int depth) => levels.Length <= depth ? levels : levels[..depth];

    /// <summary>The levels a subscriber of <paramref name="depth"/> gets for this message, best first.</summary>
    private static (List<Level> Bids, List<Level> Asks) Changes(Published p, int depth)
    {
        var bids = new List<Level>();
        var asks = new List<Level>();
        Side(p.PreviousBids, p.Bids, depth, descending: true, bids);
        Side(p.PreviousAsks, p.Asks, depth, descending: false, asks);
        return (bids, asks);
    }

    /// <summary>Changes of the top <paramref name="depth"/>, without the removals of levels that are still in the book (pushed below the top N: Kraken sends no delete, the client truncates).</summary>
    private static void Side(Level[] before, Level[] after, int depth, bool descending, List<Level> changes)
    {
        BookDiff.Compute(Top(before, depth), Top(after, depth), descending, changes);
        changes.RemoveAll(level => level.Quantity == 0 && Contains(after, level.Price));
    }

    private static bool Contains(Level[] levels, long price)
    {
        foreach (var level in levels)
        {
            if (level.Price == price)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sets <paramref name="level"/> in a best-first list of changes: replaces its price or inserts it in order.</summary>
    private static void Override(List<Level> levels, Level level, bool descending)
    {
        for (var i = 0; i < levels.Count; i++)
        {
            if (levels[i].Price == level.Price)
            {
                levels[i] = level;
                return;
            }

            if (descending ? levels[i].Price < level.Price : levels[i].Price > level.Price)
            {
                levels.Insert(i, level);
                return;
            }
        }

        levels.Add(level);
    }

    private SimHttpResponse AssetPairs(QueryString query)
    {
        var only = query["pair"]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var selected = new List<int>();
        for (var i = 0; i < pairs.Length; i++)
        {
            if (only is null || only.Any(pairs[i].Matches))
            {
                selected.Add(i);
            }
        }

        var haltedPair = KrakenPair.Of("LUNA");
        var includeHalted = !assets.Any(a => a.Code == "LUNA") && (only is null || only.Any(haltedPair.Matches));
        if (only is not null && only.Length > selected.Count + (includeHalted ? 1 : 0))
        {
            return SimHttpResponse.Json(200, KrakenFrames.RestError("EQuery:Unknown asset pair"));
        }

        return SimHttpResponse.Json(200, SimJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("error");
            w.WriteEndArray();
            w.WriteStartObject("result");
            foreach (var i in selected)
            {
                var book = Model.Book(VenueId.Kraken, i);
                WritePair(w, pairs[i], "online", book.PriceScale, book.QuantityScale, assets[i].UsdTick, assets[i].UsdLot);
            }

            if (includeHalted)
            {
                WritePair(w, haltedPair, "cancel_only", 8, 8, 0.00000001m, 0.00000001m);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private static void WritePair(System.Text.Json.Utf8JsonWriter w, KrakenPair pair, string status, int pairDecimals, int lotDecimals, decimal tick, decimal lot)
    {
        w.WriteStartObject(pair.Key);
        w.WriteString("altname", pair.AltName);
        w.WriteString("wsname", pair.WsName);
        w.WriteString("aclass_base", "currency");
        w.WriteString("base", pair.Base);
        w.WriteString("aclass_quote", "currency");
        w.WriteString("quote", "ZUSD");
        w.WriteString("lot", "unit");
        w.WriteNumber("cost_decimals", 5);
        w.WriteNumber("pair_decimals", pairDecimals);
        w.WriteNumber("lot_decimals", lotDecimals);
        w.WriteNumber("lot_multiplier", 1);
        w.WriteStartArray("leverage_buy");
        w.WriteEndArray();
        w.WriteStartArray("leverage_sell");
        w.WriteEndArray();
        WriteFees(w, "fees", [(0, 0.26m), (50_000, 0.24m), (100_000, 0.22m)]);
        WriteFees(w, "fees_maker", [(0, 0.16m), (50_000, 0.14m), (100_000, 0.12m)]);
        w.WriteString("fee_volume_currency", "ZUSD");
        w.WriteNumber("margin_call", 80);
        w.WriteNumber("margin_stop", 40);
        w.WriteString("ordermin", FixedPoint.Format(lot * 10));
        w.WriteString("costmin", "0.5");
        w.WriteString("tick_size", FixedPoint.Format(tick));
        w.WriteString("status", status);
        w.WriteEndObject();
    }

    private static void WriteFees(System.Text.Json.Utf8JsonWriter w, string name, (int Volume, decimal Percent)[] tiers)
    {
        w.WriteStartArray(name);
        foreach (var (volume, percent) in tiers)
        {
            w.WriteStartArray();
            w.WriteNumberValue(volume);
            w.WriteNumberValue(percent);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    /// <summary>GET /0/public/Depth?pair=XBTUSD&amp;count=N: <c>{"error":[],"result":{"XXBTZUSD":{"asks":[["price","volume",time]],"bids":[..]}}}</c>.</summary>
    private SimHttpResponse Depth(QueryString query)
    {
        var pair = query["pair"];
        if (string.IsNullOrEmpty(pair))
        {
            return SimHttpResponse.Json(200, KrakenFrames.RestError("EGeneral:Invalid arguments"));
        }

        var index = Array.FindIndex(pairs, p => p.Matches(pair));
        if (index < 0)
        {
            return SimHttpResponse.Json(200, KrakenFrames.RestError("EQuery:Unknown asset pair"));
        }

        var count = DefaultDepthCount;
        if (query["count"] is { } countText
            && (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > MaxDepthCount))
        {
            return SimHttpResponse.Json(200, KrakenFrames.RestError("EGeneral:Invalid arguments:count"));
        }

        BookVersion version;
        Published p;
        lock (Gate)
        {
            version = Latest(index);
            p = published.GetValue(version, _ => throw new InvalidOperationException("unpublished version"));
        }

        var seconds = version.TimestampMicros / 1_000_000;
        return SimHttpResponse.Json(200, SimJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("error");
            w.WriteEndArray();
            w.WriteStartObject("result");
            w.WriteStartObject(pairs[index].Key);
            WriteRestLevels(w, "asks", Top(p.Asks, count), version.PriceScale, version.QuantityScale, seconds);
            WriteRestLevels(w, "bids", Top(p.Bids, count), version.PriceScale, version.QuantityScale, seconds);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private static void WriteRestLevels(System.Text.Json.Utf8JsonWriter w, string name, Level[] levels, int priceScale, int quantityScale, long seconds)
    {
        Span<byte> buffer = stackalloc byte[48];
        w.WriteStartArray(name);
        foreach (var level in levels)
        {
            w.WriteStartArray();
            var n = FixedPoint.Format(level.Price, priceScale, buffer, padToScale: true);
            w.WriteStringValue(buffer[..n]);
            n = FixedPoint.Format(level.Quantity, quantityScale, buffer, padToScale: true);
            w.WriteStringValue(buffer[..n]);
            w.WriteNumberValue(seconds);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    /// <summary>The full book at a message and at the message before it (for deeper subscribers), and the message's checksum.</summary>
    private sealed record Published(Level[] Bids, Level[] Asks, Level[] PreviousBids, Level[] PreviousAsks, uint Checksum);

    /// <summary>The level a ChecksumCorruption frame altered, re-applied when the frame is formatted for another depth.</summary>
    private sealed record Corruption(bool Bid, Level Level);

    /// <summary>Kraken's REST names of a USD pair: key "XXBTZUSD", altname "XBTUSD", wsname "XBT/USD" (legacy codes for BTC and DOGE).</summary>
    private sealed record KrakenPair(string Key, string AltName, string WsName, string Base)
    {
        public static KrakenPair Of(string code) => code switch
        {
            "BTC" => new("XXBTZUSD", "XBTUSD", "XBT/USD", "XXBT"),
            "ETH" => new("XETHZUSD", "ETHUSD", "ETH/USD", "XETH"),
            "XRP" => new("XXRPZUSD", "XRPUSD", "XRP/USD", "XXRP"),
            "LTC" => new("XLTCZUSD", "LTCUSD", "LTC/USD", "XLTC"),
            "DOGE" => new("XDGUSD", "XDGUSD", "XDG/USD", "XXDG"),
            "USDT" => new("USDTZUSD", "USDTUSD", "USDT/USD", "USDT"),
            _ => new(code + "USD", code + "USD", code + "/USD", code),
        };

        public bool Matches(string name) => name == Key || name == AltName || name == WsName;
    }
}
