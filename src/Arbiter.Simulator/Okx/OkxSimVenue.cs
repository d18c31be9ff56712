using System.Globalization;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// Simulated OKX v5 spot (REFERENCE.md §7): instruments {ASSET}-USDT; the true book per symbol (its top 400 levels, what
/// the <c>books</c> channel carries) with a <c>seqId</c>; every step, one <c>books</c> push per symbol: an update with the
/// changed levels (each change uses one id, sometimes two, so seqId - prevSeqId varies) or, when nothing changed or the
/// changes wait for the next push, a keep-alive with no levels and seqId == prevSeqId; every push carries the CRC-32 of
/// the book it leaves. REST <c>/api/v5/public/instruments</c>, <c>/api/v5/market/books</c> and <c>/api/v5/public/time</c>;
/// WebSocket <c>/ws/v5/public</c>. Truth is keyed by <c>seqId</c> (what the adapter puts in MarketEvent.Sequence).
/// </summary>
/// <remarks>
/// OKX-specific faults: ChecksumCorruption (one level of the top 25 of the true book arrives with another size, in a
/// push that carries the true book's checksum), ChecksumZero (a true push with checksum 0), SequenceReset (the next push
/// has a seqId below its prevSeqId; the truth history starts again there) and SubscribeRefused (OKX's error event
/// 60014 instead of the subscription). <see cref="SimVenueOptions.WsSnapshot"/> can withhold the WebSocket snapshot
/// (OKX's 2026 change). The simulator does not close a connection that has no subscription after 30 s, as OKX does.
/// </remarks>
public sealed class OkxSimVenue : SimVenue
{
    /// <summary>The public WebSocket path (the books channel needs no login).</summary>
    public const string WsPath = "/ws/v5/public";

    /// <summary>Levels per side of the books channel and the most GET /api/v5/market/books returns.</summary>
    public const int MaxDepth = 400;

    /// <summary>OKX: "Requests too frequent." (error 60014), the answer to a subscribe over the limit.</summary>
    public const string TooFrequentCode = "60014";

    /// <summary>Probability that a changed level used two ids (an intermediate change within the 100 ms).</summary>
    private const double ExtraIdProbability = 0.25;

    /// <summary>Probability that a step's changes wait for the next push, which leaves a keep-alive in this step.</summary>
    private const double HoldProbability = 0.04;

    private static readonly FaultKind[] OkxOnly = [FaultKind.ChecksumCorruption, FaultKind.ChecksumZero, FaultKind.SequenceReset, FaultKind.SubscribeRefused];
    private static readonly IReadOnlySet<FaultKind> Supported = new HashSet<FaultKind>(CommonFaults.Concat(OkxOnly));

    private readonly SimAssetOptions[] assets;
    private readonly int[] checksums;
    private readonly long[] pushMillis;
    private readonly bool[] resetPending;
    private readonly List<Level>[] bidChanges;
    private readonly List<Level>[] askChanges;
    private readonly Random idRandom;
    private int sessions;

    internal OkxSimVenue(MarketModel model, SimulatorOptions options, long startMicros)
        : base(VenueId.Okx, model, options, SymbolsOf(model), startMicros)
    {
        assets = [.. model.Listed(VenueId.Okx)];
        WsSnapshot = options.Okx.WsSnapshot;
        idRandom = new Random(SeedFor(options.Seed, VenueId.Okx, 2));
        checksums = new int[assets.Length];
        pushMillis = new long[assets.Length];
        resetPending = new bool[assets.Length];
        bidChanges = new List<Level>[assets.Length];
        askChanges = new List<Level>[assets.Length];
        for (var i = 0; i < assets.Length; i++)
        {
            bidChanges[i] = [];
            askChanges[i] = [];

            // Large starting ids, like the real ones (BTC-USDT's are past 2.8e10), so parsers meet values beyond int.
            var seqId = idRandom.NextInt64(1_000_000_000L, 30_000_000_000L);
            var book = model.Book(VenueId.Okx, i);
            var version = new BookVersion(seqId, startMicros, book.BidsArray(MaxDepth), book.AsksArray(MaxDepth), book.PriceScale, book.QuantityScale);
            InitTruth(i, version);
            checksums[i] = Checksum(version);
        }
    }

    /// <summary>What a subscription receives first (<see cref="SimVenueOptions.WsSnapshot"/>).</summary>
    public SimWsSnapshot WsSnapshot { get; }

    /// <inheritdoc/>
    public override IReadOnlySet<FaultKind> SupportedFaults => Supported;

