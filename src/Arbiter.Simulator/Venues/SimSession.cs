using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// The protocol state of one simulated WebSocket connection, without the socket: what it subscribed to, its
/// replies to client messages, and which step outputs it receives. Not thread-safe: the caller serialises
/// <see cref="Receive"/> and <see cref="Select"/> with the simulation's steps.
/// </summary>
public abstract class SimSession
{
    private protected SimSession()
    {
    }

    public abstract VenueId Venue { get; }

    /// <summary>True when this connection's messages go out as binary frames (Upbit), false for text frames (Binance).</summary>
    public abstract bool SendsBinaryFrames { get; }

    /// <summary>Handles one text message from the client; returns the frames to send back, in order (possibly none).</summary>
    public abstract IReadOnlyList<byte[]> Receive(string text);

    /// <summary>Client messages in the venue's message-limit window (set by the listener; null when the venue has no limit).</summary>
    internal SlidingWindow? MessageWindow { get; set; }

    /// <summary>
    /// The reply to a client message over the venue's message limit (counted by the listener), or null to close the
    /// connection at once as Binance does (a reply may also set <see cref="CloseRequested"/>). Default: close.
    /// </summary>
    public virtual IReadOnlyList<byte[]>? RateLimitedReply(string text) => null;

    /// <summary>
    /// True when <paramref name="text"/> counts against the venue's message limit (see <see cref="SimVenue.MessageLimit"/>).
    /// Default: every message; OKX counts only subscribe, unsubscribe and login requests, not its "ping".
    /// </summary>
    public virtual bool CountsTowardMessageLimit(string text) => true;

    /// <summary>
    /// True once the venue closes this connection, and nothing more is sent: set while handling a client message (Bithumb
    /// answers a bad request with an error and then closes with 1000), the transport sends the replies already returned,
    /// then a close frame; set while selecting outputs (Coinbase: no subscribe within 5 s of connecting), the transport
    /// drops the connection when it next dispatches outputs.
    /// </summary>
    public bool CloseRequested { get; private protected set; }

    /// <summary>The bytes this connection gets for a step output, or null when it is not subscribed to it.</summary>
    public abstract byte[]? Select(SimOutput output);
}
