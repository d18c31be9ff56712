// Kraken spot order books over WS v2 (shared/venues/REFERENCE.md §8, "Sequencing and checksum"):
// - There is no sequence number. Subscribing to "book" (depth 10/25/100/500/1000, snapshot true) yields a snapshot, then
//   updates. A snapshot replaces the book; an update applies its levels in order (qty 0 deletes), then each side is
//   TRUNCATED to the subscribed depth (no deletes arrive for levels pushed out of range).
// - Every snapshot and update carries the CRC-32 (unsigned) of the top 10 asks (low→high) then top 10 bids (high→low),
//   each level price then qty at the pair's precision with trailing zeros, '.' removed, leading zeros stripped. It is
//   verified on the message that carries it; a mismatch → BookInvalidated(ChecksumMismatch) → resubscribe that symbol
//   (unsubscribe + subscribe), whose new snapshot resyncs the book. Updates before the snapshot are ignored.
// - MarketEvent.Sequence = ExchangeTime = the message's RFC 3339 timestamp as unix µs.
// - Keep-alive: {"method":"ping"} on a timer (the pong is ignored); "heartbeat" messages arrive about every second.
// - A refused subscribe ({"error":..,"success":false} with the request's req_id, e.g. "Exceeded msg rate") is retried for
//   the books it left Syncing, at the first message received RefusedSubscribeRetryMicros or more later.
// - An update older than the book (a timestamp before the book's) cannot belong after it: it is ignored.
// - Connection, message and subscription limits are unpublished: the conservative choices are in KrakenOptions.

using System.Globalization;
using System.Text;
using Arbiter.Core;

namespace Arbiter.Venues.Kraken;

/// <summary>
/// Kraken spot order books over WS v2 (REFERENCE §8). The market list comes from <c>/0/public/AssetPairs</c>; the watched
/// symbols are spread over connections of at most <see cref="KrakenOptions.MaxSymbolsPerConnection"/>, each subscribing
/// with <c>{"method":"subscribe","params":{"channel":"book","symbol":[..],"depth":10,"snapshot":true},"req_id":n}</c>
/// and each book kept by a <see cref="KrakenBookSync"/> (snapshot, updates, truncation, checksum). A closed connection
/// invalidates its books (Disconnected) and clears them; an opened one restarts their sync (Syncing).
/// </summary>
public sealed class KrakenProtocol : IVenueProtocol
{
    public const string MarketListPath = "/0/public/AssetPairs";

    /// <summary>The application ping; Kraken answers <c>{"method":"pong",..}</c>.</summary>
    public const string PingText = """{"method":"ping"}""";

    /// <summary>How long after a refused subscribe its books are subscribed again (Kraken's message rate is dynamic), in µs.</summary>
    public const long RefusedSubscribeRetryMicros = 1_000_000;

    /// <summary>Unanswered subscribe requests kept at most; past it they are forgotten (their refusals are then only counted).</summary>
    private const int MaxPendingSubscribes = 1024;

    private readonly KrakenOptions options;
    private readonly InstrumentCatalog catalog;
    private readonly IMarketEventSink sink;
    private readonly IVenueActions actions;
    private readonly OverflowTracker overflow = new();
    private readonly MarketEvent scratch = new();
    private Utf8SymbolMap<Instrument> symbols = new();
    private VenueBooks<KrakenBookSync> books = new();
    private ConnectionTable table = ConnectionTable.Empty;
    private ConnectionSpec[] connections = [];
    private long nextRequestId;

    /// <summary>Subscribe requests not answered yet: req_id → the connection it went on and its books.</summary>
    private readonly Dictionary<long, (string Connection, KrakenBookSync[] Books)> pendingSubscribes = [];

    /// <summary>The earliest <see cref="KrakenBookSync.RetryAt"/> of any book, or <see cref="long.MaxValue"/>.</summary>
    private long retryDue = long.MaxValue;

