using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>Everything the engine keeps about one instrument's book: the levels, how far they can be trusted, pricing terms, and the last top reported.</summary>
internal sealed class BookEntry
{
    public BookEntry(Instrument instrument, decimal feeRate, long maxAgeMicros)
    {
        Instrument = instrument;
        Book = new OrderBook(instrument);
        FeeRate = feeRate;
        Quote = QuoteKinds.Of(instrument.Quote);
        MaxAgeMicros = maxAgeMicros;
    }

    public Instrument Instrument { get; }

    public int Id => Instrument.Id;

    public OrderBook Book { get; }

    private LegPricing pricing;

    /// <summary>Fee and USD conversion at the current rates (by reference: the struct is large); replaced by <see cref="Reprice"/> when a rate changes.</summary>
    public ref readonly LegPricing Pricing => ref pricing;

    /// <summary>The venue's taker fee; changed only on the engine thread (runtime settings), followed by <see cref="Reprice"/>.</summary>
    public decimal FeeRate { get; set; }

    public QuoteKind Quote { get; }

    /// <summary>True for a book whose mid is a conversion rate (USDT/USD, USDC/USD, KRW-USDT).</summary>
    public bool IsRateBook { get; set; }

    /// <summary>Why the last update failed the data-quality checks; None when it passed. A rejected book is not read.</summary>
    public QualityReason Rejection { get; set; }

    /// <summary>The top (best bid, best ask) the price checks last judged, and their verdict; -1 forces a new check.</summary>
    public long CheckedBid { get; set; } = -1;

    public long CheckedAsk { get; set; } = -1;

    public QualityReason TopVerdict { get; set; }

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

    public void Reprice(UsdConversion usd) => pricing = new LegPricing(Instrument, FeeRate, usd);

    /// <summary>(best bid + best ask) ÷ 2 in the quote currency, exactly; false when a side is empty.</summary>
    public bool TryMid(out decimal mid)
    {
        if (Book.Bids.IsEmpty || Book.Asks.IsEmpty)
        {
            mid = 0m;
            return false;
        }

        mid = FixedPoint.ToDecimal(Book.Bids.BestPrice + Book.Asks.BestPrice, Instrument.PriceScale) / 2m;
        return true;
    }

    /// <summary>"binance:BTCUSDT Stale", "upbit:KRW-BTC Unsynced(SequenceGap)", "binance:BTCUSDT Invalid(Crossed)": why an opportunity on this book closed.</summary>
    public string DescribeState(BookSyncState state, BookInvalidReason reason) =>
        reason == BookInvalidReason.None ? $"{Instrument} {state}" : $"{Instrument} {state}({reason})";
}
