using Arbiter.Core;
using Arbiter.Venues.Binance;
using Arbiter.Venues.Tests.TestSupport;

namespace Arbiter.Venues.Tests.Binance;

public sealed class BinanceProtocolTests
{
    private const long Second = 1_000_000; // µs

    [Fact]
    public void Connections_AfterExchangeInfo_CombinedLowercaseStreamsWith24hLifetime()
    {
        var h = new BinanceHarness(new BinanceOptions());

        var spec = Assert.Single(h.Protocol.Connections);
        Assert.Equal("binance-0", spec.Name);
        Assert.Equal(
            "wss://stream.binance.com:9443/stream?streams=btcusdt@depth@100ms/ethusdt@depth@100ms/solusdt@depth@100ms/dogeusdt@depth@100ms",
            spec.Url.ToString());
        Assert.Equal(TimeSpan.FromHours(24), spec.MaxLifetime);
        Assert.Equal(TimeSpan.FromMinutes(2), spec.IdleTimeout);
        Assert.Null(spec.PingText);
        Assert.Equal(["/api/v3/exchangeInfo"], h.Protocol.MarketListRequests);
    }

    [Fact]
    public void Connections_MoreStreamsThanPerConnectionLimit_SpreadOverConnections()
    {
        var h = new BinanceHarness(new BinanceOptions { MaxStreamsPerConnection = 3, Speed = "1000ms" });

        Assert.Equal(2, h.Protocol.Connections.Count);
        Assert.Equal("wss://stream.binance.com:9443/stream?streams=btcusdt@depth/ethusdt@depth/solusdt@depth", h.Protocol.Connections[0].Url.ToString());
        Assert.Equal("binance-1", h.Protocol.Connections[1].Name);
        Assert.Equal("wss://stream.binance.com:9443/stream?streams=dogeusdt@depth", h.Protocol.Connections[1].Url.ToString());
    }

    [Fact]
    public void OnOpened_OnlyThatConnectionsBooks_Syncing()
    {
        var h = new BinanceHarness(new BinanceOptions { MaxStreamsPerConnection = 3 });

        h.Protocol.OnOpened("binance-1#1", 1_000);

        var e = Assert.Single(h.Sink.Events);
        Assert.Equal(MarketEventKind.BookSyncing, e.Kind);
        Assert.Equal("DOGEUSDT", e.Instrument!.Symbol);
        Assert.Equal(VenueId.Binance, e.Venue);
        Assert.Equal(1_000, e.ReceiveTime);
    }

    [Fact]
    public void OnFrame_BeforeSnapshot_BufferedWithOneSnapshotRequest()
    {
        var h = new BinanceHarness();
        h.Protocol.OnOpened(BinanceHarness.Connection, 1_000);

        h.Frame(BinanceHarness.Depth(95, 100, bids: """["100.00","1"]"""), 2_000);
        h.Frame(BinanceHarness.Depth(101, 105), 3_000);
        h.Frame(BinanceHarness.Depth(106, 110), 4_000);

        Assert.Equal([BinanceHarness.SnapshotPath], h.Actions.Requests);
        Assert.Equal([MarketEventKind.BookSyncing], h.Sink.Events.Select(e => e.Kind).ToArray());
        Assert.Equal(BinanceSyncState.Syncing, h.Protocol.SyncStateOf(h.BtcUsdt));
        Assert.Equal(3, h.Counters.Frames);
    }

