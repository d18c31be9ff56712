using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Arbiter.Core;

namespace Arbiter.Venues.Upbit;

/// <summary>
/// Upbit KRW order books (REFERENCE §5): the shared <see cref="SnapshotBookProtocol"/> (every orderbook message is a full
/// top-N snapshot that replaces the book unless its timestamp is older than the last one applied; no sequence number).
/// One connection carries every market; on open it subscribes with
/// <c>[{"ticket":..},{"type":"orderbook","codes":["KRW-BTC.15",..]},{"format":"DEFAULT"}]</c> and marks the books Syncing;
/// on close it invalidates them (Disconnected). The text "PING" keeps the socket alive; its answer
/// <c>{"status":"UP"}</c> is ignored. Limits (REFERENCE §5, older rate-limit guide): 5 connects per second per IP, 5 data
/// requests per second per connection.
/// </summary>
public sealed class UpbitProtocol : IVenueProtocol
{
    public const string MarketListPath = "/v1/market/all?is_details=true";
    public const string ConnectionName = "upbit-0";

    private static readonly RateLimit FivePerSecond = new(5, TimeSpan.FromSeconds(1));

    private readonly SnapshotBookProtocol core;

    /// <param name="options">Validated here.</param>
    /// <param name="catalog">Receives the watched instruments when the market list arrives.</param>
    /// <param name="sink">Where book events go.</param>
    /// <param name="actions">The transport: a <see cref="VenueFeed"/> live, <see cref="NullVenueActions"/> in replay.</param>
    public UpbitProtocol(UpbitOptions options, InstrumentCatalog catalog, IMarketEventSink sink, IVenueActions actions)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentNullException.ThrowIfNull(catalog);
        var assets = options.Assets;
        var quote = options.Quote;
        var settings = new SnapshotBookSettings(
            VenueId.Upbit,
            "upbit",
            MarketListPath,
            new Uri(options.WsUrl),
            "PING",
            options.PingInterval,
            options.IdleTimeout,
            options.Depth,
            "." + options.Depth.ToString(CultureInfo.InvariantCulture),
            MaxCodesPerConnection: int.MaxValue, // one connection for all: Upbit has no unsubscribe, a new request replaces the old
            SendLimit: FivePerSecond,
            ConnectLimit: FivePerSecond,
            OrderbookTimestampUnit.Milliseconds);
        core = new SnapshotBookProtocol(
            settings,
            (ReadOnlySpan<byte> body, [NotNullWhen(true)] out VenueMarkets? markets) => UpbitSymbols.TryParse(body, catalog, assets, quote, out markets, out _),
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

    /// <summary>The subscription text sent on every new connection (the ticket names the connection).</summary>
    public string SubscriptionFor(string connectionId) => core.SubscriptionFor(connectionId);

    public void OnRestResponse(string pathAndQuery, ReadOnlySpan<byte> body, long receivedAt) => core.OnRestResponse(pathAndQuery, body, receivedAt);

    public void OnRestFailure(string pathAndQuery, string error, long at) => core.OnRestFailure(pathAndQuery, error, at);

    public void OnOpened(string connectionId, long at) => core.OnOpened(connectionId, at);

    public void OnFrame(string connectionId, ReadOnlySpan<byte> utf8, long receivedAt) => core.OnFrame(connectionId, utf8, receivedAt);

    public void OnClosed(string connectionId, long at) => core.OnClosed(connectionId, at);
}
