using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>Everything the engine keeps about one instrument's book: the levels, how far they can be trusted, pricing terms, and the last top reported.</summary>
internal sealed class BookEntry
{
    public BookEntry(Instrument instrument, LegPricing pricing, long maxAgeMicros)
    {
        Instrument = instrument;
        Book = new OrderBook(instrument);
        Pricing = pricing;
        MaxAgeMicros = maxAgeMicros;
    }

    public Instrument Instrument { get; }

    public int Id => Instrument.Id;

    public OrderBook Book { get; }

    public LegPricing Pricing { get; }

    public long MaxAgeMicros { get; }

    /// <summary>True once a snapshot has been applied since the book was last cleared; deltas are applied only then.</summary>
    public bool HasSnapshot { get; set; }

    /// <summary>The state while <see cref="HasSnapshot"/> is false: Unsynced or Syncing.</summary>
    public BookSyncState WaitingState { get; set; }

    /// <summary>Why the book was last invalidated; None after a snapshot.</summary>
    public BookInvalidReason InvalidReason { get; set; }

    /// <summary>The top last sent to the output sink, or null before the first report.</summary>
    public BookTop? ReportedTop { get; set; }

    /// <summary>
    /// The effective state at <paramref name="clock"/>: no snapshot → Unsynced/Syncing; crossed → Invalid(Crossed);
    /// last update older than the venue's maximum age → Stale; otherwise Synced.
    /// </summary>
    public BookSyncState StateAt(long clock, out BookInvalidReason reason)
    {
        if (!HasSnapshot)
        {
            reason = InvalidReason;
            return WaitingState;
        }

        if (Book.IsCrossed)
        {
            reason = BookInvalidReason.Crossed;
            return BookSyncState.Invalid;
        }

        reason = BookInvalidReason.None;
        return clock - Book.ReceiveTime > MaxAgeMicros ? BookSyncState.Stale : BookSyncState.Synced;
    }

    public bool IsSyncedAt(long clock) => StateAt(clock, out _) == BookSyncState.Synced;

    /// <summary>"binance:BTCUSDT Stale", "upbit:KRW-BTC Unsynced(SequenceGap)", "binance:BTCUSDT Invalid(Crossed)": why an opportunity on this book closed.</summary>
    public string DescribeState(BookSyncState state, BookInvalidReason reason) =>
        reason == BookInvalidReason.None ? $"{Instrument} {state}" : $"{Instrument} {state}({reason})";
}
