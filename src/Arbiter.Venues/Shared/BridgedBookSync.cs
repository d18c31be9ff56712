using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// Keeps one book in sequence from a diff stream bridged by a REST snapshot, the procedure Binance (REFERENCE §1,
/// web-socket-streams.md "How to manage a local order book correctly") and Gate.io's <c>spot.order_book_update</c> (§4)
/// share; every event carries the first (U) and last (u) update id it covers:
/// buffer events from the moment the stream opens and ask for a REST snapshot once the first event is in; a snapshot older
/// than the first buffered U is too old (fetch again; see <see cref="BridgedBookSyncSettings.SnapshotMayPrecedeFirstUpdate"/>);
/// drop buffered events with u ≤ id; the first remaining one must have U ≤ id+1 ≤ u; publish the snapshot then the remaining
/// events. From then on: u ≤ local id → ignore; U &gt; local id + 1 → gap: invalidate and start again; else apply, local id = u.
/// A snapshot pushed on the stream itself (Gate's <c>full:true</c>) replaces the book whatever the state (<see cref="OnStreamSnapshot"/>).
/// </summary>
/// <remarks>
/// Decisions depend only on the inputs (frames, REST bodies, open/close and their receive times), so replay reproduces
/// them. At most one snapshot request is outstanding; a failed, stale or non-bridging snapshot is re-requested on the first
/// event at least <see cref="BridgedBookSyncSettings.SnapshotRetryDelayMicros"/> after it. A refused publish (queue full)
/// loses the book: it goes back to syncing and a <see cref="BookInvalidReason.QueueOverflow"/> invalidation is owed (see
/// <see cref="BookPublisher"/>). States: Unsynced while the connection is closed, Syncing, Synced.
/// </remarks>
internal sealed class BridgedBookSync : IVenueBook
{
    private readonly BookPublisher publisher;
    private readonly IVenueActions actions;
    private readonly VenueCounters counters;
    private readonly BridgedBookSyncSettings settings;
    private readonly BookUpdateBuffer buffer = new();
    private long nextRequestAt = long.MinValue;

    public BridgedBookSync(Instrument instrument, int connection, string snapshotPath, BridgedBookSyncSettings settings, IMarketEventSink sink, IVenueActions actions, VenueCounters counters, OverflowTracker tracker)
    {
        publisher = new BookPublisher(sink, instrument, counters, tracker);
        Connection = connection;
        SnapshotPath = snapshotPath;
        this.settings = settings;
        this.actions = actions;
        this.counters = counters;
    }

    public Instrument Instrument => publisher.Instrument;

    /// <summary>Index of the connection spec that carries this book's stream.</summary>
    public int Connection { get; }

    /// <summary>The REST path of this book's snapshot.</summary>
    public string SnapshotPath { get; }

    /// <summary>Unsynced while its connection is closed; Syncing until a snapshot bridges the stream; then Synced.</summary>
    public BookSyncState State { get; private set; }

    /// <summary>The local update id: <c>u</c> of the last applied event (or the snapshot's id); 0 while not synced.</summary>
    public long LastUpdateId { get; private set; }

    public bool SnapshotRequested { get; private set; }

    public int Buffered => buffer.Count;

    public BookPublisher Publisher => publisher;

    public void OnOpened(long at)
    {
        State = BookSyncState.Syncing;
        buffer.Clear();
        LastUpdateId = 0;
        if (publisher.TryFlush(at))
        {
            publisher.Syncing(at);
        }
    }

    public void OnClosed(long at)
    {
        if (State == BookSyncState.Unsynced)
        {
            return;
        }

        State = BookSyncState.Unsynced;
        buffer.Clear();
        LastUpdateId = 0;
        if (publisher.TryFlush(at))
        {
            publisher.Invalidated(BookInvalidReason.Disconnected, at);
        }
    }