    [Fact]
    public void OnRestResponse_SnapshotBridgingBuffer_SnapshotThenBridgingAndLaterDeltas()
    {
        var h = new BinanceHarness();
        h.Protocol.OnOpened(BinanceHarness.Connection, 1_000);
        h.Frame(BinanceHarness.Depth(95, 100, bids: """["100.00","1"]""", eventTime: 1_700_000_000_100), 2_000);
        h.Frame(BinanceHarness.Depth(101, 105, asks: """["101.00","2"]""", eventTime: 1_700_000_000_200), 3_000);
        h.Frame(BinanceHarness.Depth(106, 110, bids: """["100.00","0"]""", eventTime: 1_700_000_000_300), 4_000);

        h.Rest(BinanceHarness.Snapshot(103, """["100.00","1"],["99.00","3"]""", """["101.00","1"]"""), 5_000);

        var events = h.Sink.Events;
        Assert.Equal(4, events.Count);
        Assert.Equal(MarketEventKind.BookSyncing, events[0].Kind);

        var snapshot = events[1];
        Assert.Equal(MarketEventKind.BookSnapshot, snapshot.Kind);
        Assert.Same(h.BtcUsdt, snapshot.Instrument);
        Assert.Equal(103, snapshot.Sequence);
        Assert.Equal(5_000, snapshot.ReceiveTime);
        Assert.Equal(0, snapshot.Depth);
        Assert.Equal([new Level(10_000, 100_000), new Level(9_900, 300_000)], snapshot.Bids);
        Assert.Equal([new Level(10_100, 100_000)], snapshot.Asks);

        // U=95..u=100 is dropped (u <= 103); U=101..u=105 bridges (101 <= 104 <= 105).
        var bridging = events[2];
        Assert.Equal(MarketEventKind.BookDelta, bridging.Kind);
        Assert.Equal(105, bridging.Sequence);
        Assert.Equal(3_000, bridging.ReceiveTime);
        Assert.Equal(1_700_000_000_200_000, bridging.ExchangeTime);
        Assert.Empty(bridging.Bids);
        Assert.Equal([new Level(10_100, 200_000)], bridging.Asks);

        var next = events[3];
        Assert.Equal(MarketEventKind.BookDelta, next.Kind);
        Assert.Equal(110, next.Sequence);
        Assert.Equal(4_000, next.ReceiveTime);
        Assert.Equal([new Level(10_000, 0)], next.Bids);

        Assert.Equal(BinanceSyncState.Synced, h.Protocol.SyncStateOf(h.BtcUsdt));
        Assert.Equal(110, h.Protocol.LastUpdateIdOf(h.BtcUsdt));
    }

    [Fact]
    public void OnFrame_Synced_NextEventPublishedAsDelta()
    {
        var h = new BinanceHarness();
        h.Synced();

        h.Frame(BinanceHarness.Depth(111, 112, bids: """["99.50","0.00001"]""", asks: """["101.00","0"]"""), 6_000);

        var delta = Assert.Single(h.Sink.Events);
        Assert.Equal(MarketEventKind.BookDelta, delta.Kind);
        Assert.Equal(112, delta.Sequence);
        Assert.Equal(6_000, delta.ReceiveTime);
        Assert.Equal([new Level(9_950, 1)], delta.Bids);
        Assert.Equal([new Level(10_100, 0)], delta.Asks);
        Assert.Equal(112, h.Protocol.LastUpdateIdOf(h.BtcUsdt));
    }

    [Fact]
    public void OnFrame_EventOverlappingLocalId_Applied()
    {
        var h = new BinanceHarness();
        h.Synced();

        h.Frame(BinanceHarness.Depth(108, 114), 6_000); // 108 <= 111 <= 114

        Assert.Equal(114, Assert.Single(h.Sink.Events).Sequence);
    }

    [Theory]
    [InlineData(106, 110)]
    [InlineData(101, 105)]
    [InlineData(110, 110)]
    public void OnFrame_DuplicateOrOldEvent_IgnoredAndCounted(long first, long last)
    {
        var h = new BinanceHarness();
        h.Synced();
        var ignoredBefore = h.Counters.IgnoredFrames;

        h.Frame(BinanceHarness.Depth(first, last, bids: """["1.00","1"]"""), 6_000);

        Assert.Empty(h.Sink.Events);
        Assert.Equal(ignoredBefore + 1, h.Counters.IgnoredFrames);
        Assert.Equal(110, h.Protocol.LastUpdateIdOf(h.BtcUsdt));
    }