    /// <inheritdoc/>
    public override bool SendsBinaryFrames => false;

    /// <summary>OKX: 3 connection requests per second per IP (REFERENCE §7).</summary>
    public override SimRateLimit? ConnectLimit => new(3, TimeSpan.FromSeconds(1));

    /// <summary>OKX: 480 subscribe, unsubscribe and login requests per hour per connection; pings do not count (REFERENCE §7).</summary>
    public override SimRateLimit? MessageLimit => new(480, TimeSpan.FromHours(1));

    /// <summary>The latest seqId of <paramref name="symbol"/>: the seqId a REST snapshot would return now.</summary>
    public long LastSeqId(string symbol)
    {
        var index = RequireSymbol(symbol);
        lock (Gate)
        {
            return Latest(index).Sequence;
        }
    }

    /// <inheritdoc/>
    public override SimHttpResponse HandleRest(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var query = new QueryString(pathAndQuery);
        return query.Path switch
        {
            "/api/v5/public/instruments" => Instruments(query),
            "/api/v5/market/books" => Books(query),
            "/api/v5/public/time" => SimHttpResponse.Json(200, SimJson.Build(w =>
            {
                w.WriteStartObject();
                w.WriteString("code", "0");
                w.WriteString("msg", "");
                w.WriteStartArray("data");
                w.WriteStartObject();
                w.WriteString("ts", (LastStepMicros / 1000).ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            })),
            _ => new SimHttpResponse(404, OkxFrames.RestError("404", "Not Found")),
        };
    }

    /// <inheritdoc/>
    public override SimSession? OpenSession(string pathAndQuery, out SimHttpResponse? rejection)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (new QueryString(pathAndQuery).Path != WsPath)
        {
            rejection = new SimHttpResponse(404, OkxFrames.RestError("404", "Not Found"));
            return null;
        }

        rejection = null;
        int number;
        lock (Gate)
        {
            number = ++sessions;
        }

        return new OkxSimSession(this, unchecked((uint)number * 2654435761u).ToString("x8", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The first push of a new subscription to <paramref name="symbol"/>, per <see cref="WsSnapshot"/>: the snapshot of the
    /// latest published version (prevSeqId -1), the same without levels, or nothing.
    /// </summary>
    public byte[]? SubscribeFrame(string symbol)
    {
        var index = RequireSymbol(symbol);
        BookVersion version;
        int checksum;
        lock (Gate)
        {
            version = Latest(index);
            checksum = checksums[index];
        }

        var ts = version.TimestampMicros / 1000;
        return WsSnapshot switch
        {
            SimWsSnapshot.Full => OkxFrames.Push(symbol, "snapshot", version.Bids, version.Asks, ts, checksum, -1, version.Sequence, version.PriceScale, version.QuantityScale),
            SimWsSnapshot.Empty => OkxFrames.Push(symbol, "snapshot", [], [], ts, 0, -1, version.Sequence, version.PriceScale, version.QuantityScale),
            _ => null,
        };
    }

    private protected override void ResetSequence(int index, long nowMicros) => resetPending[index] = true;

    private protected override SimOutput? BuildFrame(int index, long nowMicros)
    {
        var book = Model.Book(VenueId.Okx, index);
        var bids = book.BidsArray(MaxDepth);
        var asks = book.AsksArray(MaxDepth);
        var previous = Latest(index);
        var b = bidChanges[index];
        var a = askChanges[index];
        b.Clear();
        a.Clear();
        BookDiff.Compute(previous.Bids, bids, descending: true, b);
        BookDiff.Compute(previous.Asks, asks, descending: false, a);
        var changed = b.Count + a.Count;
        var reset = resetPending[index];
        resetPending[index] = false;
        var ts = nowMicros / 1000;
        pushMillis[index] = ts;
        var symbol = Symbols[index];
        var crossed = bids.Length > 0 && asks.Length > 0 && bids[0].Price >= asks[0].Price;
        if (!reset && (changed == 0 || (!crossed && idRandom.NextDouble() < HoldProbability)))
        {
            // A keep-alive: no levels, seqId == prevSeqId; the truth does not move (the held changes come with the next push).
            b.Clear();
            a.Clear();
            var same = previous.Sequence;
            var keepAlive = OkxFrames.Push(symbol, "update", b, a, ts, checksums[index], same, same, book.PriceScale, book.QuantityScale);
            return SimOutput.Frame(VenueId.Okx, symbol, symbol, keepAlive, keepAlive, same, same, previous);
        }

        var prev = previous.Sequence;
        long next;
        if (reset)
        {
            // After maintenance OKX starts the sequence again lower: seqId < prevSeqId (REFERENCE §7 "Sequencing").
            next = idRandom.NextInt64(1, Math.Clamp(prev, 2, 1_000_000_000L));
        }
        else
        {
            long ids = 0;
            for (var k = 0; k < changed; k++)
            {
                ids += idRandom.NextDouble() < ExtraIdProbability ? 2 : 1;
            }

            next = prev + ids;
        }

        // An unchanged side shares the previous version's array.
        var version = new BookVersion(next, nowMicros, b.Count == 0 ? previous.Bids : bids, a.Count == 0 ? previous.Asks : asks, book.PriceScale, book.QuantityScale);
        if (reset)
        {
            ResetTruth(index, version);
        }
        else
        {
            AddTruth(index, version);
        }

        checksums[index] = Checksum(version);
        var bytes = OkxFrames.Push(symbol, "update", b, a, ts, checksums[index], prev, next, book.PriceScale, book.QuantityScale);
        return SimOutput.Frame(VenueId.Okx, symbol, symbol, bytes, bytes, prev, next, version);
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
                bytes = SimJson.PoisonAfter(real.Bytes, "\"ts\":\""u8); // after the instId: the garbage is still attributable
                break;
            default:
                var index = SymbolIndex(real.Symbol);
                var version = real.Version!;
                Level? fallback = version.Bids.Length > 0 ? version.Bids[0] : version.Asks.Length > 0 ? version.Asks[0] : null;
                bytes = OkxFrames.Push(real.Symbol, "update", bidChanges[index], askChanges[index], pushMillis[index], checksums[index], real.FirstSequence, real.Sequence, version.PriceScale, version.QuantityScale, variant, fallback);
                break;
        }

        return real.Malformed(bytes, bytes, variant);
    }

    /// <summary>One level of the top 25 of the true book changed to another size in the sent push; the checksum stays the true book's.</summary>
    private protected override SimOutput BuildChecksumCorrupted(SimOutput real, Random random)
    {
        var index = SymbolIndex(real.Symbol);
        var version = real.Version!;
        var bidTop = Math.Min(OkxSimChecksum.Levels, version.Bids.Length);
        var askTop = Math.Min(OkxSimChecksum.Levels, version.Asks.Length);
        var onBids = askTop == 0 || (bidTop > 0 && random.Next(2) == 0);
        var side = onBids ? version.Bids : version.Asks;
        var level = side[random.Next(onBids ? bidTop : askTop)];
        var altered = level with { Quantity = level.Quantity + Model.Book(VenueId.Okx, index).LotUnits };
        var bids = onBids ? WithLevel(bidChanges[index], altered, descending: true) : bidChanges[index];
        var asks = onBids ? askChanges[index] : WithLevel(askChanges[index], altered, descending: false);
        var bytes = OkxFrames.Push(real.Symbol, "update", bids, asks, pushMillis[index], checksums[index], real.FirstSequence, real.Sequence, version.PriceScale, version.QuantityScale);
        return SimOutput.Frame(VenueId.Okx, real.Symbol, real.Stream, bytes, bytes, real.FirstSequence, real.Sequence, version).Tagged(FaultKind.ChecksumCorruption);
    }

    /// <summary>The true push with checksum 0 (the value OKX sends once the field is retired).</summary>
    private protected override SimOutput BuildChecksumZero(SimOutput real)
    {
        var index = SymbolIndex(real.Symbol);
        var version = real.Version!;
        var bytes = OkxFrames.Push(real.Symbol, "update", bidChanges[index], askChanges[index], pushMillis[index], 0, real.FirstSequence, real.Sequence, version.PriceScale, version.QuantityScale);
        return SimOutput.Frame(VenueId.Okx, real.Symbol, real.Stream, bytes, bytes, real.FirstSequence, real.Sequence, version).Tagged(FaultKind.ChecksumZero);
    }

    private static int Checksum(BookVersion version) => OkxSimChecksum.Of(version.Bids, version.Asks, version.PriceScale, version.QuantityScale);

    /// <summary>A copy of <paramref name="changes"/> (best first) in which <paramref name="level"/>'s price carries its quantity.</summary>
    private static List<Level> WithLevel(List<Level> changes, Level level, bool descending)
    {
        var copy = new List<Level>(changes.Count + 1);
        var placed = false;
        foreach (var change in changes)
        {
            if (!placed && change.Price == level.Price)
            {
                copy.Add(level);
                placed = true;
                continue;
            }

            if (!placed && (descending ? level.Price > change.Price : level.Price < change.Price))
            {
                copy.Add(level);
                placed = true;
            }

            copy.Add(change);
        }

        if (!placed)
        {
            copy.Add(level);
        }

        return copy;
    }

    private static string[] SymbolsOf(MarketModel model)
    {
        var symbols = new string[model.Listed(VenueId.Okx).Count];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = model.Listed(VenueId.Okx)[i].Code + "-USDT";
        }

        return symbols;
    }

    private SimHttpResponse Books(QueryString query)
    {
        var instId = query["instId"];
        if (string.IsNullOrEmpty(instId))
        {
            return new SimHttpResponse(400, OkxFrames.RestError("50014", "Parameter instId can not be empty."));
        }

        var index = SymbolIndex(instId);
        if (index < 0)
        {
            return new SimHttpResponse(400, OkxFrames.RestError("51001", "Instrument ID does not exist."));
        }

        var depth = 1; // OKX's default: one level per side
        if (query["sz"] is { } sizeText
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out depth) || depth is < 1 or > MaxDepth))
        {
            return new SimHttpResponse(400, OkxFrames.RestError("51000", "Parameter sz error"));
        }

