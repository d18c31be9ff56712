using Arbiter.Core;
using Arbiter.Venues.GateIo;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.GateIo;

public sealed class GateIoProtocolTests
{
    private const long Second = 1_000_000; // µs

    // Units at BTC_USDT's scales (price 3, amount 8).
    private const long P100_5 = 100_500;
    private const long P99 = 99_000;
    private const long P101 = 101_000;
    private const long A1 = 100_000_000;

    [Fact]
    public void Connections_AfterMarketList_OneConnectionWithPingIdleTimeoutAndSendLimit()
    {
        var h = new GateIoHarness(new GateIoOptions());

        var spec = h.Protocol.Connections.ShouldHaveSingleItem();
        spec.Name.ShouldBe("gateio-0");
        spec.Url.ToString().ShouldBe("wss://api.gateio.ws/ws/v4/");
        spec.PingText.ShouldBe("""{"time":0,"channel":"spot.ping"}""");
        spec.PingInterval.ShouldBe(TimeSpan.FromSeconds(30));
        spec.IdleTimeout.ShouldBe(TimeSpan.FromMinutes(2));
        spec.SendLimit.ShouldBe(new RateLimit(10, TimeSpan.FromSeconds(1)));
        spec.MaxLifetime.ShouldBeNull();
        h.Protocol.ConnectLimit.ShouldBe(new RateLimit(10, TimeSpan.FromSeconds(10)));
        h.Protocol.MarketListRequests.ShouldBe(["/api/v4/spot/currency_pairs"]);
        h.Protocol.Instruments.Select(i => i.Symbol).ShouldBe(["BTC_USDT", "ETH_USDT", "XRP_USDT", "SOL_USDT", "DOGE_USDT"]);
        ((IVenueProtocol)h.Protocol).Symbols.ShouldNotBeNull(); // the host's cross-venue market list reads it
    }

    [Fact]
    public void Connections_MorePairsThanPerConnectionLimit_SpreadOverConnections()
    {
        var h = new GateIoHarness(new GateIoOptions { MaxPairsPerConnection = 2 });

        h.Protocol.Connections.Select(c => c.Name).ShouldBe(["gateio-0", "gateio-1", "gateio-2"]);
    }

    [Fact]
    public void OnOpened_OnePairPerSubscribeForThatConnectionsBooks_Syncing()
    {
        var h = new GateIoHarness(new GateIoOptions { MaxPairsPerConnection = 2 });

        h.Protocol.OnOpened("gateio-1#1", 1_700_000_000_500_000);

        h.Actions.Sends.ShouldBe(
        [
            ("gateio-1#1", """{"time":1700000000,"channel":"spot.order_book_update","event":"subscribe","payload":["XRP_USDT","100ms"]}"""),
            ("gateio-1#1", """{"time":1700000000,"channel":"spot.order_book_update","event":"subscribe","payload":["SOL_USDT","100ms"]}"""),
        ]);
        h.Sink.Events.Select(e => (e.Kind, e.Instrument!.Symbol)).ShouldBe(
            [(MarketEventKind.BookSyncing, "XRP_USDT"), (MarketEventKind.BookSyncing, "SOL_USDT")]);
        h.Protocol.SyncStateOf(h.Protocol.Instruments[2]).ShouldBe(BookSyncState.Syncing);
        h.Protocol.SyncStateOf(h.Protocol.Instruments[0]).ShouldBe(BookSyncState.Unsynced);
    }

    [Fact]
    public void OnOpened_TwentyMillisecondInterval_SubscribesTwentyMsAndSnapshotOfTwentyLevels()
    {
        var h = new GateIoHarness(new GateIoOptions { Assets = ["BTC"], Interval = "20ms" });

        h.Protocol.OnOpened(GateIoHarness.Connection, 0);
        h.Frame(GateIoHarness.Update(101, 105), 1_000);

        h.Actions.Sends.ShouldHaveSingleItem().Text.ShouldBe("""{"time":0,"channel":"spot.order_book_update","event":"subscribe","payload":["BTC_USDT","20ms"]}""");
        h.Actions.Requests.ShouldBe(["/api/v4/spot/order_book?currency_pair=BTC_USDT&limit=20&with_id=true"]);
    }

