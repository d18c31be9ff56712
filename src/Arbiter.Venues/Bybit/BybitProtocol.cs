// Bybit v5 spot order books — sync rules (shared/venues/REFERENCE.md §3 "Sequencing"):
// - Subscribe orderbook.{depth}.{symbol} (≤ 10 args per request); the first message after subscribing is a snapshot.
// - ANY snapshot replaces the book (not only the first); a delta with u = 1 is a service restart: treat it as a snapshot.
// - Deltas: consecutiveness of u is unconfirmed in the official docs (JKorf expects u = prev + 1; the captured spot stream
//   in our fixtures steps by 1). Conservative reading: u ≤ local → stale/duplicate, ignored and counted; u > local + 1 →
//   gap: invalidate (SequenceGap) and resubscribe that symbol (unsubscribe + subscribe → a new snapshot).
// - A delta before the first snapshot is ignored. A malformed message of a watched book → invalidate and resubscribe.
// - {"success":false,...} replies are venue errors, counted. Bybit echoes the req_id of the request, which names the topics
//   of a refused subscribe (e.g. a rate limit): those of its books still Syncing are unsubscribed and subscribed again
//   after a back-off (0.5 s doubling to 30 s per refusal in a row), due on the next message received (BybitSubscriptions).
// - Keep-alive: {"op":"ping"} every 20 s; the pong is a JSON message, counted as ignored.
// - MarketEvent.Sequence = u (after a u = 1 restart it starts low again); ExchangeTime = cts (matching engine) if present,
//   else ts, ms → µs.
using System.Globalization;
using Arbiter.Core;

namespace Arbiter.Venues.Bybit;

/// <summary>
/// Bybit v5 spot order books (REFERENCE §3). The market list comes from <c>/v5/market/instruments-info?category=spot</c>;
/// each watched symbol's <c>orderbook.{depth}.{symbol}</c> topic is subscribed on one of as many connections as the
/// per-connection limits need, and kept in sequence by a <see cref="BybitBookSync"/>. A closed connection invalidates its
/// books (Disconnected); an opened one subscribes them again (Syncing until their snapshots).
/// </summary>
public sealed class BybitProtocol : IVenueProtocol
{
    public const string MarketListPath = "/v5/market/instruments-info?category=spot";
    public const string PingText = """{"op":"ping"}""";

    private readonly BybitOptions options;
    private readonly InstrumentCatalog catalog;
    private readonly IMarketEventSink sink;
    private readonly IVenueActions actions;
    private readonly OverflowTracker overflow = new();
    private readonly MarketEvent scratch = new();
    private Utf8SymbolMap<Instrument> symbols = new();
    private VenueBooks<BybitBookSync> books = new();
    private ConnectionSpec[] connections = [];
    private ConnectionTable table = ConnectionTable.Empty;
    private BybitSubscriptions subscriptions;

