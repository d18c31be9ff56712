using System.Globalization;
using Arbiter.Core;

namespace Arbiter.Venues.Okx;

/// <summary>
/// Keeps one OKX <c>books</c> book in sequence (REFERENCE §7; the rules are summarised on <see cref="OkxProtocol"/>).
/// A WebSocket snapshot replaces the book; an update applies only when its prevSeqId equals the last seqId (this also
/// accepts keep-alives, seqId == prevSeqId, and sequence resets, seqId &lt; prevSeqId). Without a WebSocket snapshot (the
/// first push is an update, or the book lost sync) updates are buffered and bridged by the REST snapshot:
/// drop seqId ≤ snapshot seqId, the first applied has prevSeqId ≤ snapshot seqId &lt; seqId. The same holds for pushes
/// that arrive after the snapshot until one applies: one made before it (seqId ≤ its seqId, ts ≤ its ts) is dropped, not
/// taken for a gap, since the REST book may be ahead of the stream.
/// </summary>
/// <remarks>
/// Decisions depend only on the inputs (frames, REST bodies, open/close and their receive times), so replay reproduces
/// them. The book is checked against a non-zero checksum on every snapshot and update before anything is published. At
/// most one REST request is outstanding; a failed, stale or non-bridging snapshot is re-requested on the first update at
/// least <see cref="OkxOptions.SnapshotRetryDelay"/> after it. A refused publish (queue full) loses the book: it goes back to
/// syncing and a <see cref="BookInvalidReason.QueueOverflow"/> invalidation is owed (see <see cref="BookPublisher"/>).
/// </remarks>
internal sealed class OkxBookSync : IVenueBook
{
    /// <summary>Levels per side of the <c>books</c> channel and of the REST snapshot asked for; the book is kept at this depth.</summary>
    public const int Depth = 400;

    private readonly BookPublisher publisher;
    private readonly IVenueActions actions;
    private readonly VenueCounters counters;
    private readonly OkxScratch scratch;
    private readonly OkxFrameBuffer buffer = new();
    private readonly OkxLocalBook local = new();
    private readonly long retryDelay;
    private readonly int maxBuffered;
    private long nextRequestAt = long.MinValue;
    private long lastPrevSeqId = long.MinValue;

    // Synced from a REST snapshot and no push applied since: pushes the snapshot already holds are dropped, and the
    // first applied may overlap it (REFERENCE §7 step 4). bridgeTime is the snapshot's ts (µs).
    private bool bridging;
    private long bridgeTime;

    public OkxBookSync(Instrument instrument, int connection, OkxOptions options, IMarketEventSink sink, IVenueActions actions, VenueCounters counters, OverflowTracker tracker, OkxScratch scratch)
    {
        publisher = new BookPublisher(sink, instrument, counters, tracker);
        Connection = connection;
        this.actions = actions;
        this.counters = counters;
        this.scratch = scratch;
        retryDelay = options.SnapshotRetryDelay.Ticks / TimeSpan.TicksPerMicrosecond;
        maxBuffered = options.MaxBufferedUpdates;
        SnapshotPath = string.Create(CultureInfo.InvariantCulture, $"/api/v5/market/books?instId={instrument.Symbol}&sz={Depth}");
    }

    public Instrument Instrument => publisher.Instrument;

    public BookPublisher Publisher => publisher;

    /// <summary>Index of the connection spec that carries this book.</summary>
    public int Connection { get; }

    /// <summary>The REST path of this book's snapshot.</summary>
    public string SnapshotPath { get; }

    public OkxSyncState State { get; private set; }

    /// <summary>seqId of the last applied push or REST snapshot (0 while not synced).</summary>
    public long LastSeqId { get; private set; }

    public bool SnapshotRequested { get; private set; }

    public int Buffered => buffer.Count;

    /// <summary>True once a push for this book arrived on the current connection (a refused subscription leaves it false).</summary>
    public bool HeardSinceOpen { get; private set; }