        BookVersion version;
        lock (Gate)
        {
            version = Latest(index);
        }

        return SimHttpResponse.Json(200, OkxFrames.Books(version, depth));
    }

    private SimHttpResponse Instruments(QueryString query)
    {
        var type = query["instType"];
        if (string.IsNullOrEmpty(type))
        {
            return new SimHttpResponse(400, OkxFrames.RestError("50014", "Parameter instType can not be empty."));
        }

        if (type is not ("SPOT" or "MARGIN" or "SWAP" or "FUTURES" or "OPTION"))
        {
            return new SimHttpResponse(400, OkxFrames.RestError("51000", "Parameter instType error"));
        }

        var only = query["instId"];
        return SimHttpResponse.Json(200, SimJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("code", "0");
            w.WriteString("msg", "");
            w.WriteStartArray("data");
            if (type == "SPOT")
            {
                for (var i = 0; i < assets.Length; i++)
                {
                    if (only is null || only == Symbols[i])
                    {
                        var a = assets[i];
                        WriteInstrument(w, Symbols[i], a.Code, "live", FixedPoint.Format(a.UsdTick), FixedPoint.Format(a.UsdLot));
                    }
                }

                if (only is null or "LUNA-USDT")
                {
                    // A market that does not trade, so that adapters can be tested for skipping it.
                    WriteInstrument(w, "LUNA-USDT", "LUNA", "suspend", "0.0001", "0.01");
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private static void WriteInstrument(System.Text.Json.Utf8JsonWriter w, string instId, string baseCcy, string state, string tickSz, string lotSz)
    {
        w.WriteStartObject();
        w.WriteString("alias", "");
        w.WriteString("baseCcy", baseCcy);
        w.WriteString("category", "1");
        w.WriteString("ctMult", "");
        w.WriteString("ctType", "");
        w.WriteString("ctVal", "");
        w.WriteString("ctValCcy", "");
        w.WriteString("expTime", "");
        w.WriteString("instFamily", "");
        w.WriteString("instId", instId);
        w.WriteString("instType", "SPOT");
        w.WriteString("lever", "10");
        w.WriteString("listTime", "1548133413000");
        w.WriteString("lotSz", lotSz);
        w.WriteString("maxIcebergSz", "9999999999.0000000000000000");
        w.WriteString("maxLmtAmt", "20000000");
        w.WriteString("maxLmtSz", "9999999999");
        w.WriteString("maxMktAmt", "1000000");
        w.WriteString("maxMktSz", "1000000");
        w.WriteString("maxStopSz", "1000000");
        w.WriteString("maxTriggerSz", "9999999999.0000000000000000");
        w.WriteString("maxTwapSz", "9999999999.0000000000000000");
        w.WriteString("minSz", lotSz);
        w.WriteString("optType", "");
        w.WriteString("quoteCcy", "USDT");
        w.WriteString("ruleType", "normal");
        w.WriteString("settleCcy", "");
        w.WriteString("state", state);
        w.WriteString("stk", "");
        w.WriteString("tickSz", tickSz);
        w.WriteString("uly", "");
        w.WriteEndObject();
    }
}
