namespace Arbiter.Core;

/// <summary>Where adapters publish market events: the engine's bounded channel live, the engine itself in replay.</summary>
public interface IMarketEventSink
{
    /// <summary>A cleared event to fill.</summary>
    MarketEvent Rent();

    /// <summary>
    /// Hands the event over. Returns false when the queue is full; the event is then already returned to the pool
    /// and the adapter must treat every affected book as lost (invalidate and resync), never carry on silently.
    /// </summary>
    bool TryPublish(MarketEvent marketEvent);
}