    [Fact]
    public void OnFrame_Gap_InvalidatedSyncingAndSnapshotRequested()
    {
        var h = new BinanceHarness();
        h.Synced();

        h.Frame(BinanceHarness.Depth(112, 115, bids: """["100.00","5"]"""), 6_000); // 112 > 110 + 1

        var events = h.Sink.Events;
        Assert.Equal([MarketEventKind.BookInvalidated, MarketEventKind.BookSyncing], events.Select(e => e.Kind).ToArray());
        Assert.Equal(BookInvalidReason.SequenceGap, events[0].Reason);
        Assert.Equal(6_000, events[0].ReceiveTime);
        Assert.Equal([BinanceHarness.SnapshotPath, BinanceHarness.SnapshotPath], h.Actions.Requests);
        Assert.Equal(1, h.Counters.SequenceGaps);
        Assert.Equal(1, h.Counters.Resyncs);
        Assert.Equal(BinanceSyncState.Syncing, h.Protocol.SyncStateOf(h.BtcUsdt));

        // The event that revealed the gap starts the new buffer and bridges the next snapshot.
        h.Rest(BinanceHarness.Snapshot(113, """["100.00","4"]""", ""), 7_000);
        events = h.Sink.Events;
        Assert.Equal(MarketEventKind.BookSnapshot, events[2].Kind);
        Assert.Equal(113, events[2].Sequence);
        Assert.Equal(MarketEventKind.BookDelta, events[3].Kind);
        Assert.Equal(115, events[3].Sequence);
        Assert.Equal([new Level(10_000, 500_000)], events[3].Bids);
    }

    [Fact]
    public void OnRestResponse_SnapshotOlderThanFirstBufferedU_RefetchedNoSoonerThanRetryDelay()
    {
        var h = new BinanceHarness();
        h.Protocol.OnOpened(BinanceHarness.Connection, 1_000);
        h.Frame(BinanceHarness.Depth(95, 100), 2_000);

        h.Rest(BinanceHarness.Snapshot(90, """["100.00","1"]""", ""), 3_000);
        h.Frame(BinanceHarness.Depth(101, 105), 3_000 + Second - 1);
        var beforeDelay = h.Actions.Requests.Count;
        h.Frame(BinanceHarness.Depth(106, 110), 3_000 + Second);

        Assert.Equal(1, beforeDelay);
        Assert.Equal([BinanceHarness.SnapshotPath, BinanceHarness.SnapshotPath], h.Actions.Requests);
        Assert.Equal([MarketEventKind.BookSyncing], h.Sink.Events.Select(e => e.Kind).ToArray());

        h.Rest(BinanceHarness.Snapshot(102, """["100.00","1"]""", ""), 3_000 + (2 * Second));
        Assert.Equal(
            [(MarketEventKind.BookSnapshot, 102L), (MarketEventKind.BookDelta, 105L), (MarketEventKind.BookDelta, 110L)],
            h.Sink.Events.Skip(1).Select(e => (e.Kind, e.Sequence)).ToArray());
    }

    [Fact]
    public void OnRestFailure_Snapshot_ReRequestedOnFirstFrameAfterRetryDelay()
    {
        var h = new BinanceHarness();
        h.Protocol.OnOpened(BinanceHarness.Connection, 1_000);
        h.Frame(BinanceHarness.Depth(95, 100), 2_000);

        h.Protocol.OnRestFailure(BinanceHarness.SnapshotPath, "HTTP 503 Service Unavailable", 10_000);
        h.Frame(BinanceHarness.Depth(101, 101), 10_000 + (Second / 2));
        var early = h.Actions.Requests.Count;
        h.Frame(BinanceHarness.Depth(102, 102), 10_000 + Second);

        Assert.Equal(1, early);
        Assert.Equal(2, h.Actions.Requests.Count);
        Assert.Equal(1, h.Counters.RestFailures);
    }

