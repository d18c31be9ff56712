using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// Publishes the events of one book and owns the rule for a full queue: a refused event means the engine's copy of the
/// book is lost, so the book is marked as owing a <see cref="BookInvalidReason.QueueOverflow"/> invalidation, which is
/// published at the next chance (<see cref="TryFlush"/>) before anything else about the book. The caller resyncs.
/// </summary>
/// <remarks>Not thread-safe: used under the ingest gate like the protocol that owns it.</remarks>
internal sealed class BookPublisher
{
    private readonly IMarketEventSink sink;
    private readonly VenueCounters counters;
    private readonly OverflowTracker tracker;

    public BookPublisher(IMarketEventSink sink, Instrument instrument, VenueCounters counters, OverflowTracker tracker)
    {
        this.sink = sink;
        Instrument = instrument;
        this.counters = counters;
        this.tracker = tracker;
    }

    public Instrument Instrument { get; }

    /// <summary>True while the engine still has to be told that this book was lost to a full queue.</summary>
    public bool OverflowPending { get; private set; }

    /// <summary>A cleared event about this book.</summary>
    public MarketEvent Rent(MarketEventKind kind, long receiveTime)
    {
        var e = sink.Rent();
        e.Kind = kind;
        e.Venue = Instrument.Venue;
        e.Instrument = Instrument;
        e.ReceiveTime = receiveTime;
        return e;
    }

    /// <summary>Publishes <paramref name="e"/>; false when the queue refused it (the book is then lost: resync it).</summary>
    public bool Publish(MarketEvent e)
    {
        if (sink.TryPublish(e))
        {
            return true;
        }

        counters.CountOverflow();
        if (!OverflowPending)
        {
            OverflowPending = true;
            tracker.Add();
        }

        return false;
    }

    /// <summary>BookInvalidated(<paramref name="reason"/>); false when the queue refused it.</summary>
    public bool Invalidated(BookInvalidReason reason, long at)
    {
        var e = Rent(MarketEventKind.BookInvalidated, at);
        e.Reason = reason;
        return Publish(e);
    }

    /// <summary>BookSyncing; false when the queue refused it.</summary>
    public bool Syncing(long at) => Publish(Rent(MarketEventKind.BookSyncing, at));

    /// <summary>Publishes the overdue QueueOverflow invalidation if one is owed; true when nothing is owed any more.</summary>
    public bool TryFlush(long at)
    {
        if (!OverflowPending)
        {
            return true;
        }

        var e = Rent(MarketEventKind.BookInvalidated, at);
        e.Reason = BookInvalidReason.QueueOverflow;
        if (!sink.TryPublish(e))
        {
            counters.CountOverflow();
            return false;
        }

        OverflowPending = false;
        tracker.Remove();
        return Syncing(at);
    }
}
