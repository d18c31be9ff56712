using Arbiter.Core;
using Arbiter.Venues.Okx;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.Okx;

public sealed class OkxProtocolTests
{
    private const long Second = 1_000_000; // µs
    private const long Btc = 100_000_000; // quantity scale 8

    // BTC-USDT prices at scale 1: 100.5 → 1005, 101 → 1010 ...
    private static readonly Level[] SyncedBids = [new(1005, Btc), new(1000, 2 * Btc)];
    private static readonly Level[] SyncedAsks = [new(1010, 150_000_000), new(1020, 3 * Btc)];

    [Fact]
    public void Connections_AfterMarketList_OneConnectionWithPingIdleAndVenueLimits()
    {
        var h = new OkxHarness(new OkxOptions());

        var spec = h.Protocol.Connections.ShouldHaveSingleItem();
        spec.Name.ShouldBe("okx-0");
        spec.Url.ShouldBe(new Uri("wss://ws.okx.com:8443/ws/v5/public"));
        spec.PingText.ShouldBe("ping");
        spec.PingInterval.ShouldBe(TimeSpan.FromSeconds(20));
        spec.IdleTimeout.ShouldBe(TimeSpan.FromSeconds(60));
        spec.MaxLifetime.ShouldBeNull();
        spec.OverlapOnLifetime.ShouldBeFalse();
        spec.SendLimit.ShouldBe(new RateLimit(480, TimeSpan.FromHours(1)));
        ((IVenueProtocol)h.Protocol).ConnectLimit.ShouldBe(new RateLimit(3, TimeSpan.FromSeconds(1)));
        h.Protocol.MarketListRequests.ShouldBe(["/api/v5/public/instruments?instType=SPOT"]);

        // SOL-USDT is not in the list: the four listed live markets of the default assets, in configuration order.
        h.Protocol.Instruments.Select(i => i.Symbol).ShouldBe(["BTC-USDT", "ETH-USDT", "XRP-USDT", "DOGE-USDT"]);
        h.Protocol.SubscriptionsOf(0).ShouldBe(
        [
            """{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"},{"channel":"books","instId":"ETH-USDT"},{"channel":"books","instId":"XRP-USDT"},{"channel":"books","instId":"DOGE-USDT"}]}""",
        ]);
    }

    [Fact]
    public void Connections_MoreSymbolsThanPerConnectionLimit_SpreadOverConnections()
    {
        var h = new OkxHarness(new OkxOptions { MaxSymbolsPerConnection = 3, MaxLifetime = TimeSpan.FromHours(12) });

        h.Protocol.Connections.Select(c => c.Name).ShouldBe(["okx-0", "okx-1"]);
        h.Protocol.SubscriptionsOf(1).ShouldBe(["""{"op":"subscribe","args":[{"channel":"books","instId":"DOGE-USDT"}]}"""]);
        h.Protocol.Connections[1].MaxLifetime.ShouldBe(TimeSpan.FromHours(12));
        h.Protocol.Connections[1].OverlapOnLifetime.ShouldBeTrue();
    }

    [Fact]
    public void OnOpened_SubscribesItsSymbolsAndMarksOnlyItsBooksSyncing()
    {
        var h = new OkxHarness(new OkxOptions { MaxSymbolsPerConnection = 3 });

        h.Protocol.OnOpened("okx-1#1", 1_000);

        h.Actions.Sends.ShouldBe([("okx-1#1", """{"op":"subscribe","args":[{"channel":"books","instId":"DOGE-USDT"}]}""")]);
        var e = h.Sink.Events.ShouldHaveSingleItem();
        e.Kind.ShouldBe(MarketEventKind.BookSyncing);
        e.Instrument!.Symbol.ShouldBe("DOGE-USDT");
        e.Venue.ShouldBe(VenueId.Okx);
        e.ReceiveTime.ShouldBe(1_000);
    }

