using System.Globalization;
using System.Text;
using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// The protocol of a venue whose every orderbook message is a full top-N snapshot of one market, Upbit-shaped
/// (Upbit REFERENCE §5, Bithumb's current API REFERENCE §6). There is no sequence number:
/// <list type="bullet">
/// <item>every message replaces its book (published as a BookSnapshot), unless its timestamp is older than the last one
/// applied on the same connection (ignored and counted); an equal timestamp replaces (idempotent);</item>
/// <item>the watched codes are spread over connections of at most <see cref="SnapshotBookSettings.MaxCodesPerConnection"/>;
/// each connection sends ONE request with all its codes on open (a later request would replace the earlier one) and
/// marks its books Syncing; the first message on a new connection is accepted whatever its timestamp;</item>
/// <item>a close invalidates the connection's books (Disconnected); frames and the late close of a superseded connection
/// are ignored (<see cref="ConnectionTable"/>);</item>
/// <item>a malformed message of a watched market invalidates that book (MalformedFrame) until the next message, which
/// resyncs it; a refused publish owes a QueueOverflow invalidation and the next message resyncs.</item>
/// </list>
/// The text ping keeps the socket alive; its answer <c>{"status":"UP"}</c> is ignored. Upbit and Bithumb derive from it,
/// each supplying its settings and market-list parser.
/// </summary>
public abstract class SnapshotBookProtocol : IVenueProtocol
{
    private readonly SnapshotBookSettings settings;
    private readonly MarketListParser parseMarkets;
    private readonly IMarketEventSink sink;
    private readonly IVenueActions actions;
    private readonly OverflowTracker overflow = new();
    private readonly MarketEvent scratch = new();
    private Utf8SymbolMap<Instrument> codes = new();
    private VenueBooks<SnapshotBook> books = new();
    private ConnectionTable table = ConnectionTable.Empty;
    private ConnectionSpec[] connections = [];
    private string[] subscriptionTails = [];

    private protected SnapshotBookProtocol(SnapshotBookSettings settings, MarketListParser parseMarkets, IMarketEventSink sink, IVenueActions actions)
    {
        this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
        this.parseMarkets = parseMarkets ?? throw new ArgumentNullException(nameof(parseMarkets));
        this.sink = sink ?? throw new ArgumentNullException(nameof(sink));
        this.actions = actions ?? throw new ArgumentNullException(nameof(actions));
        MarketListRequests = [settings.MarketListPath];
    }

    public VenueId Venue => settings.Venue;

    public VenueCounters Counters { get; } = new();

    public IReadOnlyList<string> MarketListRequests { get; }

    public IReadOnlyList<ConnectionSpec> Connections => connections;

    public RateLimit? ConnectLimit => settings.ConnectLimit;

    /// <summary>The parsed market list, once it has arrived.</summary>
    public VenueMarkets? Symbols { get; private set; }

    /// <summary>The watched instruments (empty until the market list has arrived).</summary>
    public IReadOnlyList<Instrument> Instruments => Symbols?.Instruments ?? [];

    /// <summary>Unsynced (connection closed), Syncing (waiting for a message) or Synced.</summary>
    public BookSyncState SyncStateOf(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return books.Of(instrument)?.State ?? BookSyncState.Unsynced;
    }

    /// <summary>The request sent when <paramref name="connectionId"/> opens (the ticket names the connection).</summary>
    /// <exception cref="ArgumentException">The id is not one of this protocol's connections.</exception>
    public string SubscriptionFor(string connectionId)
    {
        var index = table.IndexOf(connectionId);
        if (index < 0)
        {
            throw new ArgumentException($"'{connectionId}' is not a connection of this protocol.", nameof(connectionId));
        }

        return "[{\"ticket\":\"arbiter-" + connectionId + "\"}" + subscriptionTails[index];
    }

