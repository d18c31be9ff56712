using Arbiter.Core;

namespace Arbiter.Engine.Tests;

/// <summary>Records the instrument, state and best levels the engine reports after each book event.</summary>
internal sealed class RecordingObserver : IEngineObserver
{
    public List<(Instrument Instrument, BookSyncState State, int BidLevels, int AskLevels)> Applied { get; } = [];

    public void OnBookApplied(Instrument instrument, OrderBook book, BookSyncState state) =>
        Applied.Add((instrument, state, book.Bids.Count, book.Asks.Count));
}
