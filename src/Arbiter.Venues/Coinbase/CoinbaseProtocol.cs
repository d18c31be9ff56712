using System.Globalization;
using System.Text;
using Arbiter.Core;

namespace Arbiter.Venues.Coinbase;

// Sync rules (shared/venues/REFERENCE.md §2 "Coinbase (Advanced Trade)", Sequencing and Keep-alive):
// - Each connection subscribes, at once on open, to level2 and to heartbeats for its products (one channel per message;
//   a subscribe must arrive within 5 s). Messages arrive on channel "l2_data".
// - An l2_data event of type "snapshot" replaces the book; "update" applies absolute sizes ("0" removes the level).
//   An update before the book's snapshot is ignored.
// - sequence_num counts per CONNECTION across every channel (heartbeats and subscription acks too). The first message on a
//   connection sets the counter; any other value than last+1 is a gap: every book of that connection is invalidated
//   (SequenceGap) and level2 is resubscribed (unsubscribe + subscribe) for them; the next snapshot resyncs each book.
//   An unreadable message is a hole in that sequence as well: same treatment (MalformedFrame), counter set again by the next message.
// - heartbeats (every 1 s) keep the channels from their 60-90 s idle close; there is no application ping.
// - An error answer ({"type":"error","message":"failure to subscribe"}, no sequence_num) names nothing: level2 for the books
//   still waiting and heartbeats are sent again SubscribeRetryDelay after the last subscription, doubling while errors
//   follow, until a snapshot arrives.

/// <summary>
/// Coinbase Advanced Trade order books over the <c>level2</c> channel (REFERENCE §2): the product list comes from
/// <c>/api/v3/brokerage/market/products</c>; the watched products are spread over connections of at most
/// <see cref="CoinbaseOptions.MaxProductsPerConnection"/>, each kept in sequence by its per-connection
/// <c>sequence_num</c> (see the rules at the top of this file). <see cref="MarketEvent.Sequence"/> and
/// <see cref="MarketEvent.ExchangeTime"/> are the message's <c>timestamp</c> in unix microseconds.
/// </summary>
public sealed class CoinbaseProtocol : IVenueProtocol
{
    public const string ProductsPath = "/api/v3/brokerage/market/products?product_type=SPOT";

    private readonly CoinbaseOptions options;
    private readonly InstrumentCatalog catalog;
    private readonly IMarketEventSink sink;
    private readonly IVenueActions actions;
    private readonly OverflowTracker overflow = new();
    private readonly CoinbaseFrame frame = new();
    private readonly long resubscribeInterval;
    private readonly long snapshotTimeout;
    private readonly long subscribeRetryDelay;
    private Utf8SymbolMap<Instrument> products = new();
    private VenueBooks<CoinbaseBook> books = new();
    private ConnectionSpec[] connections = [];
    private CoinbaseConnection[] states = [];
    private ConnectionTable table = ConnectionTable.Empty;

