using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>What a protocol asks of its transport. Live: real HTTP and sockets. Replay: nothing (the capture already holds the answers).</summary>
public interface IVenueActions
{
    /// <summary>GET a REST path; the answer comes back later through <see cref="IVenueProtocol.OnRestResponse"/> or <see cref="IVenueProtocol.OnRestFailure"/>.</summary>
    void RequestRest(string pathAndQuery);

    /// <summary>Send a text frame on a connection (subscribe, ping).</summary>
    void Send(string connectionId, string text);

    /// <summary>Drop the connection and open a new one (silence, venue error).</summary>
    void Reconnect(string connectionId, BookInvalidReason reason);
}