    /// <param name="options">Validated here.</param>
    /// <param name="catalog">Receives the watched instruments when the market list arrives.</param>
    /// <param name="sink">Where book events go (the engine's queue live, the engine in replay).</param>
    /// <param name="actions">The transport: a <see cref="VenueFeed"/> live, <see cref="NullVenueActions"/> in replay.</param>
    public BybitProtocol(BybitOptions options, InstrumentCatalog catalog, IMarketEventSink sink, IVenueActions actions)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        this.catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        this.sink = sink ?? throw new ArgumentNullException(nameof(sink));
        this.actions = actions ?? throw new ArgumentNullException(nameof(actions));
        subscriptions = new BybitSubscriptions(actions, 0, options.MaxArgsPerRequest);
        ConnectLimit = new RateLimit(options.MaxConnectsPerFiveMinutes, TimeSpan.FromMinutes(5));
    }

    public VenueId Venue => VenueId.Bybit;

    public VenueCounters Counters { get; } = new();

    public IReadOnlyList<string> MarketListRequests { get; } = [MarketListPath];

    public IReadOnlyList<ConnectionSpec> Connections => connections;

    /// <summary>Bybit: at most 500 new connections per 5 minutes per domain (configurable lower).</summary>
    public RateLimit? ConnectLimit { get; }

    /// <summary>The parsed market list, once it has arrived.</summary>
    public VenueMarkets? Symbols { get; private set; }

    /// <summary>The watched instruments (empty until the market list has arrived).</summary>
    public IReadOnlyList<Instrument> Instruments => Symbols?.Instruments ?? [];

    /// <summary>Unsynced (connection closed), Syncing (waiting for a snapshot) or Synced.</summary>
    public BookSyncState SyncStateOf(Instrument instrument) => BookOf(instrument)?.State ?? BookSyncState.Unsynced;

    /// <summary><c>u</c> of the last applied message of a watched book (0 while not synced).</summary>
    public long LastUpdateIdOf(Instrument instrument) => BookOf(instrument)?.LastUpdateId ?? 0;

    /// <summary>The subscription topic of a watched book, e.g. <c>orderbook.50.BTCUSDT</c>.</summary>
    public string? TopicOf(Instrument instrument) => BookOf(instrument)?.Topic;

    public void OnRestResponse(string pathAndQuery, ReadOnlySpan<byte> body, long receivedAt)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        books.FlushOverflow(overflow, receivedAt);
        if (pathAndQuery != MarketListPath || connections.Length > 0)
        {
            Counters.CountIgnored(); // not ours, or the subscriptions are fixed once connections exist
            return;
        }

        if (!BybitSymbols.TryParse(body, catalog, options.Assets, options.Quotes, out var parsed, out _))
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

        // With an overlapping replacement the previous connection of this spec is still open: from now on its frames and
        // its late close are ignored, and its books start again from the new connection's snapshots.
        subscriptions.Opened(index, connectionId);
        foreach (var book in books.All)
        {
            if (book.Connection == index)
            {
                book.OnOpened(at);
            }
        }

        subscriptions.SubscribeAll(index, books.All);
    }

    public void OnFrame(string connectionId, ReadOnlySpan<byte> utf8, long receivedAt)
    {
        Counters.CountFrame(utf8.Length);
        if (overflow.Pending > 0)
        {
            books.FlushOverflow(overflow, receivedAt);
        }

        var index = table.CurrentIndexOf(connectionId);
        if (index < 0)
        {
            Counters.CountIgnored(); // a superseded (or foreign) connection
            return;
        }

        if (subscriptions.PendingRetries > 0)
        {
            subscriptions.SendDueRetries(receivedAt);
        }

        switch (BybitParser.ParseFrame(utf8, symbols, scratch))
        {
            case BybitFrameKind.Snapshot:
                if (BookOn(index) is { } snapshotBook)
                {
                    snapshotBook.OnSnapshot(scratch, receivedAt);
                }

                break;
            case BybitFrameKind.Delta:
                if (BookOn(index) is { } deltaBook)
                {
                    deltaBook.OnDelta(scratch, receivedAt);
                }

                break;
            case BybitFrameKind.Malformed:
                Counters.CountMalformed();
                if (scratch.Instrument is { } instrument && books.Of(instrument) is { } damaged && damaged.Connection == index)
                {
                    damaged.OnMalformed(receivedAt);
                }

                break;
            case BybitFrameKind.UnknownSymbol:
                Counters.CountUnknownSymbol();
                break;
            case BybitFrameKind.VenueError:
                Counters.CountVenueError();
                subscriptions.OnReply(scratch.Sequence, success: false, receivedAt); // a refused subscribe of ours is retried
                break;
            case BybitFrameKind.Ack:
                subscriptions.OnReply(scratch.Sequence, success: true, receivedAt);
                Counters.CountIgnored();
                break;
            default:
                Counters.CountIgnored(); // pongs, other topics
                break;
        }
    }

    public void OnClosed(string connectionId, long at)
    {
        var index = table.Closed(connectionId);
        if (index >= 0)
        {
            subscriptions.Closed(index); // first: an owed resubscribe must not go out on the closing connection
        }

        books.FlushOverflow(overflow, at);
        if (index < 0)
        {
            Counters.CountIgnored(); // the late close of a superseded connection, or not ours
            return;
        }

        foreach (var book in books.All)
        {
            if (book.Connection == index)
            {
                book.OnClosed(at);
            }
        }
    }

    private BybitBookSync? BookOf(Instrument instrument) => books.Of(instrument);

    /// <summary>The book of the parsed message when it belongs on connection <paramref name="index"/>; otherwise counts it and returns null.</summary>
    private BybitBookSync? BookOn(int index)
    {
        if (books.Of(scratch.Instrument!) is not { } book)
        {
            Counters.CountUnknownSymbol();
            return null;
        }

        if (book.Connection != index)
        {
            Counters.CountIgnored(); // never subscribed there
            return null;
        }

        return book;
    }

    private void Load(VenueMarkets parsed)
    {
        Symbols = parsed;
        symbols = parsed.BySymbol;
        var instruments = parsed.Instruments;
        if (instruments.Count == 0)
        {
            return; // none of the configured markets is listed: no connection (the feed retries the list)
        }

        // Spread the topics: a new connection when the symbol count or the args' total length would pass its limit.
        var connectionOf = new int[instruments.Count];
        var count = 0;
        var chars = 0;
        var connection = 0;
        for (var i = 0; i < instruments.Count; i++)
        {
            var cost = BybitBookSync.TopicFor(options.Depth, instruments[i].Symbol).Length + 3; // "topic",
            if (count > 0 && (count == options.MaxSymbolsPerConnection || chars + cost > options.MaxArgsCharsPerConnection))
            {
                connection++;
                count = 0;
                chars = 0;
            }

            connectionOf[i] = connection;
            count++;
            chars += cost;
        }

        var specs = new ConnectionSpec[connection + 1];
        var url = new Uri(options.WsUrl);
        for (var c = 0; c < specs.Length; c++)
        {
            specs[c] = new ConnectionSpec("bybit-" + c.ToString(CultureInfo.InvariantCulture), url, PingText, options.PingInterval, options.MaxLifetime)
            {
                IdleTimeout = options.IdleTimeout,
                SendLimit = new RateLimit(options.MaxMessagesPerSecond, TimeSpan.FromSeconds(1)),
                OverlapOnLifetime = options.MaxLifetime is not null,
            };
        }

        subscriptions = new BybitSubscriptions(actions, specs.Length, options.MaxArgsPerRequest);
        var subs = subscriptions;
        books = new VenueBooks<BybitBookSync>(
            instruments,
            (instrument, i) => new BybitBookSync(instrument, connectionOf[i], options.Depth, sink, Counters, overflow, subs));
        table = new ConnectionTable(specs);
        connections = specs;
    }
}
