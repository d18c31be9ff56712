namespace Arbiter.Venues.Coinbase;

/// <summary>
/// The state of one Coinbase connection spec: its products, which physical connection is current, the last
/// <c>sequence_num</c> seen on it, and when level2 was last (re)subscribed.
/// </summary>
internal sealed class CoinbaseConnection
{
    public CoinbaseConnection(string[] products, string subscribeLevel2, string subscribeHeartbeats)
    {
        Products = products;
        SubscribeLevel2 = subscribeLevel2;
        SubscribeHeartbeats = subscribeHeartbeats;
    }

    /// <summary>The product ids this connection carries, in configuration order.</summary>
    public string[] Products { get; }

    public string SubscribeLevel2 { get; }

    public string SubscribeHeartbeats { get; }

    /// <summary>The open physical connection ("{spec}#{n}"), or null while closed.</summary>
    public string? OpenId { get; set; }

    /// <summary>False until the first message after open (or after an unreadable one) sets the counter.</summary>
    public bool HasSequence { get; set; }

    public long LastSequence { get; set; }

    /// <summary>When level2 was last subscribed on this connection (open or resubscription), receive-clock µs.</summary>
    public long SubscribedAt { get; set; }

    /// <summary>A resubscription is owed but waits for <see cref="CoinbaseOptions.ResubscribeInterval"/>.</summary>
    public bool ResubscribePending { get; set; }

    public void Reset()
    {
        OpenId = null;
        HasSequence = false;
        LastSequence = 0;
        ResubscribePending = false;
    }
}