    public void OnOpened(long at)
    {
        State = OkxSyncState.Syncing;
        HeardSinceOpen = false;
        Reset();
        if (publisher.TryFlush(at))
        {
            publisher.Syncing(at);
        }
    }

    public void OnClosed(long at)
    {
        if (State == OkxSyncState.Closed)
        {
            return;
        }

        State = OkxSyncState.Closed;
        Reset();
        if (publisher.TryFlush(at))
        {
            publisher.Invalidated(BookInvalidReason.Disconnected, at);
        }
    }

    /// <summary>A <c>books</c> snapshot push for this book, parsed into <paramref name="e"/> and <paramref name="spellings"/>.</summary>
    public void OnSnapshot(MarketEvent e, OkxBookHeader header, OkxLevelSpellings spellings, long at)
    {
        if (State == OkxSyncState.Closed)
        {
            counters.CountIgnored(); // no frames are expected while closed
            return;
        }

        HeardSinceOpen = true;

        if (e.Bids.Count == 0 && e.Asks.Count == 0)
        {
            // Not a book: OKX's withdrawn snapshot (REFERENCE §7 step 1, "ignore the first (snapshot) event"). The updates
            // that follow chain from it, so a synced book resyncs by REST at the next update; a syncing one buffers them.
            counters.CountIgnored();
            return;
        }

        local.Load(e.Bids, e.Asks, spellings, Depth);
        if (!ChecksumMatches(header))
        {
            counters.CountResync();
            Restart(BookInvalidReason.ChecksumMismatch, at);
            return;
        }

        if (!publisher.TryFlush(at))
        {
            // The owed invalidation must go first (the book is already syncing since it was lost): the updates that
            // follow rebuild it by REST.
            local.Clear();
            return;
        }

        var snapshot = publisher.Rent(MarketEventKind.BookSnapshot, at);
        snapshot.Sequence = e.Sequence;
        snapshot.ExchangeTime = e.ExchangeTime;
        snapshot.Depth = Depth;
        snapshot.Bids.CopyFrom(e.Bids);
        snapshot.Asks.CopyFrom(e.Asks);
        if (!publisher.Publish(snapshot))
        {
            Lose();
            return;
        }

        State = OkxSyncState.Synced;
        buffer.Clear();
        LastSeqId = e.Sequence;
        lastPrevSeqId = header.PrevSeqId;
        bridging = false;
    }

    /// <summary>A <c>books</c> update push for this book: <paramref name="frame"/> as received, parsed into <paramref name="e"/>.</summary>
    public void OnUpdate(ReadOnlySpan<byte> frame, MarketEvent e, OkxBookHeader header, OkxLevelSpellings spellings, long at)
    {
        HeardSinceOpen |= State != OkxSyncState.Closed;
        switch (State)
        {
            case OkxSyncState.Synced:
                ApplyOrResync(frame, e, header, spellings, at);
                return;
            case OkxSyncState.Syncing:
                BufferAndRequest(frame, header.PrevSeqId, e.Sequence, at);
                return;
            default:
                counters.CountIgnored(); // no frames are expected while closed
                return;
        }
    }

    /// <summary>A frame about this book could not be parsed: whatever it said is lost, so the book is rebuilt.</summary>
    public void OnMalformed(long at)
    {
        if (State == OkxSyncState.Closed)
        {
            return;
        }

        counters.CountResync();
        Restart(BookInvalidReason.MalformedFrame, at);
    }

