using System.Text;
using Arbiter.Core;

namespace Arbiter.Venues.Upbit;

/// <summary>
/// Upbit KRW order books (REFERENCE §5). There is no sequence number: every orderbook message is a full top-N snapshot
/// that replaces the book, unless its timestamp is older than the last one applied (ignored and counted). One connection
/// carries every market; on open it subscribes with <c>[{"ticket":..},{"type":"orderbook","codes":["KRW-BTC.15",..]},{"format":"DEFAULT"}]</c>
/// and marks the books Syncing; on close it invalidates them (Disconnected). The text "PING" keeps the socket alive; its
/// answer <c>{"status":"UP"}</c> is ignored.
/// </summary>
public sealed class UpbitProtocol : IVenueProtocol
{
    public const string MarketListPath = "/v1/market/all?is_details=true";
    public const string ConnectionName = "upbit-0";

    private readonly UpbitOptions options;
    private readonly InstrumentCatalog catalog;
    private readonly IMarketEventSink sink;
    private readonly IVenueActions actions;
    private readonly OverflowTracker overflow = new();
    private readonly MarketEvent scratch = new();
    private Utf8SymbolMap<Instrument> codes = new();
    private UpbitBook?[] byInstrumentId = [];
    private UpbitBook[] books = [];
    private ConnectionSpec[] connections = [];
    private string subscription = "";

