using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Benchmarks.EndToEnd;

/// <summary>
/// Records, for every book event the engine applies, the time from the ingest gate's receive stamp to the engine having
/// applied it (<see cref="IEngineObserver.OnBookApplied"/>, called after the levels are applied and before detection).
/// </summary>
/// <remarks>
/// Runs on the engine thread; read the samples only after the engine loop has ended. Invalidation and syncing events
/// clear the book (receive time 0) and a delta ignored while unsynced leaves it at 0, so only applied snapshots and
/// deltas are recorded. The gate truncates its stamp to whole microseconds, so a sample is 0–1 µs above the true time.
/// </remarks>
internal sealed class LatencyObserver : IEngineObserver
{
    private readonly StopwatchTimeProvider clock;
    private readonly List<LatencySample> samples;

    public LatencyObserver(StopwatchTimeProvider clock, int capacity)
    {
        this.clock = clock;
        samples = new List<LatencySample>(capacity);
    }

    public IReadOnlyList<LatencySample> Samples => samples;

    public void OnBookApplied(Instrument instrument, OrderBook book, BookSyncState state)
    {
        var now = clock.NowMicros();
        if (book.ReceiveTime != 0)
        {
            samples.Add(new LatencySample(instrument.Venue, book.ReceiveTime, now - book.ReceiveTime));
        }
    }
}