    public void OnRestResponse(string pathAndQuery, ReadOnlySpan<byte> body, long receivedAt)
    {
        books.FlushOverflow(overflow, receivedAt);
        if (pathAndQuery != settings.MarketListPath)
        {
            Counters.CountIgnored();
            return;
        }

        if (connections.Length > 0)
        {
            Counters.CountIgnored(); // the subscriptions are fixed once the connections exist
            return;
        }

        if (!parseMarkets(body, out var parsed))
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

        actions.Send(connectionId, SubscriptionFor(connectionId));
        foreach (var book in books.All)
        {
            if (book.Connection != index)
            {
                continue;
            }

            // A new connection starts a new timeline: its first message is accepted whatever its timestamp.
            book.State = BookSyncState.Syncing;
            book.LastExchangeTime = long.MinValue;
            if (book.Publisher.TryFlush(at))
            {
                book.Publisher.Syncing(at);
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
            Counters.CountIgnored(); // a superseded (or foreign) connection: its books are carried by the new one
            return;
        }

        switch (OrderbookUnitsParser.ParseFrame(utf8, codes, scratch, settings.Timestamps))
        {
            case OrderbookUnitsFrameKind.Orderbook:
                if (books.Of(scratch.Instrument!) is not { } book)
                {
                    Counters.CountUnknownSymbol();
                }
                else if (book.Connection != index)
                {
                    Counters.CountIgnored(); // not subscribed on this connection
                }
                else
                {
                    Apply(book, receivedAt);
                }

                break;
            case OrderbookUnitsFrameKind.Malformed:
                Counters.CountMalformed();
                if (scratch.Instrument is { } instrument && books.Of(instrument) is { } damaged && damaged.Connection == index)
                {
                    Invalidate(damaged, receivedAt);
                }

                break;
            case OrderbookUnitsFrameKind.UnknownSymbol:
                Counters.CountUnknownSymbol();
                break;
            case OrderbookUnitsFrameKind.VenueError:
                Counters.CountVenueError(); // the server closes the socket after an error; the reconnect resubscribes
                break;
            default:
                Counters.CountIgnored(); // pongs and other types
                break;
        }
    }

    public void OnClosed(string connectionId, long at)
    {
        books.FlushOverflow(overflow, at);
        var index = table.Closed(connectionId);
        if (index < 0)
        {
            Counters.CountIgnored(); // not ours, or superseded by a newer connection of the same spec
            return;
        }

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

    private void Apply(SnapshotBook book, long at)
    {
        if (book.State == BookSyncState.Unsynced)
        {
            Counters.CountIgnored(); // no messages are expected while closed
            return;
        }

        if (scratch.ExchangeTime < book.LastExchangeTime)
        {
            Counters.CountIgnored(); // older than the book already applied
            return;
        }

        if (!book.Publisher.TryFlush(at))
        {
            return; // still owed an invalidation the queue could not take: nothing else about this book goes first
        }

        var e = book.Publisher.Rent(MarketEventKind.BookSnapshot, at);
        e.Sequence = scratch.Sequence;
        e.ExchangeTime = scratch.ExchangeTime;
        e.Depth = settings.Depth;
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
        book.LastExchangeTime = scratch.ExchangeTime;
    }

    private void Invalidate(SnapshotBook book, long at)
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

    private void Load(VenueMarkets parsed)
    {
        Symbols = parsed;
        codes = parsed.BySymbol;
        var instruments = parsed.Instruments;
        if (instruments.Count == 0)
        {
            return; // none of the configured assets is listed: no connection (the feed retries the list)
        }

        var perConnection = settings.MaxCodesPerConnection;
        books = new VenueBooks<SnapshotBook>(
            instruments,
            (instrument, i) => new SnapshotBook(new BookPublisher(sink, instrument, Counters, overflow), i / perConnection));
        var count = ((instruments.Count - 1) / perConnection) + 1; // no overflow when one connection takes every code
        var specs = new ConnectionSpec[count];
        subscriptionTails = new string[count];
        for (var c = 0; c < count; c++)
        {
            var text = new StringBuilder(",{\"type\":\"orderbook\",\"codes\":[");
            var end = Math.Min(instruments.Count, (c + 1) * perConnection);
            for (var i = c * perConnection; i < end; i++)
            {
                if (i > c * perConnection)
                {
                    text.Append(',');
                }

                text.Append('"').Append(instruments[i].Symbol).Append(settings.CodeSuffix).Append('"');
            }

            subscriptionTails[c] = text.Append("]},{\"format\":\"DEFAULT\"}]").ToString();
            specs[c] = new ConnectionSpec(
                settings.ConnectionPrefix + "-" + c.ToString(CultureInfo.InvariantCulture),
                settings.WsUrl,
                settings.PingText,
                settings.PingInterval)
            {
                IdleTimeout = settings.IdleTimeout,
                SendLimit = settings.SendLimit,
            };
        }

        table = new ConnectionTable(specs);
        connections = specs;
    }
}
