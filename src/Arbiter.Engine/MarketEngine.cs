using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>
/// The single-threaded core: applies market events to books, gates them by health, detects and sizes cross-venue gaps
/// for the asset that changed, and tracks each opportunity's lifecycle. Deterministic: the only clock is the latest
/// <see cref="MarketEvent.ReceiveTime"/> seen.
/// </summary>
/// <remarks>
/// Not thread-safe. While an <see cref="EngineLoop"/> runs, only its thread may call anything here; the queries are for
/// replay, tests and harnesses on the thread that calls <see cref="Process"/>.
/// </remarks>
public sealed class MarketEngine
{
    private readonly IEngineOutputSink sink;
    private readonly IEngineObserver? observer;
    private readonly OpportunityTracker tracker;
    private readonly decimal[] feeByVenue = new decimal[VenueNames.Count];
    private readonly long[] maxAgeByVenue = new long[VenueNames.Count];
    private readonly FxOptions fx;
    private readonly double minNetProfitUsd;
    private readonly double minNetPremiumBps;
    private readonly List<BookTop> changedTops = [];
    private BookEntry?[] entries = new BookEntry?[64];
    private AssetBooks?[] assets = new AssetBooks?[64];
    private long clock;
    private long eventsProcessed;
    private long deltasIgnoredUnsynced;
    private long walksOutOfRange;

    /// <summary>Creates an engine; throws <see cref="ArgumentException"/> naming every invalid option.</summary>
    public MarketEngine(EngineOptions options, IEngineOutputSink sink, IEngineObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        options.ThrowIfInvalid();
        this.sink = sink;
        this.observer = observer;
        fx = new FxOptions { UsdKrw = options.Fx.UsdKrw, UsdtUsd = options.Fx.UsdtUsd, UsdcUsd = options.Fx.UsdcUsd };
        foreach (var venue in VenueNames.All)
        {
            feeByVenue[(int)venue] = options.TakerFees[venue];
            maxAgeByVenue[(int)venue] = options.MaxBookAgeOf(venue).Ticks / TimeSpan.TicksPerMicrosecond;
        }

        minNetProfitUsd = (double)options.MinNetProfitUsd;
        minNetPremiumBps = (double)options.MinNetPremiumBps;
        tracker = new OpportunityTracker(sink, options.UpdateThreshold);
    }

    /// <summary>The engine clock: the latest <see cref="MarketEvent.ReceiveTime"/> seen, unix microseconds.</summary>
    public long Clock => clock;

    /// <summary>Counters since the engine was created (a snapshot).</summary>
    public EngineStats Stats => new(
        eventsProcessed,
        deltasIgnoredUnsynced,
        tracker.OpenedCount,
        tracker.UpdatedCount,
        tracker.ClosedCount,
        walksOutOfRange);

    /// <summary>The last published state of every open opportunity, in the order they opened (a copy).</summary>
    public IReadOnlyCollection<Opportunity> OpenOpportunities => tracker.Snapshot();

    /// <summary>Every instrument an event has been seen for, in id order.</summary>
    public IEnumerable<Instrument> Instruments
    {
        get
        {
            var seen = new List<Instrument>();
            foreach (var entry in entries)
            {
                if (entry is not null)
                {
                    seen.Add(entry.Instrument);
                }
            }

            return seen;
        }
    }