    [Fact]
    public void OnFrame_WhileSnapshotOutstanding_NoSecondRequest()
    {
        var h = new BinanceHarness();
        h.Protocol.OnOpened(BinanceHarness.Connection, 1_000);

        for (var u = 100; u < 150; u++)
        {
            h.Frame(BinanceHarness.Depth(u, u), 2_000 + (u * Second));
        }

        Assert.Single(h.Actions.Requests);
    }

    [Fact]
    public void OnClosedThenOnOpened_InvalidatedDisconnectedThenSyncingAndFreshSnapshot()
    {
        var h = new BinanceHarness();
        h.Synced();

        h.Protocol.OnClosed(BinanceHarness.Connection, 6_000);
        h.Frame(BinanceHarness.Depth(111, 111), 6_500); // stray frame after close: ignored
        h.Protocol.OnOpened("binance-0#2", 7_000);
        h.Protocol.OnFrame("binance-0#2", BinanceHarness.Depth(200, 205, bids: """["100.00","7"]"""), 8_000);
        h.Rest(BinanceHarness.Snapshot(202, """["98.00","1"]""", ""), 9_000);

        var events = h.Sink.Events;
        Assert.Equal(
            [MarketEventKind.BookInvalidated, MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookDelta],
            events.Select(e => e.Kind).ToArray());
        Assert.Equal(BookInvalidReason.Disconnected, events[0].Reason);
        Assert.Equal(202, events[2].Sequence);
        Assert.Equal([new Level(9_800, 100_000)], events[2].Bids); // only the new snapshot: nothing from before the reconnect
        Assert.Equal(205, events[3].Sequence);
        Assert.Equal(2, h.Actions.Requests.Count);
    }

    [Fact]
    public void OnOpened_OverlappingReplacement_OldFramesAndLateCloseIgnored()
    {
        var h = new BinanceHarness();
        h.Synced();
        Assert.True(h.Protocol.Connections[0].OverlapOnLifetime);

        h.Protocol.OnOpened("binance-0#2", 6_000); // the replacement is up before the old one closes
        h.Frame(BinanceHarness.Depth(111, 112, bids: """["100.00","9"]"""), 6_200); // the old connection: ignored
        h.Protocol.OnFrame("binance-0#2", BinanceHarness.Depth(200, 205, bids: """["100.00","7"]"""), 6_500);
        h.Protocol.OnClosed(BinanceHarness.Connection, 6_700); // the old connection's late close: nothing to invalidate
        h.Rest(BinanceHarness.Snapshot(202, """["98.00","1"]""", ""), 7_000);

        var events = h.Sink.Events;
        Assert.Equal([MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookDelta], events.Select(e => e.Kind).ToArray());
        Assert.Equal(202, events[1].Sequence);
        Assert.Equal(205, events[2].Sequence);
        Assert.Equal(new Level(10_000, 700_000), events[2].Bids[0]); // 100.00 at scale 2, 7 at scale 5
        Assert.Equal(BinanceSyncState.Synced, h.Protocol.SyncStateOf(h.BtcUsdt));
    }

