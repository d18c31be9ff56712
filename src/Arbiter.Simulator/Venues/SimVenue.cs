using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// A simulated exchange without transport: publishes its true books as the venue's real frames, keeps the
/// truth of recent versions, injects faults, and answers REST and WebSocket protocol requests as pure functions.
/// </summary>
/// <remarks>
/// Fault semantics (each counted in <see cref="Faults"/> when it is applied, not when it is queued):
/// <list type="bullet">
/// <item>SequenceGap: one symbol's update of this step is not sent; its ids (Binance) or timestamp (Upbit, Bithumb) are used up, and the truth has it.</item>
/// <item>Duplicate: the update is sent twice, byte for byte.</item>
/// <item>Reorder: the update is held back and sent right after the symbol's next update (the older one arrives last).</item>
/// <item>DroppedConnection: a <see cref="SimOutputKind.Disconnect"/> item leads the step's outputs.</item>
/// <item>SilentStall: a <see cref="SimOutputKind.Stall"/> item, then no frames at all (this step included) until StallDuration has passed on the caller's clock; the true book keeps moving.</item>
/// <item>MalformedFrame: a garbage copy of the update is sent just BEFORE the real update, which still follows, so no data is lost and the truth is unchanged.</item>
/// <item>CrossedBook: the model puts a bid at or above the best ask in a real update; the truth is crossed, and a step 1..3 steps later removes it.</item>
/// <item>BadTick (a data-quality fault, Upbit and Bithumb only, see <see cref="DataQualityFaults"/>): the frame's top is replaced by a nonsense but well-formed book; the truth keeps the real one and the symbol's next frame is correct again. Also periodic: SimVenueOptions.BadTickEvery.</item>
/// </list>
/// At most one frame fault (gap, duplicate, reorder, malformed) applies to a symbol per step; others wait in the
/// queue, as do frame faults while the venue is stalled. Random faults are drawn from the venue's own seeded
/// stream, so a run replays exactly and the market path does not depend on the fault rates. A stall silences
/// the feed only: replies to client requests (SUBSCRIBE acks, Upbit SNAPSHOTs, PING) are still sent. Over a
/// real socket, an InvalidUtf8 garbage frame on Binance's text frames makes .NET's ClientWebSocket fail the
/// receive (the socket aborts); on Upbit's and Bithumb's binary frames the bytes arrive as they are.
/// </remarks>
public abstract class SimVenue
{
    private const int MaxPendingFaults = 100_000;
    private static readonly FaultKind[] Kinds = Enum.GetValues<FaultKind>();

    /// <summary>The fault kinds every venue supports.</summary>
    private protected static readonly IReadOnlySet<FaultKind> CommonFaults = new HashSet<FaultKind>
    {
        FaultKind.SequenceGap, FaultKind.Duplicate, FaultKind.Reorder, FaultKind.DroppedConnection, FaultKind.SilentStall,
        FaultKind.MalformedFrame, FaultKind.CrossedBook, FaultKind.ConnectionRefused,
    };

    private static readonly IReadOnlySet<FaultKind> NoFaults = new HashSet<FaultKind>();

    private SlidingWindow? connectWindow;
    private SlidingWindow? sharedMessageWindow;
    private static readonly int MalformedVariantCount = Enum.GetValues<MalformedVariant>().Length;

    private readonly List<PendingFault> pending = [];
    private readonly Random faultRandom;
    private readonly SimVenueOptions venueOptions;
    private readonly TruthRing[] truth;
    private readonly TruthRing?[] truthBeforeReset;
    private readonly SimOutput?[] held;
    private readonly bool[] crossedThisStep;
    private readonly string[] symbols;
    private readonly SimWalletApi walletApi;
    private readonly int[] badTickCountdown; // per symbol: frames until the next periodic BadTick (BadTickEvery > 0)
    private long stalledUntil = long.MinValue;
    private long lastStepMicros;

