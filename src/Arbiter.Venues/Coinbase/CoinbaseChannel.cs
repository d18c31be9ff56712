namespace Arbiter.Venues.Coinbase;

/// <summary>The envelope's <c>channel</c>, as far as the parser cares.</summary>
internal enum CoinbaseChannel : byte
{
    None = 0,
    L2Data,
    Heartbeats,
    Subscriptions,
    Other,
}
