using System.Globalization;
using Arbiter.Core;

namespace Arbiter.Venues.Bybit;

/// <summary>
/// Keeps one Bybit book in sequence (REFERENCE §3; the rules are stated on <see cref="BybitProtocol"/>): every snapshot
/// (and a delta with <c>u</c> = 1) replaces the book; a delta is applied when <c>u</c> = local + 1, ignored when
/// <c>u</c> ≤ local, and a gap when <c>u</c> &gt; local + 1; a gap or a malformed message invalidates the book and
/// resubscribes its topic for a new snapshot.
/// </summary>
/// <remarks>
/// A refused publish (queue full) loses the book: it goes back to syncing, a <see cref="BookInvalidReason.QueueOverflow"/>
/// invalidation is owed (see <see cref="BookPublisher"/>), and the resubscribe waits until that invalidation is out, so that
/// the snapshot it brings can be published after it. Decisions depend only on the inputs, so replay reproduces them.
/// </remarks>
internal sealed class BybitBookSync : IVenueBook
{
    private readonly VenueCounters counters;
    private readonly BybitSubscriptions subscriptions;
    private readonly int depth;
    private bool resubscribeOwed;

    public BybitBookSync(Instrument instrument, int connection, int depth, IMarketEventSink sink, VenueCounters counters, OverflowTracker tracker, BybitSubscriptions subscriptions)
    {
        Publisher = new BookPublisher(sink, instrument, counters, tracker);
        Connection = connection;
        this.depth = depth;
        this.counters = counters;
        this.subscriptions = subscriptions;
        Topic = TopicFor(depth, instrument.Symbol);
    }

    public BookPublisher Publisher { get; }

    public Instrument Instrument => Publisher.Instrument;

    /// <summary>Index of the connection spec that carries this book's topic.</summary>
    public int Connection { get; }

    /// <summary>The subscription topic, <c>orderbook.{depth}.{symbol}</c>.</summary>
    public string Topic { get; }

    /// <summary>Unsynced while the connection is closed; Syncing until a snapshot is applied; then Synced.</summary>
    public BookSyncState State { get; private set; }

    /// <summary><c>u</c> of the last applied message (0 while not synced).</summary>
    public long LastUpdateId { get; private set; }

    public void OnOpened(long at)
    {
        State = BookSyncState.Syncing;
        LastUpdateId = 0;
        resubscribeOwed = false; // the open subscribes every topic
        if (Publisher.OverflowPending)
        {
            Publisher.TryFlush(at); // the owed invalidation, then Syncing
        }
        else
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
        LastUpdateId = 0;
        resubscribeOwed = false;
        if (Publisher.TryFlush(at))
        {
            Publisher.Invalidated(BookInvalidReason.Disconnected, at);
        }
    }

    /// <summary>A parsed snapshot for this book (<paramref name="update"/>: u, time, levels).</summary>
    public void OnSnapshot(MarketEvent update, long at)
    {
        if (State == BookSyncState.Unsynced)
        {
            counters.CountIgnored(); // no messages are expected while closed
            return;
        }

        PublishSnapshot(update, at);
    }

    /// <summary>A parsed delta for this book.</summary>
    public void OnDelta(MarketEvent update, long at)
    {
        if (State == BookSyncState.Unsynced)
        {
            counters.CountIgnored();
            return;
        }

        var u = update.Sequence;
        if (u == 1)
        {
            // "u"=1 is snapshot data after a restart of Bybit's service: overwrite the book.
            PublishSnapshot(update, at);
            return;
        }

        if (State != BookSyncState.Synced)
        {
            counters.CountIgnored(); // a delta before the snapshot
            return;
        }

        if (u <= LastUpdateId)
        {
            counters.CountIgnored(); // duplicate or older than the book
            return;
        }

        if (u > LastUpdateId + 1)
        {
            counters.CountGap();
            Resync(BookInvalidReason.SequenceGap, at);
            return;
        }

        var delta = Publisher.Rent(MarketEventKind.BookDelta, at);
        delta.Sequence = u;
        delta.ExchangeTime = update.ExchangeTime;
        delta.Depth = depth;
        delta.Bids.CopyFrom(update.Bids);
        delta.Asks.CopyFrom(update.Asks);
        if (!Publisher.Publish(delta))
        {
            Lose();
            return;
        }

        LastUpdateId = u;
    }

    /// <summary>A message about this book could not be parsed: whatever it said is lost, so the book is rebuilt.</summary>
    public void OnMalformed(long at)
    {
        if (State == BookSyncState.Unsynced)
        {
            return;
        }

        Resync(BookInvalidReason.MalformedFrame, at);
    }

    /// <summary>Publishes an owed QueueOverflow invalidation and, once it is out, asks for the snapshot that resyncs the book.</summary>
    public void FlushOverflow(long at)
    {
        if (Publisher.TryFlush(at) && resubscribeOwed)
        {
            resubscribeOwed = false;
            if (State == BookSyncState.Syncing)
            {
                subscriptions.Resubscribe(this);
            }
        }
    }

    private void PublishSnapshot(MarketEvent update, long at)
    {
        if (!Publisher.TryFlush(at))
        {
            // Still owed an invalidation the queue could not take: nothing else about this book goes first.
            State = BookSyncState.Syncing;
            resubscribeOwed = true;
            return;
        }

        var snapshot = Publisher.Rent(MarketEventKind.BookSnapshot, at);
        snapshot.Sequence = update.Sequence;
        snapshot.ExchangeTime = update.ExchangeTime;
        snapshot.Depth = depth;
        CopyNonZero(update.Bids, snapshot.Bids);
        CopyNonZero(update.Asks, snapshot.Asks);
        if (!Publisher.Publish(snapshot))
        {
            Lose();
            return;
        }

        State = BookSyncState.Synced;
        LastUpdateId = update.Sequence;
        resubscribeOwed = false;
    }

    /// <summary>Back to syncing after a fault, telling the engine why, and asking Bybit for a new snapshot.</summary>
    private void Resync(BookInvalidReason reason, long at)
    {
        counters.CountResync();
        State = BookSyncState.Syncing;
        LastUpdateId = 0;
        if (Publisher.TryFlush(at) && Publisher.Invalidated(reason, at))
        {
            Publisher.Syncing(at);
        }

        if (Publisher.OverflowPending)
        {
            resubscribeOwed = true; // the snapshot must come after the owed invalidation
        }
        else
        {
            subscriptions.Resubscribe(this);
        }
    }

    /// <summary>Back to syncing after a refused publish; the publisher already owes the engine the invalidation.</summary>
    private void Lose()
    {
        counters.CountResync();
        State = BookSyncState.Syncing;
        LastUpdateId = 0;
        resubscribeOwed = true;
    }

    /// <summary>The topic <c>orderbook.{depth}.{symbol}</c>.</summary>
    public static string TopicFor(int depth, string symbol) => "orderbook." + depth.ToString(CultureInfo.InvariantCulture) + "." + symbol;

    /// <summary>A snapshot lists the book as it is: a zero size (possible in a u=1 delta) is no level.</summary>
    private static void CopyNonZero(LevelList from, LevelList to)
    {
        to.Clear();
        foreach (var level in from.Span)
        {
            if (level.Quantity != 0)
            {
                to.Add(level.Price, level.Quantity);
            }
        }
    }
}