    [Fact]
    public void OnFrame_MalformedFrameOfWatchedSymbol_InvalidatedAndResynced()
    {
        var h = new BinanceHarness();
        h.Synced();

        h.Frame("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":111,"u":112,"b":[["100.001","1"]],"a":[]}}"""u8.ToArray(), 6_000);
        h.Frame(BinanceHarness.Depth(113, 114), 7_000);

        var events = h.Sink.Events;
        Assert.Equal([MarketEventKind.BookInvalidated, MarketEventKind.BookSyncing], events.Select(e => e.Kind).ToArray());
        Assert.Equal(BookInvalidReason.MalformedFrame, events[0].Reason);
        Assert.Equal(1, h.Counters.MalformedFrames);
        Assert.Equal(2, h.Actions.Requests.Count); // requested with the next good event
    }

    [Fact]
    public void OnFrame_UnattributableOrUnknown_CountedOnly()
    {
        var h = new BinanceHarness();
        h.Synced();

        h.Frame("{\"stream\":"u8.ToArray(), 6_000);
        h.Frame("""{"e":"depthUpdate","E":1,"s":"ETHBTC","U":1,"u":2,"b":[],"a":[]}"""u8.ToArray(), 6_001);
        h.Frame("""{"result":null,"id":1}"""u8.ToArray(), 6_002);
        h.Frame("""{"code":3,"msg":"Invalid JSON: expected value at line 1 column 1"}"""u8.ToArray(), 6_003);

        Assert.Empty(h.Sink.Events);
        Assert.Equal(1, h.Counters.MalformedFrames);
        Assert.Equal(1, h.Counters.UnknownSymbols);
        Assert.Equal(1, h.Counters.VenueErrors);
        Assert.Equal(BinanceSyncState.Synced, h.Protocol.SyncStateOf(h.BtcUsdt));
    }

    [Fact]
    public void OnFrame_ServerShutdown_ReconnectRequested()
    {
        var h = new BinanceHarness();
        h.Synced();

        h.Frame("""{"stream":"!serverShutdown","data":{"e":"serverShutdown","E":1770123456789}}"""u8.ToArray(), 6_000);

        Assert.Equal([(BinanceHarness.Connection, BookInvalidReason.Disconnected)], h.Actions.Reconnects);
    }

    [Fact]
    public void OnFrame_QueueRefusesDelta_InvalidatedQueueOverflowAtNextChanceThenResyncedNeverSilent()
    {
        var h = new BinanceHarness();
        h.Synced();
        h.Sink.RefuseNext(1);

        h.Frame(BinanceHarness.Depth(111, 111, bids: """["100.00","9"]"""), 6_000); // refused
        h.Frame(BinanceHarness.Depth(112, 112, bids: """["100.00","8"]"""), 7_000);
        h.Rest(BinanceHarness.Snapshot(111, """["100.00","9"]""", ""), 8_000);

        var events = h.Sink.Events;
        Assert.Equal(
            [MarketEventKind.BookInvalidated, MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookDelta],
            events.Select(e => e.Kind).ToArray());
        Assert.Equal(BookInvalidReason.QueueOverflow, events[0].Reason);
        Assert.Equal(7_000, events[0].ReceiveTime);
        Assert.Equal(111, events[2].Sequence);
        Assert.Equal(112, events[3].Sequence);
        Assert.Equal([new Level(10_000, 800_000)], events[3].Bids);
        Assert.Equal(1, h.Counters.QueueOverflows);
        Assert.Equal(1, h.Counters.Resyncs);
        Assert.Equal(2, h.Actions.Requests.Count);
    }

    [Fact]
    public void OnRestResponse_QueueStillFull_NoSnapshotUntilInvalidationDelivered()
    {
        var h = new BinanceHarness();
        h.Synced();
        h.Sink.RefuseNext(2); // the delta, then the first attempt to deliver the invalidation

        h.Frame(BinanceHarness.Depth(111, 111), 6_000);
        h.Rest(BinanceHarness.Snapshot(111, "", ""), 7_000);
        h.Frame(BinanceHarness.Depth(112, 112), 7_000 + Second);
        h.Rest(BinanceHarness.Snapshot(111, "", ""), 8_000 + Second);

        Assert.Equal(
            [(MarketEventKind.BookInvalidated, BookInvalidReason.QueueOverflow), (MarketEventKind.BookSyncing, BookInvalidReason.None),
             (MarketEventKind.BookSnapshot, BookInvalidReason.None), (MarketEventKind.BookDelta, BookInvalidReason.None)],
            h.Sink.Events.Select(e => (e.Kind, e.Reason)).ToArray());
        Assert.Equal(2, h.Counters.QueueOverflows);
    }

    [Fact]
    public void OnFrame_SteadyStateDeltas_AllocateNothing()
    {
        var sink = new PoolSink();
        var protocol = new BinanceProtocol(new BinanceOptions { Assets = ["BTC"], Quotes = ["USDT"] }, new InstrumentCatalog(), sink, NullVenueActions.Instance);
        protocol.OnRestResponse(BinanceProtocol.ExchangeInfoPath, Fixture.Read("binance-exchangeInfo.json"), 0);
        protocol.OnOpened(BinanceHarness.Connection, 1);
        protocol.OnFrame(BinanceHarness.Connection, BinanceHarness.Depth(1, 1), 2);
        protocol.OnRestResponse(BinanceHarness.SnapshotPath, BinanceHarness.Snapshot(1, """["100.00","1"]""", """["101.00","1"]"""), 3);
        var frames = new byte[1_100][];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = BinanceHarness.Depth(i + 2, i + 2, bids: """["100.00","1"],["99.99","2"]""", asks: """["101.00","3"]""");
        }

        for (var i = 0; i < 100; i++)
        {
            protocol.OnFrame(BinanceHarness.Connection, frames[i], 10 + i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 100; i < frames.Length; i++)
        {
            protocol.OnFrame(BinanceHarness.Connection, frames[i], 10 + i);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(BinanceSyncState.Synced, protocol.SyncStateOf(protocol.Instruments[0]));
        Assert.Equal(1_101, protocol.LastUpdateIdOf(protocol.Instruments[0]));
    }

    [Fact]
    public void Replay_SameInputsWithNullActions_SameEvents()
    {
        static IReadOnlyList<PublishedEvent> Run(IVenueActions actions)
        {
            var sink = new RecordingSink();
            var protocol = new BinanceProtocol(new BinanceOptions { Assets = ["BTC"], Quotes = ["USDT"] }, new InstrumentCatalog(), sink, actions);
            protocol.OnRestResponse(BinanceProtocol.ExchangeInfoPath, Fixture.Read("binance-exchangeInfo.json"), 0);
            protocol.OnOpened(BinanceHarness.Connection, 1_000);
            protocol.OnFrame(BinanceHarness.Connection, BinanceHarness.Depth(95, 100, bids: """["100.00","1"]"""), 2_000);
            protocol.OnRestFailure(BinanceHarness.SnapshotPath, "timeout", 2_500);
            protocol.OnFrame(BinanceHarness.Connection, BinanceHarness.Depth(101, 105), 2_000 + Second);
            protocol.OnRestResponse(BinanceHarness.SnapshotPath, BinanceHarness.Snapshot(102, """["100.00","2"]""", ""), 3_000 + Second);
            protocol.OnFrame(BinanceHarness.Connection, BinanceHarness.Depth(107, 108), 4_000 + Second);
            protocol.OnClosed(BinanceHarness.Connection, 5_000 + Second);
            return sink.Events;
        }

        var live = Run(new RecordingActions());
        var replay = Run(NullVenueActions.Instance);

        Assert.Equal(live.Count, replay.Count);
        for (var i = 0; i < live.Count; i++)
        {
            Assert.Equal(
                (live[i].Kind, live[i].Sequence, live[i].ReceiveTime, live[i].Reason),
                (replay[i].Kind, replay[i].Sequence, replay[i].ReceiveTime, replay[i].Reason));
            Assert.Equal(live[i].Bids, replay[i].Bids);
            Assert.Equal(live[i].Asks, replay[i].Asks);
        }

        Assert.Equal(
            [MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookDelta, MarketEventKind.BookInvalidated,
             MarketEventKind.BookSyncing, MarketEventKind.BookInvalidated],
            live.Select(e => e.Kind).ToArray());
    }
}
