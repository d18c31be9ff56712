using System.Globalization;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// Simulated Gate.io spot (API v4, REFERENCE §4): pairs {ASSET}_USDT, each with an order book update id that rises by one
/// per book change; one <c>spot.order_book_update</c> notification per pair per step whose <c>U..u</c> spans the changes
/// of that step (each changed level used one id, sometimes two, so u-U varies), and now and then a <c>"full":true</c>
/// notification carrying the whole book instead (seeded). The stream keeps the top 100 levels per side, which are the
/// published book and the truth, keyed by <c>u</c> (a REST book <c>with_id=true</c> carries the latest <c>u</c> as
/// <c>id</c>). REST <c>/api/v4/spot/currency_pairs</c> (with one untradable pair) and <c>/api/v4/spot/order_book</c>;
/// WebSocket <c>/ws/v4/</c>.
/// </summary>
public sealed class GateIoSimVenue : SimVenue
{
    /// <summary>Levels per side the 100 ms <c>spot.order_book_update</c> stream keeps (REFERENCE §4).</summary>
    public const int StreamDepth = 100;

    /// <summary>The one update interval served.</summary>
    public const string Interval = "100ms";

    /// <summary>The WebSocket path.</summary>
    public const string WsPath = "/ws/v4/";

    /// <summary>A listed pair that does not trade, which clients must skip.</summary>
    public const string UntradablePair = "LUNA_USDT";

    /// <summary>Probability that a changed level used two ids (an intermediate change within the interval).</summary>
    private const double ExtraIdProbability = 0.25;

    /// <summary>Probability that a step's notification is a full book (Gate sends them at irregular times, notice 44678).</summary>
    private const double FullProbability = 0.02;

    private readonly SimAssetOptions[] assets;
    private readonly long[] lastUpdateId;
    private readonly List<Level>[] bidChanges;
    private readonly List<Level>[] askChanges;
    private readonly bool[] lastWasFull;
    private readonly Random idRandom;

    internal GateIoSimVenue(MarketModel model, SimulatorOptions options, long startMicros)
        : base(VenueId.GateIo, model, options, SymbolsOf(model), startMicros)
    {
        assets = [.. model.Listed(VenueId.GateIo)];
        PublishedLevels = Math.Min(options.GateIo.LevelsPerSide, StreamDepth);
        idRandom = new Random(SeedFor(options.Seed, VenueId.GateIo, 2));
        lastUpdateId = new long[assets.Length];
        bidChanges = new List<Level>[assets.Length];
        askChanges = new List<Level>[assets.Length];
        lastWasFull = new bool[assets.Length];
        for (var i = 0; i < assets.Length; i++)
        {
            bidChanges[i] = [];
            askChanges[i] = [];

            // Large starting ids, like the real ones (BTC_USDT is past 7e10), so parsers meet values beyond int.
            lastUpdateId[i] = idRandom.NextInt64(1_000_000_000L, 80_000_000_000L);
            var book = model.Book(VenueId.GateIo, i);
            InitTruth(i, new BookVersion(lastUpdateId[i], startMicros, book.BidsArray(PublishedLevels), book.AsksArray(PublishedLevels), book.PriceScale, book.QuantityScale));
        }
    }

    /// <summary>Levels per side published (and kept as truth): the configured LevelsPerSide, at most the stream's 100.</summary>
    public int PublishedLevels { get; }

    /// <inheritdoc/>
    public override bool SendsBinaryFrames => false;

    /// <summary>Gate: the common kinds and SubscribeRefused (no checksum, no sequence reset).</summary>
    public override IReadOnlySet<FaultKind> SupportedFaults { get; } = new HashSet<FaultKind>(CommonFaults) { FaultKind.SubscribeRefused };

    /// <summary>Gate publishes no connection limit; the adapter's conservative choice: 10 handshakes per 10 s (per IP).</summary>
    public override SimRateLimit? ConnectLimit => new(10, TimeSpan.FromSeconds(10));

    /// <summary>Gate publishes no message limit; the adapter's conservative choice: 10 client messages per second per connection.</summary>
    public override SimRateLimit? MessageLimit => new(10, TimeSpan.FromSeconds(1));

    /// <summary>The latest update id of <paramref name="pair"/>: the <c>id</c> a REST book would carry now.</summary>
    public long LastUpdateId(string pair)
    {
        var index = RequireSymbol(pair);
        lock (Gate)
        {
            return lastUpdateId[index];
        }
    }

    /// <inheritdoc/>
    public override SimHttpResponse HandleRest(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var query = new QueryString(pathAndQuery);
        return query.Path switch
        {
            "/api/v4/spot/currency_pairs" => CurrencyPairs(),
            "/api/v4/spot/order_book" => OrderBook(query),
            "/api/v4/spot/time" => SimHttpResponse.Json(200, $"{{\"server_time\":{LastStepMicros / 1000}}}"),
            _ => new SimHttpResponse(404, GateIoFrames.RestError("NOT_FOUND", $"Unknown path {query.Path}")),
        };
    }

    /// <inheritdoc/>
    public override SimSession? OpenSession(string pathAndQuery, out SimHttpResponse? rejection)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (new QueryString(pathAndQuery).Path != WsPath)
        {
            rejection = new SimHttpResponse(404, GateIoFrames.RestError("NOT_FOUND", "Not found"));
            return null;
        }