    /// <summary>
    /// Applies one event. Does not return it to any pool. Throws only for bugs: a book event without an instrument, an
    /// instrument not added to an <see cref="InstrumentCatalog"/>, or two instruments with the same id.
    /// </summary>
    public void Process(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        eventsProcessed++;
        if (marketEvent.ReceiveTime > clock)
        {
            clock = marketEvent.ReceiveTime;
        }

        switch (marketEvent.Kind)
        {
            case MarketEventKind.BookSnapshot:
            case MarketEventKind.BookDelta:
            case MarketEventKind.BookInvalidated:
            case MarketEventKind.BookSyncing:
                ProcessBookEvent(marketEvent);
                break;
            case MarketEventKind.ConnectionChanged:
                CloseOnUnusableBooks();
                sink.OnConnectionChanged(marketEvent.Venue, marketEvent.Connection, clock);
                break;
            case MarketEventKind.Tick:
                CloseOnUnusableBooks();
                ReportChangedTops();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(marketEvent), marketEvent.Kind, "Unknown market event kind.");
        }
    }

    /// <summary>The engine's book of <paramref name="instrument"/>, or null if no event was seen for it. Read-only for callers.</summary>
    public OrderBook? GetBook(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return Find(instrument)?.Book;
    }

    /// <summary>The effective state of <paramref name="instrument"/>'s book at the engine clock; Unsynced if never seen.</summary>
    public BookSyncState GetState(Instrument instrument, out BookInvalidReason reason)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var entry = Find(instrument);
        if (entry is null)
        {
            reason = BookInvalidReason.None;
            return BookSyncState.Unsynced;
        }

        return entry.StateAt(clock, out reason);
    }

    private void ProcessBookEvent(MarketEvent e)
    {
        var entry = EntryFor(e.Instrument ?? throw new ArgumentException($"A {e.Kind} event has no instrument.", nameof(e)));
        var book = entry.Book;
        switch (e.Kind)
        {
            case MarketEventKind.BookSnapshot:
                book.Load(e.Bids.Span, e.Asks.Span);
                if (e.Depth > 0)
                {
                    book.TruncateTo(e.Depth);
                }

                Stamp(book, e);
                entry.HasSnapshot = true;
                entry.InvalidReason = BookInvalidReason.None;
                break;
            case MarketEventKind.BookDelta:
                if (!entry.HasSnapshot)
                {
                    deltasIgnoredUnsynced++;
                    break;
                }

                ApplyLevels(book.Bids, e.Bids.Span);
                ApplyLevels(book.Asks, e.Asks.Span);
                if (e.Depth > 0)
                {
                    book.TruncateTo(e.Depth);
                }

                Stamp(book, e);
                break;
            case MarketEventKind.BookInvalidated:
                book.Clear();
                entry.HasSnapshot = false;
                entry.WaitingState = BookSyncState.Unsynced;
                entry.InvalidReason = e.Reason;
                break;
            default:
                // Syncing: the levels are about to be replaced; clearing them now keeps ghost levels out of the tops.
                book.Clear();
                entry.HasSnapshot = false;
                entry.WaitingState = BookSyncState.Syncing;
                break;
        }

        var state = entry.StateAt(clock, out _);
        observer?.OnBookApplied(entry.Instrument, book, state);
        CloseOnUnusableBooks();
        if (state == BookSyncState.Synced && entry.Pricing.IsComparable)
        {
            Detect(entry);
        }
    }

    private static void ApplyLevels(BookSide side, ReadOnlySpan<Level> levels)
    {
        for (var i = 0; i < levels.Length; i++)
        {
            side.Set(levels[i].Price, levels[i].Quantity);
        }
    }

    private static void Stamp(OrderBook book, MarketEvent e)
    {
        book.Sequence = e.Sequence;
        book.ExchangeTime = e.ExchangeTime;
        book.ReceiveTime = e.ReceiveTime;
    }

    /// <summary>Closes every open opportunity with a book that is no longer Synced at the engine clock (stale, crossed, cleared, syncing).</summary>
    private void CloseOnUnusableBooks()
    {
        var i = 0;
        while (i < tracker.Count)
        {
            var tracked = tracker[i];
            var buyState = tracked.Buy.StateAt(clock, out var buyReason);
            if (buyState != BookSyncState.Synced)
            {
                tracker.Close(tracked, clock, tracked.Buy.DescribeState(buyState, buyReason));
                continue;
            }

            var sellState = tracked.Sell.StateAt(clock, out var sellReason);
            if (sellState != BookSyncState.Synced)
            {
                tracker.Close(tracked, clock, tracked.Sell.DescribeState(sellState, sellReason));
                continue;
            }

            i++;
        }
    }

    /// <summary>Re-evaluates every ordered pair of <paramref name="changed"/>'s asset that includes it, on another venue, with both books Synced.</summary>
    private void Detect(BookEntry changed)
    {
        var group = assets[changed.Instrument.Base.Id]!;
        for (var i = 0; i < group.Count; i++)
        {
            var other = group[i];
            if (other == changed || other.Instrument.Venue == changed.Instrument.Venue || !other.IsSyncedAt(clock))
            {
                continue;
            }

            Evaluate(changed, other);
            Evaluate(other, changed);
        }
    }

    private void Evaluate(BookEntry buy, BookEntry sell)
    {
        var tracked = tracker.Find(buy.Id, sell.Id);
        var asks = buy.Book.Asks;
        var bids = sell.Book.Bids;

        // Cheap top-of-book test first (doubles, DESIGN §4): the walk runs only when the best bid, after fee and FX, beats the best ask.
        if (!asks.IsEmpty
            && !bids.IsEmpty
            && bids.BestPrice * sell.Pricing.SellUsdPerPriceUnit > asks.BestPrice * buy.Pricing.BuyUsdPerPriceUnit)
        {
            var walk = DepthWalker.Walk(buy.Book, buy.Pricing, sell.Book, sell.Pricing);
            if (!walk.IsPriceable)
            {
                walksOutOfRange++;
            }
            else if (walk.NetUsd >= minNetProfitUsd && walk.NetPremiumBps >= minNetPremiumBps)
            {
                if (tracked is null)
                {
                    tracker.Open(buy, sell, walk, DepthWalker.Price(buy.Book, buy.Pricing, sell.Book, sell.Pricing, walk), clock);
                }
                else if (tracker.HasMoved(tracked, walk))
                {
                    tracker.Update(tracked, walk, DepthWalker.Price(buy.Book, buy.Pricing, sell.Book, sell.Pricing, walk), clock);
                }

                return;
            }
        }

        if (tracked is not null)
        {
            tracker.Close(tracked, clock, OpportunityTracker.UnprofitableReason);
        }
    }

    /// <summary>Sends the tops of books whose top or effective state changed since the last report.</summary>
    private void ReportChangedTops()
    {
        changedTops.Clear();
        foreach (var entry in entries)
        {
            if (entry is null)
            {
                continue;
            }

            var book = entry.Book;
            var state = entry.StateAt(clock, out var reason);
            long bidPrice = 0, bidQuantity = 0, askPrice = 0, askQuantity = 0;
            if (!book.Bids.IsEmpty)
            {
                bidPrice = book.Bids.BestPrice;
                bidQuantity = book.Bids.BestQuantity;
            }

            if (!book.Asks.IsEmpty)
            {
                askPrice = book.Asks.BestPrice;
                askQuantity = book.Asks.BestQuantity;
            }

            var last = entry.ReportedTop;
            if (last is not null
                && last.State == state
                && last.Reason == reason
                && last.BidPrice == bidPrice
                && last.BidQuantity == bidQuantity
                && last.AskPrice == askPrice
                && last.AskQuantity == askQuantity)
            {
                continue;
            }

            var top = new BookTop(entry.Instrument, state, reason, bidPrice, bidQuantity, askPrice, askQuantity, book.Sequence, book.ReceiveTime);
            entry.ReportedTop = top;
            changedTops.Add(top);
        }

        if (changedTops.Count > 0)
        {
            sink.OnBookTops(changedTops, clock);
        }
    }

    private BookEntry? Find(Instrument instrument)
    {
        var id = instrument.Id;
        return (uint)id < (uint)entries.Length && entries[id] is { } entry && ReferenceEquals(entry.Instrument, instrument) ? entry : null;
    }

    private BookEntry EntryFor(Instrument instrument)
    {
        var id = instrument.Id;
        if ((uint)id < (uint)entries.Length && entries[id] is { } existing)
        {
            return ReferenceEquals(existing.Instrument, instrument)
                ? existing
                : throw new ArgumentException($"{instrument} has id {id}, which {existing.Instrument} already holds: instruments must come from one InstrumentCatalog.", nameof(instrument));
        }

        if (id < 0)
        {
            throw new ArgumentException($"{instrument} has no id: add it to the InstrumentCatalog before publishing events for it.", nameof(instrument));
        }

        return Register(instrument);
    }

    private BookEntry Register(Instrument instrument)
    {
        var id = instrument.Id;
        if (id >= entries.Length)
        {
            Array.Resize(ref entries, Math.Max(entries.Length * 2, id + 1));
        }

        var venue = (int)instrument.Venue;
        var pricing = new LegPricing(instrument, feeByVenue[venue], UsdConversion.For(instrument.Quote, fx));
        var entry = new BookEntry(instrument, pricing, maxAgeByVenue[venue]);
        entries[id] = entry;
        if (pricing.IsComparable)
        {
            var assetId = instrument.Base.Id;
            if (assetId >= assets.Length)
            {
                Array.Resize(ref assets, Math.Max(assets.Length * 2, assetId + 1));
            }

            (assets[assetId] ??= new AssetBooks()).Add(entry);
        }

        return entry;
    }
}
