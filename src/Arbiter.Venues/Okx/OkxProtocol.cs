using System.Globalization;
using Arbiter.Core;

namespace Arbiter.Venues.Okx;

/// <summary>
/// OKX v5 spot order books over the public <c>books</c> channel (REFERENCE §7, "Sequencing", "Checksum", "Deprecation").
/// Sync rules:
/// - A push with <c>"action":"snapshot"</c> (prevSeqId -1) replaces the book; an <c>"update"</c> applies only when its
///   prevSeqId equals the last seqId (keep-alives have seqId == prevSeqId and no levels; after maintenance seqId may drop
///   below prevSeqId: accepted, and chaining continues from it). Anything else is a gap. An update before any snapshot is
///   never applied on its own.
/// - A non-zero <c>checksum</c> (signed CRC-32 of the top 25 bids/asks interleaved "bidPx:bidSz:askPx:askSz:...", the
///   original strings) is verified on every snapshot and update, before publishing; 0 or absent = not checked.
/// - Without a WebSocket snapshot (OKX withdrew it in 2026: the first push is an update, or a snapshot without levels) and
///   after any fault (gap, checksum mismatch, malformed frame), updates are buffered and bridged by
///   <c>GET /api/v5/market/books?instId=..&amp;sz=400</c>: drop seqId ≤ snapshot seqId; the first applied has
///   prevSeqId ≤ snapshot seqId &lt; seqId. A REST resync spends none of the 480 subscribe requests per hour.
/// The market list comes from <c>/api/v5/public/instruments?instType=SPOT</c>; symbols are spread over connections of at
/// most <see cref="OkxOptions.MaxSymbolsPerConnection"/>, each subscribed on open (one request for all its symbols) and
/// kept alive with the text "ping" (answer "pong", ignored). A closed connection invalidates its books (Disconnected); an
/// error event while some of its books have had no push (a refused subscription) replaces the connection.
/// <see cref="MarketEvent.Sequence"/> is <c>seqId</c> (REST <c>seqId</c> for a REST snapshot); ExchangeTime is <c>ts</c> in µs.
/// </summary>
public sealed class OkxProtocol : IVenueProtocol
{
    public const string MarketListPath = "/api/v5/public/instruments?instType=SPOT";
    public const string Channel = "books";

    private readonly OkxOptions options;
    private readonly InstrumentCatalog catalog;
    private readonly IMarketEventSink sink;
    private readonly IVenueActions actions;
    private readonly OverflowTracker overflow = new();
    private readonly OkxScratch scratch = new();
    private readonly Dictionary<string, OkxBookSync> byPath = new(StringComparer.Ordinal);
    private VenueBooks<OkxBookSync> books = new();
    private ConnectionTable table = ConnectionTable.Empty;
    private ConnectionSpec[] connections = [];
    private List<string>[] subscriptions = [];