    [Fact]
    public void OnFrame_Snapshot_PublishedWithExactLevelsSeqIdTimeAndDepth()
    {
        var h = new OkxHarness();
        h.Protocol.OnOpened(OkxHarness.Connection, 1_000);

        h.Frame(OkxHarness.Snapshot(10, """["100.5","1","0","1"],["100","2","0","1"]""", """["101","1.5","0","1"],["102","3","0","1"]""", checksum: 1245065377, ts: 1_700_000_000_123), 2_000);

        var events = h.Sink.Events;
        events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot]);
        var snapshot = events[1];
        snapshot.Instrument.ShouldBeSameAs(h.BtcUsdt);
        snapshot.Sequence.ShouldBe(10);
        snapshot.ExchangeTime.ShouldBe(1_700_000_000_123_000);
        snapshot.ReceiveTime.ShouldBe(2_000);
        snapshot.Depth.ShouldBe(400);
        snapshot.Bids.ShouldBe(SyncedBids);
        snapshot.Asks.ShouldBe(SyncedAsks);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(OkxSyncState.Synced);
        h.Actions.Requests.ShouldBeEmpty(); // a WebSocket snapshot needs no REST snapshot
    }

    [Fact]
    public void OnFrame_ChainedUpdateWithChecksum_PublishedAsDelta()
    {
        var h = new OkxHarness();
        h.Synced();

        // Book after: bids 100×2; asks 101×1.5, 101.5×0.2, 102×3 → "100:2:101:1.5:101.5:0.2:102:3" → 58591661 (zlib).
        h.Frame(OkxHarness.Update(10, 11, bids: """["100.5","0","0","0"]""", asks: """["101.5","0.2","0","1"]""", checksum: 58591661, ts: 1_700_000_000_200), 3_000);

        var delta = h.Sink.Events.ShouldHaveSingleItem();
        delta.Kind.ShouldBe(MarketEventKind.BookDelta);
        delta.Sequence.ShouldBe(11);
        delta.ExchangeTime.ShouldBe(1_700_000_000_200_000);
        delta.ReceiveTime.ShouldBe(3_000);
        delta.Bids.ShouldBe([new Level(1005, 0)]);
        delta.Asks.ShouldBe([new Level(1015, 20_000_000)]);
        h.Protocol.LastSeqIdOf(h.BtcUsdt).ShouldBe(11);
    }

    [Fact]
    public void OnFrame_KeepAlive_EmptyDeltaAtSameSeqId()
    {
        var h = new OkxHarness();
        h.Synced();

        h.Frame(OkxHarness.Update(10, 10, checksum: 1245065377), 3_000);

        var delta = h.Sink.Events.ShouldHaveSingleItem();
        delta.Kind.ShouldBe(MarketEventKind.BookDelta);
        delta.Sequence.ShouldBe(10);
        delta.Bids.ShouldBeEmpty();
        delta.Asks.ShouldBeEmpty();
        h.Counters.SequenceGaps.ShouldBe(0);
    }

    [Fact]
    public void OnFrame_SequenceResetAfterMaintenance_AcceptedAndChainingContinues()
    {
        var h = new OkxHarness();
        h.Synced();

        h.Frame(OkxHarness.Update(10, 3, bids: """["99","1","0","1"]"""), 3_000); // seqId < prevSeqId
        h.Frame(OkxHarness.Update(3, 5, bids: """["99","0","0","0"]"""), 4_000);

        h.Sink.Events.Select(e => (e.Kind, e.Sequence)).ShouldBe([(MarketEventKind.BookDelta, 3L), (MarketEventKind.BookDelta, 5L)]);
        h.Counters.SequenceGaps.ShouldBe(0);
        h.Protocol.LastSeqIdOf(h.BtcUsdt).ShouldBe(5);
    }

    [Fact]
    public void OnFrame_Gap_InvalidatedOnThatPushThenRebuiltFromRestWithIt()
    {
        var h = new OkxHarness();
        h.Synced();

        h.Frame(OkxHarness.Update(12, 15, bids: """["100","5","0","1"]"""), 3_000); // prevSeqId 12 != 10

        var events = h.Sink.Events;
        events.Select(e => (e.Kind, e.Reason)).ShouldBe(
            [(MarketEventKind.BookInvalidated, BookInvalidReason.SequenceGap), (MarketEventKind.BookSyncing, BookInvalidReason.None)]);
        events[0].ReceiveTime.ShouldBe(3_000);
        h.Actions.Requests.ShouldBe([OkxHarness.SnapshotPath]);
        h.Counters.SequenceGaps.ShouldBe(1);
        h.Counters.Resyncs.ShouldBe(1);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(OkxSyncState.Syncing);

        // The push that revealed the gap bridges the REST snapshot: prevSeqId 12 <= 13 < seqId 15.
        h.RestAnswer(OkxHarness.Rest(13, """["100","4","0","1"]""", """["101","1","0","1"]"""), 4_000);
        events = h.Sink.Events;
        events.Skip(2).Select(e => (e.Kind, e.Sequence)).ShouldBe([(MarketEventKind.BookSnapshot, 13L), (MarketEventKind.BookDelta, 15L)]);
        events[2].Bids.ShouldBe([new Level(1000, 4 * Btc)]);
        events[2].ExchangeTime.ShouldBe(1_700_000_000_500_000);
        events[3].Bids.ShouldBe([new Level(1000, 5 * Btc)]);
        events[3].ReceiveTime.ShouldBe(3_000);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(OkxSyncState.Synced);
        h.Protocol.LastSeqIdOf(h.BtcUsdt).ShouldBe(15);
    }

    [Fact]
    public void OnFrame_ThePushJustApplied_SentAgain_IgnoredAndCounted()
    {
        var h = new OkxHarness();
        h.Synced();
        h.Frame(OkxHarness.Update(10, 11, bids: """["99","1","0","1"]"""), 3_000);
        var ignoredBefore = h.Counters.IgnoredFrames;

        h.Frame(OkxHarness.Update(10, 11, bids: """["99","1","0","1"]"""), 4_000);

        h.Sink.Events.Count.ShouldBe(1);
        h.Counters.IgnoredFrames.ShouldBe(ignoredBefore + 1);
        h.Counters.SequenceGaps.ShouldBe(0);
        h.Protocol.LastSeqIdOf(h.BtcUsdt).ShouldBe(11);
    }

    [Fact]
    public void OnFrame_OlderPushNotChained_IsAGapNotSilentlyDropped()
    {
        var h = new OkxHarness();
        h.Synced();

        // A stale push (seqId below the book's) is not the continuation of the book: OKX only allows prevSeqId == last.
        h.Frame(OkxHarness.Update(5, 8, bids: """["99","1","0","1"]"""), 3_000);

        h.Sink.Events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookInvalidated, MarketEventKind.BookSyncing]);
        h.Sink.Events[0].Reason.ShouldBe(BookInvalidReason.SequenceGap);
        h.Counters.SequenceGaps.ShouldBe(1);
    }

    [Fact]
    public void OnFrame_UpdatesWithoutSnapshot_NothingPublishedUntilRestBridgesThem()
    {
        var h = new OkxHarness();
        h.Protocol.OnOpened(OkxHarness.Connection, 1_000);

        // OKX without the WebSocket snapshot (2026): the first pushes are updates.
        h.Frame(OkxHarness.Update(95, 100, bids: """["100","1","0","1"]""", ts: 1_700_000_000_100), 2_000);
        h.Frame(OkxHarness.Update(100, 105, asks: """["101","2","0","1"]""", ts: 1_700_000_000_200), 3_000);
        h.Frame(OkxHarness.Update(105, 110, bids: """["100","0","0","0"]""", ts: 1_700_000_000_300), 4_000);

        h.Sink.Events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookSyncing]); // deltas before a snapshot are not published
        h.Actions.Requests.ShouldBe([OkxHarness.SnapshotPath]); // one request while it is outstanding

        h.RestAnswer(OkxHarness.Rest(103, """["100","1","0","1"],["99","3","0","1"]""", """["101","1","0","1"]"""), 5_000);

        var events = h.Sink.Events;
        events.Skip(1).Select(e => (e.Kind, e.Sequence)).ShouldBe(
            [(MarketEventKind.BookSnapshot, 103L), (MarketEventKind.BookDelta, 105L), (MarketEventKind.BookDelta, 110L)]);
        events[1].Bids.ShouldBe([new Level(1000, Btc), new Level(990, 3 * Btc)]);
        events[1].Asks.ShouldBe([new Level(1010, Btc)]);
        events[1].Depth.ShouldBe(400);
        events[2].Asks.ShouldBe([new Level(1010, 2 * Btc)]); // seqId 100 <= 103 was dropped; 100 <= 103 < 105 bridges
        events[2].ExchangeTime.ShouldBe(1_700_000_000_200_000);
        events[2].ReceiveTime.ShouldBe(3_000);
        events[3].Bids.ShouldBe([new Level(1000, 0)]);
        h.Protocol.LastSeqIdOf(h.BtcUsdt).ShouldBe(110);

        h.Frame(OkxHarness.Update(110, 111, bids: """["99","4","0","1"]"""), 6_000);
        h.Sink.Events[^1].Sequence.ShouldBe(111);
    }

    [Fact]
    public void OnRestResponse_SnapshotAheadOfTheStream_PushesItHoldsDroppedNotTakenForAGap()
    {
        var h = new OkxHarness();
        h.Protocol.OnOpened(OkxHarness.Connection, 1_000);
        h.Frame(OkxHarness.Update(95, 100, bids: """["100","1","0","1"]"""), 2_000);

        // The REST book (seqId 110, ts ...500) is ahead of the stream: every buffered push is in it, and so are the two
        // still in flight (seqId <= 110, ts before the snapshot's): REFERENCE §7 step 4 drops them.
        h.RestAnswer(OkxHarness.Rest(110, """["100","2","0","1"]""", """["101","1","0","1"]"""), 3_000);
        var ignored = h.Counters.IgnoredFrames;
        h.Frame(OkxHarness.Update(100, 105, bids: """["100","3","0","1"]"""), 3_100);
        h.Frame(OkxHarness.Update(105, 110, bids: """["100","2","0","1"]"""), 3_200);
        h.Frame(OkxHarness.Update(110, 111, bids: """["99","4","0","1"]"""), 4_000);

        h.Sink.Events.Select(e => (e.Kind, e.Sequence)).ShouldBe(
            [(MarketEventKind.BookSyncing, 0L), (MarketEventKind.BookSnapshot, 110L), (MarketEventKind.BookDelta, 111L)]);
        h.Counters.IgnoredFrames.ShouldBe(ignored + 2);
        h.Counters.SequenceGaps.ShouldBe(0);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(OkxSyncState.Synced);

        // Once a push has applied, the chain is strict again: an old push is a gap.
        h.Frame(OkxHarness.Update(105, 110), 5_000);
        h.Counters.SequenceGaps.ShouldBe(1);
    }

    [Fact]
    public void OnRestResponse_FirstPushOverlapsTheSnapshot_AppliedAsTheBridge()
    {
        var h = new OkxHarness();
        h.Protocol.OnOpened(OkxHarness.Connection, 1_000);
        h.Frame(OkxHarness.Update(95, 100), 2_000);
        h.RestAnswer(OkxHarness.Rest(103, """["100","2","0","1"]""", """["101","1","0","1"]"""), 3_000);

        h.Frame(OkxHarness.Update(100, 108, asks: """["101","5","0","1"]"""), 4_000); // prevSeqId 100 <= 103 < seqId 108

        h.Sink.Events.Select(e => (e.Kind, e.Sequence)).ShouldBe(
            [(MarketEventKind.BookSyncing, 0L), (MarketEventKind.BookSnapshot, 103L), (MarketEventKind.BookDelta, 108L)]);
        h.Sink.Events[^1].Asks.ShouldBe([new Level(1010, 5 * Btc)]);
        h.Counters.SequenceGaps.ShouldBe(0);
    }

    [Fact]
    public void OnRestResponse_LowerSeqIdMadeAfterTheSnapshot_IsAGapNotDropped()
    {
        var h = new OkxHarness();
        h.Protocol.OnOpened(OkxHarness.Connection, 1_000);
        h.Frame(OkxHarness.Update(95, 100), 2_000);
        h.RestAnswer(OkxHarness.Rest(110, """["100","2","0","1"]""", """["101","1","0","1"]"""), 3_000);

        // seqId below the snapshot's but made after it: a sequence reset whose first push was missed, not an old push.
        h.Frame(OkxHarness.Update(7, 9, bids: """["100","1","0","1"]""", ts: 1_700_000_000_600), 4_000);

        h.Counters.SequenceGaps.ShouldBe(1);
        h.Sink.Events[^2].Reason.ShouldBe(BookInvalidReason.SequenceGap);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(OkxSyncState.Syncing);
    }

    [Fact]
    public void OnFrame_ErrorBeforeAnyPush_RefusedSubscriptionReplacesTheConnection()
    {
        var h = new OkxHarness();
        h.Protocol.OnOpened(OkxHarness.Connection, 1_000);

        h.Frame("""{"event":"error","code":"60014","msg":"Requests too frequent.","connId":"a4d3ae55"}"""u8.ToArray(), 2_000);

        h.Counters.VenueErrors.ShouldBe(1);
        h.Actions.Reconnects.ShouldBe([(OkxHarness.Connection, BookInvalidReason.Disconnected)]);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(OkxSyncState.Syncing);

        // After a push (here an update waiting for its REST bridge), an error does not concern the subscription.
        h.Protocol.OnOpened("okx-0#2", 3_000);
        h.Protocol.OnFrame("okx-0#2", OkxHarness.Update(1, 2), 4_000);
        h.Protocol.OnFrame("okx-0#2", """{"event":"error","code":"60012","msg":"Invalid request","connId":"b"}"""u8.ToArray(), 5_000);
        h.Actions.Reconnects.Count.ShouldBe(1);
    }

    [Fact]
    public void OnRestResponse_SnapshotOlderThanFirstBufferedPrevSeqId_RefetchedNoSoonerThanRetryDelay()
    {
        var h = new OkxHarness();
        h.Protocol.OnOpened(OkxHarness.Connection, 1_000);
        h.Frame(OkxHarness.Update(95, 100), 2_000);

        h.RestAnswer(OkxHarness.Rest(90, """["100","1","0","1"]""", ""), 3_000);
        h.Frame(OkxHarness.Update(100, 105), 3_000 + Second - 1);
        var beforeDelay = h.Actions.Requests.Count;
        h.Frame(OkxHarness.Update(105, 110), 3_000 + Second);

        beforeDelay.ShouldBe(1);
        h.Actions.Requests.ShouldBe([OkxHarness.SnapshotPath, OkxHarness.SnapshotPath]);
        h.Sink.Events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookSyncing]);

        h.RestAnswer(OkxHarness.Rest(107, """["100","1","0","1"]""", ""), 3_000 + (2 * Second));
        h.Sink.Events.Skip(1).Select(e => (e.Kind, e.Sequence)).ShouldBe([(MarketEventKind.BookSnapshot, 107L), (MarketEventKind.BookDelta, 110L)]);
    }

    [Fact]
    public void OnRestResponse_WithoutSeqId_CountedAndRefetched()
    {
        var h = new OkxHarness();
        h.Protocol.OnOpened(OkxHarness.Connection, 1_000);
        h.Frame(OkxHarness.Update(95, 100), 2_000);

        h.RestAnswer(Fixture.Read("okx-market-books-rest-docs.json"), 3_000); // the documented answer has no seqId
        h.Frame(OkxHarness.Update(100, 105), 3_000 + Second);

        h.Counters.MalformedFrames.ShouldBe(1);
        h.Actions.Requests.Count.ShouldBe(2);
        h.Sink.Events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookSyncing]);
    }

    [Fact]
    public void OnRestResponse_ErrorCodeOrFailure_CountedAndRefetched()
    {
        var h = new OkxHarness();
        h.Protocol.OnOpened(OkxHarness.Connection, 1_000);
        h.Frame(OkxHarness.Update(95, 100), 2_000);

        h.RestAnswer("""{"code":"50011","msg":"Too Many Requests","data":[]}"""u8.ToArray(), 3_000);
        h.Frame(OkxHarness.Update(100, 105), 3_000 + Second);
        h.Protocol.OnRestFailure(OkxHarness.SnapshotPath, "HTTP 503", 4_000);
        h.Frame(OkxHarness.Update(105, 106), 4_000 + (Second / 2));
        var early = h.Actions.Requests.Count;
        h.Frame(OkxHarness.Update(106, 107), 4_000 + Second);

        h.Counters.VenueErrors.ShouldBe(1);
        h.Counters.RestFailures.ShouldBe(1);
        early.ShouldBe(2);
        h.Actions.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public void OnFrame_SnapshotWithoutLevels_IgnoredAndBookSyncsFromRest()
    {
        var h = new OkxHarness();
        h.Protocol.OnOpened(OkxHarness.Connection, 1_000);

        h.Frame(OkxHarness.Snapshot(50, "", ""), 2_000);
        h.Frame(OkxHarness.Update(50, 51, bids: """["100","1","0","1"]"""), 3_000);
        h.RestAnswer(OkxHarness.Rest(50, """["100","2","0","1"]""", """["101","1","0","1"]"""), 4_000);

        h.Sink.Events.Select(e => (e.Kind, e.Sequence)).ShouldBe(
            [(MarketEventKind.BookSyncing, 0L), (MarketEventKind.BookSnapshot, 50L), (MarketEventKind.BookDelta, 51L)]);
        h.Sink.Events[2].Bids.ShouldBe([new Level(1000, Btc)]);
    }

    [Fact]
    public void OnFrame_SnapshotChecksumMismatch_InvalidatedAndNothingPublished()
    {
        var h = new OkxHarness();
        h.Protocol.OnOpened(OkxHarness.Connection, 1_000);

        h.Frame(OkxHarness.Snapshot(10, """["100.5","1","0","1"]""", """["101","1.5","0","1"]""", checksum: 12345), 2_000);

        h.Sink.Events.Select(e => (e.Kind, e.Reason)).ShouldBe(
        [
            (MarketEventKind.BookSyncing, BookInvalidReason.None), (MarketEventKind.BookInvalidated, BookInvalidReason.ChecksumMismatch),
            (MarketEventKind.BookSyncing, BookInvalidReason.None),
        ]);
        h.Counters.Resyncs.ShouldBe(1);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(OkxSyncState.Syncing);
    }

    [Fact]
    public void OnFrame_UpdateChecksumMismatch_InvalidatedBeforePublishingThenRebuiltFromRest()
    {
        var h = new OkxHarness();
        h.Synced();

        // The right checksum of this result is 58591661 (see OnFrame_ChainedUpdateWithChecksum_PublishedAsDelta).
        h.Frame(OkxHarness.Update(10, 11, bids: """["100.5","0","0","0"]""", asks: """["101.5","0.2","0","1"]""", checksum: 58591662), 3_000);

        var events = h.Sink.Events;
        events.Select(e => (e.Kind, e.Reason)).ShouldBe(
            [(MarketEventKind.BookInvalidated, BookInvalidReason.ChecksumMismatch), (MarketEventKind.BookSyncing, BookInvalidReason.None)]);
        h.Actions.Requests.ShouldBe([OkxHarness.SnapshotPath]);

        h.RestAnswer(OkxHarness.Rest(11, """["100","2","0","1"]""", """["101","1.5","0","1"],["101.5","0.2","0","1"],["102","3","0","1"]"""), 4_000);
        h.Sink.Events.Skip(2).Select(e => (e.Kind, e.Sequence)).ShouldBe([(MarketEventKind.BookSnapshot, 11L)]);
        h.Frame(OkxHarness.Update(11, 12, checksum: 58591661), 5_000); // the REST book checks out
        h.Sink.Events[^1].Kind.ShouldBe(MarketEventKind.BookDelta);
    }

    [Fact]
    public void OnFrame_ChecksumZero_NotCheckedAndNoResync()
    {
        var h = new OkxHarness();
        h.Synced();

        h.Frame(OkxHarness.Update(10, 11, bids: """["100.5","0","0","0"]""", checksum: 0), 3_000);

        h.Sink.Events.ShouldHaveSingleItem().Kind.ShouldBe(MarketEventKind.BookDelta);
        h.Counters.Resyncs.ShouldBe(0);
    }

    [Fact]
    public void OnFrame_ReferenceChecksumVectors_SnapshotThenUpdateAccepted()
    {
        var h = new OkxHarness();
        h.Protocol.OnOpened(OkxHarness.Connection, 1_000);

        // REFERENCE §7 vectors: "3366.1:7:3366.8:9:3366:6:3368:8" → -1881014294; "3366.1:7:3366.8:9:3368:8:3372:8" → 831078360.
        h.Frame(OkxHarness.Snapshot(1, """["3366.1","7","0","3"],["3366","6","3","4"]""", """["3366.8","9","10","3"],["3368","8","3","4"]""", checksum: -1881014294), 2_000);
        h.Frame(OkxHarness.Update(1, 2, bids: """["3366","0","0","0"]""", asks: """["3372","8","3","4"]""", checksum: 831078360), 3_000);

        h.Sink.Events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookDelta]);
        h.Counters.Resyncs.ShouldBe(0);
    }

    [Theory]
    [InlineData(647_812_352, true)] // "100.5:0.10:101:2.50": the text as sent
    [InlineData(-1_880_561_832, false)] // "100.5:0.1:101:2.5": the shortest spelling of the same values
    public void OnFrame_PaddedSpelling_ChecksumOverTheOriginalText(int checksum, bool accepted)
    {
        var h = new OkxHarness();
        h.Protocol.OnOpened(OkxHarness.Connection, 1_000);

        h.Frame(OkxHarness.Snapshot(1, """["100.5","0.10","0","1"]""", """["101","2.50","0","1"]""", checksum: checksum), 2_000);

        h.Sink.Events[^1].Kind.ShouldBe(accepted ? MarketEventKind.BookSnapshot : MarketEventKind.BookSyncing);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(accepted ? OkxSyncState.Synced : OkxSyncState.Syncing);
    }

    [Fact]
    public void OnClosedThenOnOpened_InvalidatedDisconnectedAndNewBookHasNoOldLevels()
    {
        var h = new OkxHarness();
        h.Synced();

        h.Protocol.OnClosed(OkxHarness.Connection, 3_000);
        h.Protocol.OnOpened("okx-0#2", 4_000);
        h.Protocol.OnFrame("okx-0#2", OkxHarness.Snapshot(500, """["99","7","0","1"]""", """["103","1","0","1"]"""), 5_000);
        h.Protocol.OnFrame("okx-0#2", OkxHarness.Update(500, 501, asks: """["103","0","0","0"]""", checksum: 449_432_926), 6_000); // "99:7"

        var events = h.Sink.Events;
        events.Select(e => e.Kind).ShouldBe(
            [MarketEventKind.BookInvalidated, MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookDelta]);
        events[0].Reason.ShouldBe(BookInvalidReason.Disconnected);
        events[2].Bids.ShouldBe([new Level(990, 7 * Btc)]); // only the new snapshot
        events[2].Asks.ShouldBe([new Level(1030, Btc)]);
        h.Actions.Sends.Count.ShouldBe(2); // subscribed again on the new connection
        h.Counters.Resyncs.ShouldBe(0);
    }

    [Fact]
    public void OnOpenedOverlap_OldConnectionsFramesAndLateCloseIgnored()
    {
        var h = new OkxHarness();
        h.Synced();

        h.Protocol.OnOpened("okx-0#2", 3_000); // the replacement opens first
        h.Frame(OkxHarness.Update(10, 11, bids: """["99","1","0","1"]"""), 3_500); // from okx-0#1: superseded
        h.Protocol.OnFrame("okx-0#2", OkxHarness.Snapshot(20, """["99","1","0","1"]""", """["101","1","0","1"]"""), 4_000);
        h.Protocol.OnClosed(OkxHarness.Connection, 5_000); // the late close of okx-0#1

        h.Sink.Events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot]);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(OkxSyncState.Synced);
        h.Counters.IgnoredFrames.ShouldBe(2);
    }

    [Fact]
    public void OnFrame_MalformedPushOfWatchedSymbol_InvalidatedAndResyncedFromRest()
    {
        var h = new OkxHarness();
        h.Synced();

        h.Frame(OkxHarness.Update(10, 11, bids: """["100.55","1","0","1"]"""), 3_000); // finer than the 0.1 tick
        h.Frame(OkxHarness.Update(11, 12), 4_000);

        var events = h.Sink.Events;
        events.Select(e => (e.Kind, e.Reason)).ShouldBe(
            [(MarketEventKind.BookInvalidated, BookInvalidReason.MalformedFrame), (MarketEventKind.BookSyncing, BookInvalidReason.None)]);
        h.Counters.MalformedFrames.ShouldBe(1);
        h.Counters.Resyncs.ShouldBe(1);
        h.Actions.Requests.ShouldBe([OkxHarness.SnapshotPath]); // requested with the next good push
    }

    [Fact]
    public void OnFrame_RepliesAndOtherMessages_CountedOnly()
    {
        var h = new OkxHarness();
        h.Synced();

        h.Frame("pong"u8.ToArray(), 3_000);
        h.Frame("""{"event":"subscribe","arg":{"channel":"books","instId":"BTC-USDT"},"connId":"a4d3ae55"}"""u8.ToArray(), 3_001);
        h.Frame("""{"event":"error","code":"60012","msg":"Invalid request","connId":"a4d3ae55"}"""u8.ToArray(), 3_002);
        h.Frame("""{"arg":{"channel":"books","instId":"LTC-USDT"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}"""u8.ToArray(), 3_003);
        h.Frame("{\"arg\":"u8.ToArray(), 3_004);

        h.Sink.Events.ShouldBeEmpty();
        h.Counters.IgnoredFrames.ShouldBe(2);
        h.Counters.VenueErrors.ShouldBe(1);
        h.Counters.UnknownSymbols.ShouldBe(1);
        h.Counters.MalformedFrames.ShouldBe(1);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(OkxSyncState.Synced);
        h.Actions.Reconnects.ShouldBeEmpty(); // the books were subscribed: an error is not about them
    }

    [Fact]
    public void OnFrame_QueueRefusesDelta_QueueOverflowInvalidationAtNextChanceThenRebuiltNeverSilent()
    {
        var h = new OkxHarness();
        h.Synced();
        h.Sink.RefuseNext(1);

        h.Frame(OkxHarness.Update(10, 11, bids: """["100","9","0","1"]"""), 3_000); // refused
        h.Frame(OkxHarness.Update(11, 12, bids: """["100","8","0","1"]"""), 4_000);
        h.RestAnswer(OkxHarness.Rest(11, """["100","9","0","1"]""", ""), 5_000);

        var events = h.Sink.Events;
        events.Select(e => e.Kind).ShouldBe(
            [MarketEventKind.BookInvalidated, MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookDelta]);
        events[0].Reason.ShouldBe(BookInvalidReason.QueueOverflow);
        events[0].ReceiveTime.ShouldBe(4_000);
        events[2].Sequence.ShouldBe(11);
        events[3].Sequence.ShouldBe(12);
        events[3].Bids.ShouldBe([new Level(1000, 8 * Btc)]);
        h.Counters.QueueOverflows.ShouldBe(1);
        h.Counters.Resyncs.ShouldBe(1);
    }

    [Fact]
    public void OnFrame_BeforeOpenOrFromForeignConnection_Ignored()
    {
        var h = new OkxHarness();

        h.Protocol.OnFrame("kraken-0#1", OkxHarness.Snapshot(1, """["100","1","0","1"]""", ""), 1_000);
        h.Frame(OkxHarness.Snapshot(1, """["100","1","0","1"]""", ""), 2_000); // okx-0 never opened: the book is closed

        h.Sink.Events.ShouldBeEmpty();
        h.Counters.IgnoredFrames.ShouldBe(2);
    }

    [Fact]
    public void OnFrame_SyncedUpdatesWithChecksum_AllocateNothing()
    {
        var sink = new PoolSink();
        var protocol = new OkxProtocol(new OkxOptions { Assets = ["BTC"] }, new InstrumentCatalog(), sink, new RecordingActions());
        protocol.OnRestResponse(OkxProtocol.MarketListPath, Fixture.Read("okx-instruments-spot.json"), 0);
        protocol.OnOpened(OkxHarness.Connection, 1);
        protocol.OnFrame(OkxHarness.Connection, OkxHarness.Snapshot(10, """["100.5","1","0","1"],["100","2","0","1"]""", """["101","1.5","0","1"],["102","3","0","1"]"""), 2);

        // Alternately add ask 101.5×0.2 (checksum 0: not checked) and remove it, which restores the snapshot's book
        // "100.5:1:101:1.5:100:2:102:3" (checksum 1245065377, checked).
        var frames = new byte[200][];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = i % 2 == 0
                ? OkxHarness.Update(10 + i, 11 + i, asks: """["101.5","0.2","0","1"]""")
                : OkxHarness.Update(10 + i, 11 + i, asks: """["101.5","0","0","0"]""", checksum: 1245065377);
        }

        for (var i = 0; i < 100; i++)
        {
            protocol.OnFrame(OkxHarness.Connection, frames[i], 3 + i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 100; i < frames.Length; i++)
        {
            protocol.OnFrame(OkxHarness.Connection, frames[i], 3 + i);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
        protocol.LastSeqIdOf(protocol.Instruments[0]).ShouldBe(210);
        protocol.Counters.Resyncs.ShouldBe(0);
    }
}
