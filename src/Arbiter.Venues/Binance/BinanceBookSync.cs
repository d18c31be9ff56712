using System.Globalization;
using Arbiter.Core;

namespace Arbiter.Venues.Binance;

/// <summary>
/// Keeps one Binance book in sequence with the official procedure (REFERENCE §1, web-socket-streams.md "How to manage a
/// local order book correctly"):
/// buffer diff events from the moment the stream opens and ask for a REST snapshot once the first event is in; a
/// snapshot whose lastUpdateId is below the first buffered U is too old (fetch again); drop buffered events with
/// u ≤ lastUpdateId; the first remaining one must have U ≤ lastUpdateId+1 ≤ u; publish the snapshot then the remaining
/// events. From then on: u ≤ local id → ignore; U > local id + 1 → gap: invalidate and start again; else apply, local id = u.
/// </summary>
/// <remarks>
/// Decisions depend only on the inputs (frames, REST bodies, open/close and their receive times), so replay reproduces
/// them. At most one snapshot request is outstanding; a failed, stale or non-bridging snapshot is re-requested on the first
/// event at least <see cref="BinanceOptions.SnapshotRetryDelay"/> after it. A refused publish (queue full) loses the book:
/// it goes back to syncing and a <see cref="BookInvalidReason.QueueOverflow"/> invalidation is owed (see <see cref="BookPublisher"/>).
/// </remarks>
internal sealed class BinanceBookSync
{
    private readonly BookPublisher publisher;
    private readonly IVenueActions actions;
    private readonly VenueCounters counters;
    private readonly BinanceUpdateBuffer buffer = new();
    private readonly long retryDelay;
    private readonly int maxBuffered;
    private long nextRequestAt = long.MinValue;

    public BinanceBookSync(Instrument instrument, int connection, BinanceOptions options, IMarketEventSink sink, IVenueActions actions, VenueCounters counters, OverflowTracker tracker)
    {
        publisher = new BookPublisher(sink, instrument, counters, tracker);
        Connection = connection;
        this.actions = actions;
        this.counters = counters;
        retryDelay = options.SnapshotRetryDelay.Ticks / TimeSpan.TicksPerMicrosecond;
        maxBuffered = options.MaxBufferedUpdates;
        SnapshotPath = string.Create(CultureInfo.InvariantCulture, $"/api/v3/depth?symbol={instrument.Symbol}&limit={options.SnapshotLimit}");
    }

    public Instrument Instrument => publisher.Instrument;

    /// <summary>Index of the connection spec that carries this book's stream.</summary>
    public int Connection { get; }

    /// <summary>The REST path of this book's snapshot.</summary>
    public string SnapshotPath { get; }

    public BinanceSyncState State { get; private set; }

    /// <summary>The local update id: <c>u</c> of the last applied event (or the snapshot's lastUpdateId).</summary>
    public long LastUpdateId { get; private set; }

    public bool SnapshotRequested { get; private set; }

    public int Buffered => buffer.Count;

    public BookPublisher Publisher => publisher;

    public void OnOpened(long at)
    {
        State = BinanceSyncState.Syncing;
        buffer.Clear();
        LastUpdateId = 0;
        if (publisher.TryFlush(at))
        {
            publisher.Syncing(at);
        }
    }

    public void OnClosed(long at)
    {
        if (State == BinanceSyncState.Closed)
        {
            return;
        }

        State = BinanceSyncState.Closed;
        buffer.Clear();
        LastUpdateId = 0;
        if (publisher.TryFlush(at))
        {
            publisher.Invalidated(BookInvalidReason.Disconnected, at);
        }
    }

    /// <summary>A parsed depthUpdate for this book: <paramref name="update"/> holds u (Sequence), E and the levels; <paramref name="first"/> is U.</summary>
    public void OnUpdate(MarketEvent update, long first, long at)
    {
        switch (State)
        {
            case BinanceSyncState.Synced:
                ApplyOrResync(update, first, at);
                return;
            case BinanceSyncState.Syncing:
                BufferAndRequest(update, first, at);
                return;
            default:
                counters.CountIgnored(); // no frames are expected while closed
                return;
        }
    }

    /// <summary>A frame about this book could not be parsed: whatever it said is lost, so the book is rebuilt.</summary>
    public void OnMalformed(long at)
    {
        if (State == BinanceSyncState.Closed)
        {
            return;
        }

        counters.CountResync();
        Restart(BookInvalidReason.MalformedFrame, at);
    }

    public void OnSnapshot(ReadOnlySpan<byte> body, LevelList bids, LevelList asks, long at)
    {
        SnapshotRequested = false;
        if (State != BinanceSyncState.Syncing)
        {
            counters.CountIgnored(); // the connection closed meanwhile, or a resync already completed
            return;
        }

        if (!BinanceParser.TryParseSnapshot(body, Instrument, bids, asks, out var lastUpdateId))
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

        if (lastUpdateId < buffer.First.First)
        {
            // Older than the stream we hold: the events between them are lost to us.
            counters.CountIgnored();
            RetryLater(at);
            return;
        }

        while (buffer.Count > 0 && buffer.First.Last <= lastUpdateId)
        {
            buffer.DropFirst();
        }

        if (buffer.Count > 0 && buffer.First.First > lastUpdateId + 1)
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
        snapshot.Sequence = lastUpdateId;
        snapshot.Depth = 0; // the diff stream covers the whole book
        snapshot.Bids.CopyFrom(bids);
        snapshot.Asks.CopyFrom(asks);
        if (!publisher.Publish(snapshot))
        {
            RetryLater(at);
            return;
        }

        State = BinanceSyncState.Synced;
        LastUpdateId = lastUpdateId;
        while (buffer.Count > 0)
        {
            ref readonly var next = ref buffer.First;
            var delta = publisher.Rent(MarketEventKind.BookDelta, next.ReceiveTime);
            delta.Sequence = next.Last;
            delta.ExchangeTime = next.ExchangeTime;
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

    /// <summary>Publishes an owed QueueOverflow invalidation (called at the protocol's next input).</summary>
    public void FlushOverflow(long at) => publisher.TryFlush(at);

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

        if (buffer.Count >= maxBuffered)
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

    private void RetryLater(long at) => nextRequestAt = at + retryDelay;

    /// <summary>Back to syncing after a fault, telling the engine why.</summary>
    private void Restart(BookInvalidReason reason, long at)
    {
        State = BinanceSyncState.Syncing;
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
        State = BinanceSyncState.Syncing;
        LastUpdateId = 0;
    }
}
