namespace Arbiter.Venues.Coinbase;

/// <summary>What the parser has seen so far in one message's envelope.</summary>
internal struct CoinbaseEnvelope
{
    public CoinbaseChannel Channel;
    public bool HasTimestamp;
    public bool HasEvents;
    public bool IsError;

    /// <summary>Byte range of "events" seen before "channel" (parsed at the end); End 0 = none.</summary>
    public int EventsStart;
    public int EventsEnd;
}
