// Gate.io spot order books over spot.order_book_update (REFERENCE §4 "Sequencing", order_book_update; official procedure
// "How to maintain local order book" in the spot WebSocket v4 docs, gateio/gatews local_order_book.py):
//   1. subscribe ["BTC_USDT","100ms"] (one pair per request) and buffer the updates, each covering ids U..u;
//   2. fetch GET /api/v4/spot/order_book?currency_pair=..&limit=100&with_id=true; its "id" is baseId;
//   3. drop buffered updates with u < baseId+1; if baseId+1 < the first buffered U, the snapshot is too old: refetch;
//   4. start at the update with U <= baseId+1 <= u; from then on u <= local id is old (ignored) and U > local id+1 means
//      updates were lost: invalidate (SequenceGap) and rebuild from step 2;
//   5. a message with "full":true is a whole book (of the stream's 100 or 20 levels): it replaces the book whenever it comes.
// The procedure is Binance's with other field names, so the shared BridgedBookSync runs it. A closed connection
// invalidates its books (Disconnected) and clears them; the new connection's subscriptions start the sync again.
// A refused subscription (an error reply naming the pair) is sent again SubscribeRetryDelay later, doubling while the
// pair keeps being refused; frames of the connection's other pairs (or the pong of its ping) carry the time forward.

using System.Globalization;
using Arbiter.Core;

namespace Arbiter.Venues.GateIo;

/// <summary>
/// Gate.io spot order books (REFERENCE §4): market list from <c>/api/v4/spot/currency_pairs</c>, one
/// <c>spot.order_book_update</c> subscription per watched pair spread over connections of at most
/// <see cref="GateIoOptions.MaxPairsPerConnection"/> pairs, each book kept in sequence by a <see cref="BridgedBookSync"/>
/// bridged by the REST book <c>with_id=true</c>. <see cref="MarketEvent.Sequence"/> is <c>u</c> of the last applied update
/// (the REST <c>id</c> for a REST snapshot, <c>u</c> for a full book pushed on the stream); <see cref="MarketEvent.ExchangeTime"/>
/// is the frame's <c>result.t</c> (the REST book's <c>update</c>) in µs; every book event carries the stream depth (100 or 20).
/// </summary>
public sealed class GateIoProtocol : IVenueProtocol
{
    public const string MarketListPath = "/api/v4/spot/currency_pairs";

    /// <summary>
    /// The optional application ping. A connection's ping text is fixed for its lifetime, so it cannot carry the current
    /// time the request format asks for: 0 stands in. Gate is not known to check the time of unsigned requests; if it
    /// rejected the ping, the reply would be counted as a venue error and the server's protocol-level pings would still
    /// keep the connection alive.
    /// </summary>
    public const string PingText = """{"time":0,"channel":"spot.ping"}""";

    private readonly GateIoOptions options;
    private readonly InstrumentCatalog catalog;
    private readonly IMarketEventSink sink;
    private readonly IVenueActions actions;
    private readonly OverflowTracker overflow = new();
    private readonly MarketEvent scratch = new();
    private readonly LevelList snapshotBids = new(256);
    private readonly LevelList snapshotAsks = new(256);
    private readonly BridgedBookSyncSettings syncSettings;
    private readonly Dictionary<string, BridgedBookSync> bySnapshotPath = new(StringComparer.Ordinal);
    private Utf8SymbolMap<Instrument> symbols = new();
    private VenueBooks<BridgedBookSync> books = new();
    private ConnectionSpec[] connections = [];
    private ConnectionTable table = ConnectionTable.Empty;

    // Per book (in books order): when its refused subscription is due again (0 = none), and its refusals in a row.
    private long[] resubscribeAt = [];
    private int[] refusals = [];
    private int waitingResubscribes;

