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
public sealed class UpbitProtocol : SnapshotBookProtocol
{
    public const string MarketListPath = "/v1/market/all?is_details=true";
    public const string ConnectionName = "upbit-0";

    private static readonly RateLimit FivePerSecond = new(5, TimeSpan.FromSeconds(1));

    /// <param name="options">Validated here.</param>
    /// <param name="catalog">Receives the watched instruments when the market list arrives.</param>
    /// <param name="sink">Where book events go.</param>
    /// <param name="actions">The transport: a <see cref="VenueFeed"/> live, <see cref="NullVenueActions"/> in replay.</param>
    public UpbitProtocol(UpbitOptions options, InstrumentCatalog catalog, IMarketEventSink sink, IVenueActions actions)
        : base(Settings(options), Markets(options, catalog), sink, actions)
    {
    }

    private static SnapshotBookSettings Settings(UpbitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new SnapshotBookSettings(
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
    }

    private static MarketListParser Markets(UpbitOptions options, InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var assets = options.Assets;
        var quote = options.Quote;
        return (ReadOnlySpan<byte> body, [NotNullWhen(true)] out VenueMarkets? markets) => UpbitSymbols.TryParse(body, catalog, assets, quote, out markets, out _);
    }
}