    /// <param name="options">Validated here.</param>
    /// <param name="catalog">Receives the watched instruments when the market list arrives.</param>
    /// <param name="sink">Where book events go (the engine's queue live, the engine in replay).</param>
    /// <param name="actions">The transport: a <see cref="VenueFeed"/> live, <see cref="NullVenueActions"/> in replay.</param>
    public OkxProtocol(OkxOptions options, InstrumentCatalog catalog, IMarketEventSink sink, IVenueActions actions)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        this.catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        this.sink = sink ?? throw new ArgumentNullException(nameof(sink));
        this.actions = actions ?? throw new ArgumentNullException(nameof(actions));
        ConnectLimit = new RateLimit(options.ConnectsPerSecond, TimeSpan.FromSeconds(1));
    }

    public VenueId Venue => VenueId.Okx;

    public VenueCounters Counters { get; } = new();

    public IReadOnlyList<string> MarketListRequests { get; } = [MarketListPath];

    public IReadOnlyList<ConnectionSpec> Connections => connections;

    /// <summary>OKX: 3 connection requests per second per IP.</summary>
    public RateLimit? ConnectLimit { get; }

    /// <summary>The parsed market list, once it has arrived.</summary>
    public VenueMarkets? Symbols { get; private set; }

    /// <summary>The watched instruments (empty until the market list has arrived).</summary>
    public IReadOnlyList<Instrument> Instruments => Symbols?.Instruments ?? [];

    /// <summary>Sync state of a watched book, for health reporting and tests.</summary>
    public OkxSyncState SyncStateOf(Instrument instrument) => BookOf(instrument)?.State ?? OkxSyncState.Closed;

    /// <summary>seqId of the last applied push of a watched book (0 while not synced).</summary>
    public long LastSeqIdOf(Instrument instrument) => BookOf(instrument)?.LastSeqId ?? 0;

    /// <summary>The subscribe requests sent when connection spec <paramref name="index"/> opens.</summary>
    public IReadOnlyList<string> SubscriptionsOf(int index) => subscriptions[index];

    /// <summary>The REST path of a watched book's snapshot.</summary>
    public string? SnapshotPathOf(Instrument instrument) => BookOf(instrument)?.SnapshotPath;

    public void OnRestResponse(string pathAndQuery, ReadOnlySpan<byte> body, long receivedAt)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        books.FlushOverflow(overflow, receivedAt);
        if (pathAndQuery == MarketListPath)
        {
            LoadMarkets(body);
        }
        else if (byPath.TryGetValue(pathAndQuery, out var book))
        {
            book.OnRestSnapshot(body, receivedAt);
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
        if (byPath.TryGetValue(pathAndQuery, out var book))
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

        foreach (var request in subscriptions[index])
        {
            actions.Send(connectionId, request);
        }

        foreach (var book in books.All)
        {
            if (book.Connection == index)
            {
                book.OnOpened(at);
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
            Counters.CountIgnored(); // a superseded (or foreign) connection: its books follow the current one
            return;
        }

        var frame = scratch.Frame;
        var spellings = scratch.FrameSpellings;
        switch (OkxParser.ParseFrame(utf8, scratch.Symbols, frame, spellings, out var header))
        {
            case OkxFrameKind.BookSnapshot:
                if (BookOn(index, frame.Instrument!) is { } snapshotBook)
                {
                    snapshotBook.OnSnapshot(frame, header, spellings, receivedAt);
                }

                break;
            case OkxFrameKind.BookUpdate:
                if (BookOn(index, frame.Instrument!) is { } updateBook)
                {
                    updateBook.OnUpdate(utf8, frame, header, spellings, receivedAt);
                }

                break;
            case OkxFrameKind.Malformed:
                Counters.CountMalformed();
                if (frame.Instrument is { } instrument && books.Of(instrument) is { } damaged && damaged.Connection == index)
                {
                    damaged.OnMalformed(receivedAt);
                }

                break;
            case OkxFrameKind.UnknownSymbol:
                Counters.CountUnknownSymbol();
                break;
            case OkxFrameKind.VenueError:
                // On a public connection only our subscribe is answered with an error (e.g. 60014 "Requests too
                // frequent."): books that have had no push since the connection opened were not subscribed, so the
                // connection is replaced (paced and backed off by the transport), which subscribes them again with a
                // fresh per-connection budget. Otherwise pongs would keep it open and those books syncing forever.
                Counters.CountVenueError();
                if (HasUnheardBook(index))
                {
                    actions.Reconnect(connectionId, BookInvalidReason.Disconnected);
                }

                break;
            default:
                Counters.CountIgnored(); // pongs, acks, notices and channels we do not use
                break;
        }
    }

    public void OnClosed(string connectionId, long at)
    {
        books.FlushOverflow(overflow, at);
        var index = table.Closed(connectionId);
        if (index < 0)
        {
            Counters.CountIgnored(); // not ours, or superseded by an overlapping replacement that is already open
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

    private OkxBookSync? BookOf(Instrument instrument) => books.Of(instrument);

    private bool HasUnheardBook(int connection)
    {
        foreach (var book in books.All)
        {
            if (book.Connection == connection && !book.HeardSinceOpen)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The book of a parsed push, when it is watched and subscribed on the connection the push came from.</summary>
    private OkxBookSync? BookOn(int connection, Instrument instrument)
    {
        if (books.Of(instrument) is { } book && book.Connection == connection)
        {
            return book;
        }

        Counters.CountUnknownSymbol();
        return null;
    }

    private void LoadMarkets(ReadOnlySpan<byte> body)
    {
        if (connections.Length > 0)
        {
            Counters.CountIgnored(); // the subscriptions are fixed once connections exist
            return;
        }

        if (!OkxSymbols.TryParse(body, catalog, options.Assets, options.Quotes, out var parsed, out _))
        {
            Counters.CountMalformed();
            return;
        }

        Symbols = parsed;
        scratch.Symbols = parsed.BySymbol;
        var instruments = parsed.Instruments;
        var perConnection = options.MaxSymbolsPerConnection;
        var specs = new ConnectionSpec[(instruments.Count + perConnection - 1) / perConnection];
        var requests = new List<string>[specs.Length];
        books = new VenueBooks<OkxBookSync>(
            instruments,
            (instrument, i) => new OkxBookSync(instrument, i / perConnection, options, sink, actions, Counters, overflow, scratch));
        byPath.Clear();
        foreach (var book in books.All)
        {
            byPath[book.SnapshotPath] = book;
        }

        for (var c = 0; c < specs.Length; c++)
        {
            var symbols = new List<string>();
            for (var i = c * perConnection; i < Math.Min(instruments.Count, (c + 1) * perConnection); i++)
            {
                symbols.Add(instruments[i].Symbol);
            }

            requests[c] = OkxSubscription.Build(symbols, Channel);
            specs[c] = new ConnectionSpec(
                "okx-" + c.ToString(CultureInfo.InvariantCulture),
                new Uri(options.WsUrl),
                PingText: "ping",
                PingInterval: options.PingInterval,
                MaxLifetime: options.MaxLifetime)
            {
                IdleTimeout = options.IdleTimeout,
                SendLimit = new RateLimit(options.SubscribesPerHour, TimeSpan.FromHours(1)),
                OverlapOnLifetime = options.MaxLifetime is not null,
            };
        }

        subscriptions = requests;
        connections = specs;
        table = new ConnectionTable(specs);
    }
}