    /// <param name="options">Validated here.</param>
    /// <param name="catalog">Receives the watched instruments when the market list arrives.</param>
    /// <param name="sink">Where book events go (the engine's queue live, the engine in replay).</param>
    /// <param name="actions">The transport: a <see cref="VenueFeed"/> live, <see cref="NullVenueActions"/> in replay.</param>
    public GateIoProtocol(GateIoOptions options, InstrumentCatalog catalog, IMarketEventSink sink, IVenueActions actions)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        this.catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        this.sink = sink ?? throw new ArgumentNullException(nameof(sink));
        this.actions = actions ?? throw new ArgumentNullException(nameof(actions));
        syncSettings = new BridgedBookSyncSettings(GateIoParser.TryParseSnapshot, options.SnapshotRetryDelay, options.MaxBufferedUpdates)
        {
            Depth = options.Depth,
            SnapshotMayPrecedeFirstUpdate = true,
        };
    }

    public VenueId Venue => VenueId.GateIo;

    public VenueCounters Counters { get; } = new();

    public IReadOnlyList<string> MarketListRequests { get; } = [MarketListPath];

    public IReadOnlyList<ConnectionSpec> Connections => connections;

    /// <summary>Gate publishes no connect limit: <see cref="GateIoOptions.ConnectsPerWindow"/> per <see cref="GateIoOptions.ConnectWindow"/> is a conservative choice.</summary>
    public RateLimit? ConnectLimit => new RateLimit(options.ConnectsPerWindow, options.ConnectWindow);

    /// <summary>The parsed market list, once it has arrived.</summary>
    public VenueMarkets? Symbols { get; private set; }

    /// <summary>The watched instruments (empty until the market list has arrived).</summary>
    public IReadOnlyList<Instrument> Instruments => Symbols?.Instruments ?? [];

    /// <summary>Unsynced (connection closed), Syncing (waiting for a snapshot that bridges the stream) or Synced.</summary>
    public BookSyncState SyncStateOf(Instrument instrument) => books.Of(instrument)?.State ?? BookSyncState.Unsynced;

    /// <summary>The local update id of a watched book (0 while not synced).</summary>
    public long LastUpdateIdOf(Instrument instrument) => books.Of(instrument)?.LastUpdateId ?? 0;

    /// <summary>The REST path of a pair's snapshot: as many levels as the stream keeps, with the update id.</summary>
    public string SnapshotPathOf(string pair) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/v4/spot/order_book?currency_pair={pair}&limit={options.Depth}&with_id=true");

    /// <summary>The subscribe request for one pair; <paramref name="at"/> (unix µs) gives its "time" in seconds.</summary>
    public string SubscriptionFor(string pair, long at) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"time":{{at / 1_000_000}},"channel":"spot.order_book_update","event":"subscribe","payload":["{{pair}}","{{options.Interval}}"]}""");

    public void OnRestResponse(string pathAndQuery, ReadOnlySpan<byte> body, long receivedAt)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        books.FlushOverflow(overflow, receivedAt);
        if (pathAndQuery == MarketListPath)
        {
            LoadMarkets(body);
        }
        else if (bySnapshotPath.TryGetValue(pathAndQuery, out var book))
        {
            book.OnSnapshot(body, snapshotBids, snapshotAsks, receivedAt);
        }
        else
        {
            Counters.CountIgnored();
        }
    }

    public void OnRestFailure(string pathAndQuery, string error, long at)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        Counters.CountRestFailure();
        books.FlushOverflow(overflow, at);
        if (bySnapshotPath.TryGetValue(pathAndQuery, out var book))
        {
            book.OnSnapshotFailed(at);
        }
    }

    public void OnOpened(string connectionId, long at)
    {
        books.FlushOverflow(overflow, at);
        var index = table.Opened(connectionId);
        if (index < 0)
        {
            Counters.CountIgnored();
            return;
        }

        var all = books.All;
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i].Connection == index)
            {
                CancelResubscribe(i); // this subscription replaces it
                actions.Send(connectionId, SubscriptionFor(all[i].Instrument.Symbol, at));
                all[i].OnOpened(at);
            }
        }
    }

    public void OnFrame(string connectionId, ReadOnlySpan<byte> utf8, long receivedAt)
    {
        Counters.CountFrame(utf8.Length);
        books.FlushOverflow(overflow, receivedAt);
        var index = table.CurrentIndexOf(connectionId);
        if (index < 0)
        {
            Counters.CountIgnored(); // a superseded or foreign connection
            return;
        }

        switch (GateIoParser.ParseFrame(utf8, symbols, scratch, out var first))
        {
            case GateIoFrameKind.BookUpdate:
                if (BookOn(index) is { } book)
                {
                    book.OnUpdate(scratch, first, receivedAt);
                }

                break;
            case GateIoFrameKind.BookSnapshot:
                if (BookOn(index) is { } full)
                {
                    full.OnStreamSnapshot(scratch, receivedAt);
                }

                break;
            case GateIoFrameKind.Malformed:
                Counters.CountMalformed();
                if (scratch.Instrument is not null && BookOn(index) is { } damaged)
                {
                    damaged.OnMalformed(receivedAt);
                }

                break;
            case GateIoFrameKind.UnknownSymbol:
                Counters.CountUnknownSymbol();
                break;
            case GateIoFrameKind.SubscribeRefused:
                // The book stays Syncing (no updates come for it) until the subscription is sent again and accepted.
                Counters.CountVenueError();
                if (BookOn(index) is { } refused)
                {
                    ScheduleResubscribe(refused, receivedAt);
                }

                break;
            case GateIoFrameKind.VenueError:
                Counters.CountVenueError();
                break;
            case GateIoFrameKind.Ack:
                Counters.CountIgnored();
                if (scratch.Instrument is { } acked && books.Of(acked) is { } subscribed)
                {
                    refusals[PositionOf(subscribed)] = 0; // accepted: the next refusal waits the shortest delay again
                }

                break;
            default:
                Counters.CountIgnored(); // pongs and channels we do not use
                break;
        }

        if (waitingResubscribes > 0)
        {
            ResubscribeDue(index, connectionId, receivedAt);
        }
    }

    public void OnClosed(string connectionId, long at)
    {
        books.FlushOverflow(overflow, at);
        var index = table.Closed(connectionId);
        if (index < 0)
        {
            Counters.CountIgnored(); // not ours, or a connection a newer one already replaced
            return;
        }

        var all = books.All;
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i].Connection == index)
            {
                CancelResubscribe(i); // the next connection subscribes anew
                all[i].OnClosed(at);
            }
        }
    }

    /// <summary>The book of the scratch event's instrument when connection <paramref name="index"/> carries it; counted otherwise.</summary>
    private BridgedBookSync? BookOn(int index)
    {
        var book = books.Of(scratch.Instrument!);
        if (book is null)
        {
            Counters.CountUnknownSymbol();
            return null;
        }

        if (book.Connection != index)
        {
            Counters.CountIgnored(); // not subscribed on this connection
            return null;
        }

        return book;
    }

    private void ScheduleResubscribe(BridgedBookSync book, long at)
    {
        var i = PositionOf(book);
        var delay = Math.Min(Micros(options.SubscribeRetryDelay) << Math.Min(refusals[i], 20), Micros(options.MaxSubscribeRetryDelay));
        refusals[i]++;
        if (resubscribeAt[i] == 0)
        {
            waitingResubscribes++;
        }

        resubscribeAt[i] = at + delay;
    }

    /// <summary>Sends the due subscriptions of connection <paramref name="index"/> again.</summary>
    private void ResubscribeDue(int index, string connectionId, long at)
    {
        var all = books.All;
        for (var i = 0; i < all.Length; i++)
        {
            if (resubscribeAt[i] != 0 && at >= resubscribeAt[i] && all[i].Connection == index)
            {
                CancelResubscribe(i);
                actions.Send(connectionId, SubscriptionFor(all[i].Instrument.Symbol, at));
            }
        }
    }

    private void CancelResubscribe(int i)
    {
        if (resubscribeAt[i] != 0)
        {
            resubscribeAt[i] = 0;
            waitingResubscribes--;
        }
    }

    private int PositionOf(BridgedBookSync book)
    {
        var all = books.All;
        for (var i = 0; i < all.Length; i++)
        {
            if (ReferenceEquals(all[i], book))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{book.Instrument} is not a book of this protocol.");
    }

    private static long Micros(TimeSpan value) => value.Ticks / TimeSpan.TicksPerMicrosecond;

    private void LoadMarkets(ReadOnlySpan<byte> body)
    {
        if (connections.Length > 0)
        {
            Counters.CountIgnored(); // the subscriptions are fixed once connections exist
            return;
        }

        if (!GateIoSymbols.TryParse(body, catalog, options.Assets, options.Quotes, out var parsed, out _))
        {
            Counters.CountMalformed();
            return;
        }

        Symbols = parsed;
        symbols = parsed.BySymbol;
        var perConnection = options.MaxPairsPerConnection;
        books = new VenueBooks<BridgedBookSync>(parsed.Instruments, CreateBook);
        resubscribeAt = new long[books.Count];
        refusals = new int[books.Count];
        waitingResubscribes = 0;
        bySnapshotPath.Clear();
        foreach (var book in books.All)
        {
            bySnapshotPath[book.SnapshotPath] = book;
        }

        var specs = new ConnectionSpec[(books.Count + perConnection - 1) / perConnection];
        for (var c = 0; c < specs.Length; c++)
        {
            specs[c] = new ConnectionSpec("gateio-" + c.ToString(CultureInfo.InvariantCulture), new Uri(options.WsUrl), PingText, options.PingInterval)
            {
                IdleTimeout = options.IdleTimeout,
                SendLimit = new RateLimit(options.SubscribesPerSecond, TimeSpan.FromSeconds(1)),
            };
        }

        connections = specs;
        table = new ConnectionTable(specs);
    }

    private BridgedBookSync CreateBook(Instrument instrument, int index) =>
        new(instrument, index / options.MaxPairsPerConnection, SnapshotPathOf(instrument.Symbol), syncSettings, sink, actions, Counters, overflow);
}