    public void OnRestSnapshot(ReadOnlySpan<byte> body, long at)
    {
        SnapshotRequested = false;
        if (State != OkxSyncState.Syncing)
        {
            counters.CountIgnored(); // the connection closed meanwhile, or a WebSocket snapshot already synced the book
            return;
        }

        var bids = scratch.SnapshotBids;
        var asks = scratch.SnapshotAsks;
        var spellings = scratch.SnapshotSpellings;
        switch (OkxParser.TryParseSnapshot(body, Instrument, bids, asks, spellings, out var seqId, out var exchangeTime))
        {
            case OkxSnapshotStatus.Ok:
                break;
            case OkxSnapshotStatus.VenueError:
                counters.CountVenueError();
                RetryLater(at);
                return;
            default:
                // Malformed, or without the seqId needed to bridge: ask again later (REFERENCE §7 expects seqId).
                counters.CountMalformed();
                RetryLater(at);
                return;
        }

        if (buffer.Count == 0)
        {
            // Nothing to bridge (the buffer restarted meanwhile): ask again with the next update.
            counters.CountIgnored();
            return;
        }

        if (seqId < buffer.First.PrevSeqId)
        {
            // Older than the updates we hold: the ones between them are lost to us (REFERENCE §7 step 3: refetch).
            counters.CountIgnored();
            RetryLater(at);
            return;
        }

        while (buffer.Count > 0 && buffer.First.SeqId <= seqId)
        {
            buffer.DropFirst();
        }

        if (!publisher.TryFlush(at))
        {
            RetryLater(at);
            return;
        }

        local.Load(bids, asks, spellings, Depth);
        var snapshot = publisher.Rent(MarketEventKind.BookSnapshot, at);
        snapshot.Sequence = seqId;
        snapshot.ExchangeTime = exchangeTime;
        snapshot.Depth = Depth;
        snapshot.Bids.CopyFrom(bids);
        snapshot.Asks.CopyFrom(asks);
        if (!publisher.Publish(snapshot))
        {
            RetryLater(at);
            return;
        }

        State = OkxSyncState.Synced;
        LastSeqId = seqId;
        lastPrevSeqId = long.MinValue;

        // With nothing left to replay, pushes still in flight may be older than the snapshot (the REST book can be ahead
        // of the stream): until one applies, those are dropped rather than taken for a gap.
        bridging = buffer.Count == 0;
        bridgeTime = exchangeTime;
        ReplayBuffer(at);
    }

    public void OnSnapshotFailed(long at)
    {
        SnapshotRequested = false;
        RetryLater(at);
    }

    /// <summary>Publishes an owed QueueOverflow invalidation (called at the protocol's next input).</summary>
    public void FlushOverflow(long at) => publisher.TryFlush(at);

    /// <summary>
    /// Applies the buffered updates after the REST snapshot. The first has prevSeqId ≤ snapshot seqId &lt; seqId (older ones
    /// were dropped, and the buffer holds a prevSeqId chain that started at or before the snapshot); the rest chain.
    /// </summary>
    private void ReplayBuffer(long at)
    {
        var frame = scratch.Frame;
        var spellings = scratch.FrameSpellings;
        while (buffer.Count > 0)
        {
            ref readonly var next = ref buffer.First;
            if (OkxParser.ParseFrame(buffer.BytesOf(next), scratch.Symbols, frame, spellings, out var header) != OkxFrameKind.BookUpdate
                || !ReferenceEquals(frame.Instrument, Instrument))
            {
                // It parsed when it arrived; it cannot fail now. Treated as a malformed frame all the same.
                counters.CountMalformed();
                counters.CountResync();
                Restart(BookInvalidReason.MalformedFrame, at);
                return;
            }

            local.Apply(frame.Bids, frame.Asks, spellings, Depth);
            if (!ChecksumMatches(header))
            {
                counters.CountResync();
                Restart(BookInvalidReason.ChecksumMismatch, at);
                return;
            }

            var delta = publisher.Rent(MarketEventKind.BookDelta, next.ReceiveTime);
            delta.Sequence = frame.Sequence;
            delta.ExchangeTime = frame.ExchangeTime;
            delta.Depth = Depth;
            delta.Bids.CopyFrom(frame.Bids);
            delta.Asks.CopyFrom(frame.Asks);
            if (!publisher.Publish(delta))
            {
                // Lost again: keep the rest of the buffer (still in sequence) for the next snapshot.
                Lose();
                RetryLater(at);
                return;
            }

            LastSeqId = next.SeqId;
            lastPrevSeqId = next.PrevSeqId;
            buffer.DropFirst();
        }
    }

