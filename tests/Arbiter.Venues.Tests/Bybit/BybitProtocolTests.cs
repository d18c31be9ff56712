using Arbiter.Core;
using Arbiter.Venues.Bybit;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.Bybit;

public sealed class BybitProtocolTests
{
    private const string Subscribe4 =
        """{"req_id":"1","op":"subscribe","args":["orderbook.50.BTCUSDT","orderbook.50.ETHUSDT","orderbook.50.XRPUSDT","orderbook.50.DOGEUSDT"]}""";

    [Fact]
    public void Connections_AfterMarketList_OneConnectionWithPingAndLimits()
    {
        var h = new BybitHarness();

        var spec = h.Protocol.Connections.ShouldHaveSingleItem();
        spec.Name.ShouldBe("bybit-0");
        spec.Url.ShouldBe(new Uri("wss://stream.bybit.com/v5/public/spot"));
        spec.PingText.ShouldBe("""{"op":"ping"}""");
        spec.PingInterval.ShouldBe(TimeSpan.FromSeconds(20));
        spec.IdleTimeout.ShouldBe(TimeSpan.FromSeconds(60));
        spec.MaxLifetime.ShouldBeNull();
        spec.OverlapOnLifetime.ShouldBeFalse();
        spec.SendLimit.ShouldBe(new RateLimit(10, TimeSpan.FromSeconds(1)));
        ((IVenueProtocol)h.Protocol).ConnectLimit.ShouldBe(new RateLimit(500, TimeSpan.FromMinutes(5)));
        h.Protocol.MarketListRequests.ShouldBe(["/v5/market/instruments-info?category=spot"]);
        h.Protocol.Instruments.Select(i => i.Symbol).ToArray().ShouldBe(["BTCUSDT", "ETHUSDT", "XRPUSDT", "DOGEUSDT"]);
    }

    [Fact]
    public void Markets_AfterMarketList_EveryTradingMarketForTheCrossVenueList()
    {
        var h = new BybitHarness();

        var markets = ((IVenueProtocol)h.Protocol).Symbols.ShouldNotBeNull();
        markets.Instruments.Select(i => i.Symbol).ToArray().ShouldBe(["BTCUSDT", "ETHUSDT", "XRPUSDT", "DOGEUSDT"]);
        markets.Markets.TryGet("ADAUSDT", out _, out _).ShouldBeTrue(); // listed and Trading, though not watched
        markets.Markets.TryGet("LTCUSDT", out _, out _).ShouldBeFalse(); // Closed
        ((IVenueProtocol)new BybitProtocol(new BybitOptions(), new InstrumentCatalog(), h.Sink, h.Actions)).Symbols.ShouldBeNull();
    }

    [Fact]
    public void Connections_MoreSymbolsThanPerConnectionLimit_SpreadAndSubscribedPerConnection()
    {
        var h = new BybitHarness(new BybitOptions { MaxSymbolsPerConnection = 3 });

        h.Protocol.Connections.Select(c => c.Name).ToArray().ShouldBe(["bybit-0", "bybit-1"]);
        h.Protocol.OnOpened("bybit-1#1", 1_000);

        h.Actions.Sends.ShouldBe([("bybit-1#1", """{"req_id":"1","op":"subscribe","args":["orderbook.50.DOGEUSDT"]}""")]);
        var e = h.Sink.Events.ShouldHaveSingleItem();
        (e.Kind, e.Instrument!.Symbol, e.Venue, e.ReceiveTime).ShouldBe((MarketEventKind.BookSyncing, "DOGEUSDT", VenueId.Bybit, 1_000L));
    }

    [Fact]
    public void Connections_ArgsLengthLimit_NewConnectionWhenTheNextTopicWouldPassIt()
    {
        // "orderbook.1000.BTCUSDT", counted with its quotes and comma, is 25 characters; DOGEUSDT's is 26: 3 × 25 + 26 > 100.
        var h = new BybitHarness(new BybitOptions { Depth = 1000, MaxArgsCharsPerConnection = 100 });

        h.Protocol.Connections.Count.ShouldBe(2);
        h.Protocol.OnOpened("bybit-0#1", 1_000);
        h.Protocol.OnOpened("bybit-1#1", 1_000);

        h.Actions.Sends.ShouldBe(
        [
            ("bybit-0#1", """{"req_id":"1","op":"subscribe","args":["orderbook.1000.BTCUSDT","orderbook.1000.ETHUSDT","orderbook.1000.XRPUSDT"]}"""),
            ("bybit-1#1", """{"req_id":"2","op":"subscribe","args":["orderbook.1000.DOGEUSDT"]}"""),
        ]);
    }