    /// <param name="options">Validated here.</param>
    /// <param name="catalog">Receives the watched instruments when the market list arrives.</param>
    /// <param name="sink">Where book events go.</param>
    /// <param name="actions">The transport: a <see cref="VenueFeed"/> live, <see cref="NullVenueActions"/> in replay.</param>
    public UpbitProtocol(UpbitOptions options, InstrumentCatalog catalog, IMarketEventSink sink, IVenueActions actions)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        this.catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        this.sink = sink ?? throw new ArgumentNullException(nameof(sink));
        this.actions = actions ?? throw new ArgumentNullException(nameof(actions));
    }

    public VenueId Venue => VenueId.Upbit;

    public VenueCounters Counters { get; } = new();

    public IReadOnlyList<string> MarketListRequests { get; } = [MarketListPath];

    public IReadOnlyList<ConnectionSpec> Connections => connections;

    /// <summary>5 WebSocket connections per second (REFERENCE §5).</summary>
    public RateLimit? ConnectLimit { get; } = new RateLimit(5, TimeSpan.FromSeconds(1));

    /// <summary>The parsed market list, once it has arrived.</summary>
    public VenueMarkets? Symbols { get; private set; }

    public VenueMarkets? Markets => Symbols;

    /// <summary>The watched instruments (empty until the market list has arrived).</summary>
    public IReadOnlyList<Instrument> Instruments => Symbols?.Instruments ?? [];

    /// <summary>Unsynced (connection closed), Syncing (waiting for a message) or Synced.</summary>
    public BookSyncState SyncStateOf(Instrument instrument) => BookOf(instrument)?.State ?? BookSyncState.Unsynced;

    /// <summary>The subscription text sent on every new connection (the ticket names the connection).</summary>
    public string SubscriptionFor(string connectionId) => "[{\"ticket\":\"arbiter-" + connectionId + "\"}," + subscription;

    public void OnRestResponse(string pathAndQuery, ReadOnlySpan<byte> body, long receivedAt)
    {
        FlushOverflow(receivedAt);
        if (pathAndQuery != MarketListPath)
        {
            Counters.CountIgnored();
            return;
        }

        if (connections.Length > 0)
        {
            Counters.CountIgnored(); // the subscription is fixed once the connection exists
            return;
        }

        if (!UpbitSymbols.TryParse(body, catalog, options.Assets, options.Quote, out var parsed, out _))
        {
            Counters.CountMalformed();
            return;
        }

        Load(parsed);
    }

    public void OnRestFailure(string pathAndQuery, string error, long at)
    {
        Counters.CountRestFailure();
        FlushOverflow(at);
    }

    public void OnOpened(string connectionId, long at)
    {
        FlushOverflow(at);
        if (!IsOurs(connectionId))
        {
            Counters.CountIgnored();
            return;
        }

        actions.Send(connectionId, SubscriptionFor(connectionId));
        foreach (var book in books)
        {
            // A new connection starts a new timeline: its first message is accepted whatever its timestamp.
            book.State = BookSyncState.Syncing;
            book.LastTimestamp = long.MinValue;
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
            FlushOverflow(receivedAt);
        }

        switch (UpbitParser.ParseFrame(utf8, codes, scratch))
        {
            case UpbitFrameKind.Orderbook:
                if (BookOf(scratch.Instrument!) is { } book)
                {
                    Apply(book, receivedAt);
                }
                else
                {
                    Counters.CountUnknownSymbol();
                }

                break;
            case UpbitFrameKind.Malformed:
                Counters.CountMalformed();
                if (scratch.Instrument is { } instrument && BookOf(instrument) is { } damaged)
                {
                    Invalidate(damaged, receivedAt);
                }

                break;
            case UpbitFrameKind.UnknownSymbol:
                Counters.CountUnknownSymbol();
                break;
            case UpbitFrameKind.VenueError:
                Counters.CountVenueError();
                break;
            default:
                Counters.CountIgnored(); // pongs and other types
                break;
        }
    }

    public void OnClosed(string connectionId, long at)
    {
        FlushOverflow(at);
        if (!IsOurs(connectionId))
        {
            Counters.CountIgnored();
            return;
        }

        foreach (var book in books)
        {
            if (book.State == BookSyncState.Unsynced)
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

    private static bool IsOurs(string connectionId)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        var hash = connectionId.LastIndexOf('#');
        return (hash < 0 ? connectionId.AsSpan() : connectionId.AsSpan(0, hash)).SequenceEqual(ConnectionName);
    }

    private void Apply(UpbitBook book, long at)
    {
        if (book.State == BookSyncState.Unsynced)
        {
            Counters.CountIgnored(); // no messages are expected while closed
            return;
        }

        var timestamp = scratch.Sequence;
        if (timestamp < book.LastTimestamp)
        {
            Counters.CountIgnored(); // older than the book already applied
            return;
        }

        if (!book.Publisher.TryFlush(at))
        {
            return; // still owed an invalidation the queue could not take: nothing else about this book goes first
        }

        var e = book.Publisher.Rent(MarketEventKind.BookSnapshot, at);
        e.Sequence = timestamp;
        e.ExchangeTime = scratch.ExchangeTime;
        e.Depth = options.Depth;
        e.Bids.CopyFrom(scratch.Bids);
        e.Asks.CopyFrom(scratch.Asks);
        if (!book.Publisher.Publish(e))
        {
            // Lost: the invalidation is owed, and the next message (a full book) resyncs it.
            Counters.CountResync();
            book.State = BookSyncState.Syncing;
            return;
        }

        book.State = BookSyncState.Synced;
        book.LastTimestamp = timestamp;
    }

    private void Invalidate(UpbitBook book, long at)
    {
        if (book.State == BookSyncState.Unsynced)
        {
            return;
        }

        Counters.CountResync();
        book.State = BookSyncState.Syncing;
        if (book.Publisher.TryFlush(at) && book.Publisher.Invalidated(BookInvalidReason.MalformedFrame, at))
        {
            book.Publisher.Syncing(at);
        }
    }

    private UpbitBook? BookOf(Instrument instrument)
    {
        var id = instrument.Id;
        var map = byInstrumentId;
        return (uint)id < (uint)map.Length ? map[id] : null;
    }

    private void FlushOverflow(long at)
    {
        if (overflow.Pending == 0)
        {
            return;
        }

        foreach (var book in books)
        {
            if (book.Publisher.OverflowPending)
            {
                book.Publisher.TryFlush(at);
            }
        }
    }

    private void Load(VenueMarkets parsed)
    {
        Symbols = parsed;
        codes = parsed.BySymbol;
        var instruments = parsed.Instruments;
        if (instruments.Count == 0)
        {
            return; // none of the configured assets is listed: no connection (the feed retries the list)
        }

        var maxId = -1;
        foreach (var instrument in instruments)
        {
            maxId = Math.Max(maxId, instrument.Id);
        }

        byInstrumentId = new UpbitBook?[maxId + 1];
        books = new UpbitBook[instruments.Count];
        var text = new StringBuilder("{\"type\":\"orderbook\",\"codes\":[");
        for (var i = 0; i < instruments.Count; i++)
        {
            var instrument = instruments[i];
            var book = new UpbitBook(new BookPublisher(sink, instrument, Counters, overflow));
            books[i] = book;
            byInstrumentId[instrument.Id] = book;
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append('"').Append(instrument.Symbol).Append('.').Append(options.Depth).Append('"');
        }

        subscription = text.Append("]},{\"format\":\"DEFAULT\"}]").ToString();
        connections =
        [
            new ConnectionSpec(ConnectionName, new Uri(options.WsUrl), "PING", options.PingInterval)
            {
                IdleTimeout = options.IdleTimeout,
            },
        ];
    }
}
