using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Coinbase;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.Coinbase;

public sealed class CoinbaseProtocolTests
{
    private const long Second = CoinbaseHarness.Second;
    private const string SubscribeBtc = """{"type":"subscribe","product_ids":["BTC-USD"],"channel":"level2"}""";
    private const string UnsubscribeBtc = """{"type":"unsubscribe","product_ids":["BTC-USD"],"channel":"level2"}""";

    [Fact]
    public void Connections_AfterProducts_OneConnectionWithVenueLimits()
    {
        var h = new CoinbaseHarness(new CoinbaseOptions());

        h.Protocol.MarketListRequests.ShouldBe(["/api/v3/brokerage/market/products?product_type=SPOT"]);
        h.Protocol.Instruments.Select(i => i.Symbol).ShouldBe(["BTC-USD", "ETH-USD", "XRP-USD", "SOL-USD", "DOGE-USD"]);
        var spec = h.Protocol.Connections.ShouldHaveSingleItem();
        spec.Name.ShouldBe("coinbase-0");
        spec.Url.ShouldBe(new Uri("wss://advanced-trade-ws.coinbase.com"));
        spec.PingText.ShouldBeNull();
        spec.MaxLifetime.ShouldBeNull();
        spec.OverlapOnLifetime.ShouldBeFalse();
        spec.IdleTimeout.ShouldBe(TimeSpan.FromSeconds(30));
        spec.SendLimit.ShouldBe(new RateLimit(8, TimeSpan.FromSeconds(1)));
        ((IVenueProtocol)h.Protocol).ConnectLimit.ShouldBe(new RateLimit(750, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Connections_MoreProductsThanPerConnectionLimit_SpreadWithSendLimitShared()
    {
        var h = new CoinbaseHarness(new CoinbaseOptions { MaxProductsPerConnection = 2 });

        h.Protocol.Connections.Select(c => c.Name).ShouldBe(["coinbase-0", "coinbase-1", "coinbase-2"]);
        h.Protocol.Connections.ShouldAllBe(c => c.SendLimit == new RateLimit(2, TimeSpan.FromSeconds(1))); // 8 per IP / 3
    }

    [Fact]
    public void OnOpened_SecondConnection_SubscribesLevel2ThenHeartbeatsForItsProductsOnly()
    {
        var h = new CoinbaseHarness(new CoinbaseOptions { MaxProductsPerConnection = 2 });

        h.Protocol.OnOpened("coinbase-1#1", 1_000);

        h.Actions.Sends.ShouldBe(
        [
            ("coinbase-1#1", """{"type":"subscribe","product_ids":["XRP-USD","SOL-USD"],"channel":"level2"}"""),
            ("coinbase-1#1", """{"type":"subscribe","product_ids":["XRP-USD","SOL-USD"],"channel":"heartbeats"}"""),
        ]);
        h.Sink.Events.Select(e => (e.Kind, e.Instrument!.Symbol, e.ReceiveTime)).ShouldBe(
            [(MarketEventKind.BookSyncing, "XRP-USD", 1_000L), (MarketEventKind.BookSyncing, "SOL-USD", 1_000L)]);
        h.Protocol.SyncStateOf(h.Instrument("XRP-USD")).ShouldBe(BookSyncState.Syncing);
        h.Protocol.SyncStateOf(h.Instrument("BTC-USD")).ShouldBe(BookSyncState.Unsynced);
    }

    [Fact]
    public void OnFrame_DocsSnapshotThenUpdate_SnapshotAndDeltaWithExactLevels()
    {
        var h = new CoinbaseHarness();
        h.Protocol.OnOpened(CoinbaseHarness.Connection, Second);

        h.Frame(Fixture.Read("coinbase-l2-snapshot-btc-usd.json"), 2 * Second);
        h.Frame(Fixture.Read("coinbase-l2-update-btc-usd.json"), 3 * Second);

        var events = h.Sink.Events;
        events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookDelta]);

        // "2023-02-09T20:32:50.714964855Z" = 1,675,974,770 s + 714,964 µs (the ns digits 855 are truncated).
        var snapshot = events[1];
        snapshot.Instrument.ShouldBeSameAs(h.BtcUsd);
        snapshot.Venue.ShouldBe(VenueId.Coinbase);
        snapshot.Sequence.ShouldBe(1_675_974_770_714_964);
        snapshot.ExchangeTime.ShouldBe(1_675_974_770_714_964);
        snapshot.ReceiveTime.ShouldBe(2 * Second);
        snapshot.Depth.ShouldBe(0);
        snapshot.Bids.ShouldBe([new Level(2_192_173, 6_317_902), new Level(2_192_130, 2_000_000)]); // 21921.73 × 0.06317902, 21921.3 × 0.02
        snapshot.Asks.ShouldBeEmpty();

        var delta = events[2];
        delta.Sequence.ShouldBe(1_675_974_770_814_964);
        delta.ExchangeTime.ShouldBe(1_675_974_770_814_964);
        delta.Bids.ShouldBe([new Level(2_192_173, 0), new Level(2_192_150, 40_000_000)]); // 21921.73 removed; 21921.5 × 0.4
        delta.Asks.ShouldBe([new Level(2_192_201, 125_000_000)]); // 21922.01 × 1.25000000
        h.Protocol.SyncStateOf(h.BtcUsd).ShouldBe(BookSyncState.Synced);
        h.Counters.SequenceGaps.ShouldBe(0);
    }

    [Fact]
    public void OnFrame_UpdateBeforeSnapshot_IgnoredAndCounted()
    {
        var h = new CoinbaseHarness();
        h.Protocol.OnOpened(CoinbaseHarness.Connection, Second);

        h.Frame(CoinbaseHarness.L2(0, "update", "BTC-USD", 1, "bid:100.00:1"), 2 * Second);

        h.Sink.Events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookSyncing]);
        h.Counters.IgnoredFrames.ShouldBe(1);
        h.Protocol.SyncStateOf(h.BtcUsd).ShouldBe(BookSyncState.Syncing);
    }

    [Fact]
    public void OnFrame_SequenceCountsAcrossChannels_NoGap()
    {
        var h = new CoinbaseHarness();
        h.Protocol.OnOpened(CoinbaseHarness.Connection, Second);

        h.Frame(CoinbaseHarness.L2(5, "snapshot", "BTC-USD", 1, "bid:100.00:1"), 2 * Second);
        h.Frame(CoinbaseHarness.Heartbeat(6), 2 * Second);
        h.Frame("""{"channel":"subscriptions","client_id":"","timestamp":"2025-01-01T00:00:00.5Z","sequence_num":7,"events":[{"subscriptions":{"level2":["BTC-USD"]}}]}"""u8.ToArray(), 2 * Second);
        h.Frame(CoinbaseHarness.L2(8, "update", "BTC-USD", 2, "bid:100.00:0.5"), 3 * Second);

        h.Counters.SequenceGaps.ShouldBe(0);
        h.Counters.IgnoredFrames.ShouldBe(2); // the heartbeat and the ack
        h.Sink.Events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookDelta]);
        h.Sink.Events[2].Bids.ShouldBe([new Level(10_000, 50_000_000)]);
    }

    [Fact]
    public void OnFrame_SequenceGap_EveryBookOfConnectionInvalidatedAndLevel2Resubscribed()
    {
        var h = new CoinbaseHarness(new CoinbaseOptions { Assets = ["BTC", "ETH"] });
        h.Protocol.OnOpened(CoinbaseHarness.Connection, Second);
        h.Frame(CoinbaseHarness.L2(0, "snapshot", "BTC-USD", 1, "bid:100.00:1"), 2 * Second);
        h.Frame(CoinbaseHarness.L2(1, "snapshot", "ETH-USD", 2, "offer:2000.00:3"), 2 * Second);
        h.Sink.Clear();

        h.Frame(CoinbaseHarness.L2(3, "update", "BTC-USD", 3, "bid:100.00:9"), 4 * Second); // 2 is missing

        h.Sink.Events.Select(e => (e.Kind, e.Instrument!.Symbol, e.Reason)).ShouldBe(
        [
            (MarketEventKind.BookInvalidated, "BTC-USD", BookInvalidReason.SequenceGap), (MarketEventKind.BookSyncing, "BTC-USD", BookInvalidReason.None),
            (MarketEventKind.BookInvalidated, "ETH-USD", BookInvalidReason.SequenceGap), (MarketEventKind.BookSyncing, "ETH-USD", BookInvalidReason.None),
        ]);
        h.Sink.Events.ShouldAllBe(e => e.ReceiveTime == 4 * Second);
        h.SentTexts(skip: 2).ShouldBe(
        [
            """{"type":"unsubscribe","product_ids":["BTC-USD","ETH-USD"],"channel":"level2"}""",
            """{"type":"subscribe","product_ids":["BTC-USD","ETH-USD"],"channel":"level2"}""",
        ]);
        h.Actions.Sends.Skip(2).ShouldAllBe(s => s.ConnectionId == CoinbaseHarness.Connection);
        h.Counters.SequenceGaps.ShouldBe(1);
        h.Counters.Resyncs.ShouldBe(2);

        // Updates wait for the resubscription's snapshot, which resyncs the book; the counter continues from the gap.
        h.Frame(CoinbaseHarness.L2(4, "update", "BTC-USD", 4, "bid:100.00:8"), 5 * Second);
        h.Frame(CoinbaseHarness.L2(5, "snapshot", "BTC-USD", 5, "bid:99.00:2"), 6 * Second);
        var snapshot = h.Sink.Events[^1];
        snapshot.Kind.ShouldBe(MarketEventKind.BookSnapshot);
        snapshot.Sequence.ShouldBe(CoinbaseHarness.Epoch2025 + 5);
        snapshot.Bids.ShouldBe([new Level(9_900, 200_000_000)]);
        h.Protocol.SyncStateOf(h.BtcUsd).ShouldBe(BookSyncState.Synced);
        h.Protocol.SyncStateOf(h.Instrument("ETH-USD")).ShouldBe(BookSyncState.Syncing);
        h.Counters.SequenceGaps.ShouldBe(1);
    }

    [Theory]
    [InlineData(0)] // repeated
    [InlineData(-1)] // older
    [InlineData(5)] // skipped ahead
    public void OnFrame_AnySequenceButNext_Gap(long offset)
    {
        var h = new CoinbaseHarness();
        h.Synced(); // sequence 0 ... then 1 and 2 below
        h.Frame(CoinbaseHarness.Heartbeat(1), 3 * Second);
        h.Frame(CoinbaseHarness.Heartbeat(2), 3 * Second);

        h.Frame(CoinbaseHarness.Heartbeat(2 + offset), 4 * Second);

        h.Counters.SequenceGaps.ShouldBe(1);
        h.Sink.Events[0].Reason.ShouldBe(BookInvalidReason.SequenceGap);
    }

    [Fact]
    public void OnFrame_GapOnOneConnection_OtherConnectionUntouched()
    {
        var h = new CoinbaseHarness(new CoinbaseOptions { Assets = ["BTC", "ETH"], MaxProductsPerConnection = 1 });
        h.Protocol.OnOpened("coinbase-0#1", Second);
        h.Protocol.OnOpened("coinbase-1#1", Second);
        h.Protocol.OnFrame("coinbase-0#1", CoinbaseHarness.L2(0, "snapshot", "BTC-USD", 1, "bid:100.00:1"), 2 * Second);
        h.Protocol.OnFrame("coinbase-1#1", CoinbaseHarness.L2(0, "snapshot", "ETH-USD", 1, "bid:2000.00:1"), 2 * Second);
        h.Sink.Clear();
        var sendsBefore = h.Actions.Sends.Count;

        h.Protocol.OnFrame("coinbase-0#1", CoinbaseHarness.Heartbeat(2), 3 * Second);
        h.Protocol.OnFrame("coinbase-1#1", CoinbaseHarness.Heartbeat(1), 3 * Second);

        h.Sink.Events.Select(e => (e.Kind, e.Instrument!.Symbol)).ShouldBe(
            [(MarketEventKind.BookInvalidated, "BTC-USD"), (MarketEventKind.BookSyncing, "BTC-USD")]);
        h.Actions.Sends.Skip(sendsBefore).ShouldBe([("coinbase-0#1", UnsubscribeBtc), ("coinbase-0#1", SubscribeBtc)]);
        h.Protocol.SyncStateOf(h.Instrument("ETH-USD")).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnFrame_FaultsWithinResubscribeInterval_OneResubscriptionThenThePendingOneAfterTheInterval()
    {
        var h = new CoinbaseHarness();
        h.Synced(); // subscribed at 1 s

        h.Frame(CoinbaseHarness.Heartbeat(2), 3 * Second); // gap: resubscribed at once (2 s after the subscription)
        h.Frame(CoinbaseHarness.L2(3, "snapshot", "BTC-USD", 3, "bid:100.00:1"), 3 * Second + 100_000);
        h.Frame(CoinbaseHarness.Heartbeat(5), 3 * Second + 500_000); // gap again, 0.5 s after the resubscription: owed
        h.Frame(CoinbaseHarness.Heartbeat(6), 4 * Second - 1);
        var beforeInterval = h.SentTexts(skip: 2);
        h.Frame(CoinbaseHarness.Heartbeat(7), 4 * Second);

        beforeInterval.ShouldBe([UnsubscribeBtc, SubscribeBtc]);
        h.SentTexts(skip: 2).ShouldBe([UnsubscribeBtc, SubscribeBtc, UnsubscribeBtc, SubscribeBtc]);
        h.Counters.SequenceGaps.ShouldBe(2);
    }

    [Fact]
    public void OnFrame_NoSnapshotWithinTimeout_WaitingBooksResubscribed()
    {
        var h = new CoinbaseHarness();
        h.Protocol.OnOpened(CoinbaseHarness.Connection, Second);

        h.Frame(CoinbaseHarness.Heartbeat(0), 2 * Second);
        h.Frame(CoinbaseHarness.Heartbeat(1), (11 * Second) - 1);
        var early = h.SentTexts(skip: 2);
        h.Frame(CoinbaseHarness.Heartbeat(2), 11 * Second);

        early.ShouldBeEmpty();
        h.SentTexts(skip: 2).ShouldBe([UnsubscribeBtc, SubscribeBtc]);
        h.Sink.Events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookSyncing]); // nothing to invalidate: it never synced
    }

    [Fact]
    public void OnFrame_SubscribeRefused_Level2AndHeartbeatsSentAgainAfterRetryDelayDoublingUntilASnapshot()
    {
        const string SubscribeHeartbeats = """{"type":"subscribe","product_ids":["BTC-USD"],"channel":"heartbeats"}""";
        var refused = """{"type":"error","message":"failure to subscribe"}"""u8.ToArray();
        var h = new CoinbaseHarness();
        h.Protocol.OnOpened(CoinbaseHarness.Connection, Second); // level2 + heartbeats at 1 s

        h.Frame(refused, Second + 10_000);
        h.Frame(CoinbaseHarness.Heartbeat(0), Second + 499_999);
        var early = h.SentTexts(skip: 2);
        h.Frame(CoinbaseHarness.Heartbeat(1), Second + 500_000); // 0.5 s after the subscription: retried
        var first = h.SentTexts(skip: 2);
        h.Frame(refused, Second + 510_000); // refused again: now 1 s
        h.Frame(CoinbaseHarness.Heartbeat(2), (2 * Second) + 499_999);
        var beforeSecond = h.SentTexts(skip: 2);
        h.Frame(CoinbaseHarness.Heartbeat(3), (2 * Second) + 500_000);
        var second = h.SentTexts(skip: 2);
        h.Frame(CoinbaseHarness.L2(4, "snapshot", "BTC-USD", 3, "bid:100.00:1", "offer:101.00:2"), (2 * Second) + 600_000);

        early.ShouldBeEmpty();
        first.ShouldBe([SubscribeHeartbeats, UnsubscribeBtc, SubscribeBtc]);
        beforeSecond.ShouldBe(first);
        second.ShouldBe([.. first, SubscribeHeartbeats, UnsubscribeBtc, SubscribeBtc]);
        h.Counters.VenueErrors.ShouldBe(2);
        h.Counters.SequenceGaps.ShouldBe(0); // an error carries no sequence_num
        h.Protocol.SyncStateOf(h.BtcUsd).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnFrame_ErrorWhileSynced_OnlyHeartbeatsSentAgainAndBackOffResetBySnapshot()
    {
        const string SubscribeHeartbeats = """{"type":"subscribe","product_ids":["BTC-USD"],"channel":"heartbeats"}""";
        var h = new CoinbaseHarness();
        h.Synced(); // subscribed at 1 s

        h.Frame("""{"type":"error","message":"failure to subscribe"}"""u8.ToArray(), 3 * Second);
        h.Frame(CoinbaseHarness.Heartbeat(1), 3 * Second); // in sequence: the error had no number

        h.SentTexts(skip: 2).ShouldBe([SubscribeHeartbeats]);
        h.Protocol.SyncStateOf(h.BtcUsd).ShouldBe(BookSyncState.Synced);

        // Until a snapshot arrives the error still counts: a gap 0.5 s later is resubscribed after the retry delay (0.5 s);
        // after the snapshot the count is reset and the next gap waits the normal 1 s interval.
        h.Frame(CoinbaseHarness.Heartbeat(5), (3 * Second) + 500_000);
        h.SentTexts(skip: 3).ShouldBe([UnsubscribeBtc, SubscribeBtc]);
        h.Frame(CoinbaseHarness.L2(6, "snapshot", "BTC-USD", 4, "bid:100.00:1"), (3 * Second) + 600_000);
        h.Frame(CoinbaseHarness.Heartbeat(9), (4 * Second) + 100_000); // gap 0.5 s after: reset, so the 1 s interval applies
        h.SentTexts(skip: 3).ShouldBe([UnsubscribeBtc, SubscribeBtc]);
        h.Frame(CoinbaseHarness.Heartbeat(10), (4 * Second) + 500_000);
        h.SentTexts(skip: 3).ShouldBe([UnsubscribeBtc, SubscribeBtc, UnsubscribeBtc, SubscribeBtc]);
    }

    [Fact]
    public void OnFrame_SyncedBooks_NoResubscriptionWhenTimeoutPasses()
    {
        var h = new CoinbaseHarness();
        h.Synced();

        h.Frame(CoinbaseHarness.Heartbeat(1), 60 * Second);

        h.SentTexts(skip: 2).ShouldBeEmpty();
    }

    [Fact]
    public void OnFrame_Malformed_ConnectionBooksInvalidatedAndNextMessageSetsCounter()
    {
        var h = new CoinbaseHarness();
        h.Synced();

        h.Frame(CoinbaseHarness.L2(1, "update", "BTC-USD", 2, "bid:100.001:1"), 3 * Second); // 3 decimals at tick 0.01
        h.Frame(CoinbaseHarness.Heartbeat(57), 4 * Second);
        h.Frame(CoinbaseHarness.Heartbeat(58), 5 * Second);

        h.Sink.Events.Select(e => (e.Kind, e.Reason)).ShouldBe(
            [(MarketEventKind.BookInvalidated, BookInvalidReason.MalformedFrame), (MarketEventKind.BookSyncing, BookInvalidReason.None)]);
        h.Sink.Events[0].ReceiveTime.ShouldBe(3 * Second);
        h.Counters.MalformedFrames.ShouldBe(1);
        h.Counters.SequenceGaps.ShouldBe(0);
        h.Counters.Resyncs.ShouldBe(1);
        h.SentTexts(skip: 2).ShouldBe([UnsubscribeBtc, SubscribeBtc]);
    }

    [Fact]
    public void OnClosedThenOnOpened_InvalidatedDisconnectedThenOnlyTheNewSnapshot()
    {
        var h = new CoinbaseHarness();
        h.Synced();

        h.Protocol.OnClosed(CoinbaseHarness.Connection, 3 * Second);
        h.Frame(CoinbaseHarness.L2(1, "update", "BTC-USD", 2, "bid:100.00:7"), 3 * Second + 1); // after the close: ignored
        h.Protocol.OnOpened("coinbase-0#2", 4 * Second);
        h.Protocol.OnFrame("coinbase-0#2", CoinbaseHarness.L2(0, "update", "BTC-USD", 3, "bid:100.00:5"), 5 * Second);
        h.Protocol.OnFrame("coinbase-0#2", CoinbaseHarness.L2(1, "snapshot", "BTC-USD", 4, "bid:99.00:3"), 6 * Second);

        var events = h.Sink.Events;
        events.Select(e => (e.Kind, e.Reason)).ShouldBe(
        [
            (MarketEventKind.BookInvalidated, BookInvalidReason.Disconnected), (MarketEventKind.BookSyncing, BookInvalidReason.None),
            (MarketEventKind.BookSnapshot, BookInvalidReason.None),
        ]);
        events[2].Bids.ShouldBe([new Level(9_900, 300_000_000)]); // nothing from before the reconnect
        events[2].Asks.ShouldBeEmpty();
        h.Actions.Sends.Skip(2).Select(s => s.ConnectionId).ShouldBe(["coinbase-0#2", "coinbase-0#2"]);
        h.Counters.SequenceGaps.ShouldBe(0); // the new connection's first message set its counter
        h.Counters.IgnoredFrames.ShouldBe(2); // the frame after the close and the update before the snapshot
    }

    [Fact]
    public void OnOpened_OverlappingReplacement_OldFramesAndLateCloseIgnored()
    {
        var h = new CoinbaseHarness();
        h.Synced();

        h.Protocol.OnOpened("coinbase-0#2", 3 * Second);
        h.Frame(CoinbaseHarness.L2(1, "update", "BTC-USD", 2, "bid:100.00:7"), 3 * Second + 1);
        h.Protocol.OnClosed(CoinbaseHarness.Connection, 4 * Second);
        h.Protocol.OnFrame("coinbase-0#2", CoinbaseHarness.L2(0, "snapshot", "BTC-USD", 3, "offer:101.00:4"), 5 * Second);

        h.Sink.Events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot]);
        h.Sink.Events[1].Asks.ShouldBe([new Level(10_100, 400_000_000)]);
        h.Counters.IgnoredFrames.ShouldBe(2); // the old connection's frame and its late close
        h.Protocol.SyncStateOf(h.BtcUsd).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnFrame_QueueRefusesDelta_QueueOverflowAtNextChanceThenResubscribedAndResynced()
    {
        var h = new CoinbaseHarness();
        h.Synced();
        h.Sink.RefuseNext(1);

        h.Frame(CoinbaseHarness.L2(1, "update", "BTC-USD", 2, "bid:100.00:9"), 3 * Second); // refused
        h.Frame(CoinbaseHarness.L2(2, "update", "BTC-USD", 3, "bid:100.00:8"), 4 * Second);
        h.Frame(CoinbaseHarness.L2(3, "snapshot", "BTC-USD", 4, "bid:100.00:8"), 5 * Second);

        var events = h.Sink.Events;
        events.Select(e => (e.Kind, e.Reason)).ShouldBe(
        [
            (MarketEventKind.BookInvalidated, BookInvalidReason.QueueOverflow), (MarketEventKind.BookSyncing, BookInvalidReason.None),
            (MarketEventKind.BookSnapshot, BookInvalidReason.None),
        ]);
        events[0].ReceiveTime.ShouldBe(4 * Second);
        events[2].Bids.ShouldBe([new Level(10_000, 800_000_000)]);
        h.SentTexts(skip: 2).ShouldBe([UnsubscribeBtc, SubscribeBtc]);
        h.Counters.QueueOverflows.ShouldBe(1);
        h.Counters.Resyncs.ShouldBe(1);
        h.Counters.IgnoredFrames.ShouldBe(1); // the update while waiting for the snapshot
    }

    [Fact]
    public void OnFrame_QueueStillFullAtSnapshot_NoSnapshotBeforeTheInvalidationThenTheNextSnapshotResyncs()
    {
        var h = new CoinbaseHarness();
        h.Synced();
        h.Sink.RefuseNext(3); // the delta, then both attempts to deliver the invalidation while the first snapshot is in

        h.Frame(CoinbaseHarness.L2(1, "update", "BTC-USD", 2, "bid:100.00:9"), 3 * Second);
        h.Frame(CoinbaseHarness.L2(2, "snapshot", "BTC-USD", 3, "bid:100.00:9"), 3 * Second + 1);
        h.Frame(CoinbaseHarness.L2(3, "snapshot", "BTC-USD", 4, "bid:100.00:7"), 5 * Second);

        h.Sink.Events.Select(e => (e.Kind, e.Reason, e.ReceiveTime)).ShouldBe(
        [
            (MarketEventKind.BookInvalidated, BookInvalidReason.QueueOverflow, 5 * Second), (MarketEventKind.BookSyncing, BookInvalidReason.None, 5 * Second),
            (MarketEventKind.BookSnapshot, BookInvalidReason.None, 5 * Second),
        ]);
        h.Sink.Events[2].Bids.ShouldBe([new Level(10_000, 700_000_000)]);
        h.SentTexts(skip: 2).ShouldBe([UnsubscribeBtc, SubscribeBtc]); // the second snapshot came before a second one was due
        h.Counters.QueueOverflows.ShouldBe(3);
        h.Counters.Resyncs.ShouldBe(1);
    }

    [Fact]
    public void OnFrame_MessageWithTwoProducts_EachEventToItsOwnBook()
    {
        var h = new CoinbaseHarness(new CoinbaseOptions { Assets = ["BTC", "ETH"] });
        h.Protocol.OnOpened(CoinbaseHarness.Connection, Second);
        h.Sink.Clear();

        h.Frame(Encoding.UTF8.GetBytes("""
            {"channel":"l2_data","client_id":"","timestamp":"2025-01-01T00:00:01.000002Z","sequence_num":0,"events":[
             {"type":"snapshot","product_id":"BTC-USD","updates":[{"side":"bid","event_time":"2025-01-01T00:00:01Z","price_level":"100.5","new_quantity":"2"}]},
             {"type":"snapshot","product_id":"ETH-USD","updates":[{"side":"offer","event_time":"2025-01-01T00:00:01Z","price_level":"3001","new_quantity":"0.25"}]}]}
            """), 2 * Second);

        var events = h.Sink.Events;
        events.Select(e => (e.Kind, e.Instrument!.Symbol, e.Sequence)).ShouldBe(
        [
            (MarketEventKind.BookSnapshot, "BTC-USD", CoinbaseHarness.Epoch2025 + 1_000_002),
            (MarketEventKind.BookSnapshot, "ETH-USD", CoinbaseHarness.Epoch2025 + 1_000_002),
        ]);
        events[0].Bids.ShouldBe([new Level(10_050, 200_000_000)]);
        events[1].Asks.ShouldBe([new Level(300_100, 25_000_000)]);
    }

    [Fact]
    public void OnFrame_UnknownProductErrorAndOtherChannels_CountedOnlyAndInSequence()
    {
        var h = new CoinbaseHarness();
        h.Synced();

        h.Frame(CoinbaseHarness.L2(1, "update", "ETH-USD", 2, "bid:2000.00:1"), 3 * Second);
        h.Frame("""{"type":"error","message":"failure to subscribe"}"""u8.ToArray(), 3 * Second);
        h.Frame("""{"channel":"ticker","client_id":"","timestamp":"2023-02-09T20:30:37.167359596Z","sequence_num":2,"events":[]}"""u8.ToArray(), 3 * Second);
        h.Frame(CoinbaseHarness.Heartbeat(3), 3 * Second);

        h.Sink.Events.ShouldBeEmpty();
        h.Counters.UnknownSymbols.ShouldBe(1);
        h.Counters.VenueErrors.ShouldBe(1);
        h.Counters.IgnoredFrames.ShouldBe(2);
        h.Counters.SequenceGaps.ShouldBe(0);
        h.Counters.Frames.ShouldBe(5);
        h.Protocol.SyncStateOf(h.BtcUsd).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnRestResponse_NoConfiguredProductListed_NoConnection()
    {
        var h = new CoinbaseHarness(new CoinbaseOptions { Assets = ["PEPE"] });

        h.Protocol.Instruments.ShouldBeEmpty();
        h.Protocol.Connections.ShouldBeEmpty();
        h.Protocol.Symbols!.Markets.Count.ShouldBe(8);
    }

    [Fact]
    public void OnRestResponse_BadBodyOrOtherPath_CountedAndNoConnection()
    {
        var protocol = new CoinbaseProtocol(new CoinbaseOptions(), new InstrumentCatalog(), new RecordingSink(), new RecordingActions());

        protocol.OnRestResponse("/api/v3/brokerage/market/product_book?product_id=BTC-USD", "{}"u8, 1);
        protocol.OnRestResponse(CoinbaseProtocol.ProductsPath, "{\"products\":"u8, 2);

        protocol.Counters.IgnoredFrames.ShouldBe(1);
        protocol.Counters.MalformedFrames.ShouldBe(1);
        protocol.Connections.ShouldBeEmpty();
    }

    [Fact]
    public void OnFrame_SameInputs_SameEvents()
    {
        static IReadOnlyList<PublishedEvent> Run()
        {
            var h = new CoinbaseHarness();
            h.Protocol.OnOpened(CoinbaseHarness.Connection, Second);
            h.Frame(Fixture.Read("coinbase-l2-snapshot-btc-usd.json"), 2 * Second);
            h.Frame(Fixture.Read("coinbase-l2-update-btc-usd.json"), 3 * Second);
            h.Frame(CoinbaseHarness.Heartbeat(3), 4 * Second);
            h.Protocol.OnClosed(CoinbaseHarness.Connection, 5 * Second);
            return h.Sink.Events;
        }

        var live = Run();
        var replay = Run();

        replay.Select(e => (e.Kind, e.Sequence, e.ReceiveTime, e.Reason)).ShouldBe(live.Select(e => (e.Kind, e.Sequence, e.ReceiveTime, e.Reason)));
        live.Select(e => e.Kind).ShouldBe(
        [
            MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookDelta, MarketEventKind.BookInvalidated,
            MarketEventKind.BookSyncing, MarketEventKind.BookInvalidated,
        ]);
    }
}