    /// <param name="options">Validated here.</param>
    /// <param name="catalog">Receives the watched instruments when the product list arrives.</param>
    /// <param name="sink">Where book events go (the engine's queue live, the engine in replay).</param>
    /// <param name="actions">The transport: a <see cref="VenueFeed"/> live, <see cref="NullVenueActions"/> in replay.</param>
    public CoinbaseProtocol(CoinbaseOptions options, InstrumentCatalog catalog, IMarketEventSink sink, IVenueActions actions)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        this.catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        this.sink = sink ?? throw new ArgumentNullException(nameof(sink));
        this.actions = actions ?? throw new ArgumentNullException(nameof(actions));
        resubscribeInterval = options.ResubscribeInterval.Ticks / TimeSpan.TicksPerMicrosecond;
        snapshotTimeout = options.SnapshotTimeout.Ticks / TimeSpan.TicksPerMicrosecond;
        subscribeRetryDelay = options.SubscribeRetryDelay.Ticks / TimeSpan.TicksPerMicrosecond;
    }

    public VenueId Venue => VenueId.Coinbase;

    public VenueCounters Counters { get; } = new();

    public IReadOnlyList<string> MarketListRequests { get; } = [ProductsPath];

    public IReadOnlyList<ConnectionSpec> Connections => connections;

    /// <summary>Coinbase allows 750 new connections per second and IP.</summary>
    public RateLimit? ConnectLimit => new RateLimit(options.ConnectsPerSecond, TimeSpan.FromSeconds(1));

    /// <summary>The parsed product list, once it has arrived.</summary>
    public VenueMarkets? Symbols { get; private set; }

    /// <summary>The watched instruments (empty until the product list has arrived).</summary>
    public IReadOnlyList<Instrument> Instruments => Symbols?.Instruments ?? [];

    /// <summary>Unsynced (connection closed), Syncing (waiting for a snapshot) or Synced.</summary>
    public BookSyncState SyncStateOf(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return books.Of(instrument)?.State ?? BookSyncState.Unsynced;
    }

    public void OnRestResponse(string pathAndQuery, ReadOnlySpan<byte> body, long receivedAt)
    {
        books.FlushOverflow(overflow, receivedAt);
        if (pathAndQuery != ProductsPath || connections.Length > 0)
        {
            Counters.CountIgnored(); // not ours, or the subscriptions are fixed once connections exist
            return;
        }

        if (!CoinbaseSymbols.TryParse(body, catalog, options.Assets, options.Quotes, out var parsed, out _))
        {
            Counters.CountMalformed();
            return;
        }

        Load(parsed);
    }

    public void OnRestFailure(string pathAndQuery, string error, long at)
    {
        Counters.CountRestFailure();
        books.FlushOverflow(overflow, at);
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

        var connection = states[index];
        connection.Reset();
        connection.OpenId = connectionId;
        connection.SubscribedAt = at;
        actions.Send(connectionId, connection.SubscribeLevel2);
        actions.Send(connectionId, connection.SubscribeHeartbeats);
        foreach (var book in books.All)
        {
            if (book.Connection != index)
            {
                continue;
            }

            // A new connection starts a new sequence: nothing before its first snapshot counts.
            book.State = BookSyncState.Syncing;
            if (book.Publisher.TryFlush(at))
            {
                book.Publisher.Syncing(at);
            }
        }
    }

    public void OnFrame(string connectionId, ReadOnlySpan<byte> utf8, long receivedAt)
    {
        Counters.CountFrame(utf8.Length);
        if (overflow.Pending > 0)
        {
            books.FlushOverflow(overflow, receivedAt);
        }

        var index = table.CurrentIndexOf(connectionId);
        if (index < 0 || states[index].OpenId is null)
        {
            Counters.CountIgnored(); // a superseded or closed connection
            return;
        }

        var connection = states[index];
        var kind = CoinbaseParser.ParseFrame(utf8, products, frame);
        if (frame.HasSequence && !InSequence(connection, frame.SequenceNum))
        {
            Counters.CountGap();
            Counters.CountIgnored(); // what the message said is applied by nothing: the resubscription rebuilds every book
            Fault(connection, index, BookInvalidReason.SequenceGap, receivedAt);
        }
        else
        {
            switch (kind)
            {
                case CoinbaseFrameKind.Book:
                    for (var i = 0; i < frame.Count; i++)
                    {
                        Apply(connection, index, frame[i], receivedAt);
                    }

                    if (frame.UnknownProducts > 0)
                    {
                        Counters.CountUnknownSymbol();
                    }

                    break;
                case CoinbaseFrameKind.UnknownSymbol:
                    Counters.CountUnknownSymbol();
                    break;
                case CoinbaseFrameKind.Malformed:
                    Counters.CountMalformed();
                    connection.HasSequence = false; // its sequence_num is unknown: the next message sets the counter
                    Fault(connection, index, BookInvalidReason.MalformedFrame, receivedAt);
                    break;
                case CoinbaseFrameKind.VenueError:
                    // E.g. a refused subscription ({"type":"error","message":"failure to subscribe"}): it names neither channel
                    // nor products, so level2 for the books still waiting and heartbeats are sent again after a back-off.
                    Counters.CountVenueError();
                    connection.Refusals++;
                    connection.ResubscribePending = true;
                    connection.HeartbeatsPending = true;
                    break;
                default:
                    Counters.CountIgnored(); // heartbeats, subscription acks, other channels
                    break;
            }
        }

        ResubscribeIfDue(connection, index, receivedAt);
    }

    public void OnClosed(string connectionId, long at)
    {
        books.FlushOverflow(overflow, at);
        var index = table.Closed(connectionId);
        if (index < 0)
        {
            Counters.CountIgnored(); // not ours, or the late close of a superseded connection
            return;
        }

        states[index].Reset();
        foreach (var book in books.All)
        {
            if (book.Connection != index || book.State == BookSyncState.Unsynced)
            {
                continue;
            }

            book.State = BookSyncState.Unsynced;
            if (book.Publisher.TryFlush(at))
            {
                book.Publisher.Invalidated(BookInvalidReason.Disconnected, at);
            }
        }
    }

    /// <summary>Checks and advances the connection's counter: the first message sets it; afterwards only last+1 is in sequence.</summary>
    private static bool InSequence(CoinbaseConnection connection, long sequence)
    {
        var expected = connection.LastSequence + 1;
        var first = !connection.HasSequence;
        connection.HasSequence = true;
        connection.LastSequence = sequence;
        return first || sequence == expected;
    }

    private void Apply(CoinbaseConnection connection, int index, MarketEvent update, long at)
    {
        var book = books.Of(update.Instrument!);
        if (book is null || book.Connection != index || book.State == BookSyncState.Unsynced)
        {
            Counters.CountIgnored(); // not subscribed on this connection
            return;
        }

        var snapshot = update.Kind == MarketEventKind.BookSnapshot;
        if (!snapshot && book.State != BookSyncState.Synced)
        {
            Counters.CountIgnored(); // an update before the book's snapshot
            return;
        }

        if (!book.Publisher.TryFlush(at))
        {
            // Still owed an invalidation the queue could not take: nothing else about this book goes first, and this
            // message is lost to it, so it needs a snapshot again.
            Lose(connection, book, countResync: false);
            return;
        }

        var e = book.Publisher.Rent(update.Kind, at);
        e.Sequence = update.Sequence;
        e.ExchangeTime = update.ExchangeTime;
        e.Depth = 0; // level2 is the whole book
        e.Bids.CopyFrom(update.Bids);
        e.Asks.CopyFrom(update.Asks);
        if (!book.Publisher.Publish(e))
        {
            // The engine never saw this event: its copy of the book is lost (the invalidation is owed).
            Lose(connection, book, countResync: true);
            return;
        }

        book.State = BookSyncState.Synced;
        if (snapshot)
        {
            connection.Refusals = 0; // a subscription went through
        }
    }

    /// <summary>The book needs a new snapshot: back to Syncing, and a level2 resubscription is owed on its connection.</summary>
    private void Lose(CoinbaseConnection connection, CoinbaseBook book, bool countResync)
    {
        if (countResync || book.State == BookSyncState.Synced)
        {
            Counters.CountResync();
        }

        book.State = BookSyncState.Syncing;
        connection.ResubscribePending = true;
    }

    /// <summary>The connection's sequence is broken: every synced book on it is invalidated and level2 is resubscribed.</summary>
    private void Fault(CoinbaseConnection connection, int index, BookInvalidReason reason, long at)
    {
        foreach (var book in books.All)
        {
            if (book.Connection != index || book.State != BookSyncState.Synced)
            {
                continue; // books still waiting for a snapshot simply go on waiting for the resubscription's one
            }

            Counters.CountResync();
            book.State = BookSyncState.Syncing;
            if (book.Publisher.TryFlush(at) && book.Publisher.Invalidated(reason, at))
            {
                book.Publisher.Syncing(at);
            }
        }

        connection.ResubscribePending = true;
    }

    /// <summary>
    /// Resubscribes level2 for the connection's unsynced books when a resubscription is owed and the last one is at least
    /// <see cref="CoinbaseOptions.ResubscribeInterval"/> old, or when a book has waited <see cref="CoinbaseOptions.SnapshotTimeout"/>
    /// for its snapshot (a lost snapshot or a refused subscription). Driven by frames: heartbeats arrive every second.
    /// </summary>
    private void ResubscribeIfDue(CoinbaseConnection connection, int index, long at)
    {
        var since = at - connection.SubscribedAt;
        var wait = connection.Refusals > 0 ? RetryDelay(connection.Refusals) : resubscribeInterval;
        if (connection.OpenId is not { } openId
            || !((connection.ResubscribePending && since >= wait) || since >= snapshotTimeout))
        {
            return;
        }

        if (connection.HeartbeatsPending)
        {
            connection.HeartbeatsPending = false;
            actions.Send(openId, connection.SubscribeHeartbeats);
        }

        List<string>? waiting = null;
        foreach (var book in books.All)
        {
            if (book.Connection == index && book.State == BookSyncState.Syncing)
            {
                (waiting ??= []).Add(book.Instrument.Symbol);
            }
        }

        connection.ResubscribePending = false;
        if (waiting is null)
        {
            // Nothing waits: restart the timeout from now. Every way back to Syncing either reopens the connection or owes
            // a resubscription, so no book can wait unnoticed.
            connection.SubscribedAt = at;
            return;
        }

        connection.SubscribedAt = at;
        actions.Send(openId, Request("unsubscribe", "level2", waiting));
        actions.Send(openId, Request("subscribe", "level2", waiting));
    }

    /// <summary>The wait before retrying after the <paramref name="refusals"/>-th error answer in a row: SubscribeRetryDelay, doubled each time, at most 30 s.</summary>
    private long RetryDelay(int refusals) =>
        Math.Min(subscribeRetryDelay << Math.Min(refusals - 1, 16), CoinbaseOptions.MaxSubscribeRetryDelay.Ticks / TimeSpan.TicksPerMicrosecond);

    private void Load(VenueMarkets parsed)
    {
        Symbols = parsed;
        products = parsed.BySymbol;
        var instruments = parsed.Instruments;
        if (instruments.Count == 0)
        {
            return; // none of the configured markets is listed: no connection
        }

        var perConnection = options.MaxProductsPerConnection;
        var count = (instruments.Count + perConnection - 1) / perConnection;

        // The 8 messages per second are per IP: each connection gets an equal share (at least one per second).
        var sendLimit = new RateLimit(Math.Max(1, options.MessagesPerSecond / count), TimeSpan.FromSeconds(1));
        var specs = new ConnectionSpec[count];
        var connectionStates = new CoinbaseConnection[count];
        for (var c = 0; c < count; c++)
        {
            var start = c * perConnection;
            var ids = new string[Math.Min(perConnection, instruments.Count - start)];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = instruments[start + i].Symbol;
            }

            connectionStates[c] = new CoinbaseConnection(Request("subscribe", "level2", ids), Request("subscribe", "heartbeats", ids));
            specs[c] = new ConnectionSpec("coinbase-" + c.ToString(CultureInfo.InvariantCulture), new Uri(options.WsUrl))
            {
                IdleTimeout = options.IdleTimeout,
                SendLimit = sendLimit,
            };
        }

        books = new VenueBooks<CoinbaseBook>(instruments, (instrument, i) => new CoinbaseBook(new BookPublisher(sink, instrument, Counters, overflow), i / perConnection));
        states = connectionStates;
        table = new ConnectionTable(specs);
        connections = specs;
    }

    /// <summary><c>{"type":"subscribe","product_ids":["BTC-USD",..],"channel":"level2"}</c>: one channel per message, as Coinbase requires.</summary>
    private static string Request(string type, string channel, IReadOnlyList<string> productIds)
    {
        var text = new StringBuilder("{\"type\":\"").Append(type).Append("\",\"product_ids\":[");
        for (var i = 0; i < productIds.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append('"').Append(productIds[i]).Append('"');
        }

        return text.Append("],\"channel\":\"").Append(channel).Append("\"}").ToString();
    }
}