    private void ApplyOrResync(ReadOnlySpan<byte> frame, MarketEvent e, OkxBookHeader header, OkxLevelSpellings spellings, long at)
    {
        var chained = header.PrevSeqId == LastSeqId;
        if (!chained && bridging)
        {
            if (e.Sequence <= LastSeqId && e.ExchangeTime <= bridgeTime)
            {
                counters.CountIgnored(); // made before the REST snapshot, which holds it (REFERENCE §7 step 4: drop seqId <= snapshot seqId)
                return;
            }

            chained = header.PrevSeqId < LastSeqId && LastSeqId < e.Sequence; // the first applied: prevSeqId <= snapshot seqId < seqId
        }

        if (!chained)
        {
            if (header.PrevSeqId == lastPrevSeqId && e.Sequence == LastSeqId)
            {
                counters.CountIgnored(); // the push just applied, sent again
                return;
            }

            counters.CountGap();
            counters.CountResync();
            Restart(BookInvalidReason.SequenceGap, at);
            BufferAndRequest(frame, header.PrevSeqId, e.Sequence, at);
            return;
        }

        local.Apply(e.Bids, e.Asks, spellings, Depth);
        if (!ChecksumMatches(header))
        {
            // This push is valid OKX data; the local book it landed on is not. It starts the buffer of the REST rebuild.
            counters.CountResync();
            Restart(BookInvalidReason.ChecksumMismatch, at);
            BufferAndRequest(frame, header.PrevSeqId, e.Sequence, at);
            return;
        }

        // Keep-alives (no levels, seqId == prevSeqId) are published too: they tell the engine the book is still live.
        var delta = publisher.Rent(MarketEventKind.BookDelta, at);
        delta.Sequence = e.Sequence;
        delta.ExchangeTime = e.ExchangeTime;
        delta.Depth = Depth;
        delta.Bids.CopyFrom(e.Bids);
        delta.Asks.CopyFrom(e.Asks);
        if (!publisher.Publish(delta))
        {
            // The engine never saw this push: rebuild from a REST snapshot, starting the buffer with it.
            Lose();
            BufferAndRequest(frame, header.PrevSeqId, e.Sequence, at);
            return;
        }

        LastSeqId = e.Sequence;
        lastPrevSeqId = header.PrevSeqId;
        bridging = false;
    }

    private void BufferAndRequest(ReadOnlySpan<byte> frame, long prevSeqId, long seqId, long at)
    {
        if (buffer.Count > 0)
        {
            ref readonly var previous = ref buffer.Last;
            if (prevSeqId != previous.SeqId)
            {
                if (prevSeqId == previous.PrevSeqId && seqId == previous.SeqId)
                {
                    counters.CountIgnored(); // the push just buffered, sent again
                    RequestIfDue(at);
                    return;
                }

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

        buffer.Add(frame, prevSeqId, seqId, at);
        RequestIfDue(at);
    }

    private bool ChecksumMatches(OkxBookHeader header) =>
        header.Checksum == 0 || OkxChecksum.Compute(local, Instrument.PriceScale, Instrument.QuantityScale) == header.Checksum;

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

    private void Reset()
    {
        buffer.Clear();
        local.Clear();
        LastSeqId = 0;
        lastPrevSeqId = long.MinValue;
        bridging = false;
    }

    /// <summary>Back to syncing after a fault, telling the engine why.</summary>
    private void Restart(BookInvalidReason reason, long at)
    {
        if (reason == BookInvalidReason.ChecksumMismatch)
        {
            counters.CountChecksumMismatch();
        }

        State = OkxSyncState.Syncing;
        Reset();
        if (publisher.TryFlush(at) && publisher.Invalidated(reason, at))
        {
            publisher.Syncing(at);
        }
    }

    /// <summary>Back to syncing after a refused publish; the publisher already owes the engine the invalidation.</summary>
    private void Lose()
    {
        counters.CountResync();
        State = OkxSyncState.Syncing;
        local.Clear();
        LastSeqId = 0;
        lastPrevSeqId = long.MinValue;
        bridging = false;
    }
}
