namespace Arbiter.Venues;

/// <summary>One WebSocket connection a venue adapter wants.</summary>
/// <param name="Name">Stable name, e.g. "binance-0"; physical connections are "{Name}#{n}".</param>
/// <param name="Url">Where to connect.</param>
/// <param name="PingText">Application-level ping to send (Upbit "PING"), or null when the venue pings at protocol level.</param>
/// <param name="PingInterval">How often to send <paramref name="PingText"/>.</param>
/// <param name="MaxLifetime">Reconnect proactively after this long (Binance: 24 h), or null.</param>
public sealed record ConnectionSpec(string Name, Uri Url, string? PingText = null, TimeSpan? PingInterval = null, TimeSpan? MaxLifetime = null)
{
    /// <summary>Reconnect when nothing arrived for this long; null = the transport's default (<see cref="VenueConnectionOptions.IdleTimeout"/>).</summary>
    public TimeSpan? IdleTimeout { get; init; }
}