    private protected SimVenue(VenueId venue, MarketModel model, SimulatorOptions options, string[] symbols, long startMicros)
    {
        Venue = venue;
        Model = model;
        this.symbols = symbols;
        venueOptions = options.For(venue);
        TruthCapacity = options.TruthCapacity;
        faultRandom = new Random(SeedFor(options.Seed, venue, 1));
        truth = new TruthRing[symbols.Length];
        truthBeforeReset = new TruthRing?[symbols.Length];
        held = new SimOutput?[symbols.Length];
        crossedThisStep = new bool[symbols.Length];
        lastStepMicros = startMicros;
        Wallets = new SimWallets(venue, options.ResolvedAssets);
        walletApi = SimWalletApi.For(venue, Wallets, options);
        badTickCountdown = new int[symbols.Length];
        if (venueOptions.BadTickEvery > 0)
        {
            // A seeded phase per symbol (its own stream, so that the market and the random faults do not move).
            var phase = new Random(SeedFor(options.Seed, venue, 2));
            for (var i = 0; i < symbols.Length; i++)
            {
                badTickCountdown[i] = phase.Next(1, venueOptions.BadTickEvery + 1);
            }
        }
    }

    public VenueId Venue { get; }

    /// <summary>Venue symbols in asset order: "BTCUSDT"… or "KRW-BTC"….</summary>
    public IReadOnlyList<string> Symbols => symbols;

    /// <summary>The venue's wallet model: networks, fees, contracts and deposit/withdrawal switches, served by its wallet endpoint.</summary>
    public SimWallets Wallets { get; }

    /// <summary>Faults applied so far, per kind.</summary>
    public FaultCounters Faults { get; } = new();

    /// <summary>Breaches of the venue's connection and message limits by clients, refused the way the venue does.</summary>
    public LimitCounters Limits { get; } = new();

    /// <summary>The feed fault kinds this venue can apply (the checksum, reset and refusal kinds only where the venue has that mechanism); a client's book sync must catch each.</summary>
    public virtual IReadOnlySet<FaultKind> SupportedFaults => CommonFaults;

    /// <summary>
    /// The data-quality fault kinds this venue can apply (<see cref="FaultKind.BadTick"/> at Upbit and Bithumb): well-formed
    /// frames a book sync rightly accepts, which only a plausibility check downstream catches. Empty by default.
    /// </summary>
    public virtual IReadOnlySet<FaultKind> DataQualityFaults => NoFaults;

    /// <summary>True when <paramref name="kind"/> is in <see cref="SupportedFaults"/> or <see cref="DataQualityFaults"/>.</summary>
    public bool CanInject(FaultKind kind) => SupportedFaults.Contains(kind) || DataQualityFaults.Contains(kind);

    /// <summary>The venue's limit on WebSocket handshakes (per IP); over it, the handshake gets HTTP 429 and is counted. Null = none.</summary>
    public virtual SimRateLimit? ConnectLimit => null;

    /// <summary>The venue's limit on client messages per connection (or per IP, see <see cref="MessageLimitPerIp"/>); over it, the message is refused as the venue does and counted. Null = none.</summary>
    public virtual SimRateLimit? MessageLimit => null;

    /// <summary>True when <see cref="MessageLimit"/> counts the messages of all connections together (a per-IP limit, as Coinbase's), false for a per-connection one.</summary>
    public virtual bool MessageLimitPerIp => false;

    /// <summary>Time of the last step (the start before the first), unix microseconds.</summary>
    public long LastStepMicros
    {
        get
        {
            lock (Gate)
            {
                return lastStepMicros;
            }
        }
    }

    /// <summary>Faults queued (injected or drawn) but not yet applied.</summary>
    public int PendingFaultCount
    {
        get
        {
            lock (Gate)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>End of the current SilentStall, unix microseconds; <see cref="long.MinValue"/> when none has happened.</summary>
    public long StalledUntilMicros
    {
        get
        {
            lock (Gate)
            {
                return stalledUntil;
            }
        }
    }

    private protected object Gate { get; } = new();

    private protected MarketModel Model { get; }

    private protected int TruthCapacity { get; }

    /// <summary>Queues one fault; it applies at the next step where it can (see the remarks). <paramref name="symbol"/> null = a seeded random symbol.</summary>
    public void InjectFault(FaultKind kind, string? symbol = null)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault kind.");
        }

        if (!CanInject(kind))
        {
            throw new ArgumentException($"{Venue.Name()} does not simulate {kind}.", nameof(kind));
        }

        if (symbol is not null && SymbolIndex(symbol) < 0)
        {
            throw new ArgumentException($"Unknown {Venue.Name()} symbol '{symbol}'.", nameof(symbol));
        }

        lock (Gate)
        {
            pending.Add(new PendingFault(kind, symbol));
        }
    }

