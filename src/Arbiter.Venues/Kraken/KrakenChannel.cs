namespace Arbiter.Venues.Kraken;

/// <summary>The <c>channel</c> of a Kraken WS v2 message, as far as this adapter cares.</summary>
internal enum KrakenChannel : byte
{
    None = 0,
    Book,
    Heartbeat,
    Status,
    Other,
}
