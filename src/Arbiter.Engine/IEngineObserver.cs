using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>Optional hook for tests and fault harnesses to see every book right after the engine applied an event to it; null in production.</summary>
public interface IEngineObserver
{
    /// <summary>
    /// Called on the engine thread after every book event (snapshot, delta — also one ignored while unsynced —,
    /// invalidation, syncing) with the book and its effective state at the engine clock. The book is the engine's
    /// own: read it during the call, never keep or change it.
    /// </summary>
    void OnBookApplied(Instrument instrument, OrderBook book, BookSyncState state);
}