    /// <summary>
    /// The book as published at <paramref name="sequence"/> (Binance update id <c>u</c> or snapshot lastUpdateId;
    /// Upbit message timestamp in ms, Bithumb's in µs; Bybit <c>u</c>), with exact decimal prices and quantities, best first. False when the
    /// sequence was never published or has left the ring (the last TruthCapacity versions are kept; after a sequence
    /// reset, also those of the numbering before it).
    /// </summary>
    public bool TryGetTruth(string symbol, long sequence, out TruthLevel[] bids, out TruthLevel[] asks)
    {
        if (TryGetTruthBook(symbol, sequence, out var book))
        {
            bids = book.Bids;
            asks = book.Asks;
            return true;
        }

        bids = [];
        asks = [];
        return false;
    }

    /// <summary>As <see cref="TryGetTruth"/>, with the sequence and timestamp.</summary>
    public bool TryGetTruthBook(string symbol, long sequence, [NotNullWhen(true)] out TruthBook? book)
    {
        var index = SymbolIndex(symbol);
        book = null;
        if (index < 0)
        {
            return false;
        }

        lock (Gate)
        {
            if (!truth[index].TryGet(sequence, out var version) && (truthBeforeReset[index] is not { } before || !before.TryGet(sequence, out version)))
            {
                return false;
            }

            book = version.ToTruth(symbols[index]);
            return true;
        }
    }

    /// <summary>The latest published book of <paramref name="symbol"/> (Binance: the full book; Upbit: the published levels).</summary>
    public TruthBook CurrentBook(string symbol)
    {
        var index = RequireSymbol(symbol);
        lock (Gate)
        {
            return truth[index].Latest.ToTruth(symbols[index]);
        }
    }

    /// <summary>The oldest sequence still held for <paramref name="symbol"/> in its current numbering (since its last sequence reset).</summary>
    public long OldestTruthSequence(string symbol)
    {
        var index = RequireSymbol(symbol);
        lock (Gate)
        {
            return truth[index].Oldest.Sequence;
        }
    }