    [Fact]
    public void OnFrame_BeforeSnapshot_BufferedWithOneRestRequestAndNothingPublished()
    {
        var h = new GateIoHarness();
        h.Protocol.OnOpened(GateIoHarness.Connection, 1_000);

        h.Frame(GateIoHarness.Update(95, 100, bids: """["100.5","1"]"""), 2_000);
        h.Frame(GateIoHarness.Update(101, 105), 3_000);
        h.Frame(GateIoHarness.Update(106, 110), 4_000);

        h.Actions.Requests.ShouldBe([GateIoHarness.SnapshotPath]);
        h.Sink.Events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookSyncing]);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Syncing);
        h.Counters.Frames.ShouldBe(3);
    }

    [Fact]
    public void OnFrame_BeforeConnectionOpened_IgnoredAndCounted()
    {
        var h = new GateIoHarness();

        h.Frame(GateIoHarness.Update(101, 105, bids: """["100.5","1"]"""), 2_000);

        h.Sink.Events.ShouldBeEmpty();
        h.Actions.Requests.ShouldBeEmpty();
        h.Counters.IgnoredFrames.ShouldBe(1);
    }

    [Fact]
    public void OnRestResponse_SnapshotBridgingBuffer_SnapshotThenBridgingAndLaterUpdates()
    {
        var h = new GateIoHarness();
        h.Protocol.OnOpened(GateIoHarness.Connection, 1_000);
        h.Frame(GateIoHarness.Update(95, 100, bids: """["100.5","1"]""", time: 1_700_000_000_100), 2_000);
        h.Frame(GateIoHarness.Update(101, 105, asks: """["101","2"]""", time: 1_700_000_000_200), 3_000);
        h.Frame(GateIoHarness.Update(106, 110, bids: """["100.5","0"]""", time: 1_700_000_000_300), 4_000);

        h.Rest(GateIoHarness.Snapshot(103, """["100.5","1"],["99","3"]""", """["101","1"]""", update: 1_699_999_999_000), 5_000);

        var events = h.Sink.Events;
        events.Count.ShouldBe(4);
        events[0].Kind.ShouldBe(MarketEventKind.BookSyncing);

        var snapshot = events[1];
        snapshot.Kind.ShouldBe(MarketEventKind.BookSnapshot);
        snapshot.Instrument.ShouldBeSameAs(h.BtcUsdt);
        snapshot.Venue.ShouldBe(VenueId.GateIo);
        snapshot.Sequence.ShouldBe(103);
        snapshot.ExchangeTime.ShouldBe(1_699_999_999_000_000);
        snapshot.ReceiveTime.ShouldBe(5_000);
        snapshot.Depth.ShouldBe(100);
        snapshot.Bids.ShouldBe([new Level(P100_5, A1), new Level(P99, 3 * A1)]);
        snapshot.Asks.ShouldBe([new Level(P101, A1)]);

        // 95..100 is dropped (u < 103+1); 101..105 bridges (101 <= 104 <= 105).
        var bridging = events[2];
        bridging.Kind.ShouldBe(MarketEventKind.BookDelta);
        bridging.Sequence.ShouldBe(105);
        bridging.ReceiveTime.ShouldBe(3_000);
        bridging.ExchangeTime.ShouldBe(1_700_000_000_200_000);
        bridging.Depth.ShouldBe(100);
        bridging.Bids.ShouldBeEmpty();
        bridging.Asks.ShouldBe([new Level(P101, 2 * A1)]);

        var next = events[3];
        next.Kind.ShouldBe(MarketEventKind.BookDelta);
        next.Sequence.ShouldBe(110);
        next.Bids.ShouldBe([new Level(P100_5, 0)]);

        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Synced);
        h.Protocol.LastUpdateIdOf(h.BtcUsdt).ShouldBe(110);
    }

    [Fact]
    public void OnRestResponse_SnapshotIdOneBelowFirstBufferedU_Bridges()
    {
        var h = new GateIoHarness();
        h.Protocol.OnOpened(GateIoHarness.Connection, 1_000);
        h.Frame(GateIoHarness.Update(101, 105, asks: """["101","2"]"""), 2_000);

        h.Rest(GateIoHarness.Snapshot(100, """["99","1"]""", ""), 3_000); // baseId+1 = 101 = U: not behind the stream

        h.Sink.Events.Select(e => (e.Kind, e.Sequence)).ShouldBe(
            [(MarketEventKind.BookSyncing, 0L), (MarketEventKind.BookSnapshot, 100L), (MarketEventKind.BookDelta, 105L)]);
        h.Actions.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public void OnRestResponse_SnapshotOlderThanFirstBufferedU_RefetchedNoSoonerThanRetryDelay()
    {
        var h = new GateIoHarness();
        h.Protocol.OnOpened(GateIoHarness.Connection, 1_000);
        h.Frame(GateIoHarness.Update(101, 105), 2_000);

        h.Rest(GateIoHarness.Snapshot(99, """["100.5","1"]""", ""), 3_000); // baseId+1 = 100 < U = 101: falls behind
        h.Frame(GateIoHarness.Update(106, 110), 3_000 + Second - 1);
        var beforeDelay = h.Actions.Requests.Count;
        h.Frame(GateIoHarness.Update(111, 112), 3_000 + Second);

        beforeDelay.ShouldBe(1);
        h.Actions.Requests.ShouldBe([GateIoHarness.SnapshotPath, GateIoHarness.SnapshotPath]);
        h.Sink.Events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookSyncing]);

        h.Rest(GateIoHarness.Snapshot(107, """["100.5","1"]""", ""), 3_000 + (2 * Second));
        h.Sink.Events.Skip(1).Select(e => (e.Kind, e.Sequence)).ShouldBe(
            [(MarketEventKind.BookSnapshot, 107L), (MarketEventKind.BookDelta, 110L), (MarketEventKind.BookDelta, 112L)]);
    }

    [Fact]
    public void OnRestFailure_Snapshot_ReRequestedOnFirstFrameAfterRetryDelay()
    {
        var h = new GateIoHarness();
        h.Protocol.OnOpened(GateIoHarness.Connection, 1_000);
        h.Frame(GateIoHarness.Update(95, 100), 2_000);

        h.Protocol.OnRestFailure(GateIoHarness.SnapshotPath, "HTTP 429 Too Many Requests", 10_000);
        h.Frame(GateIoHarness.Update(101, 101), 10_000 + (Second / 2));
        var early = h.Actions.Requests.Count;
        h.Frame(GateIoHarness.Update(102, 102), 10_000 + Second);

        early.ShouldBe(1);
        h.Actions.Requests.Count.ShouldBe(2);
        h.Counters.RestFailures.ShouldBe(1);
    }

    [Fact]
    public void OnFrame_Synced_NextUpdatePublishedAsDelta()
    {
        var h = new GateIoHarness();
        h.Synced();

        h.Frame(GateIoHarness.Update(111, 112, bids: """["99.5","0.00000001"]""", asks: """["101","0"]""", time: 1_700_000_001_234), 6_000);

        var delta = h.Sink.Events.ShouldHaveSingleItem();
        delta.Kind.ShouldBe(MarketEventKind.BookDelta);
        delta.Sequence.ShouldBe(112);
        delta.ExchangeTime.ShouldBe(1_700_000_001_234_000);
        delta.ReceiveTime.ShouldBe(6_000);
        delta.Depth.ShouldBe(100);
        delta.Bids.ShouldBe([new Level(99_500, 1)]);
        delta.Asks.ShouldBe([new Level(P101, 0)]);
        h.Protocol.LastUpdateIdOf(h.BtcUsdt).ShouldBe(112);
    }

    [Fact]
    public void OnFrame_UpdateOverlappingLocalId_Applied()
    {
        var h = new GateIoHarness();
        h.Synced();

        h.Frame(GateIoHarness.Update(108, 114), 6_000); // 108 <= 111 <= 114

        h.Sink.Events.ShouldHaveSingleItem().Sequence.ShouldBe(114);
    }

    [Theory]
    [InlineData(106, 110)]
    [InlineData(101, 105)]
    [InlineData(110, 110)]
    public void OnFrame_DuplicateOrOldUpdate_IgnoredAndCounted(long first, long last)
    {
        var h = new GateIoHarness();
        h.Synced();
        var ignoredBefore = h.Counters.IgnoredFrames;

        h.Frame(GateIoHarness.Update(first, last, bids: """["1","1"]"""), 6_000);

        h.Sink.Events.ShouldBeEmpty();
        h.Counters.IgnoredFrames.ShouldBe(ignoredBefore + 1);
        h.Protocol.LastUpdateIdOf(h.BtcUsdt).ShouldBe(110);
    }

    [Fact]
    public void OnFrame_Gap_InvalidatedOnThatFrameThenRebuiltFromRest()
    {
        var h = new GateIoHarness();
        h.Synced();

        h.Frame(GateIoHarness.Update(112, 115, bids: """["100.5","5"]"""), 6_000); // U = 112 > 110 + 1

        var events = h.Sink.Events;
        events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookInvalidated, MarketEventKind.BookSyncing]);
        events[0].Reason.ShouldBe(BookInvalidReason.SequenceGap);
        events[0].ReceiveTime.ShouldBe(6_000);
        h.Actions.Requests.ShouldBe([GateIoHarness.SnapshotPath, GateIoHarness.SnapshotPath]);
        h.Counters.SequenceGaps.ShouldBe(1);
        h.Counters.Resyncs.ShouldBe(1);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Syncing);

        // The update that revealed the gap starts the new buffer and bridges the next snapshot.
        h.Rest(GateIoHarness.Snapshot(113, """["100.5","4"]""", ""), 7_000);
        events = h.Sink.Events;
        events[2].Kind.ShouldBe(MarketEventKind.BookSnapshot);
        events[2].Sequence.ShouldBe(113);
        events[3].Kind.ShouldBe(MarketEventKind.BookDelta);
        events[3].Sequence.ShouldBe(115);
        events[3].Bids.ShouldBe([new Level(P100_5, 5 * A1)]);
    }

    [Fact]
    public void OnFrame_FullBookFirst_SnapshotWithoutRestAndZeroLevelsDropped()
    {
        var h = new GateIoHarness();
        h.Protocol.OnOpened(GateIoHarness.Connection, 1_000);

        h.Frame(GateIoHarness.Full(48_776_301, 48_776_306, """["19137.74","0.0001"],["19088.37","0"]""", """["19137.75","0.6135"]""", time: 1_606_294_781_123), 2_000);
        h.Frame(GateIoHarness.Update(48_776_307, 48_776_310, asks: """["19137.75","0"]"""), 3_000);
        h.Rest(GateIoHarness.Snapshot(48_776_300, "", ""), 4_000); // a late answer to nothing: the book is already synced

        var events = h.Sink.Events;
        events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookDelta]);
        var full = events[1];
        full.Sequence.ShouldBe(48_776_306);
        full.ExchangeTime.ShouldBe(1_606_294_781_123_000);
        full.Depth.ShouldBe(100);
        full.Bids.ShouldBe([new Level(19_137_740, 10_000)]);
        full.Asks.ShouldBe([new Level(19_137_750, 61_350_000)]);
        events[2].Sequence.ShouldBe(48_776_310);
        h.Actions.Requests.ShouldBeEmpty();
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnFrame_FullBookWhileSynced_ReplacesBookAndItsId()
    {
        var h = new GateIoHarness();
        h.Synced();

        h.Frame(GateIoHarness.Full(500, 600, """["98","1"]""", """["102","1"]"""), 6_000);
        h.Frame(GateIoHarness.Update(601, 601, bids: """["98","2"]"""), 7_000);

        h.Sink.Events.Select(e => (e.Kind, e.Sequence)).ShouldBe([(MarketEventKind.BookSnapshot, 600L), (MarketEventKind.BookDelta, 601L)]);
        h.Sink.Events[0].Bids.ShouldBe([new Level(98_000, A1)]);
        h.Counters.SequenceGaps.ShouldBe(0);
    }

    [Fact]
    public void OnFrame_FullBookWhileBuffering_SupersedesBufferAndOutstandingSnapshot()
    {
        var h = new GateIoHarness();
        h.Protocol.OnOpened(GateIoHarness.Connection, 1_000);
        h.Frame(GateIoHarness.Update(95, 100, bids: """["100.5","1"]"""), 2_000);

        h.Frame(GateIoHarness.Full(101, 104, """["99","1"]""", ""), 3_000);
        h.Rest(GateIoHarness.Snapshot(98, """["1","1"]""", ""), 4_000);

        h.Sink.Events.Select(e => (e.Kind, e.Sequence)).ShouldBe([(MarketEventKind.BookSyncing, 0L), (MarketEventKind.BookSnapshot, 104L)]);
        h.Protocol.LastUpdateIdOf(h.BtcUsdt).ShouldBe(104);
        h.Counters.IgnoredFrames.ShouldBe(1); // the late REST answer
    }

    [Fact]
    public void OnFrame_LateFullBookWhileSynced_IgnoredAsOld()
    {
        var h = new GateIoHarness();
        h.Synced(); // local id 110

        h.Frame(GateIoHarness.Full(105, 108, """["1","1"]""", ""), 6_000); // reordered: older than the book
        h.Frame(GateIoHarness.Full(109, 110, """["2","1"]""", ""), 6_500); // a copy of the book's own id
        h.Frame(GateIoHarness.Update(111, 111, bids: """["99","4"]"""), 7_000);

        h.Sink.Events.Select(e => (e.Kind, e.Sequence)).ShouldBe([(MarketEventKind.BookDelta, 111L)]);
        h.Counters.IgnoredFrames.ShouldBe(2);
        h.Counters.Resyncs.ShouldBe(0);
    }

    [Fact]
    public void OnFrame_FullBookOvertakenByTheNextUpdate_ResyncsAndIgnoresTheLateFullBook()
    {
        var h = new GateIoHarness();
        h.Synced(); // local id 110

        h.Frame(GateIoHarness.Update(121, 125, bids: """["99","4"]"""), 6_000); // the full book 111..120 has not arrived: a gap
        h.Frame(GateIoHarness.Full(111, 120, """["98","1"]""", ""), 6_100);       // then it arrives late
        h.Rest(GateIoHarness.Snapshot(122, """["99","3"]""", ""), 7_000);

        h.Sink.Events.Select(e => (e.Kind, e.Sequence)).ShouldBe(
            [(MarketEventKind.BookInvalidated, 0L), (MarketEventKind.BookSyncing, 0L), (MarketEventKind.BookSnapshot, 122L), (MarketEventKind.BookDelta, 125L)]);
        h.Protocol.LastUpdateIdOf(h.BtcUsdt).ShouldBe(125);
    }

    [Fact]
    public void OnFrame_SubscribeRefused_SentAgainOnTheFirstFrameAfterTheDelayDoublingUntilAccepted()
    {
        var h = new GateIoHarness(new GateIoOptions { Assets = ["BTC", "ETH"] });
        var eth = h.Protocol.Instruments[1];
        h.Protocol.OnOpened(GateIoHarness.Connection, 1 * Second);
        var subscribeEth = h.Actions.Sends[1];

        h.Frame(Refusal("ETH_USDT"), 1 * Second + 10);
        h.Frame(GateIoHarness.Update(1, 2), 1 * Second + 400_000);
        h.Actions.Sends.Count.ShouldBe(2); // not before 500 ms
        h.Frame(GateIoHarness.Update(3, 4), 1 * Second + 600_000);
        h.Actions.Sends.Count.ShouldBe(3);
        h.Actions.Sends[2].ConnectionId.ShouldBe(GateIoHarness.Connection);
        h.Actions.Sends[2].Text.ShouldBe(subscribeEth.Text); // the same request ("time" 1 s)

        h.Frame(Refusal("ETH_USDT"), 2 * Second);                    // refused again: 1 s this time
        h.Frame(GateIoHarness.Update(5, 6), 2 * Second + 900_000);
        h.Actions.Sends.Count.ShouldBe(3);
        h.Frame(GateIoHarness.Update(7, 8), 3 * Second);
        h.Actions.Sends.Count.ShouldBe(4);

        h.Frame(Ack("ETH_USDT"), 3 * Second + 10);                      // accepted: the next refusal waits 500 ms again
        h.Frame(Refusal("ETH_USDT"), 10 * Second);
        h.Frame(GateIoHarness.Update(9, 10), 10 * Second + 500_000);
        h.Actions.Sends.Count.ShouldBe(5);
        h.Counters.VenueErrors.ShouldBe(3);
        h.Protocol.SyncStateOf(eth).ShouldBe(BookSyncState.Syncing);
    }

    [Fact]
    public void OnFrame_SubscribeRefusedThenConnectionReplaced_OnlyTheNewConnectionsSubscription()
    {
        var h = new GateIoHarness();
        h.Protocol.OnOpened(GateIoHarness.Connection, 1 * Second);
        h.Frame(Refusal("BTC_USDT"), 1 * Second + 10);

        h.Protocol.OnClosed(GateIoHarness.Connection, 1 * Second + 100);
        h.Protocol.OnOpened("gateio-0#2", 2 * Second);
        h.Protocol.OnFrame("gateio-0#2", GateIoHarness.Update(1, 2), 3 * Second);

        h.Actions.Sends.Select(s => s.ConnectionId).ShouldBe([GateIoHarness.Connection, "gateio-0#2"]);
    }

    [Fact]
    public void OnFrame_RefusalOfAnotherChannelOrAnUnwatchedPair_CountedOnly()
    {
        var h = new GateIoHarness();
        h.Protocol.OnOpened(GateIoHarness.Connection, 1 * Second);

        h.Frame(Refusal("LTC_USDT"), 1 * Second + 10);
        h.Frame(Fixture.Read("gateio-error-duplicate-subscription.json"), 1 * Second + 20);
        h.Frame(GateIoHarness.Update(1, 2), 5 * Second);

        h.Actions.Sends.Count.ShouldBe(1);
        h.Counters.VenueErrors.ShouldBe(2);
    }

    private static byte[] Refusal(string pair) =>
        System.Text.Encoding.UTF8.GetBytes($$$"""{"time":1,"time_ms":1000,"channel":"spot.order_book_update","event":"subscribe","payload":["{{{pair}}}","100ms"],"error":{"code":3,"message":"Server side error happened"},"result":{"status":"fail"}}""");

    private static byte[] Ack(string pair) =>
        System.Text.Encoding.UTF8.GetBytes($$$"""{"time":1,"time_ms":1000,"channel":"spot.order_book_update","event":"subscribe","payload":["{{{pair}}}","100ms"],"result":{"status":"success"}}""");

    [Fact]
    public void OnClosedThenOnOpened_InvalidatedDisconnectedThenOnlyTheNewSnapshot()
    {
        var h = new GateIoHarness();
        h.Synced();

        h.Protocol.OnClosed(GateIoHarness.Connection, 6_000);
        h.Frame(GateIoHarness.Update(111, 111), 6_500); // stray frame after close: ignored
        h.Protocol.OnOpened("gateio-0#2", 7_000);
        h.Protocol.OnFrame("gateio-0#2", GateIoHarness.Update(200, 205, bids: """["100.5","7"]"""), 8_000);
        h.Rest(GateIoHarness.Snapshot(202, """["98","1"]""", ""), 9_000);

        var events = h.Sink.Events;
        events.Select(e => e.Kind).ShouldBe(
            [MarketEventKind.BookInvalidated, MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookDelta]);
        events[0].Reason.ShouldBe(BookInvalidReason.Disconnected);
        events[2].Sequence.ShouldBe(202);
        events[2].Bids.ShouldBe([new Level(98_000, A1)]); // nothing from before the reconnect
        events[3].Sequence.ShouldBe(205);
        h.Actions.Sends.Select(s => s.ConnectionId).ShouldBe([GateIoHarness.Connection, "gateio-0#2"]);
        h.Actions.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public void OnOpened_ReplacementBeforeOldCloses_OldFramesAndLateCloseIgnored()
    {
        var h = new GateIoHarness();
        h.Synced();

        h.Protocol.OnOpened("gateio-0#2", 6_000);
        h.Frame(GateIoHarness.Update(111, 111, bids: """["100.5","9"]"""), 6_100); // the superseded connection
        h.Protocol.OnClosed(GateIoHarness.Connection, 6_200);
        h.Protocol.OnFrame("gateio-0#2", GateIoHarness.Update(111, 112), 6_300);

        h.Sink.Events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookSyncing]);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Syncing);
        h.Counters.IgnoredFrames.ShouldBe(2); // the old connection's frame and its late close
        h.Actions.Requests.Count.ShouldBe(2); // the replacement's first update asks for a new snapshot
    }

    [Fact]
    public void OnFrame_PairCarriedByAnotherConnection_Ignored()
    {
        var h = new GateIoHarness(new GateIoOptions { Assets = ["BTC", "ETH"], MaxPairsPerConnection = 1 });
        h.Protocol.OnOpened("gateio-1#1", 1_000);
        h.Sink.Clear();

        h.Protocol.OnFrame("gateio-1#1", GateIoHarness.Update(1, 2, bids: """["100.5","1"]"""), 2_000); // BTC_USDT lives on gateio-0

        h.Sink.Events.ShouldBeEmpty();
        h.Actions.Requests.ShouldBeEmpty();
        h.Counters.IgnoredFrames.ShouldBe(1);
    }

    [Fact]
    public void OnFrame_MalformedFrameOfWatchedPair_InvalidatedAndResynced()
    {
        var h = new GateIoHarness();
        h.Synced();

        h.Frame(GateIoHarness.Update(111, 112, bids: """["100.0001","1"]"""), 6_000); // finer than the price scale (3)
        h.Frame(GateIoHarness.Update(113, 114), 7_000);

        var events = h.Sink.Events;
        events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookInvalidated, MarketEventKind.BookSyncing]);
        events[0].Reason.ShouldBe(BookInvalidReason.MalformedFrame);
        h.Counters.MalformedFrames.ShouldBe(1);
        h.Counters.Resyncs.ShouldBe(1);
        h.Actions.Requests.Count.ShouldBe(2); // requested with the next good update
    }

    [Fact]
    public void OnFrame_UnattributableUnknownAckPongAndError_CountedOnly()
    {
        var h = new GateIoHarness();
        h.Synced();

        h.Frame("""{"channel":"spot.order_book_update","event":"upd"""u8.ToArray(), 6_000);
        h.Frame(GateIoHarness.Update(1, 2, pair: "LTC_USDT"), 6_001);
        h.Frame(Fixture.Read("gateio-subscribe-ack.json"), 6_002);
        h.Frame(Fixture.Read("gateio-pong.json"), 6_003);
        h.Frame(Fixture.Read("gateio-error-duplicate-subscription.json"), 6_004);

        h.Sink.Events.ShouldBeEmpty();
        h.Counters.MalformedFrames.ShouldBe(1);
        h.Counters.UnknownSymbols.ShouldBe(1);
        h.Counters.VenueErrors.ShouldBe(1);
        h.Counters.IgnoredFrames.ShouldBe(2);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnFrame_QueueRefusesDelta_InvalidatedQueueOverflowAtNextChanceThenResyncedNeverSilent()
    {
        var h = new GateIoHarness();
        h.Synced();
        h.Sink.RefuseNext(1);

        h.Frame(GateIoHarness.Update(111, 111, bids: """["100.5","9"]"""), 6_000); // refused
        h.Frame(GateIoHarness.Update(112, 112, bids: """["100.5","8"]"""), 7_000);
        h.Rest(GateIoHarness.Snapshot(111, """["100.5","9"]""", ""), 8_000);

        var events = h.Sink.Events;
        events.Select(e => e.Kind).ShouldBe(
            [MarketEventKind.BookInvalidated, MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookDelta]);
        events[0].Reason.ShouldBe(BookInvalidReason.QueueOverflow);
        events[0].ReceiveTime.ShouldBe(7_000);
        events[2].Sequence.ShouldBe(111);
        events[3].Sequence.ShouldBe(112);
        events[3].Bids.ShouldBe([new Level(P100_5, 8 * A1)]);
        h.Counters.QueueOverflows.ShouldBe(1);
        h.Counters.Resyncs.ShouldBe(1);
        h.Actions.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public void OnFrame_QueueRefusesFullBook_InvalidationOwedAndNextFullBookResyncs()
    {
        var h = new GateIoHarness();
        h.Synced();
        h.Sink.RefuseNext(1);

        h.Frame(GateIoHarness.Full(200, 210, """["98","1"]""", ""), 6_000); // refused
        h.Frame(GateIoHarness.Full(211, 220, """["97","1"]""", ""), 7_000);

        h.Sink.Events.Select(e => (e.Kind, e.Reason, e.Sequence)).ShouldBe(
        [
            (MarketEventKind.BookInvalidated, BookInvalidReason.QueueOverflow, 0L),
            (MarketEventKind.BookSyncing, BookInvalidReason.None, 0L),
            (MarketEventKind.BookSnapshot, BookInvalidReason.None, 220L),
        ]);
        h.Counters.Resyncs.ShouldBe(1);
    }

    [Fact]
    public void OnRestResponse_MarketListTwice_SecondIgnored()
    {
        var h = new GateIoHarness();

        h.Protocol.OnRestResponse(GateIoProtocol.MarketListPath, Fixture.Read("gateio-currency-pairs.json"), 10);

        h.Protocol.Instruments.Count.ShouldBe(1);
        h.Counters.IgnoredFrames.ShouldBe(1);
    }

    [Fact]
    public void OnRestResponse_MarketListNotAnArray_CountedMalformedAndNoConnections()
    {
        var protocol = new GateIoProtocol(new GateIoOptions(), new InstrumentCatalog(), new RecordingSink(), new RecordingActions());

        protocol.OnRestResponse(GateIoProtocol.MarketListPath, """{"label":"TOO_MANY_REQUESTS","message":"Too many requests"}"""u8, 0);

        protocol.Connections.ShouldBeEmpty();
        protocol.Counters.MalformedFrames.ShouldBe(1);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingKey()
    {
        var ex = Should.Throw<ArgumentException>(() =>
            new GateIoProtocol(new GateIoOptions { Interval = "1000ms" }, new InstrumentCatalog(), new RecordingSink(), new RecordingActions()));

        ex.Message.ShouldContain("GateIo:Interval must be \"100ms\" or \"20ms\" (was '1000ms').");
    }

    [Fact]
    public void OnFrame_SteadyStateUpdates_AllocateNothing()
    {
        var protocol = new GateIoProtocol(new GateIoOptions { Assets = ["BTC"], Quotes = ["USDT"] }, new InstrumentCatalog(), new PoolSink(), NullVenueActions.Instance);
        protocol.OnRestResponse(GateIoProtocol.MarketListPath, Fixture.Read("gateio-currency-pairs.json"), 0);
        protocol.OnOpened(GateIoHarness.Connection, 1);
        protocol.OnFrame(GateIoHarness.Connection, GateIoHarness.Update(2, 2), 2);
        protocol.OnRestResponse(GateIoHarness.SnapshotPath, GateIoHarness.Snapshot(1, """["100.5","1"]""", """["101","1"]"""), 3);
        var frames = new byte[1_100][];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = GateIoHarness.Update(i + 3, i + 3, bids: """["100.5","1"],["99.9","2"]""", asks: """["101","3"]""");
        }

        for (var i = 0; i < 100; i++)
        {
            protocol.OnFrame(GateIoHarness.Connection, frames[i], 10 + i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 100; i < frames.Length; i++)
        {
            protocol.OnFrame(GateIoHarness.Connection, frames[i], 10 + i);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
        protocol.SyncStateOf(protocol.Instruments[0]).ShouldBe(BookSyncState.Synced);
        protocol.LastUpdateIdOf(protocol.Instruments[0]).ShouldBe(1_102);
    }

    [Fact]
    public void Replay_SameInputsWithNullActions_SameEvents()
    {
        static IReadOnlyList<PublishedEvent> Run(IVenueActions actions)
        {
            var sink = new RecordingSink();
            var protocol = new GateIoProtocol(new GateIoOptions { Assets = ["BTC"], Quotes = ["USDT"] }, new InstrumentCatalog(), sink, actions);
            protocol.OnRestResponse(GateIoProtocol.MarketListPath, Fixture.Read("gateio-currency-pairs.json"), 0);
            protocol.OnOpened(GateIoHarness.Connection, 1_000);
            protocol.OnFrame(GateIoHarness.Connection, GateIoHarness.Update(95, 100, bids: """["100.5","1"]"""), 2_000);
            protocol.OnRestFailure(GateIoHarness.SnapshotPath, "timeout", 2_500);
            protocol.OnFrame(GateIoHarness.Connection, GateIoHarness.Update(101, 105), 2_000 + Second);
            protocol.OnRestResponse(GateIoHarness.SnapshotPath, GateIoHarness.Snapshot(102, """["100.5","2"]""", ""), 3_000 + Second);
            protocol.OnFrame(GateIoHarness.Connection, GateIoHarness.Update(107, 108), 4_000 + Second);
            protocol.OnFrame(GateIoHarness.Connection, GateIoHarness.Full(200, 210, """["99","1"]""", """["101","1"]"""), 5_000 + Second);
            protocol.OnClosed(GateIoHarness.Connection, 6_000 + Second);
            return sink.Events;
        }

        var live = Run(new RecordingActions());
        var replay = Run(NullVenueActions.Instance);

        replay.Count.ShouldBe(live.Count);
        for (var i = 0; i < live.Count; i++)
        {
            (replay[i].Kind, replay[i].Sequence, replay[i].ReceiveTime, replay[i].Reason)
                .ShouldBe((live[i].Kind, live[i].Sequence, live[i].ReceiveTime, live[i].Reason));
            replay[i].Bids.ShouldBe(live[i].Bids);
            replay[i].Asks.ShouldBe(live[i].Asks);
        }

        live.Select(e => e.Kind).ShouldBe(
        [
            MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookDelta, MarketEventKind.BookInvalidated,
            MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookInvalidated,
        ]);
    }
}
