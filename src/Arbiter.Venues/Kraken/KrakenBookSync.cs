using Arbiter.Core;

namespace Arbiter.Venues.Kraken;

/// <summary>
/// Keeps one Kraken book (REFERENCE §8): a snapshot replaces it; an update applies its levels in order (quantity 0 removes),
/// then each side is truncated to the subscribed depth (Kraken sends no removal for a level pushed out of range), then the
/// CRC-32 of the top 10 levels must equal the message's checksum. The local copy exists only to compute that checksum; the
/// engine gets the same snapshot and updates (with <see cref="MarketEvent.Depth"/> so that it truncates alike).
/// </summary>
/// <remarks>
/// A checksum mismatch, a malformed message about the book or a refused publish puts the book back to Syncing and asks the
/// protocol (return value true) to resubscribe the symbol, which makes Kraken send a new snapshot. Updates while Syncing
/// are ignored. Not thread-safe: used under the ingest gate like the protocol that owns it.
/// </remarks>
internal sealed class KrakenBookSync : IVenueBook
{
    private readonly VenueCounters counters;
    private readonly OrderBook local;
    private readonly int depth;

    public KrakenBookSync(Instrument instrument, int connection, int depth, IMarketEventSink sink, VenueCounters counters, OverflowTracker tracker)
    {
        Publisher = new BookPublisher(sink, instrument, counters, tracker);
        Connection = connection;
        this.depth = depth;
        this.counters = counters;
        local = new OrderBook(instrument, depth + 16);
    }

    public Instrument Instrument => Publisher.Instrument;

    public BookPublisher Publisher { get; }

    /// <summary>Index of the connection spec that carries this book's subscription.</summary>
    public int Connection { get; }

    /// <summary>Unsynced while the connection is closed; Syncing until a snapshot is applied; then Synced.</summary>
    public BookSyncState State { get; private set; }

    /// <summary>The book as this adapter holds it (the checksum's input); empty unless Synced.</summary>
    public OrderBook Local => local;

    /// <summary>When its refused subscribe is to be sent again (unix µs), or 0 when none is due; kept by the protocol.</summary>
    public long RetryAt { get; set; }

    /// <summary>The connection the refused subscribe went on.</summary>
    public string? RetryConnection { get; set; }

    /// <summary>Subscribes of this book refused in a row (reset by a snapshot or a new connection).</summary>
    public int Refusals { get; set; }

    public void OnOpened(long at)
    {
        State = BookSyncState.Syncing;
        local.Clear();
        if (Publisher.TryFlush(at))
        {
            Publisher.Syncing(at);
        }
    }

    public void OnClosed(long at)
    {
        if (State == BookSyncState.Unsynced)
        {
            return;
        }

        State = BookSyncState.Unsynced;
        local.Clear(); // a reconnect starts from its own snapshot: no level of this connection may survive
        if (Publisher.TryFlush(at))
        {
            Publisher.Invalidated(BookInvalidReason.Disconnected, at);
        }
    }

    /// <summary>A parsed snapshot of this book; true when the symbol must be resubscribed.</summary>
    public bool OnSnapshot(MarketEvent parsed, uint checksum, long at)
    {
        if (State == BookSyncState.Unsynced)
        {
            counters.CountIgnored(); // no messages are expected while closed
            return false;
        }

        local.Load(parsed.Bids.Span, parsed.Asks.Span);
        local.TruncateTo(depth);
        if (KrakenChecksum.Compute(local) != checksum)
        {
            return Mismatch(at);
        }

        if (!Publisher.TryFlush(at))
        {
            // Still owed an invalidation the queue cannot take: this snapshot cannot go first, so a new one is needed.
            return Lose();
        }

        return Publish(MarketEventKind.BookSnapshot, parsed, at);
    }

    /// <summary>A parsed update of this book; true when the symbol must be resubscribed.</summary>
    public bool OnUpdate(MarketEvent parsed, uint checksum, long at)
    {
        if (State != BookSyncState.Synced)
        {
            counters.CountIgnored(); // closed, or an update before the snapshot
            return false;
        }

        if (parsed.Sequence < local.Sequence)
        {
            // Older than the book (Kraken's timestamps only grow on a connection): it cannot apply after what was applied.
            counters.CountIgnored();
            return false;
        }

        foreach (var level in parsed.Bids.Span)
        {
            local.Bids.Set(level.Price, level.Quantity);
        }

        foreach (var level in parsed.Asks.Span)
        {
            local.Asks.Set(level.Price, level.Quantity);
        }

        local.TruncateTo(depth);
        if (KrakenChecksum.Compute(local) != checksum)
        {
            return Mismatch(at);
        }

        return Publish(MarketEventKind.BookDelta, parsed, at);
    }

    /// <summary>A message about this book could not be parsed: whatever it said is lost. True when it must be resubscribed.</summary>
    public bool OnMalformed(long at)
    {
        if (State == BookSyncState.Unsynced)
        {
            return false;
        }

        counters.CountResync();
        Restart(BookInvalidReason.MalformedFrame, at);
        return true;
    }

    /// <summary>Publishes an owed QueueOverflow invalidation (the resubscribe was already sent when the book was lost).</summary>
    public void FlushOverflow(long at) => Publisher.TryFlush(at);

    private bool Publish(MarketEventKind kind, MarketEvent parsed, long at)
    {
        var e = Publisher.Rent(kind, at);
        e.Sequence = parsed.Sequence;
        e.ExchangeTime = parsed.ExchangeTime;
        e.Depth = depth;
        e.Bids.CopyFrom(parsed.Bids);
        e.Asks.CopyFrom(parsed.Asks);
        if (!Publisher.Publish(e))
        {
            // The engine never saw this message: its book is wrong from here on.
            return Lose();
        }

        State = BookSyncState.Synced;
        local.Sequence = parsed.Sequence;
        local.ExchangeTime = parsed.ExchangeTime;
        local.ReceiveTime = at;
        return false;
    }

    private bool Mismatch(long at)
    {
        counters.CountChecksumMismatch();
        counters.CountResync();
        Restart(BookInvalidReason.ChecksumMismatch, at);
        return true;
    }

    /// <summary>Back to syncing after a fault, telling the engine why.</summary>
    private void Restart(BookInvalidReason reason, long at)
    {
        State = BookSyncState.Syncing;
        local.Clear();
        if (Publisher.TryFlush(at) && Publisher.Invalidated(reason, at))
        {
            Publisher.Syncing(at);
        }
    }

    /// <summary>Back to syncing after a refused publish; the publisher already owes the engine the invalidation.</summary>
    private bool Lose()
    {
        counters.CountResync();
        State = BookSyncState.Syncing;
        local.Clear();
        return true;
    }
}