    /// <summary>Index of <paramref name="symbol"/> in <see cref="Symbols"/> (exact spelling), or -1.</summary>
    public int SymbolIndex(string symbol)
    {
        for (var i = 0; i < symbols.Length; i++)
        {
            if (string.Equals(symbols[i], symbol, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when the venue sends its WebSocket messages as binary frames (Upbit, Bithumb) rather than text frames (Binance).</summary>
    public abstract bool SendsBinaryFrames { get; }

    /// <summary>
    /// Answers an HTTP request to the venue's API: its wallet endpoint (public or keyed, with the venue's authentication; see
    /// <see cref="SimWallets"/>), else a GET of its public REST (<see cref="HandleRest(string)"/>); other methods get 405.
    /// </summary>
    public SimHttpResponse HandleHttp(SimHttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (walletApi.Handle(request) is { } wallet)
        {
            return wallet;
        }

        return string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase)
            ? HandleRest(request.PathAndQuery)
            : new SimHttpResponse(405, "{\"error\":\"only GET is simulated\"}"u8.ToArray());
    }

    /// <summary>Answers a REST request of the venue's public API (GET), e.g. "/api/v3/depth?symbol=BTCUSDT&amp;limit=100".</summary>
    public abstract SimHttpResponse HandleRest(string pathAndQuery);

    /// <summary>Opens the protocol state of a WebSocket handshake to <paramref name="pathAndQuery"/>; null with an HTTP <paramref name="rejection"/> when the path or stream is not valid.</summary>
    public abstract SimSession? OpenSession(string pathAndQuery, out SimHttpResponse? rejection);

    /// <summary>
    /// The simulator's own endpoints: GET /_sim/books[?symbol=S[&amp;seq=N]], GET /_sim/faults,
    /// POST /_sim/dislocate?asset=BTC&amp;bps=80&amp;seconds=5, POST /_sim/fault?kind=SequenceGap[&amp;symbol=S],
    /// POST /_sim/wallet?asset=XRP&amp;network=XRP[&amp;deposit=true|false][&amp;withdraw=true|false], GET /_sim/wallet.
    /// </summary>
    public SimHttpResponse HandleControl(string method, string pathAndQuery, long nowMicros)
    {
        var query = new QueryString(pathAndQuery);
        var isGet = string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);
        var isPost = string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase);
        switch (query.Path)
        {
            case "/_sim/books" when isGet:
                return BooksResponse(query);
            case "/_sim/faults" when isGet:
                return FaultsResponse();
            case "/_sim/dislocate" when isPost:
                return DislocateResponse(query, nowMicros);
            case "/_sim/fault" when isPost:
                return FaultResponse(query);
            case "/_sim/wallet" when isPost:
                return WalletResponse(query);
            case "/_sim/wallet" when isGet:
                return WalletsResponse(Wallets.All);
            case "/_sim/books" or "/_sim/faults" or "/_sim/dislocate" or "/_sim/fault" or "/_sim/wallet":
                return ControlError(405, $"{method} is not allowed on {query.Path}");
            default:
                return ControlError(404, $"unknown simulator endpoint {query.Path}");
        }
    }

    private protected static int SeedFor(int seed, VenueId venue, int stream) => unchecked((seed * 1_000_003) + ((int)venue * 7919) + stream);

    private protected void InitTruth(int index, BookVersion initial) => truth[index] = new TruthRing(TruthCapacity, initial);

    /// <summary>Latest version of a symbol; call under <see cref="Gate"/>.</summary>
    private protected BookVersion Latest(int index) => truth[index].Latest;

    private protected void AddTruth(int index, BookVersion version) => truth[index].Add(version);

    /// <summary>Compares the model's book with the last published version; records a new version and returns its frame, or null when nothing changed.</summary>
    private protected abstract SimOutput? BuildFrame(int index, long nowMicros);

    /// <summary>A venue-wide message of this step that belongs to no symbol (Kraken's heartbeat), sent before the symbols' frames and withheld during a stall; none by default.</summary>
    private protected virtual SimOutput? BuildVenueFrame(long nowMicros) => null;

    /// <summary>Garbage derived from a real frame.</summary>
    private protected abstract SimOutput BuildMalformed(SimOutput real, MalformedVariant variant, Random random);

    /// <summary>ChecksumCorruption: <paramref name="real"/> with one level altered but still carrying the true book's checksum (tag it with the fault).</summary>
    private protected virtual SimOutput BuildChecksumCorrupted(SimOutput real, Random random) =>
        throw new NotSupportedException($"{Venue.Name()} has no checksum.");

    /// <summary>ChecksumZero: <paramref name="real"/> with its checksum field 0 (tag it with the fault).</summary>
    private protected virtual SimOutput BuildChecksumZero(SimOutput real) =>
        throw new NotSupportedException($"{Venue.Name()} has no checksum.");

    /// <summary>BadTick: <paramref name="real"/> with its top replaced by a nonsense but well-formed book; the truth keeps the real one (tag it with the fault).</summary>
    private protected virtual SimOutput BuildBadTick(SimOutput real) =>
        throw new NotSupportedException($"{Venue.Name()} has no bad-tick fault.");

    /// <summary>SequenceReset: the next frame of symbol <paramref name="index"/> starts a new, lower sequence (record its truth with <see cref="ResetTruth"/>).</summary>
    private protected virtual void ResetSequence(int index, long nowMicros) =>
        throw new NotSupportedException($"{Venue.Name()} has no sequence reset.");

    /// <summary>
    /// False for a frame that must reach clients exactly as built, because no client could detect its loss or delay (Bybit's
    /// u = 1 restart snapshot): it takes no frame fault (a queued one waits for the symbol's next frame), and a frame held
    /// back by a Reorder is sent just before it rather than after.
    /// </summary>
    private protected virtual bool TakesFrameFaults(SimOutput frame) => true;

    /// <summary>
    /// Starts a symbol's truth history again at <paramref name="version"/> (after a sequence reset, older sequences may repeat).
    /// The history before the reset stays readable (the new one wins where both hold a sequence) until the next reset: clients
    /// hold those books, and may cite them, until the reset's frame reaches them.
    /// </summary>
    private protected void ResetTruth(int index, BookVersion version)
    {
        truthBeforeReset[index] = truth[index];
        truth[index] = new TruthRing(TruthCapacity, version);
    }

    /// <summary>Applies a pending fault of <paramref name="kind"/> now if one is queued (a session's subscribe refusal); true when it did.</summary>
    internal bool TryTakeFault(FaultKind kind)
    {
        lock (Gate)
        {
            for (var i = 0; i < pending.Count; i++)
            {
                if (pending[i].Kind == kind)
                {
                    pending.RemoveAt(i);
                    Faults.Increment(kind);
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Admits a WebSocket handshake at <paramref name="nowMicros"/>, or refuses it with HTTP 429 (a queued ConnectionRefused fault, or over <see cref="ConnectLimit"/>: counted as a breach).</summary>
    public bool TryAdmitConnection(long nowMicros, [NotNullWhen(false)] out SimHttpResponse? rejection)
    {
        if (TryTakeFault(FaultKind.ConnectionRefused))
        {
            rejection = TooManyRequests("connection refused: too many connections from this IP (injected)");
            return false;
        }

        lock (Gate)
        {
            if (ConnectLimit is { } limit)
            {
                connectWindow ??= new SlidingWindow(limit);
                if (!connectWindow.TryAdd(nowMicros))
                {
                    Limits.ConnectBreach();
                    rejection = TooManyRequests($"connection limit of {limit.Count} per {limit.Window} exceeded");
                    return false;
                }
            }
        }

        Limits.ConnectAccepted();
        rejection = null;
        return true;
    }

    /// <summary>The window for <see cref="MessageLimit"/> of a new connection: a fresh one, or the venue's shared one when the limit is per IP; null when the venue has none.</summary>
    internal SlidingWindow? NewMessageWindow()
    {
        if (MessageLimit is not { } limit)
        {
            return null;
        }

        if (!MessageLimitPerIp)
        {
            return new SlidingWindow(limit);
        }

        lock (Gate)
        {
            return sharedMessageWindow ??= new SlidingWindow(limit);
        }
    }

    private static SimHttpResponse TooManyRequests(string message) =>
        SimHttpResponse.Json(429, SimJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        }));

    private protected int RequireSymbol(string symbol)
    {
        var index = SymbolIndex(symbol);
        return index >= 0 ? index : throw new ArgumentException($"Unknown {Venue.Name()} symbol '{symbol}'.", nameof(symbol));
    }

    /// <summary>Before the model steps: draws this step's random faults and asks the model for the requested crossings.</summary>
    internal void PrepareStep()
    {
        lock (Gate)
        {
            foreach (var kind in Kinds)
            {
                // Always draw, so that one kind's rate does not shift the others' draws.
                var hit = faultRandom.NextDouble() < venueOptions.Faults.Get(kind);
                if (hit && pending.Count < MaxPendingFaults && CanInject(kind))
                {
                    pending.Add(new PendingFault(kind, null));
                }
            }

            Array.Clear(crossedThisStep);
            for (var i = 0; i < pending.Count; i++)
            {
                if (pending[i].Kind != FaultKind.CrossedBook)
                {
                    continue;
                }

                var index = pending[i].Symbol is { } s ? SymbolIndex(s) : PickCrossable();
                if (index >= 0 && !crossedThisStep[index] && Model.Book(Venue, index).TryRequestCross())
                {
                    crossedThisStep[index] = true;
                    Faults.Increment(FaultKind.CrossedBook);
                    pending.RemoveAt(i--);
                }
            }
        }
    }

    /// <summary>After the model stepped: builds this step's outputs and applies the venue-wide and frame faults.</summary>
    internal IReadOnlyList<SimOutput> Publish(long nowMicros)
    {
        lock (Gate)
        {
            lastStepMicros = nowMicros;
            var outputs = new List<SimOutput>();
            var stalled = nowMicros < stalledUntil;
            for (var i = 0; i < pending.Count; i++)
            {
                var kind = pending[i].Kind;
                if (kind == FaultKind.DroppedConnection)
                {
                    outputs.Add(SimOutput.Disconnect(Venue));
                }
                else if (kind == FaultKind.SilentStall && !stalled)
                {
                    stalled = true;
                    stalledUntil = nowMicros + (venueOptions.StallDuration.Ticks / 10);
                    outputs.Add(SimOutput.Stall(Venue, venueOptions.StallDuration));
                }
                else
                {
                    continue;
                }

                Faults.Increment(kind);
                pending.RemoveAt(i--);
            }

            for (var i = 0; i < pending.Count; i++)
            {
                if (pending[i].Kind != FaultKind.SequenceReset)
                {
                    continue;
                }

                var index = pending[i].Symbol is { } s ? SymbolIndex(s) : faultRandom.Next(symbols.Length);
                ResetSequence(index, nowMicros);
                Faults.Increment(FaultKind.SequenceReset);
                pending.RemoveAt(i--);
            }

            var frames = new SimOutput?[symbols.Length];
            for (var i = 0; i < symbols.Length; i++)
            {
                frames[i] = BuildFrame(i, nowMicros);
                if (crossedThisStep[i] && frames[i] is { } crossed)
                {
                    frames[i] = crossed.Tagged(FaultKind.CrossedBook);
                }
            }

            if (stalled)
            {
                return outputs; // frames are withheld; the truth already has them
            }

            if (BuildVenueFrame(nowMicros) is { } venueFrame)
            {
                outputs.Add(venueFrame);
            }

            var assigned = new FaultKind?[symbols.Length];
            for (var i = 0; i < pending.Count; i++)
            {
                var p = pending[i];
                if (p.Kind is not (FaultKind.SequenceGap or FaultKind.Duplicate or FaultKind.Reorder or FaultKind.MalformedFrame or FaultKind.ChecksumCorruption or FaultKind.ChecksumZero or FaultKind.BadTick))
                {
                    continue;
                }

                var index = p.Symbol is { } s ? SymbolIndex(s) : PickFaultable(frames, assigned);
                if (index >= 0 && IsFaultable(index, frames, assigned))
                {
                    assigned[index] = p.Kind;
                    Faults.Increment(p.Kind);
                    pending.RemoveAt(i--);
                }
            }

            if (venueOptions.BadTickEvery > 0 && DataQualityFaults.Contains(FaultKind.BadTick))
            {
                // The periodic bad tick: every BadTickEvery-th frame of a symbol, counted over the frames built (sent or not).
                for (var i = 0; i < symbols.Length; i++)
                {
                    if (frames[i] is not null && --badTickCountdown[i] == 0)
                    {
                        badTickCountdown[i] = venueOptions.BadTickEvery;
                        if (assigned[i] is null && held[i] is null)
                        {
                            assigned[i] = FaultKind.BadTick;
                            Faults.Increment(FaultKind.BadTick);
                        }
                    }
                }
            }

            for (var i = 0; i < symbols.Length; i++)
            {
                if (frames[i] is not { } real)
                {
                    continue;
                }

                if (held[i] is { } late)
                {
                    if (TakesFrameFaults(real))
                    {
                        outputs.Add(real);
                        outputs.Add(late);
                    }
                    else
                    {
                        // A frame that must arrive as built is not overtaken: the held one goes first, in order.
                        outputs.Add(late);
                        outputs.Add(real);
                    }

                    held[i] = null;
                    continue;
                }

                switch (assigned[i])
                {
                    case FaultKind.SequenceGap:
                        break;
                    case FaultKind.Duplicate:
                        outputs.Add(real);
                        outputs.Add(real.Tagged(FaultKind.Duplicate));
                        break;
                    case FaultKind.Reorder:
                        held[i] = real.Tagged(FaultKind.Reorder);
                        break;
                    case FaultKind.MalformedFrame:
                        var variant = (MalformedVariant)faultRandom.Next(MalformedVariantCount);
                        outputs.Add(BuildMalformed(real, variant, faultRandom));
                        outputs.Add(real);
                        break;
                    case FaultKind.ChecksumCorruption:
                        outputs.Add(BuildChecksumCorrupted(real, faultRandom));
                        break;
                    case FaultKind.ChecksumZero:
                        outputs.Add(BuildChecksumZero(real));
                        break;
                    case FaultKind.BadTick:
                        outputs.Add(BuildBadTick(real));
                        break;
                    default:
                        outputs.Add(real);
                        break;
                }
            }

            return outputs;
        }
    }

    private bool IsCrossable(int index) => !crossedThisStep[index] && !Model.Book(Venue, index).IsCrossedOrPending;

    private bool IsFaultable(int index, SimOutput?[] frames, FaultKind?[] assigned) =>
        frames[index] is { } frame && TakesFrameFaults(frame) && assigned[index] is null && held[index] is null;

    /// <summary>A seeded random symbol that can take a crossing now, or -1.</summary>
    private int PickCrossable()
    {
        var count = 0;
        for (var k = 0; k < symbols.Length; k++)
        {
            count += IsCrossable(k) ? 1 : 0;
        }

        var pick = count == 0 ? -1 : faultRandom.Next(count);
        for (var k = 0; k < symbols.Length && pick >= 0; k++)
        {
            if (IsCrossable(k) && pick-- == 0)
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>A seeded random symbol whose frame of this step can take a frame fault, or -1.</summary>
    private int PickFaultable(SimOutput?[] frames, FaultKind?[] assigned)
    {
        var count = 0;
        for (var k = 0; k < symbols.Length; k++)
        {
            count += IsFaultable(k, frames, assigned) ? 1 : 0;
        }

        var pick = count == 0 ? -1 : faultRandom.Next(count);
        for (var k = 0; k < symbols.Length && pick >= 0; k++)
        {
            if (IsFaultable(k, frames, assigned) && pick-- == 0)
            {
                return k;
            }
        }

        return -1;
    }

    private SimHttpResponse BooksResponse(QueryString query)
    {
        var symbol = query["symbol"];
        var seqText = query["seq"];
        var books = new List<TruthBook>();
        if (symbol is null)
        {
            foreach (var s in symbols)
            {
                books.Add(CurrentBook(s));
            }
        }
        else if (SymbolIndex(symbol) < 0)
        {
            return ControlError(404, $"unknown symbol '{symbol}'");
        }
        else if (seqText is null)
        {
            books.Add(CurrentBook(symbol));
        }
        else if (!long.TryParse(seqText, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return ControlError(400, $"seq '{seqText}' is not a sequence number");
        }
        else if (TryGetTruthBook(symbol, seq, out var book))
        {
            books.Add(book);
        }
        else
        {
            return ControlError(404, $"no truth for {symbol} at {seq} (gone or never published)");
        }

        return SimHttpResponse.Json(200, SimJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("venue", Venue.Name());
            w.WriteStartArray("books");
            foreach (var b in books)
            {
                w.WriteStartObject();
                w.WriteString("symbol", b.Symbol);
                w.WriteNumber("sequence", b.Sequence);
                w.WriteNumber("timestampMicros", b.TimestampMicros);
                w.WriteBoolean("crossed", b.IsCrossed);
                WriteLevels(w, "bids", b.Bids);
                WriteLevels(w, "asks", b.Asks);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private static void WriteLevels(Utf8JsonWriter w, string name, TruthLevel[] levels)
    {
        w.WriteStartArray(name);
        foreach (var level in levels)
        {
            w.WriteStartArray();
            w.WriteStringValue(FixedPoint.Format(level.Price));
            w.WriteStringValue(FixedPoint.Format(level.Quantity));
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private SimHttpResponse FaultsResponse()
    {
        var counts = Faults.Snapshot();
        var pendingCount = PendingFaultCount;
        var stalledUntilMicros = StalledUntilMicros;
        return SimHttpResponse.Json(200, SimJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("venue", Venue.Name());
            w.WriteStartObject("faults");
            foreach (var (kind, count) in counts)
            {
                w.WriteNumber(kind.ToString(), count);
            }

            w.WriteEndObject();
            w.WriteNumber("pending", pendingCount);
            w.WriteStartObject("limits");
            w.WriteNumber("connectBreaches", Limits.ConnectBreaches);
            w.WriteNumber("messageBreaches", Limits.MessageBreaches);
            w.WriteNumber("connectsAccepted", Limits.ConnectsAccepted);
            w.WriteNumber("messagesAccepted", Limits.MessagesAccepted);
            w.WriteEndObject();
            w.WriteNumber("stalledUntilMicros", Math.Max(0, stalledUntilMicros));
            w.WriteEndObject();
        }));
    }

    private SimHttpResponse DislocateResponse(QueryString query, long nowMicros)
    {
        var asset = query["asset"];
        if (asset is null || DislocationSchedule.IndexOf(Model.Assets, asset) < 0)
        {
            return ControlError(400, $"asset '{asset}' is not one of {string.Join(",", Model.Assets)}");
        }

        if (!double.TryParse(query["bps"], NumberStyles.Float, CultureInfo.InvariantCulture, out var bps) || !double.IsFinite(bps) || Math.Abs(bps) > 5000)
        {
            return ControlError(400, "bps must be a number -5000..5000");
        }

        var secondsText = query["seconds"] ?? "5";
        if (!double.TryParse(secondsText, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds <= 0 || seconds > 3600)
        {
            return ControlError(400, "seconds must be in (0, 3600]");
        }

        var length = (long)(seconds * 1_000_000);
        Model.Dislocate(Venue, asset, bps, nowMicros, length);
        return SimHttpResponse.Json(200, SimJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("venue", Venue.Name());
            w.WriteString("asset", asset.ToUpperInvariant());
            w.WriteNumber("bps", bps);
            w.WriteNumber("startMicros", nowMicros);
            w.WriteNumber("endMicros", nowMicros + length);
            w.WriteEndObject();
        }));
    }

    private SimHttpResponse FaultResponse(QueryString query)
    {
        if (!Enum.TryParse<FaultKind>(query["kind"], ignoreCase: true, out var kind) || !CanInject(kind) || char.IsAsciiDigit(query["kind"]![0]))
        {
            return ControlError(400, $"kind must be one of {string.Join(",", Kinds.Where(CanInject))}");
        }

        var symbol = query["symbol"];
        if (symbol is not null && SymbolIndex(symbol) < 0)
        {
            return ControlError(400, $"unknown symbol '{symbol}'");
        }

        InjectFault(kind, symbol);
        return SimHttpResponse.Json(200, SimJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("venue", Venue.Name());
            w.WriteString("kind", kind.ToString());
            if (symbol is null)
            {
                w.WriteNull("symbol");
            }
            else
            {
                w.WriteString("symbol", symbol);
            }

            w.WriteBoolean("queued", true);
            w.WriteEndObject();
        }));
    }

    private SimHttpResponse WalletResponse(QueryString query)
    {
        var asset = query["asset"];
        var network = query["network"];
        if (string.IsNullOrEmpty(asset) || string.IsNullOrEmpty(network))
        {
            return ControlError(400, "asset and network are required, e.g. /_sim/wallet?asset=XRP&network=XRP&withdraw=false");
        }

        if (!TryFlag(query["deposit"], out var deposit) || !TryFlag(query["withdraw"], out var withdraw))
        {
            return ControlError(400, "deposit and withdraw must be true or false");
        }

        if (deposit is null && withdraw is null)
        {
            return ControlError(400, "give deposit=true|false and/or withdraw=true|false");
        }

        try
        {
            var entry = Wallets.SetOpen(asset, network, deposit, withdraw);
            return WalletsResponse([entry]);
        }
        catch (ArgumentException ex)
        {
            return ControlError(400, ex.Message);
        }
    }

    private SimHttpResponse WalletsResponse(IReadOnlyList<SimWalletNetwork> entries) =>
        SimHttpResponse.Json(200, SimJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("venue", Venue.Name());
            w.WriteStartArray("wallets");
            foreach (var e in entries)
            {
                w.WriteStartObject();
                w.WriteString("asset", e.Asset);
                w.WriteString("network", e.Network);
                w.WriteString("venueNetwork", e.VenueNetwork);
                w.WriteBoolean("deposit", e.DepositOpen);
                w.WriteBoolean("withdraw", e.WithdrawOpen);
                w.WriteString("withdrawFee", FixedPoint.Format(e.WithdrawFee));
                w.WriteString("withdrawMin", FixedPoint.Format(e.WithdrawMin));
                w.WriteNumber("confirmations", e.Confirmations);
                if (e.Contract is null)
                {
                    w.WriteNull("contract");
                }
                else
                {
                    w.WriteString("contract", e.Contract);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));

    private static bool TryFlag(string? text, out bool? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (bool.TryParse(text, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static SimHttpResponse ControlError(int status, string message) =>
        SimHttpResponse.Json(status, SimJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        }));
}
