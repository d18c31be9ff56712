using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>What distinguishes one snapshot-per-message venue (Upbit, Bithumb) for <see cref="SnapshotBookProtocol"/>.</summary>
/// <param name="Venue">The venue.</param>
/// <param name="ConnectionPrefix">Connection specs are named "{prefix}-0", "{prefix}-1", ...</param>
/// <param name="MarketListPath">REST path (with query) of the market list.</param>
/// <param name="WsUrl">The public WebSocket.</param>
/// <param name="PingText">Application-level ping text.</param>
/// <param name="PingInterval">How often to send <paramref name="PingText"/>.</param>
/// <param name="IdleTimeout">No message for this long → reconnect.</param>
/// <param name="Depth">Levels per side the subscription delivers (<see cref="MarketEvent.Depth"/>).</param>
/// <param name="CodeSuffix">Appended to each code in the subscription (".15"), or "".</param>
/// <param name="MaxCodesPerConnection">Codes carried by one connection; more instruments use more connections.</param>
/// <param name="SendLimit">The venue's limit on messages sent per connection, or null.</param>
/// <param name="ConnectLimit">The venue's limit on new connections per IP, or null.</param>
/// <param name="Timestamps">How the venue spells <c>timestamp</c>.</param>
internal sealed record SnapshotBookSettings(
    VenueId Venue,
    string ConnectionPrefix,
    string MarketListPath,
    Uri WsUrl,
    string PingText,
    TimeSpan PingInterval,
    TimeSpan IdleTimeout,
    int Depth,
    string CodeSuffix,
    int MaxCodesPerConnection,
    RateLimit? SendLimit,
    RateLimit? ConnectLimit,
    OrderbookTimestampUnit Timestamps);