    /// <summary>A parsed diff event for this book: <paramref name="update"/> holds u (Sequence), its exchange time and the levels; <paramref name="first"/> is U.</summary>
    public void OnUpdate(MarketEvent update, long first, long at)
    {
        switch (State)
        {
            case BookSyncState.Synced:
                ApplyOrResync(update, first, at);
                return;
            case BookSyncState.Syncing:
                BufferAndRequest(update, first, at);
                return;
            default:
                counters.CountIgnored(); // no frames are expected while closed
                return;
        }
    }

    /// <summary>
    /// A full book pushed on the stream (<paramref name="full"/>: u as Sequence, exchange time, levels): it replaces the book
    /// in any open state. Everything buffered arrived before it, so it supersedes the buffer; a snapshot request still
    /// outstanding is ignored when it comes back (the book is Synced by then). A full book older than what the book already
    /// holds (u at or below the local id while Synced, below the newest buffered u while Syncing) is a late copy: ignored,
    /// as an old update would be.
    /// </summary>
    public void OnStreamSnapshot(MarketEvent full, long at)
    {
        if (State == BookSyncState.Unsynced
            || (State == BookSyncState.Synced && full.Sequence <= LastUpdateId)
            || (State == BookSyncState.Syncing && buffer.Count > 0 && full.Sequence < buffer.Last.Last))
        {
            counters.CountIgnored();
            return;
        }

        buffer.Clear();
        if (!publisher.TryFlush(at))
        {
            // Still owed an invalidation the queue could not take: nothing else about this book goes first.
            State = BookSyncState.Syncing;
            LastUpdateId = 0;
            return;
        }

        var snapshot = publisher.Rent(MarketEventKind.BookSnapshot, at);
        snapshot.Sequence = full.Sequence;
        snapshot.ExchangeTime = full.ExchangeTime;
        snapshot.Depth = settings.Depth;
        CopyNonZero(full.Bids, snapshot.Bids);
        CopyNonZero(full.Asks, snapshot.Asks);
        if (!publisher.Publish(snapshot))
        {
            Lose();
            return;
        }

        State = BookSyncState.Synced;
        LastUpdateId = full.Sequence;
    }

    /// <summary>A frame about this book could not be parsed: whatever it said is lost, so the book is rebuilt.</summary>
    public void OnMalformed(long at)
    {
        if (State == BookSyncState.Unsynced)
        {
            return;
        }

        counters.CountResync();
        Restart(BookInvalidReason.MalformedFrame, at);
    }

    /// <summary>The REST snapshot arrived; <paramref name="bids"/> and <paramref name="asks"/> are scratch lists the parser fills.</summary>
    public void OnSnapshot(ReadOnlySpan<byte> body, LevelList bids, LevelList asks, long at)
    {
        SnapshotRequested = false;
        if (State != BookSyncState.Syncing)
        {
            counters.CountIgnored(); // the connection closed meanwhile, or the book synced another way
            return;
        }

        if (!settings.ParseSnapshot(body, Instrument, bids, asks, out var snapshotId, out var exchangeTime))
        {
            counters.CountMalformed();
            RetryLater(at);
            return;
        }

        if (buffer.Count == 0)
        {
            // Nothing to bridge (the buffer restarted meanwhile): ask again with the next event.
            counters.CountIgnored();
            return;
        }

        var slack = settings.SnapshotMayPrecedeFirstUpdate ? 1 : 0;
        if (snapshotId + slack < buffer.First.First)
        {
            // Older than the stream we hold: the events between them are lost to us.
            counters.CountIgnored();
            RetryLater(at);
            return;
        }

        while (buffer.Count > 0 && buffer.First.Last <= snapshotId)
        {
            buffer.DropFirst();
        }

        if (buffer.Count > 0 && buffer.First.First > snapshotId + 1)
        {
            counters.CountIgnored();
            RetryLater(at);
            return;
        }

        if (!publisher.TryFlush(at))
        {
            RetryLater(at);
            return;
        }

        var snapshot = publisher.Rent(MarketEventKind.BookSnapshot, at);
        snapshot.Sequence = snapshotId;
        snapshot.ExchangeTime = exchangeTime;
        snapshot.Depth = settings.Depth;
        snapshot.Bids.CopyFrom(bids);
        snapshot.Asks.CopyFrom(asks);
        if (!publisher.Publish(snapshot))
        {
            RetryLater(at);
            return;
        }

        State = BookSyncState.Synced;
        LastUpdateId = snapshotId;
        while (buffer.Count > 0)
        {
            ref readonly var next = ref buffer.First;
            var delta = publisher.Rent(MarketEventKind.BookDelta, next.ReceiveTime);
            delta.Sequence = next.Last;
            delta.ExchangeTime = next.ExchangeTime;
            delta.Depth = settings.Depth;
            buffer.CopyLevels(next, delta);
            if (!publisher.Publish(delta))
            {
                // Lost again: keep the rest of the buffer (still in sequence) for the next snapshot.
                Lose();
                RetryLater(at);
                return;
            }

            LastUpdateId = next.Last;
            buffer.DropFirst();
        }
    }

