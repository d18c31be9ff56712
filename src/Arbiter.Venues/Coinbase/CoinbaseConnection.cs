namespace Arbiter.Venues.Coinbase;

/// <summary>
/// The state of one Coinbase connection spec: its subscription texts, which physical connection is current, the last
/// <c>sequence_num</c> seen on it, and when level2 was last (re)subscribed.
/// </summary>
internal sealed class CoinbaseConnection
{
    public CoinbaseConnection(string subscribeLevel2, string subscribeHeartbeats)
    {
        SubscribeLevel2 = subscribeLevel2;
        SubscribeHeartbeats = subscribeHeartbeats;
    }

    /// <summary>The level2 subscription of the connection's products, sent on open.</summary>
    public string SubscribeLevel2 { get; }

    /// <summary>The heartbeats subscription, sent on open right after level2.</summary>
    public string SubscribeHeartbeats { get; }

    /// <summary>The open physical connection ("{spec}#{n}"), or null while closed.</summary>
    public string? OpenId { get; set; }

    /// <summary>False until the first message after open (or after an unreadable one) sets the counter.</summary>
    public bool HasSequence { get; set; }

    public long LastSequence { get; set; }

    /// <summary>Start of the snapshot timeout, receive-clock µs: the last level2 (re)subscription, or the last check that found no book waiting.</summary>
    public long SubscribedAt { get; set; }

    /// <summary>A resubscription is owed but waits for <see cref="CoinbaseOptions.ResubscribeInterval"/>.</summary>
    public bool ResubscribePending { get; set; }

    /// <summary>Error answers since the last snapshot on this connection (a refused subscription): the retry waits <see cref="CoinbaseOptions.SubscribeRetryDelay"/>, doubled for each further one.</summary>
    public int Refusals { get; set; }

    /// <summary>An error answer may have refused the heartbeats subscription too: it is sent again with the next resubscription.</summary>
    public bool HeartbeatsPending { get; set; }

    public void Reset()
    {
        OpenId = null;
        HasSequence = false;
        LastSequence = 0;
        ResubscribePending = false;
        Refusals = 0;
        HeartbeatsPending = false;
    }
}
