using Arbiter.Core;
using static Arbiter.Engine.Tests.Events;

namespace Arbiter.Engine.Tests;

public sealed class BookGatingTests
{
    // A profitable pair: Binance ask 60000 vs Upbit bid 83,300,000 KRW (net 272.14 USD per BTC).
    private static readonly (string, string)[] BinanceBids = Levels(("59990.00", "1"));
    private static readonly (string, string)[] BinanceAsks = Levels(("60000.00", "1"));
    private static readonly (string, string)[] UpbitBids = Levels(("83300000", "1"));
    private static readonly (string, string)[] UpbitAsks = Levels(("83400000", "1"));

    [Fact]
    public void Tick_BookOlderThanMaxBookAge_ClosesWithStaleReason()
    {
        var f = new EngineFixture();
        f.Process(
            Snapshot(f.Binance, 1, At(1), BinanceBids, BinanceAsks),
            Snapshot(f.Upbit, 1, At(5), UpbitBids, UpbitAsks));
        Assert.Single(f.Sink.Opportunities);

        // Binance updated at 1 s: at 11 s its age is exactly MaxBookAge (10 s), still fresh.
        f.Process(Tick(At(11)));
        Assert.Single(f.Sink.Opportunities);
        Assert.Equal(BookSyncState.Synced, f.State(f.Binance, out _));

        // One microsecond later it is older than 10 s.
        f.Process(Tick(At(11) + 1));
        var closed = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Closed, closed.Kind);
        Assert.Equal("binance:BTCUSDT Stale", closed.CloseReason);
        Assert.Equal(At(11) + 1, closed.Time);
        Assert.Equal(At(11) + 1, closed.Opportunity.LastUpdated);
        Assert.Equal(BookSyncState.Stale, f.State(f.Binance, out var reason));
        Assert.Equal(BookInvalidReason.None, reason);
        Assert.Empty(f.Engine.OpenOpportunities);
    }

    [Fact]
    public void Process_OtherBookStale_OpensNothingUntilItIsFresh()
    {
        var f = new EngineFixture();
        f.Process(
            Snapshot(f.Binance, 1, At(0), BinanceBids, BinanceAsks),
            Snapshot(f.Upbit, 1, At(10) + 1, UpbitBids, UpbitAsks));
        Assert.Empty(f.Sink.Opportunities);

        // A fresh Binance update makes it Synced again and the pair opens.
        f.Process(Delta(f.Binance, 2, At(10) + 2, Levels(("59990.00", "2")), Levels()));
        Assert.Equal(OpportunityEventKind.Opened, Assert.Single(f.Sink.Opportunities).Kind);
    }

    [Fact]
    public void Process_PerVenueMaxBookAge_OverridesDefault()
    {
        var options = new EngineOptions();
        options.MaxBookAgeByVenue[VenueId.Upbit] = TimeSpan.FromSeconds(2);
        var f = new EngineFixture(options);
        f.Process(
            Snapshot(f.Upbit, 1, At(0), UpbitBids, UpbitAsks),
            Snapshot(f.Binance, 1, At(2) + 1, BinanceBids, BinanceAsks));

        Assert.Empty(f.Sink.Opportunities);
        Assert.Equal(BookSyncState.Stale, f.State(f.Upbit, out _));
        Assert.Equal(BookSyncState.Synced, f.State(f.Binance, out _));
    }

    [Fact]
    public void Process_DeltaCrossesBook_ClosesAsInvalidCrossedAndReopensWhenUncrossed()
    {
        var f = new EngineFixture();
        f.Process(
            Snapshot(f.Binance, 1, At(1), BinanceBids, BinanceAsks),
            Snapshot(f.Upbit, 1, At(1), UpbitBids, UpbitAsks));

        // Binance bid 60000.00 = its ask: locked.
        f.Process(Delta(f.Binance, 2, At(2), Levels(("60000.00", "1")), Levels()));
        var closed = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Closed, closed.Kind);
        Assert.Equal("binance:BTCUSDT Invalid(Crossed)", closed.CloseReason);
        Assert.Equal(BookSyncState.Invalid, f.State(f.Binance, out var reason));
        Assert.Equal(BookInvalidReason.Crossed, reason);

        // While crossed, Upbit updates open nothing.
        f.Process(Delta(f.Upbit, 2, At(3), Levels(("83300000", "2")), Levels()));
        Assert.Equal(2, f.Sink.Opportunities.Count);

        // Deltas keep being applied: removing the crossing bid uncrosses the book, which is Synced and reopens with a new id.
        f.Process(Delta(f.Binance, 3, At(4), Levels(("60000.00", "0")), Levels()));
        Assert.Equal(BookSyncState.Synced, f.State(f.Binance, out _));
        var reopened = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Opened, reopened.Kind);
        Assert.Equal(2, reopened.Opportunity.Id);
        Assert.Equal(3, reopened.Opportunity.BuySequence);
        Assert.Equal(1m, reopened.Opportunity.Size);
    }

    [Fact]
    public void Process_CrossedSnapshot_OpensNothing()
    {
        var f = new EngineFixture();
        f.Process(
            Snapshot(f.Binance, 1, At(1), Levels(("60001.00", "1")), BinanceAsks),
            Snapshot(f.Upbit, 1, At(1), UpbitBids, UpbitAsks));

        Assert.Empty(f.Sink.Opportunities);
        Assert.Equal(BookSyncState.Invalid, f.State(f.Binance, out _));
    }

    [Fact]
    public void Process_BookInvalidated_ClearsBookAndClosesWithUnsyncedReason()
    {
        var f = new EngineFixture();
        f.Process(
            Snapshot(f.Binance, 1, At(1), BinanceBids, BinanceAsks),
            Snapshot(f.Upbit, 1, At(1), UpbitBids, UpbitAsks),
            Invalidated(f.Upbit, At(2), BookInvalidReason.SequenceGap));

        var closed = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Closed, closed.Kind);
        Assert.Equal("upbit:KRW-BTC Unsynced(SequenceGap)", closed.CloseReason);
        Assert.Equal(BookSyncState.Unsynced, f.State(f.Upbit, out var reason));
        Assert.Equal(BookInvalidReason.SequenceGap, reason);
        Assert.True(f.Engine.GetBook(f.Upbit)!.IsEmpty);
    }

    [Fact]
    public void Process_BookSyncing_ClosesWithSyncingReasonAndOpensNothingUntilSnapshot()
    {
        var f = new EngineFixture();
        f.Process(
            Snapshot(f.Binance, 1, At(1), BinanceBids, BinanceAsks),
            Snapshot(f.Upbit, 1, At(1), UpbitBids, UpbitAsks),
            Syncing(f.Binance, At(2)));

        var closed = f.Sink.Opportunities[^1];
        Assert.Equal("binance:BTCUSDT Syncing", closed.CloseReason);
        Assert.Equal(BookSyncState.Syncing, f.State(f.Binance, out _));

        // Deltas before the snapshot are ignored and counted; nothing opens on them.
        f.Process(
            Delta(f.Binance, 2, At(3), Levels(("59990.00", "1")), Levels(("60000.00", "1"))),
            Delta(f.Upbit, 2, At(3), Levels(("83300000", "3")), Levels()));
        Assert.Equal(2, f.Sink.Opportunities.Count);
        Assert.Equal(1, f.Engine.Stats.DeltasIgnoredUnsynced);
        Assert.True(f.Engine.GetBook(f.Binance)!.IsEmpty);

        f.Process(Snapshot(f.Binance, 5, At(4), BinanceBids, BinanceAsks));
        Assert.Equal(OpportunityEventKind.Opened, f.Sink.Opportunities[^1].Kind);
    }

    [Fact]
    public void Process_DeltaBeforeAnySnapshot_IsIgnoredAndCounted()
    {
        var f = new EngineFixture();
        f.Process(
            Delta(f.Binance, 1, At(1), BinanceBids, BinanceAsks),
            Delta(f.Binance, 2, At(1), Levels(("59980.00", "1")), Levels()),
            Snapshot(f.Upbit, 1, At(1), UpbitBids, UpbitAsks));

        Assert.Empty(f.Sink.Opportunities);
        Assert.Equal(2, f.Engine.Stats.DeltasIgnoredUnsynced);
        Assert.Equal(3, f.Engine.Stats.EventsProcessed);
        Assert.Equal(BookSyncState.Unsynced, f.State(f.Binance, out _));
        Assert.True(f.Engine.GetBook(f.Binance)!.IsEmpty);
        Assert.Equal([BookSyncState.Unsynced, BookSyncState.Unsynced, BookSyncState.Synced], f.Observer.Applied.Select(a => a.State));
    }

    [Fact]
    public void Process_SnapshotWithDepth_TruncatesToBestLevels()
    {
        var f = new EngineFixture();
        f.Process(Snapshot(
            f.Upbit,
            1,
            At(1),
            Levels(("100", "1"), ("98", "1"), ("96", "1"), ("94", "1"), ("92", "1")),
            Levels(("101", "1"), ("102", "1"), ("103", "1"), ("104", "1"), ("105", "1")),
            depth: 3));

        var book = f.Engine.GetBook(f.Upbit)!;
        Assert.Equal(3, book.Bids.Count);
        Assert.Equal(3, book.Asks.Count);
        Assert.Equal(96, book.Bids.PriceAt(2));
        Assert.Equal(103, book.Asks.PriceAt(2));

        // A delta on a depth-limited stream keeps the same window: a new bid at 99 pushes out 96.
        var delta = Delta(f.Upbit, 2, At(2), Levels(("99", "5")), Levels());
        delta.Depth = 3;
        f.Process(delta);
        Assert.Equal([new Level(100, 100_000_000), new Level(99, 500_000_000), new Level(98, 100_000_000)], [book.Bids.LevelAt(0), book.Bids.LevelAt(1), book.Bids.LevelAt(2)]);
        Assert.Equal(3, book.Bids.Count);
        Assert.Equal(2, book.Sequence);
    }

    [Fact]
    public void Process_SnapshotThenDelta_BookMatchesAndObserverSeesEachApply()
    {
        var f = new EngineFixture();
        f.Process(
            Snapshot(f.Binance, 7, At(1), Levels(("59990.00", "1"), ("59980.00", "2")), Levels(("60000.00", "1"))),
            Delta(f.Binance, 8, At(2), Levels(("59990.00", "0"), ("59985.00", "3")), Levels(("60005.00", "4"))));

        var book = f.Engine.GetBook(f.Binance)!;
        Assert.Equal(new Level(5998500, 300000), book.Bids.LevelAt(0));
        Assert.Equal(new Level(5998000, 200000), book.Bids.LevelAt(1));
        Assert.Equal(2, book.Asks.Count);
        Assert.Equal(8, book.Sequence);
        Assert.Equal(At(2), book.ReceiveTime);
        Assert.Equal(At(2), f.Engine.Clock);
        Assert.Equal(2, f.Observer.Applied.Count);
        Assert.Equal((f.Binance, BookSyncState.Synced, 2, 2), f.Observer.Applied[1]);
        Assert.Equal([f.Binance], f.Engine.Instruments);
    }
}
