using System.Text;
using Arbiter.Core;

namespace Arbiter.Venues.Binance;

/// <summary>
/// Binance spot order books over the combined diff-depth streams (REFERENCE §1). The market list comes from
/// <c>/api/v3/exchangeInfo</c>; each watched symbol's <c>&lt;symbol&gt;@depth@100ms</c> stream is opened through
/// <c>/stream?streams=a/b/...</c> (at most <see cref="BinanceOptions.MaxStreamsPerConnection"/> per connection, each
/// replaced before Binance's 24 h cut) and kept in sequence by a <see cref="BridgedBookSync"/> per symbol.
/// A closed connection invalidates its books (Disconnected); an opened one restarts their sync (Syncing).
/// </summary>
public sealed class BinanceProtocol : IVenueProtocol
{
    public const string ExchangeInfoPath = "/api/v3/exchangeInfo";

    private readonly BinanceOptions options;
    private readonly InstrumentCatalog catalog;
    private readonly IMarketEventSink sink;
    private readonly IVenueActions actions;
    private readonly OverflowTracker overflow = new();
    private readonly MarketEvent scratch = new();
    private readonly BridgedBookSyncSettings syncSettings;
    private readonly LevelList snapshotBids = new(1024);
    private readonly LevelList snapshotAsks = new(1024);
    private readonly Dictionary<string, BridgedBookSync> byPath = new(StringComparer.Ordinal);
    private Utf8SymbolMap<Instrument> symbols = new();
    private BridgedBookSync?[] byInstrumentId = [];
    private BridgedBookSync[] books = [];
    private ConnectionSpec[] connections = [];
    private ConnectionTable table = ConnectionTable.Empty;

