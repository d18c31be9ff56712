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

    /// <summary>
    /// The venue's limit on messages the client sends on one connection (subscribes, pings); the transport paces sends
    /// to stay under it. Null = no limit.
    /// </summary>
    public RateLimit? SendLimit { get; init; }

    /// <summary>
    /// At <see cref="MaxLifetime"/>, open the replacement connection first and close the old one only once the new one is
    /// open (RELIABILITY row 7). The protocol sees <c>OnOpened("{Name}#{n+1}")</c> before <c>OnClosed("{Name}#{n}")</c> and
    /// must ignore the late close and any frame of the old connection (see <see cref="ConnectionTable"/>).
    /// </summary>
    public bool OverlapOnLifetime { get; init; }
}
