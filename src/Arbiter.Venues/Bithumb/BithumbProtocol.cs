using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Arbiter.Core;

namespace Arbiter.Venues.Bithumb;

/// <summary>
/// Bithumb KRW order books over the current public WebSocket (REFERENCE §6, "New API"), the shared
/// <see cref="SnapshotBookProtocol"/>. Sync rules:
/// <list type="bullet">
/// <item>no sequence number: every <c>orderbook</c> message (SNAPSHOT or REALTIME alike) is a full top-15 book that
/// replaces the book; one whose timestamp is older than the last applied on the same connection is ignored and counted;</item>
/// <item>Sequence = <c>timestamp</c> exactly as sent (16-digit µs on the socket, 13-digit ms in the documentation);
/// ExchangeTime = the same instant in µs;</item>
/// <item>on open, ONE request per connection with all its codes,
/// <c>[{"ticket":..},{"type":"orderbook","codes":["KRW-BTC",..]},{"format":"DEFAULT"}]</c> (a second request would replace
/// the first); its books turn Syncing and its first message is accepted whatever its timestamp;</item>
/// <item>on close, its books are invalidated (Disconnected); a malformed message of a watched market invalidates that book
/// until the next message; an error message is counted (Bithumb then closes the socket, and the reconnect resubscribes);</item>
/// <item>keep-alive: the text "PING" (answered by <c>{"status":"UP"}</c> every 10 s, ignored).</item>
/// </list>
/// Limits: 10 connection requests per second per IP (documented); codes per connection and messages per second are not
/// published (conservative options, see <see cref="BithumbOptions"/>).
/// </summary>
public sealed class BithumbProtocol : IVenueProtocol
{
    public const string MarketListPath = BithumbSymbols.MarketListPath;

    private readonly SnapshotBookProtocol core;

    /// <param name="options">Validated here.</param>
    /// <param name="catalog">Receives the watched instruments when the market list arrives.</param>
    /// <param name="sink">Where book events go.</param>
    /// <param name="actions">The transport: a <see cref="VenueFeed"/> live, <see cref="NullVenueActions"/> in replay.</param>
    public BithumbProtocol(BithumbOptions options, InstrumentCatalog catalog, IMarketEventSink sink, IVenueActions actions)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentNullException.ThrowIfNull(catalog);
        var assets = options.Assets;
        var quote = options.Quote;
        var settings = new SnapshotBookSettings(
            VenueId.Bithumb,
            "bithumb",
            MarketListPath,
            new Uri(options.WsUrl),
            "PING",
            options.PingInterval,
            options.IdleTimeout,
            options.Depth,
            options.Depth == BithumbOptions.MaxDepth ? "" : "." + options.Depth.ToString(CultureInfo.InvariantCulture),
            options.MaxCodesPerConnection,
            SendLimit: new RateLimit(options.MaxMessagesPerSecond, TimeSpan.FromSeconds(1)),
            ConnectLimit: new RateLimit(options.MaxConnectsPerSecond, TimeSpan.FromSeconds(1)),
            OrderbookTimestampUnit.MillisecondsOrMicroseconds);
        core = new SnapshotBookProtocol(
            settings,
            (ReadOnlySpan<byte> body, [NotNullWhen(true)] out VenueMarkets? markets) => BithumbSymbols.TryParse(body, catalog, assets, quote, out markets, out _),
            sink,
            actions);
    }

    public VenueId Venue => core.Venue;

    public VenueCounters Counters => core.Counters;

    public IReadOnlyList<string> MarketListRequests => core.MarketListRequests;

    public IReadOnlyList<ConnectionSpec> Connections => core.Connections;

    public RateLimit? ConnectLimit => core.ConnectLimit;

    /// <summary>The parsed market list, once it has arrived.</summary>
    public VenueMarkets? Symbols => core.Symbols;

    /// <summary>The watched instruments (empty until the market list has arrived).</summary>
    public IReadOnlyList<Instrument> Instruments => core.Instruments;

    /// <summary>Unsynced (connection closed), Syncing (waiting for a message) or Synced.</summary>
    public BookSyncState SyncStateOf(Instrument instrument) => core.SyncStateOf(instrument);

    /// <summary>The request sent when <paramref name="connectionId"/> opens (the ticket names the connection).</summary>
    public string SubscriptionFor(string connectionId) => core.SubscriptionFor(connectionId);

    public void OnRestResponse(string pathAndQuery, ReadOnlySpan<byte> body, long receivedAt) => core.OnRestResponse(pathAndQuery, body, receivedAt);

    public void OnRestFailure(string pathAndQuery, string error, long at) => core.OnRestFailure(pathAndQuery, error, at);

    public void OnOpened(string connectionId, long at) => core.OnOpened(connectionId, at);

    public void OnFrame(string connectionId, ReadOnlySpan<byte> utf8, long receivedAt) => core.OnFrame(connectionId, utf8, receivedAt);

    public void OnClosed(string connectionId, long at) => core.OnClosed(connectionId, at);
}