    /// <param name="options">Validated here.</param>
    /// <param name="catalog">Receives the watched instruments when the market list arrives.</param>
    /// <param name="sink">Where book events go (the engine's queue live, the engine in replay).</param>
    /// <param name="actions">The transport: a <see cref="VenueFeed"/> live, <see cref="NullVenueActions"/> in replay.</param>
    public BinanceProtocol(BinanceOptions options, InstrumentCatalog catalog, IMarketEventSink sink, IVenueActions actions)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        this.catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        this.sink = sink ?? throw new ArgumentNullException(nameof(sink));
        this.actions = actions ?? throw new ArgumentNullException(nameof(actions));
        syncSettings = new BridgedBookSyncSettings(ParseSnapshot, options.SnapshotRetryDelay, options.MaxBufferedUpdates);
    }

    public VenueId Venue => VenueId.Binance;

    public VenueCounters Counters { get; } = new();

    public IReadOnlyList<string> MarketListRequests { get; } = [ExchangeInfoPath];

    public IReadOnlyList<ConnectionSpec> Connections => connections;

    /// <summary>300 connection attempts per 5 minutes per IP (REFERENCE §1).</summary>
    public RateLimit? ConnectLimit { get; } = new RateLimit(300, TimeSpan.FromMinutes(5));

    /// <summary>The parsed market list, once it has arrived.</summary>
    public VenueMarkets? Symbols { get; private set; }


    /// <summary>The watched instruments (empty until the market list has arrived).</summary>
    public IReadOnlyList<Instrument> Instruments => Symbols?.Instruments ?? [];

    /// <summary>Sync state of a watched book, for health reporting and tests.</summary>
    public BinanceSyncState SyncStateOf(Instrument instrument) => BookOf(instrument)?.State switch
    {
        BookSyncState.Syncing => BinanceSyncState.Syncing,
        BookSyncState.Synced => BinanceSyncState.Synced,
        _ => BinanceSyncState.Closed,
    };

    /// <summary>The local update id of a watched book (0 while not synced).</summary>
    public long LastUpdateIdOf(Instrument instrument) => BookOf(instrument)?.LastUpdateId ?? 0;

    public void OnRestResponse(string pathAndQuery, ReadOnlySpan<byte> body, long receivedAt)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        FlushOverflow(receivedAt);
        if (pathAndQuery == ExchangeInfoPath)
        {
            LoadMarkets(body);
        }
        else if (byPath.TryGetValue(pathAndQuery, out var book))
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
        FlushOverflow(at);
        if (byPath.TryGetValue(pathAndQuery, out var book))
        {
            book.OnSnapshotFailed(at);
        }
    }

    public void OnOpened(string connectionId, long at) => ForBooksOf(table.Opened(connectionId), at, opened: true);

    public void OnFrame(string connectionId, ReadOnlySpan<byte> utf8, long receivedAt)
    {
        Counters.CountFrame(utf8.Length);
        if (overflow.Pending > 0)
        {
            FlushOverflow(receivedAt);
        }

        if (table.CurrentIndexOf(connectionId) < 0)
        {
            Counters.CountIgnored(); // a connection replaced by an overlapping successor (or not ours): its books moved on
            return;
        }

        switch (BinanceParser.ParseFrame(utf8, symbols, scratch, out var first))
        {
            case BinanceFrameKind.Depth:
                if (BookOf(scratch.Instrument!) is { } book)
                {
                    book.OnUpdate(scratch, first, receivedAt);
                }
                else
                {
                    Counters.CountUnknownSymbol();
                }

                break;
            case BinanceFrameKind.Malformed:
                Counters.CountMalformed();
                if (scratch.Instrument is { } instrument && BookOf(instrument) is { } damaged)
                {
                    damaged.OnMalformed(receivedAt);
                }

                break;
            case BinanceFrameKind.UnknownSymbol:
                Counters.CountUnknownSymbol();
                break;
            case BinanceFrameKind.VenueError:
                Counters.CountVenueError();
                break;
            case BinanceFrameKind.ServerShutdown:
                // The server is about to close this connection: replace it now.
                Counters.CountIgnored();
                actions.Reconnect(connectionId, BookInvalidReason.Disconnected);
                break;
            default:
                Counters.CountIgnored(); // acks and streams we do not use
                break;
        }
    }

    public void OnClosed(string connectionId, long at) => ForBooksOf(table.Closed(connectionId), at, opened: false);

    /// <summary>
    /// Connection <paramref name="index"/> opened or closed: every book it carries restarts its sync (opened) or is
    /// invalidated (closed). -1: not ours, or the late close of a connection already replaced (nothing to do).
    /// </summary>
    private void ForBooksOf(int index, long at, bool opened)
    {
        FlushOverflow(at);
        if (index < 0)
        {
            Counters.CountIgnored();
            return;
        }

        foreach (var book in books)
        {
            if (book.Connection != index)
            {
                continue;
            }

            if (opened)
            {
                book.OnOpened(at);
            }
            else
            {
                book.OnClosed(at);
            }
        }
    }

    private BridgedBookSync? BookOf(Instrument instrument)
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
                book.FlushOverflow(at);
            }
        }
    }

    /// <summary>Binance's REST depth carries no exchange time.</summary>
    private static bool ParseSnapshot(ReadOnlySpan<byte> body, Instrument instrument, LevelList bids, LevelList asks, out long updateId, out long exchangeTime)
    {
        exchangeTime = 0;
        return BinanceParser.TryParseSnapshot(body, instrument, bids, asks, out updateId);
    }

    private void LoadMarkets(ReadOnlySpan<byte> body)
    {
        if (connections.Length > 0)
        {
            Counters.CountIgnored(); // the streams are fixed once connections exist
            return;
        }

        if (!BinanceSymbols.TryParse(body, catalog, options.Assets, options.Quotes, out var parsed, out _))
        {
            Counters.CountMalformed();
            return;
        }

        Symbols = parsed;
        symbols = parsed.BySymbol;
        var instruments = parsed.Instruments;
        var maxId = -1;
        foreach (var instrument in instruments)
        {
            maxId = Math.Max(maxId, instrument.Id);
        }

        byInstrumentId = new BridgedBookSync?[maxId + 1];
        books = new BridgedBookSync[instruments.Count];
        byPath.Clear();
        var perConnection = options.MaxStreamsPerConnection;
        var specs = new ConnectionSpec[(instruments.Count + perConnection - 1) / perConnection];
        var suffix = options.Speed == "100ms" ? "@depth@100ms" : "@depth";
        var baseUrl = options.WsBaseUrl.TrimEnd('/');
        for (var c = 0; c < specs.Length; c++)
        {
            var url = new StringBuilder(baseUrl).Append("/stream?streams=");
            var end = Math.Min(instruments.Count, (c + 1) * perConnection);
            for (var i = c * perConnection; i < end; i++)
            {
                var instrument = instruments[i];
                var snapshotPath = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/api/v3/depth?symbol={instrument.Symbol}&limit={options.SnapshotLimit}");
                var book = new BridgedBookSync(instrument, c, snapshotPath, syncSettings, sink, actions, Counters, overflow);
                books[i] = book;
                byInstrumentId[instrument.Id] = book;
                byPath[book.SnapshotPath] = book;
                if (i > c * perConnection)
                {
                    url.Append('/');
                }

                url.Append(instrument.Symbol.ToLowerInvariant()).Append(suffix);
            }

            specs[c] = new ConnectionSpec("binance-" + c.ToString(System.Globalization.CultureInfo.InvariantCulture), new Uri(url.ToString()), MaxLifetime: options.MaxLifetime)
            {
                OverlapOnLifetime = true, // Binance allows a second connection: the replacement is up before the 24 h cut
                IdleTimeout = options.IdleTimeout,
            };
        }

        connections = specs;
        table = new ConnectionTable(specs);
    }
}