    [Fact]
    public void OnOpened_SubscribesAllTopicsAndPublishesSyncingPerBook()
    {
        var h = new BybitHarness();

        h.Protocol.OnOpened(BybitHarness.Connection, 1_000);

        h.Actions.Sends.ShouldBe([(BybitHarness.Connection, Subscribe4)]);
        h.Sink.Events.Select(e => (e.Kind, e.Instrument!.Symbol)).ToArray().ShouldBe(
        [
            (MarketEventKind.BookSyncing, "BTCUSDT"), (MarketEventKind.BookSyncing, "ETHUSDT"),
            (MarketEventKind.BookSyncing, "XRPUSDT"), (MarketEventKind.BookSyncing, "DOGEUSDT"),
        ]);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Syncing);
    }

    [Fact]
    public void OnOpened_MoreTopicsThanArgsPerRequest_SeveralRequests()
    {
        var h = new BybitHarness(new BybitOptions { MaxArgsPerRequest = 3 });

        h.Protocol.OnOpened(BybitHarness.Connection, 1_000);

        h.Actions.Sends.Select(s => s.Text).ToArray().ShouldBe(
        [
            """{"req_id":"1","op":"subscribe","args":["orderbook.50.BTCUSDT","orderbook.50.ETHUSDT","orderbook.50.XRPUSDT"]}""",
            """{"req_id":"2","op":"subscribe","args":["orderbook.50.DOGEUSDT"]}""",
        ]);
    }

    [Fact]
    public void OnFrame_SnapshotFixture_PublishedAsBookSnapshot()
    {
        var h = new BybitHarness();
        h.Protocol.OnOpened(BybitHarness.Connection, 1_000);
        h.Sink.Clear();

        h.Frame(Fixture.Read("bybit-orderbook-spot-btcusdt-snapshot-10x10.json"), 2_000);

        var e = h.Sink.Events.ShouldHaveSingleItem();
        e.Kind.ShouldBe(MarketEventKind.BookSnapshot);
        e.Instrument.ShouldBeSameAs(h.BtcUsdt);
        (e.Sequence, e.ExchangeTime, e.ReceiveTime, e.Depth).ShouldBe((5_179_079L, 1_703_430_557_664_000L, 2_000L, 50));
        (e.Bids.Length, e.Asks.Length).ShouldBe((10, 10));
        e.Bids[0].ShouldBe(new Level(43_732_010, 4_939_100));  // "43732.01", "0.049391"
        e.Asks[9].ShouldBe(new Level(43_734_000, 11_010_000)); // "43734", "0.1101"
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnFrame_CapturedSnapshotThenNextDelta_DeltaAppliedWithDeletes()
    {
        var h = new BybitHarness();
        h.Protocol.OnOpened(BybitHarness.Connection, 1_000);
        h.Frame(Fixture.Read("bybit-orderbook-spot-btcusdt-snapshot-10x10.json"), 2_000);
        h.Sink.Clear();

        h.Frame(Fixture.Read("bybit-orderbook-spot-btcusdt-delta.json"), 3_000);

        var e = h.Sink.Events.ShouldHaveSingleItem();
        (e.Kind, e.Sequence, e.ExchangeTime, e.Depth).ShouldBe((MarketEventKind.BookDelta, 5_179_080L, 1_703_430_557_847_000L, 50));
        e.Bids.Length.ShouldBe(8);
        e.Bids[1].ShouldBe(new Level(43_725_350, 0)); // "43725.35", "0": delete
        e.Asks.ShouldBe(
        [
            new Level(43_736_010, 52_500_000), new Level(43_743_030, 915_200), new Level(43_752_770, 50_000_000),
            new Level(43_829_750, 0), new Level(43_829_920, 0),
        ]);
        h.Protocol.LastUpdateIdOf(h.BtcUsdt).ShouldBe(5_179_080);
        h.Counters.SequenceGaps.ShouldBe(0);
    }

    [Fact]
    public void OnFrame_DeltaBeforeSnapshot_IgnoredAndCounted()
    {
        var h = new BybitHarness();
        h.Protocol.OnOpened(BybitHarness.Connection, 1_000);
        h.Sink.Clear();

        h.Frame(BybitHarness.Delta(7, """["100","1"]"""), 2_000);

        h.Sink.Events.ShouldBeEmpty();
        h.Counters.IgnoredFrames.ShouldBe(1);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Syncing);
    }

    [Fact]
    public void OnFrame_DuplicateAndOlderDelta_IgnoredAndCounted()
    {
        var h = new BybitHarness();
        h.Synced();

        h.Frame(BybitHarness.Delta(101, """["100.5","3"]"""), 3_000);
        h.Frame(BybitHarness.Delta(101, """["100.5","4"]"""), 3_001);
        h.Frame(BybitHarness.Delta(99, """["100.5","5"]"""), 3_002);
        h.Frame(BybitHarness.Delta(102, """["100.5","6"]"""), 3_003);

        h.Sink.Events.Select(e => (e.Kind, e.Sequence, e.Bids[0].Quantity)).ToArray().ShouldBe(
            [(MarketEventKind.BookDelta, 101L, 300_000_000L), (MarketEventKind.BookDelta, 102L, 600_000_000L)]);
        h.Counters.IgnoredFrames.ShouldBe(2);
        h.Counters.SequenceGaps.ShouldBe(0);
    }

    [Fact]
    public void OnFrame_Gap_InvalidatedOnThatMessageAndResubscribed()
    {
        var h = new BybitHarness();
        var sent = h.Synced();

        h.Frame(BybitHarness.Delta(102, """["100.5","3"]"""), 3_000);

        h.Sink.Events.Select(e => (e.Kind, e.Reason, e.ReceiveTime)).ToArray().ShouldBe(
            [(MarketEventKind.BookInvalidated, BookInvalidReason.SequenceGap, 3_000L), (MarketEventKind.BookSyncing, BookInvalidReason.None, 3_000L)]);
        (h.Counters.SequenceGaps, h.Counters.Resyncs).ShouldBe((1L, 1L));
        h.Actions.Sends.Count.ShouldBe(sent + 2);
        BybitHarness.IsResubscribe(h.Actions.Sends, sent, BybitHarness.Connection, BybitHarness.BtcTopic).ShouldBeTrue();
        h.Actions.Sends[sent].Text.ShouldBe("""{"req_id":"2","op":"unsubscribe","args":["orderbook.50.BTCUSDT"]}""");
        h.Actions.Sends[sent + 1].Text.ShouldBe("""{"req_id":"3","op":"subscribe","args":["orderbook.50.BTCUSDT"]}""");
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Syncing);
    }

    [Fact]
    public void OnFrame_AfterGap_DeltasIgnoredUntilTheNewSnapshot()
    {
        var h = new BybitHarness();
        h.Synced();
        h.Frame(BybitHarness.Delta(102), 3_000);
        h.Sink.Clear();

        h.Frame(BybitHarness.Delta(103, """["100.5","9"]"""), 3_100);
        h.Frame(BybitHarness.Snapshot(250, """["99","1"]""", """["102","1"]"""), 3_200);
        h.Frame(BybitHarness.Delta(251, """["99","2"]"""), 3_300);

        h.Sink.Events.Select(e => (e.Kind, e.Sequence)).ToArray().ShouldBe(
            [(MarketEventKind.BookSnapshot, 250L), (MarketEventKind.BookDelta, 251L)]);
        h.Counters.IgnoredFrames.ShouldBe(1);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnFrame_AnyLaterSnapshot_ReplacesTheBookEvenWithALowerU()
    {
        var h = new BybitHarness();
        h.Synced();
        h.Frame(BybitHarness.Delta(101, """["100.5","3"]"""), 3_000);

        h.Frame(BybitHarness.Snapshot(40, """["98","1"]""", """["99","1"]"""), 4_000);
        h.Frame(BybitHarness.Delta(41, asks: """["99","0"]"""), 5_000);

        h.Sink.Events.Select(e => (e.Kind, e.Sequence)).ToArray().ShouldBe(
            [(MarketEventKind.BookDelta, 101L), (MarketEventKind.BookSnapshot, 40L), (MarketEventKind.BookDelta, 41L)]);
        h.Sink.Events[1].Bids.ShouldBe([new Level(98_000, 100_000_000)]);
        h.Counters.Resyncs.ShouldBe(0);
        h.Protocol.LastUpdateIdOf(h.BtcUsdt).ShouldBe(41);
    }

    [Fact]
    public void OnFrame_DeltaWithU1_ServiceRestartTreatedAsSnapshot()
    {
        var h = new BybitHarness();
        h.Synced();
        h.Frame(BybitHarness.Delta(101, """["100.5","3"]"""), 3_000);
        h.Sink.Clear();

        h.Frame(BybitHarness.Delta(1, """["97","1"],["96","0"]""", """["103","2"]"""), 4_000);
        h.Frame(BybitHarness.Delta(2, """["97","5"]"""), 5_000);

        var events = h.Sink.Events;
        events.Select(e => (e.Kind, e.Sequence)).ToArray().ShouldBe([(MarketEventKind.BookSnapshot, 1L), (MarketEventKind.BookDelta, 2L)]);
        events[0].Bids.ShouldBe([new Level(97_000, 100_000_000)]); // the zero-size level is no level of a snapshot
        events[0].Asks.ShouldBe([new Level(103_000, 200_000_000)]);
        h.Counters.IgnoredFrames.ShouldBe(0);
        h.Counters.SequenceGaps.ShouldBe(0);
    }

    [Fact]
    public void OnFrame_DeltaWithU1WhileSyncing_Synced()
    {
        var h = new BybitHarness();
        h.Protocol.OnOpened(BybitHarness.Connection, 1_000);
        h.Sink.Clear();

        h.Frame(BybitHarness.Delta(1, """["97","1"]"""), 2_000);

        h.Sink.Events.ShouldHaveSingleItem().Kind.ShouldBe(MarketEventKind.BookSnapshot);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnClosed_BooksInvalidatedDisconnected_FramesIgnoredUntilReopened()
    {
        var h = new BybitHarness();
        h.Synced();

        h.Protocol.OnClosed(BybitHarness.Connection, 3_000);
        h.Frame(BybitHarness.Delta(101, """["100.5","3"]"""), 3_500);

        h.Sink.Events.Select(e => (e.Kind, e.Instrument!.Symbol, e.Reason)).ToArray().ShouldBe(
        [
            (MarketEventKind.BookInvalidated, "BTCUSDT", BookInvalidReason.Disconnected),
            (MarketEventKind.BookInvalidated, "ETHUSDT", BookInvalidReason.Disconnected),
            (MarketEventKind.BookInvalidated, "XRPUSDT", BookInvalidReason.Disconnected),
            (MarketEventKind.BookInvalidated, "DOGEUSDT", BookInvalidReason.Disconnected),
        ]);
        h.Counters.IgnoredFrames.ShouldBe(1);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Unsynced);
    }

    [Fact]
    public void Reconnect_NewSnapshot_NoGhostLevelsFromTheOldConnection()
    {
        var h = new BybitHarness();
        h.Protocol.OnOpened(BybitHarness.Connection, 1_000);
        h.Frame(BybitHarness.Snapshot(100, """["100.5","1"],["100.4","7"]""", """["101","2"]"""), 2_000);
        h.Frame(BybitHarness.Delta(101, """["100.3","4"]"""), 2_100);

        h.Protocol.OnClosed(BybitHarness.Connection, 3_000);
        h.Protocol.OnOpened("bybit-0#2", 4_000);
        h.Frame(BybitHarness.Delta(9, """["100.2","1"]"""), 4_500, "bybit-0#2");
        h.Frame(BybitHarness.Snapshot(8, """["100.1","1"]""", """["101.5","1"]"""), 5_000, "bybit-0#2");

        var book = Replay(h.Sink.Events, h.BtcUsdt);
        book.Bids.Count.ShouldBe(1);
        book.Bids.LevelAt(0).ShouldBe(new Level(100_100, 100_000_000));
        book.Asks.Count.ShouldBe(1);
        book.Asks.LevelAt(0).ShouldBe(new Level(101_500, 100_000_000));
        h.Actions.Sends.Select(s => s.ConnectionId).ToArray().ShouldBe([BybitHarness.Connection, "bybit-0#2"]);
        h.Actions.Sends[1].Text.ShouldBe(Subscribe4.Replace("\"req_id\":\"1\"", "\"req_id\":\"2\"", StringComparison.Ordinal));
    }

    [Fact]
    public void OverlappingReplacement_OldFramesAndLateCloseIgnored_NewSnapshotApplied()
    {
        var h = new BybitHarness(new BybitOptions { MaxLifetime = TimeSpan.FromHours(1) });
        h.Protocol.Connections[0].OverlapOnLifetime.ShouldBeTrue();
        h.Protocol.Connections[0].MaxLifetime.ShouldBe(TimeSpan.FromHours(1));
        h.Synced();

        h.Protocol.OnOpened("bybit-0#2", 3_000);
        h.Frame(BybitHarness.Delta(101, """["100.5","3"]"""), 3_100); // the old connection, still open
        h.Protocol.OnClosed(BybitHarness.Connection, 3_200);          // its late close
        h.Frame(BybitHarness.Snapshot(500, """["100.6","1"]"""), 3_300, "bybit-0#2");

        h.Sink.Events.Where(e => e.Instrument == h.BtcUsdt).Select(e => (e.Kind, e.Reason, e.Sequence)).ToArray().ShouldBe(
            [(MarketEventKind.BookSyncing, BookInvalidReason.None, 0L), (MarketEventKind.BookSnapshot, BookInvalidReason.None, 500L)]);
        h.Counters.IgnoredFrames.ShouldBe(2);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnFrame_MalformedMessageOfWatchedBook_InvalidatedAndResubscribed()
    {
        var h = new BybitHarness();
        var sent = h.Synced();

        h.Frame(BybitHarness.Delta(101, """["100.5","-3"]"""), 3_000);

        h.Sink.Events.Select(e => (e.Kind, e.Reason)).ToArray().ShouldBe(
            [(MarketEventKind.BookInvalidated, BookInvalidReason.MalformedFrame), (MarketEventKind.BookSyncing, BookInvalidReason.None)]);
        (h.Counters.MalformedFrames, h.Counters.Resyncs).ShouldBe((1L, 1L));
        BybitHarness.IsResubscribe(h.Actions.Sends, sent, BybitHarness.Connection, BybitHarness.BtcTopic).ShouldBeTrue();
    }

    [Fact]
    public void OnFrame_MalformedWithoutWatchedSymbol_OnlyCounted()
    {
        var h = new BybitHarness();
        var sent = h.Synced();

        h.Frame("""{"topic":"orderbook.50.BTCUSDT","ts":1,"type":"delta","data":{"s":"BTCU"""u8.ToArray(), 3_000);

        h.Sink.Events.ShouldBeEmpty();
        (h.Counters.MalformedFrames, h.Counters.Resyncs).ShouldBe((1L, 0L));
        h.Actions.Sends.Count.ShouldBe(sent);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnFrame_PongAckErrorOtherTopicAndUnwatchedSymbol_CountedWithoutEvents()
    {
        var h = new BybitHarness();
        h.Synced();

        h.Frame(Fixture.Read("bybit-pong.json"), 3_000);
        h.Frame(Fixture.Read("bybit-subscribe-reply.json"), 3_001);
        h.Frame("""{"success":false,"ret_msg":"error:handler not found,topic:orderbook.50.BTCUSDT","conn_id":"c","req_id":"1","op":"subscribe"}"""u8.ToArray(), 3_002);
        h.Frame("""{"topic":"tickers.BTCUSDT","ts":1,"type":"snapshot","data":{"symbol":"BTCUSDT"}}"""u8.ToArray(), 3_003);
        h.Frame(BybitHarness.Snapshot(5, """["0.35","1"]""", symbol: "ADAUSDT"), 3_004);

        h.Sink.Events.ShouldBeEmpty();
        (h.Counters.IgnoredFrames, h.Counters.VenueErrors, h.Counters.UnknownSymbols, h.Counters.Frames).ShouldBe((3L, 1L, 1L, 6L));
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnFrame_RefusedSubscribe_BooksStillSyncingResubscribedAfterTheBackOff()
    {
        var h = new BybitHarness();
        h.Synced(); // request 1 subscribed the four topics; BTCUSDT got its snapshot

        h.Frame(Refusal(1), 3_000);
        h.Frame(Fixture.Read("bybit-pong.json"), 502_999);
        var sent = h.Actions.Sends.Count;
        h.Frame(Fixture.Read("bybit-pong.json"), 503_000);

        h.Counters.VenueErrors.ShouldBe(1);
        h.Actions.Sends.Skip(sent).ToArray().ShouldBe(
        [
            (BybitHarness.Connection, """{"req_id":"2","op":"unsubscribe","args":["orderbook.50.ETHUSDT","orderbook.50.XRPUSDT","orderbook.50.DOGEUSDT"]}"""),
            (BybitHarness.Connection, """{"req_id":"3","op":"subscribe","args":["orderbook.50.ETHUSDT","orderbook.50.XRPUSDT","orderbook.50.DOGEUSDT"]}"""),
        ]);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnFrame_RefusedAgain_BackOffDoublesAndAnAcceptedSubscribeResetsIt()
    {
        var h = new BybitHarness();
        h.Synced();
        h.Frame(Refusal(1), 0);
        h.Frame(Fixture.Read("bybit-pong.json"), 500_000); // retry: requests 2 (unsubscribe) and 3 (subscribe)

        h.Frame(Refusal(3), 600_000);
        var sent = h.Actions.Sends.Count;
        h.Frame(Fixture.Read("bybit-pong.json"), 1_599_999);
        h.Actions.Sends.Count.ShouldBe(sent);
        h.Frame(Fixture.Read("bybit-pong.json"), 1_600_000); // 1 s after the second refusal in a row: requests 4 and 5
        h.Actions.Sends.Count.ShouldBe(sent + 2);
        h.Actions.Sends[^1].Text.ShouldStartWith("""{"req_id":"5","op":"subscribe",""");

        h.Frame("""{"success":true,"ret_msg":"subscribe","conn_id":"c","req_id":"5","op":"subscribe"}"""u8.ToArray(), 1_700_000);
        h.Frame(BybitHarness.Delta(102, """["1","1"]"""), 1_800_000); // a gap on BTCUSDT: requests 6 and 7
        h.Frame(Refusal(7), 1_900_000);
        sent = h.Actions.Sends.Count;
        h.Frame(Fixture.Read("bybit-pong.json"), 2_400_000); // 0.5 s again
        h.Actions.Sends.Skip(sent).Select(s => s.Text).ToArray().ShouldBe(
        [
            """{"req_id":"8","op":"unsubscribe","args":["orderbook.50.BTCUSDT"]}""",
            """{"req_id":"9","op":"subscribe","args":["orderbook.50.BTCUSDT"]}""",
        ]);
    }

    [Fact]
    public void OnFrame_RefusalOfAnUnknownRequestOrAnAnsweredOne_OnlyCounted()
    {
        var h = new BybitHarness();
        var sent = h.Synced();
        h.Frame("""{"success":true,"ret_msg":"subscribe","conn_id":"c","req_id":"1","op":"subscribe"}"""u8.ToArray(), 3_000);

        h.Frame(Refusal(1), 4_000);
        h.Frame(Refusal(77), 5_000);
        h.Frame("""{"success":false,"ret_msg":"args size >10","op":"subscribe"}"""u8.ToArray(), 6_000);
        h.Frame(Fixture.Read("bybit-pong.json"), 10_000_000);

        h.Counters.VenueErrors.ShouldBe(3);
        h.Actions.Sends.Count.ShouldBe(sent);
    }

    [Fact]
    public void OnClosed_PendingRetryDropped_TheReopenSubscribesEverythingOnce()
    {
        var h = new BybitHarness();
        h.Synced();
        h.Frame(Refusal(1), 3_000);

        h.Protocol.OnClosed(BybitHarness.Connection, 4_000);
        h.Protocol.OnOpened("bybit-0#2", 5_000);
        h.Frame(Fixture.Read("bybit-pong.json"), 10_000_000, "bybit-0#2");

        h.Actions.Sends.Select(s => s.ConnectionId).ToArray().ShouldBe([BybitHarness.Connection, "bybit-0#2"]);
        h.Actions.Sends[^1].Text.ShouldBe("""{"req_id":"2","op":"subscribe","args":["orderbook.50.BTCUSDT","orderbook.50.ETHUSDT","orderbook.50.XRPUSDT","orderbook.50.DOGEUSDT"]}""");
    }

    [Fact]
    public void OnFrame_RetryDueButBooksSyncedMeanwhile_NothingSent()
    {
        var h = new BybitHarness(new BybitOptions { Assets = ["BTC"] });
        var sent = h.Synced();
        h.Frame(BybitHarness.Delta(102), 3_000); // gap: requests 2 and 3
        h.Frame(Refusal(3), 4_000);
        h.Frame(BybitHarness.Snapshot(300, """["1","1"]""", """["2","1"]"""), 5_000); // a snapshot arrives all the same

        h.Frame(Fixture.Read("bybit-pong.json"), 504_000);

        h.Actions.Sends.Count.ShouldBe(sent + 2);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Synced);
    }

    private static byte[] Refusal(long requestId) =>
        System.Text.Encoding.UTF8.GetBytes($$"""{"success":false,"ret_msg":"Too many visits!","conn_id":"c","req_id":"{{requestId}}","op":"subscribe"}""");

    [Fact]
    public void OnFrame_BookOfAnotherConnection_Ignored()
    {
        var h = new BybitHarness(new BybitOptions { MaxSymbolsPerConnection = 3 });
        h.Protocol.OnOpened("bybit-0#1", 1_000);
        h.Protocol.OnOpened("bybit-1#1", 1_000);
        h.Sink.Clear();

        h.Frame(BybitHarness.Snapshot(5, """["0.1","1"]""", symbol: "DOGEUSDT"), 2_000, "bybit-0#1");

        h.Sink.Events.ShouldBeEmpty();
        h.Counters.IgnoredFrames.ShouldBe(1);
    }

    [Fact]
    public void OnFrame_QueueRefusesDelta_OverflowInvalidationFirstThenResubscribe()
    {
        var h = new BybitHarness();
        var sent = h.Synced();
        h.Sink.RefuseNext(1);

        h.Frame(BybitHarness.Delta(101, """["100.5","3"]"""), 3_000);
        h.Actions.Sends.Count.ShouldBe(sent); // nothing asked before the engine knows the book is lost
        h.Frame(Fixture.Read("bybit-pong.json"), 4_000);
        h.Frame(BybitHarness.Delta(102, """["100.5","4"]"""), 4_100);
        h.Frame(BybitHarness.Snapshot(300, """["100.5","5"]"""), 5_000);

        h.Sink.Events.Select(e => (e.Kind, e.Reason, e.Sequence)).ToArray().ShouldBe(
        [
            (MarketEventKind.BookInvalidated, BookInvalidReason.QueueOverflow, 0L), (MarketEventKind.BookSyncing, BookInvalidReason.None, 0L),
            (MarketEventKind.BookSnapshot, BookInvalidReason.None, 300L),
        ]);
        BybitHarness.IsResubscribe(h.Actions.Sends, sent, BybitHarness.Connection, BybitHarness.BtcTopic).ShouldBeTrue();
        (h.Counters.QueueOverflows, h.Counters.Resyncs).ShouldBe((1L, 1L));
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnFrame_QueueStillFullAtTheNextInput_ResubscribeWaitsForTheInvalidation()
    {
        var h = new BybitHarness();
        var sent = h.Synced();
        h.Sink.RefuseNext(2);

        h.Frame(BybitHarness.Delta(101, """["100.5","3"]"""), 3_000); // refused
        h.Frame(Fixture.Read("bybit-pong.json"), 4_000);             // the owed invalidation refused too
        h.Actions.Sends.Count.ShouldBe(sent);
        h.Frame(Fixture.Read("bybit-pong.json"), 5_000);             // now it gets out

        h.Sink.Events.Select(e => (e.Kind, e.Reason, e.ReceiveTime)).ToArray().ShouldBe(
            [(MarketEventKind.BookInvalidated, BookInvalidReason.QueueOverflow, 5_000L), (MarketEventKind.BookSyncing, BookInvalidReason.None, 5_000L)]);
        h.Actions.Sends.Count.ShouldBe(sent + 2);
        h.Counters.QueueOverflows.ShouldBe(2);
    }

    [Fact]
    public void OnFrame_QueueRefusesSnapshot_ResyncedByResubscribe()
    {
        var h = new BybitHarness();
        h.Protocol.OnOpened(BybitHarness.Connection, 1_000);
        var sent = h.Actions.Sends.Count;
        h.Sink.Clear();
        h.Sink.RefuseNext(1);

        h.Frame(BybitHarness.Snapshot(100, """["100.5","1"]"""), 2_000);
        h.Frame(BybitHarness.Delta(101, """["100.5","2"]"""), 3_000);

        h.Sink.Events.Select(e => e.Kind).ToArray().ShouldBe([MarketEventKind.BookInvalidated, MarketEventKind.BookSyncing]);
        h.Counters.IgnoredFrames.ShouldBe(1); // the delta: the book is waiting for a new snapshot
        BybitHarness.IsResubscribe(h.Actions.Sends, sent, BybitHarness.Connection, BybitHarness.BtcTopic).ShouldBeTrue();
    }

    [Fact]
    public void Resync_WhileConnectionClosed_NothingSent()
    {
        var h = new BybitHarness();
        var sent = h.Synced();
        h.Sink.RefuseNext(1);
        h.Frame(BybitHarness.Delta(101, """["100.5","3"]"""), 3_000); // lost
        h.Protocol.OnClosed(BybitHarness.Connection, 3_500);           // flushes the owed invalidation

        h.Actions.Sends.Count.ShouldBe(sent);
        h.Protocol.SyncStateOf(h.BtcUsdt).ShouldBe(BookSyncState.Unsynced);
    }

    [Fact]
    public void OnFrame_SteadyStateDeltas_AllocateNothing()
    {
        var sink = new PoolSink();
        var protocol = new BybitProtocol(new BybitOptions(), new InstrumentCatalog(), sink, NullVenueActions.Instance);
        protocol.OnRestResponse(BybitProtocol.MarketListPath, Fixture.Read("bybit-instruments-info-spot.json"), 0);
        protocol.OnOpened(BybitHarness.Connection, 1);
        protocol.OnFrame(BybitHarness.Connection, Fixture.Read("bybit-orderbook-spot-btcusdt-snapshot-10x10.json"), 2);
        var pong = Fixture.Read("bybit-pong.json");
        var frames = new byte[1_100][];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = BybitHarness.Delta(5_179_080 + i, """["43732.01","0.5"],["43731.97","0"]""", """["43732.02","1.25"]""");
        }

        for (var i = 0; i < 100; i++)
        {
            protocol.OnFrame(BybitHarness.Connection, frames[i], 10 + i);
            protocol.OnFrame(BybitHarness.Connection, pong, 10 + i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 100; i < frames.Length; i++)
        {
            protocol.OnFrame(BybitHarness.Connection, frames[i], 10 + i);
            protocol.OnFrame(BybitHarness.Connection, pong, 10 + i);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
        protocol.SyncStateOf(protocol.Instruments[0]).ShouldBe(BookSyncState.Synced);
        protocol.LastUpdateIdOf(protocol.Instruments[0]).ShouldBe(5_179_079 + 1_100);
    }

    [Fact]
    public void Replay_SameInputsWithNullActions_SameEvents()
    {
        static IReadOnlyList<PublishedEvent> Run(IVenueActions actions)
        {
            var sink = new RecordingSink();
            var protocol = new BybitProtocol(new BybitOptions(), new InstrumentCatalog(), sink, actions);
            protocol.OnRestResponse(BybitProtocol.MarketListPath, Fixture.Read("bybit-instruments-info-spot.json"), 0);
            protocol.OnOpened(BybitHarness.Connection, 1_000);
            protocol.OnFrame(BybitHarness.Connection, BybitHarness.Snapshot(100, """["100.5","1"]"""), 2_000);
            protocol.OnFrame(BybitHarness.Connection, BybitHarness.Delta(101, """["100.4","1"]"""), 2_100);
            protocol.OnFrame(BybitHarness.Connection, BybitHarness.Delta(103), 2_200);
            protocol.OnFrame(BybitHarness.Connection, BybitHarness.Snapshot(400, """["100.3","1"]"""), 2_300);
            protocol.OnClosed(BybitHarness.Connection, 3_000);
            return [.. sink.Events.Where(e => e.Instrument!.Symbol == "BTCUSDT")];
        }

        var live = Run(new RecordingActions());
        var replay = Run(NullVenueActions.Instance);

        replay.Count.ShouldBe(live.Count);
        for (var i = 0; i < live.Count; i++)
        {
            (replay[i].Kind, replay[i].Sequence, replay[i].ReceiveTime, replay[i].Reason).ShouldBe((live[i].Kind, live[i].Sequence, live[i].ReceiveTime, live[i].Reason));
            replay[i].Bids.ShouldBe(live[i].Bids);
            replay[i].Asks.ShouldBe(live[i].Asks);
        }

        live.Select(e => e.Kind).ToArray().ShouldBe(
        [
            MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookDelta, MarketEventKind.BookInvalidated,
            MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot, MarketEventKind.BookInvalidated,
        ]);
    }

    /// <summary>Applies published events the way the engine does (snapshot loads, delta sets, invalidated/syncing clear).</summary>
    private static OrderBook Replay(IReadOnlyList<PublishedEvent> events, Instrument instrument)
    {
        var book = new OrderBook(instrument);
        foreach (var e in events)
        {
            if (e.Instrument != instrument)
            {
                continue;
            }

            switch (e.Kind)
            {
                case MarketEventKind.BookSnapshot:
                    book.Load(e.Bids, e.Asks);
                    break;
                case MarketEventKind.BookDelta:
                    foreach (var level in e.Bids)
                    {
                        book.Set(Side.Bid, level.Price, level.Quantity);
                    }

                    foreach (var level in e.Asks)
                    {
                        book.Set(Side.Ask, level.Price, level.Quantity);
                    }

                    break;
                default:
                    book.Clear();
                    break;
            }
        }

        return book;
    }
}