    /// <param name="options">Validated here.</param>
    /// <param name="catalog">Receives the watched instruments when the market list arrives.</param>
    /// <param name="sink">Where book events go (the engine's queue live, the engine in replay).</param>
    /// <param name="actions">The transport: a <see cref="VenueFeed"/> live, <see cref="NullVenueActions"/> in replay.</param>
    public KrakenProtocol(KrakenOptions options, InstrumentCatalog catalog, IMarketEventSink sink, IVenueActions actions)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        this.catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        this.sink = sink ?? throw new ArgumentNullException(nameof(sink));
        this.actions = actions ?? throw new ArgumentNullException(nameof(actions));
    }

    public VenueId Venue => VenueId.Kraken;

    public VenueCounters Counters { get; } = new();

    public IReadOnlyList<string> MarketListRequests { get; } = [MarketListPath];

    public IReadOnlyList<ConnectionSpec> Connections => connections;

    /// <summary>Unpublished for Kraken: <see cref="KrakenOptions.ConnectsPerMinute"/> (conservative).</summary>
    public RateLimit? ConnectLimit => new RateLimit(options.ConnectsPerMinute, TimeSpan.FromMinutes(1));

    /// <summary>The parsed market list, once it has arrived.</summary>
    public VenueMarkets? Symbols { get; private set; }

    /// <summary>The watched instruments (empty until the market list has arrived).</summary>
    public IReadOnlyList<Instrument> Instruments => Symbols?.Instruments ?? [];

    /// <summary>Unsynced (connection closed), Syncing (waiting for a snapshot) or Synced.</summary>
    public BookSyncState SyncStateOf(Instrument instrument) => BookOf(instrument)?.State ?? BookSyncState.Unsynced;

    /// <summary>The adapter's own copy of a watched book (what the checksum is computed over); null when not watched.</summary>
    public OrderBook? LocalBookOf(Instrument instrument) => BookOf(instrument)?.Local;

    public void OnRestResponse(string pathAndQuery, ReadOnlySpan<byte> body, long receivedAt)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        books.FlushOverflow(overflow, receivedAt);
        if (pathAndQuery != MarketListPath || connections.Length > 0)
        {
            Counters.CountIgnored(); // not ours, or the subscriptions are fixed once connections exist
            return;
        }

        if (!KrakenSymbols.TryParse(body, catalog, options.Assets, options.Quotes, out var parsed, out _))
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

        // A replacement (overlap) takes over from here: the books restart from this connection's snapshots.
        var batch = new List<KrakenBookSync>(options.MaxSymbolsPerSubscribe);
        foreach (var book in books.All)
        {
            if (book.Connection != index)
            {
                continue;
            }

            book.OnOpened(at);
            book.RetryAt = 0;
            book.Refusals = 0;
            batch.Add(book);
            if (batch.Count == options.MaxSymbolsPerSubscribe)
            {
                Subscribe(connectionId, batch);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            Subscribe(connectionId, batch);
        }
    }

    public void OnFrame(string connectionId, ReadOnlySpan<byte> utf8, long receivedAt)
    {
        Counters.CountFrame(utf8.Length);
        books.FlushOverflow(overflow, receivedAt);
        var index = table.CurrentIndexOf(connectionId);
        if (index < 0)
        {
            Counters.CountIgnored(); // a superseded (overlapped) or foreign connection
            return;
        }

        if (receivedAt >= retryDue)
        {
            RetryRefused(receivedAt);
        }

        switch (KrakenParser.ParseFrame(utf8, symbols, scratch, out var checksum, out var requestId))
        {
            case KrakenFrameKind.BookSnapshot:
                if (BookOn(index) is { } snapshotBook)
                {
                    if (snapshotBook.OnSnapshot(scratch, checksum, receivedAt))
                    {
                        Resubscribe(connectionId, snapshotBook);
                    }
                    else
                    {
                        snapshotBook.Refusals = 0;
                    }
                }

                break;
            case KrakenFrameKind.BookUpdate:
                if (BookOn(index) is { } updatedBook && updatedBook.OnUpdate(scratch, checksum, receivedAt))
                {
                    Resubscribe(connectionId, updatedBook);
                }

                break;
            case KrakenFrameKind.Malformed:
                Counters.CountMalformed();
                if (scratch.Instrument is { } instrument && BookOf(instrument) is { } damaged && damaged.Connection == index
                    && damaged.OnMalformed(receivedAt))
                {
                    Resubscribe(connectionId, damaged);
                }

                break;
            case KrakenFrameKind.UnknownSymbol:
                Counters.CountUnknownSymbol();
                break;
            case KrakenFrameKind.VenueError:
                Counters.CountVenueError();
                if (requestId is { } refused && pendingSubscribes.Remove(refused, out var request) && request.Connection == connectionId)
                {
                    // A refused subscribe (e.g. "Exceeded msg rate"): its books are still waiting for a snapshot; ask again later.
                    foreach (var book in request.Books)
                    {
                        if (book.State == BookSyncState.Syncing)
                        {
                            book.Refusals++;
                            book.RetryAt = receivedAt + RefusedSubscribeRetryMicros;
                            book.RetryConnection = connectionId;
                            retryDue = Math.Min(retryDue, book.RetryAt);
                        }
                    }
                }

                break;
            case KrakenFrameKind.Ack:
                if (requestId is { } answered)
                {
                    pendingSubscribes.Remove(answered);
                }

                Counters.CountIgnored();
                break;
            default:
                Counters.CountIgnored(); // heartbeats, pongs, acks, status and channels we do not use
                break;
        }
    }

    public void OnClosed(string connectionId, long at)
    {
        books.FlushOverflow(overflow, at);
        var index = table.Closed(connectionId);
        if (index < 0)
        {
            Counters.CountIgnored(); // foreign, or the late close of a connection already replaced
            return;
        }

        foreach (var book in books.All)
        {
            if (book.Connection == index)
            {
                book.OnClosed(at);
                book.RetryAt = 0;
            }
        }

        foreach (var (id, request) in pendingSubscribes)
        {
            if (request.Connection == connectionId)
            {
                pendingSubscribes.Remove(id); // its answers can no longer come (removing while enumerating is allowed)
            }
        }
    }

    /// <summary>The book of the parsed message when it is watched and carried by connection <paramref name="index"/>.</summary>
    private KrakenBookSync? BookOn(int index)
    {
        if (BookOf(scratch.Instrument!) is not { } book)
        {
            Counters.CountUnknownSymbol();
            return null;
        }

        if (book.Connection != index)
        {
            Counters.CountIgnored(); // subscribed on another connection: not this one's to apply
            return null;
        }

        return book;
    }

    private KrakenBookSync? BookOf(Instrument instrument) => books.Of(instrument);

    /// <summary>Drops the symbol's subscription and takes it again: Kraken answers with a fresh snapshot.</summary>
    private void Resubscribe(string connectionId, KrakenBookSync book)
    {
        book.RetryAt = 0;
        actions.Send(connectionId, Request("unsubscribe", [book.Instrument.Symbol]));
        Subscribe(connectionId, [book]);
    }

    /// <summary>Sends one subscribe for <paramref name="batch"/> and remembers its req_id until it is answered.</summary>
    private void Subscribe(string connectionId, List<KrakenBookSync> batch)
    {
        var symbolList = new string[batch.Count];
        for (var i = 0; i < symbolList.Length; i++)
        {
            symbolList[i] = batch[i].Instrument.Symbol;
        }

        var text = Request("subscribe", symbolList);
        if (pendingSubscribes.Count >= MaxPendingSubscribes)
        {
            pendingSubscribes.Clear(); // answers that never came: forget them rather than grow
        }

        pendingSubscribes[nextRequestId] = (connectionId, [.. batch]);
        actions.Send(connectionId, text);
    }

    /// <summary>Subscribes again the books whose subscribe was refused and whose wait is over, if their connection is still the same.</summary>
    private void RetryRefused(long now)
    {
        retryDue = long.MaxValue;
        foreach (var book in books.All)
        {
            if (book.RetryAt == 0)
            {
                continue;
            }

            if (book.RetryAt > now)
            {
                retryDue = Math.Min(retryDue, book.RetryAt);
                continue;
            }

            var connectionId = book.RetryConnection!;
            book.RetryAt = 0;
            if (book.State != BookSyncState.Syncing || table.CurrentIndexOf(connectionId) != book.Connection)
            {
                continue;
            }

            if (book.Refusals == 1)
            {
                Subscribe(connectionId, [book]); // the refused request subscribed nothing
            }
            else
            {
                Resubscribe(connectionId, book); // refused again: make sure no half-taken subscription is left
            }
        }
    }

    /// <summary><c>{"method":..,"params":{"channel":"book","symbol":[..],"depth":N[,"snapshot":true]},"req_id":n}</c>.</summary>
    private string Request(string method, string[] symbolList)
    {
        var text = new StringBuilder("{\"method\":\"").Append(method).Append("\",\"params\":{\"channel\":\"book\",\"symbol\":[");
        for (var i = 0; i < symbolList.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            // Symbols are ASCII letters and digits around one '/' (KrakenSymbols): nothing to escape.
            text.Append('"').Append(symbolList[i]).Append('"');
        }

        text.Append("],\"depth\":").Append(options.Depth.ToString(CultureInfo.InvariantCulture));
        if (method == "subscribe")
        {
            text.Append(",\"snapshot\":true");
        }

        return text.Append("},\"req_id\":").Append((++nextRequestId).ToString(CultureInfo.InvariantCulture)).Append('}').ToString();
    }

    private void Load(VenueMarkets parsed)
    {
        Symbols = parsed;
        symbols = parsed.BySymbol;
        var instruments = parsed.Instruments;
        if (instruments.Count == 0)
        {
            return; // none of the configured pairs is online: no connection (the feed retries the list)
        }

        var perConnection = options.MaxSymbolsPerConnection;
        books = new VenueBooks<KrakenBookSync>(instruments, (instrument, i) => new KrakenBookSync(instrument, i / perConnection, options.Depth, sink, Counters, overflow));
        var specs = new ConnectionSpec[(instruments.Count + perConnection - 1) / perConnection];
        var url = new Uri(options.WsUrl);
        for (var c = 0; c < specs.Length; c++)
        {
            specs[c] = new ConnectionSpec("kraken-" + c.ToString(CultureInfo.InvariantCulture), url, PingText, options.PingInterval, options.MaxLifetime)
            {
                IdleTimeout = options.IdleTimeout,
                SendLimit = new RateLimit(options.MessagesPerSecond, TimeSpan.FromSeconds(1)),
                OverlapOnLifetime = options.MaxLifetime is not null,
            };
        }

        table = new ConnectionTable(specs);
        connections = specs;
    }
}