    public void OnSnapshotFailed(long at)
    {
        SnapshotRequested = false;
        RetryLater(at);
    }

    /// <summary>Publishes an owed QueueOverflow invalidation (called at the protocol's next input); the sync restarts with the next event.</summary>
    public void FlushOverflow(long at) => publisher.TryFlush(at);

    private static void CopyNonZero(LevelList source, LevelList target)
    {
        foreach (var level in source.Span)
        {
            if (level.Quantity != 0)
            {
                target.Add(level.Price, level.Quantity);
            }
        }
    }

    private void ApplyOrResync(MarketEvent update, long first, long at)
    {
        var last = update.Sequence;
        if (last <= LastUpdateId)
        {
            counters.CountIgnored(); // duplicate or old
            return;
        }

        if (first > LastUpdateId + 1)
        {
            counters.CountGap();
            counters.CountResync();
            Restart(BookInvalidReason.SequenceGap, at);
            BufferAndRequest(update, first, at);
            return;
        }

        var delta = publisher.Rent(MarketEventKind.BookDelta, at);
        delta.Sequence = last;
        delta.ExchangeTime = update.ExchangeTime;
        delta.Depth = settings.Depth;
        delta.Bids.CopyFrom(update.Bids);
        delta.Asks.CopyFrom(update.Asks);
        if (!publisher.Publish(delta))
        {
            // The engine never saw this delta: its book is wrong from here on. Rebuild from a snapshot, starting the
            // new buffer with the event it missed.
            Lose();
            BufferAndRequest(update, first, at);
            return;
        }

        LastUpdateId = last;
    }

    private void BufferAndRequest(MarketEvent update, long first, long at)
    {
        if (buffer.Count > 0)
        {
            ref readonly var previous = ref buffer.Last;
            if (update.Sequence <= previous.Last)
            {
                counters.CountIgnored();
                RequestIfDue(at);
                return;
            }

            if (first > previous.Last + 1)
            {
                // A gap inside the buffer: nothing before it can be bridged any more.
                counters.CountGap();
                buffer.Clear();
            }
        }

        if (buffer.Count >= settings.MaxBufferedUpdates)
        {
            // The snapshot is taking too long: start the buffer again rather than grow without bound.
            counters.CountGap();
            buffer.Clear();
        }

        buffer.Add(update, first, at);
        RequestIfDue(at);
    }

    private void RequestIfDue(long at)
    {
        if (SnapshotRequested || at < nextRequestAt)
        {
            return;
        }

        SnapshotRequested = true;
        actions.RequestRest(SnapshotPath);
    }

    private void RetryLater(long at) => nextRequestAt = at + settings.SnapshotRetryDelayMicros;

    /// <summary>Back to syncing after a fault, telling the engine why.</summary>
    private void Restart(BookInvalidReason reason, long at)
    {
        State = BookSyncState.Syncing;
        buffer.Clear();
        LastUpdateId = 0;
        if (publisher.TryFlush(at) && publisher.Invalidated(reason, at))
        {
            publisher.Syncing(at);
        }
    }

    /// <summary>Back to syncing after a refused publish; the publisher already owes the engine the invalidation.</summary>
    private void Lose()
    {
        counters.CountResync();
        State = BookSyncState.Syncing;
        LastUpdateId = 0;
    }
}