        rejection = null;
        return new GateIoSimSession(this);
    }

    private protected override SimOutput? BuildFrame(int index, long nowMicros)
    {
        var book = Model.Book(VenueId.GateIo, index);
        var bids = book.BidsArray(PublishedLevels);
        var asks = book.AsksArray(PublishedLevels);
        var previous = Latest(index);
        var b = bidChanges[index];
        var a = askChanges[index];
        b.Clear();
        a.Clear();
        BookDiff.Compute(previous.Bids, bids, descending: true, b);
        BookDiff.Compute(previous.Asks, asks, descending: false, a);
        var changed = b.Count + a.Count;

        // Drawn for every pair every step, so that the id path does not depend on which books changed.
        var full = idRandom.NextDouble() < FullProbability;
        if (changed == 0)
        {
            return null; // no notification when nothing changed
        }

        long ids = 0;
        for (var k = 0; k < changed; k++)
        {
            ids += idRandom.NextDouble() < ExtraIdProbability ? 2 : 1;
        }

        var first = lastUpdateId[index] + 1;
        var last = lastUpdateId[index] + ids;
        lastUpdateId[index] = last;

        // An unchanged side shares the previous version's array: 4096 versions of a 100-level book add up.
        var version = new BookVersion(last, nowMicros, b.Count == 0 ? previous.Bids : bids, a.Count == 0 ? previous.Asks : asks, book.PriceScale, book.QuantityScale);
        AddTruth(index, version);
        lastWasFull[index] = full;
        if (full)
        {
            b.Clear();
            a.Clear();
            b.AddRange(version.Bids);
            a.AddRange(version.Asks);
        }

        var bytes = GateIoFrames.BookUpdate(Symbols[index], nowMicros, first, last, full ? StreamDepth : null, b, a, book.PriceScale, book.QuantityScale);
        return SimOutput.Frame(VenueId.GateIo, Symbols[index], Symbols[index], bytes, bytes, first, last, version);
    }

    private protected override SimOutput BuildMalformed(SimOutput real, MalformedVariant variant, Random random)
    {
        var bytes = variant switch
        {
            MalformedVariant.Truncated => SimJson.Truncate(real.Bytes, random.Next(1, real.Bytes.Length)),
            MalformedVariant.InvalidUtf8 => SimJson.PoisonAfter(real.Bytes, "[[\""u8),
            _ => Corrupted(real, variant),
        };
        return real.Malformed(bytes, bytes, variant);
    }

    private static string[] SymbolsOf(MarketModel model)
    {
        var symbols = new string[model.Listed(VenueId.GateIo).Count];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = SimListings.Symbol(VenueId.GateIo, model.Listed(VenueId.GateIo)[i].Code);
        }

        return symbols;
    }

    /// <summary>The real frame re-written with its first level corrupted (the step's level lists are still those of the frame).</summary>
    private byte[] Corrupted(SimOutput real, MalformedVariant variant)
    {
        var index = SymbolIndex(real.Symbol);
        var version = real.Version!;
        return GateIoFrames.BookUpdate(real.Symbol, version.TimestampMicros, real.FirstSequence, real.Sequence, lastWasFull[index] ? StreamDepth : null, bidChanges[index], askChanges[index], version.PriceScale, version.QuantityScale, variant);
    }

    private SimHttpResponse CurrencyPairs() => SimHttpResponse.Json(200, SimJson.Build(w =>
    {
        w.WriteStartArray();
        foreach (var a in assets)
        {
            GateIoFrames.WritePair(w, a.Code, "USDT", a.UsdTick, a.UsdLot, "tradable");
        }

        // A pair that does not trade, so that adapters can be tested for skipping it.
        GateIoFrames.WritePair(w, UntradablePair[..UntradablePair.IndexOf('_', StringComparison.Ordinal)], "USDT", 0.0001m, 0.01m, "untradable");
        w.WriteEndArray();
    }));

    private SimHttpResponse OrderBook(QueryString query)
    {
        var pair = query["currency_pair"];
        if (string.IsNullOrEmpty(pair))
        {
            return new SimHttpResponse(400, GateIoFrames.RestError("MISSING_REQUIRED_PARAM", "Missing required parameter: currency_pair"));
        }

        var index = SymbolIndex(pair);
        if (index < 0)
        {
            return new SimHttpResponse(400, GateIoFrames.RestError("INVALID_CURRENCY_PAIR", $"Invalid currency pair {pair}"));
        }

        var limit = 10; // Gate's default
        if (query["limit"] is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            return new SimHttpResponse(400, GateIoFrames.RestError("INVALID_PARAM_VALUE", $"Invalid limit {limitText}"));
        }

        var withId = query["with_id"] is { } withIdText && string.Equals(withIdText, "true", StringComparison.OrdinalIgnoreCase);
        BookVersion version;
        long now;
        lock (Gate)
        {
            version = Latest(index);
            now = LastStepMicros;
        }

        return SimHttpResponse.Json(200, GateIoFrames.OrderBook(version, limit, withId, now));
    }
}
