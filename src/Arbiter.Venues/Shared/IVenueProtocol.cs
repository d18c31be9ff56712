using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// The synchronous heart of a venue adapter: turns raw inputs (REST bodies, WebSocket frames, connection
/// open/close) into market events and requests. Live, a <see cref="VenueFeed"/> drives it from sockets; in replay,
/// the capture drives it with no sockets. Not thread-safe: every call goes through one <see cref="IngestGate"/>.
/// </summary>
public interface IVenueProtocol
{
    VenueId Venue { get; }

    /// <summary>Counters this adapter keeps (frames, malformed, gaps, resyncs...).</summary>
    VenueCounters Counters { get; }

    /// <summary>REST paths (with query) to fetch before connecting: the market lists.</summary>
    IReadOnlyList<string> MarketListRequests { get; }

    /// <summary>The WebSocket connections to open, known once the market lists are in.</summary>
    IReadOnlyList<ConnectionSpec> Connections { get; }

    /// <summary>The parsed market list (tradable markets only) and the watched instruments, once the list has arrived; null before.</summary>
    VenueMarkets? Symbols { get; }

    /// <summary>The venue's limit on new WebSocket connections (per IP); the transport spaces its connects to stay under it. Null = none published.</summary>
    RateLimit? ConnectLimit => null;

    /// <summary>A REST response arrived (market list or book snapshot), body as received.</summary>
    void OnRestResponse(string pathAndQuery, ReadOnlySpan<byte> body, long receivedAt);

    /// <summary>A REST request failed (status or transport error).</summary>
    void OnRestFailure(string pathAndQuery, string error, long at);

    /// <summary>A connection of spec <see cref="ConnectionSpec.Name"/> opened; <paramref name="connectionId"/> is "{spec}#{n}".</summary>
    void OnOpened(string connectionId, long at);

    /// <summary>One complete text frame.</summary>
    void OnFrame(string connectionId, ReadOnlySpan<byte> utf8, long receivedAt);

    /// <summary>The connection closed or was dropped.</summary>
    void OnClosed(string connectionId, long at);
}
