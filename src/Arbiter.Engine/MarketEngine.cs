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
    private readonly FxRates fx;
    private readonly WalletBook wallets = new();
    private readonly QualityChecks qualityChecks;
    private readonly VenueQualityTracker[] quality = new VenueQualityTracker[VenueNames.Count];
    private readonly List<BookEntry>[] entriesByQuote = [[], [], [], [], []];
    private readonly Func<BookEntry, bool> usable;
    private readonly Func<BookEntry, BookEntry, bool> pairBlocked;
    private readonly List<PremiumMatrix> changedPremiums = [];
    private readonly HashSet<Asset> collisionsChanged = [];
    private bool[] assetDirty = new bool[64];
    private FxState? publishedFx;
    private bool fxDirty = true;
    private readonly bool[] venueEnabled = new bool[VenueNames.Count];
    private readonly EngineOptions configured;
    private EngineRuntimeSettings settings;
    private double minNetProfitUsd;
    private double minNetPremiumBps;

    // True while every pair is evaluated again after a settings change: what then stops qualifying closes as "threshold".
    private bool reevaluating;
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
        // Copies: the engine keeps the options it was created with.
        fx = new FxRates(options.Fx.Copy());
        var qualityOptions = options.Quality.Copy();
        qualityChecks = new QualityChecks(qualityOptions);
        foreach (var venue in VenueNames.All)
        {
            feeByVenue[(int)venue] = options.TakerFees[venue];
            maxAgeByVenue[(int)venue] = options.MaxBookAgeOf(venue).Ticks / TimeSpan.TicksPerMicrosecond;
            quality[(int)venue] = new VenueQualityTracker(venue, qualityOptions);
        }

        usable = IsUsable;
        pairBlocked = IsPairBlocked;
        fx.Recompute(0, usable);

        minNetProfitUsd = (double)options.MinNetProfitUsd;
        minNetPremiumBps = (double)options.MinNetPremiumBps;
        tracker = new OpportunityTracker(sink, options.UpdateThreshold);
        settings = options.ToRuntimeSettings();
        configured = options.WithRuntime(settings);
        Array.Fill(venueEnabled, true);
    }

    /// <summary>Close reason of an opportunity that stopped clearing the minimums (or crossing) when the operator changed the thresholds or fees.</summary>
    public const string ThresholdReason = "threshold";

    /// <summary>Close reason of an opportunity with a leg on a venue the operator disabled.</summary>
    public const string VenueDisabledReason = "venue-disabled";

    /// <summary>The runtime settings in force: those of the options at creation, then of the last <see cref="MarketEventKind.SettingsChanged"/> event.</summary>
    public EngineRuntimeSettings Settings => settings;

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

    /// <summary>The conversion rates in use now, with their status and origin, and the tether premiums.</summary>
    public FxState Fx => DescribeFx();

    /// <summary>Ticker collisions found in the latest wallet snapshots.</summary>
    public IReadOnlyList<TickerCollision> Collisions => [.. wallets.Collisions];

    /// <summary>The quality record of <paramref name="venue"/> now.</summary>
    public VenueQuality QualityOf(VenueId venue) => quality[(int)venue].Current(clock);

    /// <summary>The premium matrix of <paramref name="asset"/> at the engine clock (empty when it has no usable pair).</summary>
    public PremiumMatrix Premiums(Asset asset) =>
        asset.Id < assets.Length && assets[asset.Id] is { } group
            ? PremiumCalculator.Matrix(asset, group, clock, usable, pairBlocked)
            : new PremiumMatrix(asset, clock, []);

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

        if (clock > fx.SourcedExpiry)
        {
            RefreshRates();
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
                Sweep();
                break;
            case MarketEventKind.FxQuote:
                ApplyFxQuote(marketEvent.Fx ?? throw new ArgumentException("An FxQuote event has no quote.", nameof(marketEvent)));
                break;
            case MarketEventKind.WalletStatus:
                ApplyWallets(marketEvent.Wallets ?? throw new ArgumentException("A WalletStatus event has no snapshot.", nameof(marketEvent)));
                break;
            case MarketEventKind.SettingsChanged:
                ApplySettings(marketEvent.Settings ?? throw new ArgumentException("A SettingsChanged event has no settings.", nameof(marketEvent)));
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

    /// <summary>Why the last update of <paramref name="instrument"/>'s book failed the data-quality checks; None if it passed or was never seen.</summary>
    public QualityReason GetRejection(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return Find(instrument)?.Rejection ?? QualityReason.None;
    }

    private void ProcessBookEvent(MarketEvent e)
    {
        var entry = EntryFor(e.Instrument ?? throw new ArgumentException($"A {e.Kind} event has no instrument.", nameof(e)));
        var book = entry.Book;
        var checkQuality = false;
        var hadSnapshot = entry.HasSnapshot;
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
                checkQuality = true;
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
                checkQuality = true;
                break;
            case MarketEventKind.BookInvalidated:
                book.Clear();
                entry.HasSnapshot = false;
                entry.WaitingState = BookSyncState.Unsynced;
                entry.InvalidReason = e.Reason;
                entry.Rejection = QualityReason.None;
                RecordResync(entry, hadSnapshot);
                break;
            default:
                // Syncing: the levels are about to be replaced; clearing them now keeps ghost levels out of the tops.
                book.Clear();
                entry.HasSnapshot = false;
                entry.WaitingState = BookSyncState.Syncing;
                entry.Rejection = QualityReason.None;
                RecordResync(entry, hadSnapshot);
                break;
        }

        var venue = (int)entry.Instrument.Venue;
        if (checkQuality)
        {
            var group = entry.Quote == QuoteKind.Other ? null : assets[entry.Instrument.Base.Id];
            var rejection = qualityChecks.Check(entry, e.ExchangeTime, e.ReceiveTime, group, clock);
            entry.Rejection = rejection;
            if (quality[venue].Record(rejection))
            {
                OnExclusionChanged(entry.Instrument.Venue);
            }
        }

        MarkDirty(entry);
        var state = entry.StateAt(clock, out _);
        observer?.OnBookApplied(entry.Instrument, book, state);
        if (entry.IsRateBook)
        {
            fxDirty = true;
            RefreshRates();
        }

        CloseOnUnusableBooks();
        if (state == BookSyncState.Synced && entry.Pricing.IsComparable && IsUsable(entry))
        {
            Detect(entry);
        }
    }

    /// <summary>A book that had a snapshot lost it: a resync for the venue's score (a first sync is not one).</summary>
    private void RecordResync(BookEntry entry, bool hadSnapshot)
    {
        if (hadSnapshot && quality[(int)entry.Instrument.Venue].RecordResync(clock))
        {
            OnExclusionChanged(entry.Instrument.Venue);
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

    /// <summary>A book can be read for signals: its venue enabled, Synced at the engine clock, its last update passed the quality checks, its venue not excluded.</summary>
    private bool IsUsable(BookEntry entry) =>
        venueEnabled[(int)entry.Instrument.Venue]
        && entry.Rejection == QualityReason.None
        && !quality[(int)entry.Instrument.Venue].Excluded
        && entry.IsSyncedAt(clock);

    private bool IsPairBlocked(BookEntry a, BookEntry b) =>
        wallets.HasCollisions(a.Instrument.Base) && wallets.CollisionOf(a.Instrument.Base, a.Instrument.Venue, b.Instrument.Venue) is not null;

    /// <summary>
    /// Closes every open opportunity that can no longer be trusted: a book not Synced at the engine clock (stale, crossed,
    /// cleared, syncing), a book whose last update was rejected, a venue excluded for data quality, or a leg whose
    /// conversion rate is unusable (<c>fx-stale</c> for KRW).
    /// </summary>
    private void CloseOnUnusableBooks()
    {
        var i = 0;
        while (i < tracker.Count)
        {
            var tracked = tracker[i];
            var reason = UnusableReason(tracked.Buy) ?? UnusableReason(tracked.Sell);
            if (reason is not null)
            {
                tracker.Close(tracked, clock, reason);
                continue;
            }

            i++;
        }
    }

    private string? UnusableReason(BookEntry entry)
    {
        if (entry.Pricing.IsComparable && IsUsable(entry))
        {
            return null; // the common case, without building a reason
        }

        if (!venueEnabled[(int)entry.Instrument.Venue])
        {
            return VenueDisabledReason;
        }

        var state = entry.StateAt(clock, out var reason);
        if (state != BookSyncState.Synced)
        {
            return entry.DescribeState(state, reason);
        }

        if (entry.Rejection != QualityReason.None)
        {
            return $"{entry.Instrument} Rejected({entry.Rejection})";
        }

        var venueQuality = quality[(int)entry.Instrument.Venue];
        if (venueQuality.Excluded)
        {
            return $"quality: {entry.Instrument.Venue.Name()} excluded (score {venueQuality.Score.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)})";
        }

        if (!entry.Pricing.IsComparable)
        {
            return entry.Quote == QuoteKind.Krw ? FxStaleReason : $"rate-unavailable: {entry.Instrument.Quote}/USD";
        }

        return null;
    }

    /// <summary>Close reason of an opportunity with a KRW leg while no usable USD/KRW rate exists.</summary>
    public const string FxStaleReason = "fx-stale";

    /// <summary>Re-evaluates every ordered pair of <paramref name="changed"/>'s asset that includes it, on another venue, with both books usable.</summary>
    private void Detect(BookEntry changed)
    {
        var group = assets[changed.Instrument.Base.Id]!;
        var checkCollisions = wallets.HasCollisions(changed.Instrument.Base);
        for (var i = 0; i < group.Count; i++)
        {
            var other = group[i];
            if (other == changed
                || other.Instrument.Venue == changed.Instrument.Venue
                || !other.Pricing.IsComparable
                || !IsUsable(other)
                || (checkCollisions && IsPairBlocked(changed, other)))
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
                    var values = DepthWalker.Price(buy.Book, buy.Pricing, sell.Book, sell.Pricing, walk);
                    tracker.Open(buy, sell, walk, values, TransferFor(buy, sell, walk, values), clock);
                }
                else if (tracker.HasMoved(tracked, walk) || (reevaluating && FeesChanged(tracked)))
                {
                    var values = DepthWalker.Price(buy.Book, buy.Pricing, sell.Book, sell.Pricing, walk);
                    tracker.Update(tracked, walk, values, TransferFor(buy, sell, walk, values), clock);
                }

                return;
            }
        }

        if (tracked is not null)
        {
            tracker.Close(tracked, clock, reevaluating ? ThresholdReason : OpportunityTracker.UnprofitableReason);
        }
    }

    private static bool FeesChanged(TrackedOpportunity tracked) =>
        tracked.Published.BuyFeeRate != tracked.Buy.Pricing.FeeRate || tracked.Published.SellFeeRate != tracked.Sell.Pricing.FeeRate;

    /// <summary>
    /// Puts new runtime settings in force: thresholds, fees (every book of a venue whose fee changed is repriced) and the
    /// enabled venues. Then closes what a disabled venue carried ("venue-disabled"), evaluates every usable pair again — what no
    /// longer qualifies closes as "threshold", what now qualifies opens, a changed fee republishes — and marks every premium
    /// matrix and the rates for the next sweep. Throws <see cref="ArgumentException"/> naming every value out of range (a host bug:
    /// the host validates before sending).
    /// </summary>
    private void ApplySettings(EngineRuntimeSettings next)
    {
        var errors = configured.WithRuntime(next).Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid runtime settings: " + string.Join(" ", errors), nameof(next));
        }

        settings = next;
        minNetProfitUsd = (double)next.MinNetProfitUsd;
        minNetPremiumBps = (double)next.MinNetPremiumBps;
        tracker.UpdateThreshold = next.UpdateThreshold;
        foreach (var venue in VenueNames.All)
        {
            feeByVenue[(int)venue] = next.TakerFeeOf(venue);
            venueEnabled[(int)venue] = next.IsEnabled(venue);
        }

        foreach (var entry in entries)
        {
            if (entry is not null && entry.FeeRate != feeByVenue[(int)entry.Instrument.Venue])
            {
                entry.FeeRate = feeByVenue[(int)entry.Instrument.Venue];
                entry.Reprice(entry.Pricing.Usd);
            }
        }

        Array.Fill(assetDirty, true);
        fxDirty = true;
        reevaluating = true;
        try
        {
            RefreshRates(); // a disabled venue's rate books no longer count, an enabled one's count again
            CloseOnUnusableBooks();
            ReevaluateAll();
        }
        finally
        {
            reevaluating = false;
        }
    }

    /// <summary>Evaluates every ordered pair of usable books on two venues, asset by asset, once each.</summary>
    private void ReevaluateAll()
    {
        foreach (var group in assets)
        {
            if (group is null)
            {
                continue;
            }

            var checkCollisions = group.Count > 0 && wallets.HasCollisions(group[0].Instrument.Base);
            for (var i = 0; i < group.Count; i++)
            {
                var a = group[i];
                if (!a.Pricing.IsComparable || !IsUsable(a))
                {
                    continue;
                }

                for (var j = i + 1; j < group.Count; j++)
                {
                    var b = group[j];
                    if (b.Instrument.Venue == a.Instrument.Venue
                        || !b.Pricing.IsComparable
                        || !IsUsable(b)
                        || (checkCollisions && IsPairBlocked(a, b)))
                    {
                        continue;
                    }

                    Evaluate(a, b);
                    Evaluate(b, a);
                }
            }
        }
    }

    private TransferQuote TransferFor(BookEntry buy, BookEntry sell, in DepthWalk walk, in OpportunityValues values)
    {
        var route = wallets.Route(buy.Instrument.Base, buy.Instrument.Venue, sell.Instrument.Venue);
        return TransferPricer.Quote(route, buy.Book, buy.Pricing, sell.Book, sell.Pricing, walk, values);
    }

    private void ApplyFxQuote(FxQuote quote)
    {
        if (quote.Base != Asset.Usd || quote.Quote != Asset.Krw)
        {
            throw new ArgumentException($"Only USD/KRW quotes are taken from FX sources (got {quote.Base}/{quote.Quote}).", nameof(quote));
        }

        fx.SetSourced(quote);
        RefreshRates();
    }

    /// <summary>Re-chooses the rates; reprices the legs of every quote whose rate changed, closes what became unusable, and re-detects what became usable.</summary>
    private void RefreshRates()
    {
        var changed = fx.Recompute(clock, usable);
        if (changed == 0)
        {
            return;
        }

        for (var kind = QuoteKind.Usdt; kind <= QuoteKind.Krw; kind++)
        {
            if ((changed & (1 << (int)kind)) != 0)
            {
                var conversion = fx.ConversionOf(kind);
                foreach (var entry in entriesByQuote[(int)kind])
                {
                    entry.Reprice(conversion);
                }
            }
        }

        Array.Fill(assetDirty, true);
        fxDirty = true;
        CloseOnUnusableBooks();
        for (var kind = QuoteKind.Usdt; kind <= QuoteKind.Krw; kind++)
        {
            if ((changed & (1 << (int)kind)) != 0 && fx.ConversionOf(kind).IsKnown)
            {
                foreach (var entry in entriesByQuote[(int)kind])
                {
                    if (IsUsable(entry))
                    {
                        Detect(entry);
                    }
                }
            }
        }
    }

    private void ApplyWallets(WalletSnapshot snapshot)
    {
        collisionsChanged.Clear();
        foreach (var change in wallets.Apply(snapshot, clock, collisionsChanged))
        {
            sink.OnWalletChanged(change);
        }

        var i = 0;
        while (i < tracker.Count)
        {
            var tracked = tracker[i];
            var asset = tracked.Buy.Instrument.Base;
            if (wallets.CollisionOf(asset, tracked.Buy.Instrument.Venue, tracked.Sell.Instrument.Venue) is { } collision)
            {
                tracker.Close(tracked, clock, collision.Reason);
                continue;
            }

            var route = wallets.Route(asset, tracked.Buy.Instrument.Venue, tracked.Sell.Instrument.Venue);
            var published = tracked.Published.Transfer;
            if (route.Unavailable != published.Unavailable || route.Network != published.Network || (route.Unavailable is null && route.Fee != published.WithdrawFee))
            {
                var buy = tracked.Buy;
                var sell = tracked.Sell;
                var walk = DepthWalker.Walk(buy.Book, buy.Pricing, sell.Book, sell.Pricing);
                if (walk.IsPriceable)
                {
                    var values = DepthWalker.Price(buy.Book, buy.Pricing, sell.Book, sell.Pricing, walk);
                    tracker.ChangeTransfer(tracked, walk, values, TransferPricer.Quote(route, buy.Book, buy.Pricing, sell.Book, sell.Pricing, walk, values), clock);
                }
            }

            i++;
        }

        foreach (var asset in collisionsChanged)
        {
            if (asset.Id < assets.Length && assets[asset.Id] is { } group)
            {
                assetDirty[asset.Id] = true;
                for (var g = 0; g < group.Count; g++)
                {
                    if (IsUsable(group[g]) && group[g].Pricing.IsComparable)
                    {
                        Detect(group[g]);
                    }
                }
            }
        }
    }

    private void OnExclusionChanged(VenueId venue)
    {
        if (quality[(int)venue].Excluded)
        {
            CloseOnUnusableBooks();
            return;
        }

        // Readmitted: its usable books are evaluated again at once rather than at their next update.
        foreach (var entry in entries)
        {
            if (entry is not null && entry.Instrument.Venue == venue && entry.Quote != QuoteKind.Other && entry.Pricing.IsComparable && IsUsable(entry))
            {
                Detect(entry);
            }
        }
    }

    /// <summary>The periodic sweep (each Tick): ages rates and books, closes what went stale, and publishes tops, premiums, FX and quality that changed.</summary>
    private void Sweep()
    {
        RefreshRates();
        RefreshQuality();
        CloseOnUnusableBooks();
        ReportChangedTops();
        ReportPremiums();
        ReportFx();
        for (var v = 0; v < quality.Length; v++)
        {
            if (quality[v].TakeChanged(clock) is { } changed)
            {
                sink.OnVenueQuality(changed);
            }
        }
    }

    private void RefreshQuality()
    {
        Span<int> stale = stackalloc int[VenueNames.Count];
        Span<int> total = stackalloc int[VenueNames.Count];
        foreach (var entry in entries)
        {
            if (entry is null || !entry.HasSnapshot)
            {
                continue;
            }

            var venue = (int)entry.Instrument.Venue;
            total[venue]++;
            stale[venue] += entry.StateAt(clock, out _) == BookSyncState.Stale ? 1 : 0;
        }

        for (var v = 0; v < quality.Length; v++)
        {
            if (quality[v].Refresh(clock, stale[v], total[v]))
            {
                OnExclusionChanged((VenueId)v);
            }
        }
    }

    private void ReportPremiums()
    {
        changedPremiums.Clear();
        for (var id = 0; id < assetDirty.Length; id++)
        {
            if (!assetDirty[id])
            {
                continue;
            }

            assetDirty[id] = false;
            if (id < assets.Length && assets[id] is { } group && group.Count > 1)
            {
                changedPremiums.Add(PremiumCalculator.Matrix(group[0].Instrument.Base, group, clock, usable, pairBlocked));
            }
        }

        if (changedPremiums.Count > 0)
        {
            sink.OnPremiums(changedPremiums, clock);
        }
    }

    private void ReportFx()
    {
        if (!fxDirty)
        {
            return;
        }

        fxDirty = false;
        var current = DescribeFx();
        if (publishedFx is not null && SameFx(publishedFx, current))
        {
            return;
        }

        publishedFx = current;
        sink.OnFx(current);
    }

    private FxState DescribeFx()
    {
        var (usdKrw, usdtUsd, usdcUsd) = fx.Describe(usable);
        var tether = usdKrw.IsUsable ? PremiumCalculator.Tether(fx.KrwUsdtBooks, usdKrw.Rate, usable) : [];
        return new FxState(clock, usdKrw, usdtUsd, usdcUsd, tether);
    }

    /// <summary>Equal apart from times (a live stablecoin rate's time moves with every book update).</summary>
    private static bool SameFx(FxState a, FxState b) =>
        SameRate(a.UsdKrw, b.UsdKrw)
        && SameRate(a.UsdtUsd, b.UsdtUsd)
        && SameRate(a.UsdcUsd, b.UsdcUsd)
        && a.Tether.SequenceEqual(b.Tether);

    private static bool SameRate(FxRate a, FxRate b) => a.Rate == b.Rate && a.Status == b.Status && a.Source == b.Source;

    private void MarkDirty(BookEntry entry)
    {
        var id = entry.Instrument.Base.Id;
        if (id >= assetDirty.Length)
        {
            Array.Resize(ref assetDirty, Math.Max(assetDirty.Length * 2, id + 1));
        }

        assetDirty[id] = true;
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
        var entry = new BookEntry(instrument, feeByVenue[venue], maxAgeByVenue[venue]);
        entry.Reprice(fx.ConversionOf(entry.Quote));
        entries[id] = entry;
        if (entry.Quote != QuoteKind.Other)
        {
            entriesByQuote[(int)entry.Quote].Add(entry);
            var assetId = instrument.Base.Id;
            if (assetId >= assets.Length)
            {
                Array.Resize(ref assets, Math.Max(assets.Length * 2, assetId + 1));
            }

            (assets[assetId] ??= new AssetBooks()).Add(entry);
        }

        fx.TryAddRateBook(entry);
        return entry;
    }
}
