namespace Arbiter.Simulator;

/// <summary>How often clients broke a simulated venue's published limits (each breach refused the way the venue does). Thread-safe.</summary>
public sealed class LimitCounters
{
    private long connectBreaches;
    private long messageBreaches;
    private long connectsAccepted;
    private long messagesAccepted;

    /// <summary>Handshakes refused because the venue's connection limit was exceeded.</summary>
    public long ConnectBreaches => Interlocked.Read(ref connectBreaches);

    /// <summary>Client messages over the venue's per-connection message limit.</summary>
    public long MessageBreaches => Interlocked.Read(ref messageBreaches);

    public long ConnectsAccepted => Interlocked.Read(ref connectsAccepted);

    public long MessagesAccepted => Interlocked.Read(ref messagesAccepted);

    internal void ConnectBreach() => Interlocked.Increment(ref connectBreaches);

    internal void MessageBreach() => Interlocked.Increment(ref messageBreaches);

    internal void ConnectAccepted() => Interlocked.Increment(ref connectsAccepted);

    internal void MessageAccepted() => Interlocked.Increment(ref messagesAccepted);
}
