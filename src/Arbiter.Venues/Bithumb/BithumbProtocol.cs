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
public sealed class BithumbProtocol : SnapshotBookProtocol
{
    public const string MarketListPath = BithumbSymbols.MarketListPath;

    /// <param name="options">Validated here.</param>
    /// <param name="catalog">Receives the watched instruments when the market list arrives.</param>
    /// <param name="sink">Where book events go.</param>
    /// <param name="actions">The transport: a <see cref="VenueFeed"/> live, <see cref="NullVenueActions"/> in replay.</param>
    public BithumbProtocol(BithumbOptions options, InstrumentCatalog catalog, IMarketEventSink sink, IVenueActions actions)
        : base(Settings(options), Markets(options, catalog), sink, actions)
    {
    }

    private static SnapshotBookSettings Settings(BithumbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new SnapshotBookSettings(
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
    }

    private static MarketListParser Markets(BithumbOptions options, InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var assets = options.Assets;
        var quote = options.Quote;
        return (ReadOnlySpan<byte> body, [NotNullWhen(true)] out VenueMarkets? markets) => BithumbSymbols.TryParse(body, catalog, assets, quote, out markets, out _);
    }
}
