using Arbiter.Core;
using Arbiter.Venues.Kraken;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.Kraken;

public sealed class KrakenProtocolTests
{
    private const string Snapshot = "kraken-book-snapshot-matic-usd.json";
    private const string Update = "kraken-book-update-matic-usd.json";
    private const long DocsTimestamp = 1_696_613_755_440_295; // 2023-10-06T17:35:55.440295Z

    // The docs' MATIC/USD asks at 4 and 8 dp, in checksum order (low → high), price then quantity.
    private static readonly string[] MaticAsks =
    [
        "0.5668", "4410.79769741", "0.5669", "4655.40412487", "0.5670", "49844.89424998", "0.5671", "24306.41678000",
        "0.5672", "29783.25223475", "0.5673", "57234.71239278", "0.5674", "45065.04744000", "0.5675", "5912.76380354",
        "0.5676", "42514.92434778", "0.5677", "36304.08470220",
    ];

    // The docs' MATIC/USD bids without the last (0.5657), high → low.
    private static readonly string[] MaticBidsButLast =
    [
        "0.5666", "4831.75496356", "0.5665", "6658.22734739", "0.5664", "18724.91513344", "0.5663", "11563.92544914",
        "0.5662", "14006.65365711", "0.5661", "17454.85679807", "0.5660", "18097.15470000", "0.5659", "33644.89175666",
        "0.5658", "148.34640000",
    ];

    private readonly KrakenHarness h = new();

    [Fact]
    public void Connections_AfterMarketList_OneConnectionWithPingIdleAndLimits()
    {
        var spec = h.Protocol.Connections.ShouldHaveSingleItem();

        spec.Name.ShouldBe("kraken-0");
        spec.Url.ShouldBe(new Uri("wss://ws.kraken.com/v2"));
        spec.PingText.ShouldBe("""{"method":"ping"}""");
        spec.PingInterval.ShouldBe(TimeSpan.FromSeconds(30));
        spec.IdleTimeout.ShouldBe(TimeSpan.FromSeconds(30));
        spec.MaxLifetime.ShouldBeNull();
        spec.OverlapOnLifetime.ShouldBeFalse();
        spec.SendLimit.ShouldBe(new RateLimit(5, TimeSpan.FromSeconds(1)));
        ((IVenueProtocol)h.Protocol).ConnectLimit.ShouldBe(new RateLimit(20, TimeSpan.FromMinutes(1)));
        h.Protocol.MarketListRequests.ShouldBe(["/0/public/AssetPairs"]);
        h.Protocol.Instruments.Select(i => i.Symbol).ShouldBe(["BTC/USD", "MATIC/USD"]);
        ((IVenueProtocol)h.Protocol).Symbols.ShouldNotBeNull(); // the host's cross-venue market list
    }

    [Fact]
    public void Connections_MoreSymbolsThanOneConnectionTakes_SpreadAndSubscribedInBatches()
    {
        var h3 = new KrakenHarness(new KrakenOptions { MaxSymbolsPerConnection = 2, MaxSymbolsPerSubscribe = 1 });

        h3.Protocol.OnOpened("kraken-1#1", 1_000);

        h3.Protocol.Connections.Select(c => c.Name).ShouldBe(["kraken-0", "kraken-1", "kraken-2"]);
        h3.Actions.Sends.ShouldBe(
        [
            ("kraken-1#1", """{"method":"subscribe","params":{"channel":"book","symbol":["XRP/USD"],"depth":10,"snapshot":true},"req_id":1}"""),
            ("kraken-1#1", """{"method":"subscribe","params":{"channel":"book","symbol":["SOL/USD"],"depth":10,"snapshot":true},"req_id":2}"""),
        ]);
        h3.Sink.Events.Select(e => (e.Kind, e.Instrument!.Symbol)).ShouldBe(
            [(MarketEventKind.BookSyncing, "XRP/USD"), (MarketEventKind.BookSyncing, "SOL/USD")]);
    }

    [Fact]
    public void OnOpened_SendsOneSubscribeAndPublishesSyncingPerBook()
    {
        h.Protocol.OnOpened(KrakenHarness.Connection, 1_000);

        h.Actions.Sends.ShouldBe(
        [
            (KrakenHarness.Connection, """{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD","MATIC/USD"],"depth":10,"snapshot":true},"req_id":1}"""),
        ]);
        h.Sink.Events.Select(e => (e.Kind, e.Instrument!.Symbol)).ShouldBe(
            [(MarketEventKind.BookSyncing, "BTC/USD"), (MarketEventKind.BookSyncing, "MATIC/USD")]);
        h.Protocol.SyncStateOf(h.MaticUsd).ShouldBe(BookSyncState.Syncing);
    }

    [Fact]
    public void OnFrame_DocsSnapshotThenUpdate_PublishedWithExactLevelsAndChecksumsVerified()
    {
        h.Protocol.OnOpened(KrakenHarness.Connection, 1_000);
        h.Sink.Clear();

        h.Frame(Fixture.Read(Snapshot), 2_000);
        h.Frame(Fixture.Read(Update), 3_000);

        var events = h.Sink.Events;
        events.Count.ShouldBe(2);
        var snapshot = events[0];
        snapshot.Kind.ShouldBe(MarketEventKind.BookSnapshot);
        snapshot.Instrument.ShouldBeSameAs(h.MaticUsd);
        snapshot.Sequence.ShouldBe(DocsTimestamp);
        snapshot.ExchangeTime.ShouldBe(DocsTimestamp);
        snapshot.ReceiveTime.ShouldBe(2_000);
        snapshot.Depth.ShouldBe(10);
        snapshot.Bids[0].ShouldBe(new Level(5_666, 483_175_496_356)); // 0.5666 x 4831.75496356
        snapshot.Bids[6].ShouldBe(new Level(5_660, 1_809_715_470_000)); // 0.566 x 18097.1547
        snapshot.Bids[9].ShouldBe(new Level(5_657, 60_670_854_372)); // 0.5657 x 606.70854372
        snapshot.Asks[0].ShouldBe(new Level(5_668, 441_079_769_741)); // 0.5668 x 4410.79769741
        snapshot.Asks[9].ShouldBe(new Level(5_677, 3_630_408_470_220)); // 0.5677 x 36304.0847022
        snapshot.Bids.Length.ShouldBe(10);
        snapshot.Asks.Length.ShouldBe(10);

        var delta = events[1];
        delta.Kind.ShouldBe(MarketEventKind.BookDelta);
        delta.Sequence.ShouldBe(DocsTimestamp);
        delta.Depth.ShouldBe(10);
        delta.Bids.ShouldBe([new Level(5_657, 109_839_475_580)]); // 0.5657 x 1098.3947558
        delta.Asks.ShouldBeEmpty();

        h.Counters.ChecksumMismatches.ShouldBe(0);
        h.Protocol.SyncStateOf(h.MaticUsd).ShouldBe(BookSyncState.Synced);
        h.Protocol.LocalBookOf(h.MaticUsd)!.Bids.LevelAt(9).ShouldBe(new Level(5_657, 109_839_475_580));
    }

    [Fact]
    public void OnFrame_UpdateBeforeSnapshot_IgnoredAndCounted()
    {
        h.Protocol.OnOpened(KrakenHarness.Connection, 1_000);
        h.Sink.Clear();

        h.Frame(Fixture.Read(Update), 2_000);

        h.Sink.Events.ShouldBeEmpty();
        h.Counters.IgnoredFrames.ShouldBe(1);
        h.Protocol.SyncStateOf(h.MaticUsd).ShouldBe(BookSyncState.Syncing);
    }

    [Fact]
    public void OnFrame_UpdateChecksumMismatch_InvalidatedOnThatMessageAndResubscribed()
    {
        h.MaticSynced();
        var wrong = KrakenHarness.Book("update", "MATIC/USD", """{"price":0.5657,"qty":1098.3947558}""", "", 2_114_181_698);

        h.Frame(wrong, 3_000);
        h.Frame(Fixture.Read(Update), 3_100); // still the old subscription: ignored until the new snapshot
        h.Frame(Fixture.Read(Snapshot), 4_000);

        h.Sink.Events.Select(e => (e.Kind, e.Reason, e.ReceiveTime)).ShouldBe(
        [
            (MarketEventKind.BookInvalidated, BookInvalidReason.ChecksumMismatch, 3_000L),
            (MarketEventKind.BookSyncing, BookInvalidReason.None, 3_000L),
            (MarketEventKind.BookSnapshot, BookInvalidReason.None, 4_000L),
        ]);
        h.Actions.Sends.Skip(1).ShouldBe(
        [
            (KrakenHarness.Connection, """{"method":"unsubscribe","params":{"channel":"book","symbol":["MATIC/USD"],"depth":10},"req_id":2}"""),
            (KrakenHarness.Connection, """{"method":"subscribe","params":{"channel":"book","symbol":["MATIC/USD"],"depth":10,"snapshot":true},"req_id":3}"""),
        ]);
        h.Counters.ChecksumMismatches.ShouldBe(1);
        h.Counters.Resyncs.ShouldBe(1);
        h.Counters.IgnoredFrames.ShouldBe(1);
        h.Protocol.SyncStateOf(h.MaticUsd).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnFrame_SnapshotChecksumMismatch_NotPublishedAndResubscribed()
    {
        h.Protocol.OnOpened(KrakenHarness.Connection, 1_000);
        h.Sink.Clear();
        var bad = KrakenHarness.Book("snapshot", "BTC/USD", """{"price":100.0,"qty":1.5}""", """{"price":100.5,"qty":2}""", 12_345);

        h.Frame(bad, 2_000);

        h.Sink.Events.Select(e => (e.Kind, e.Reason)).ShouldBe(
            [(MarketEventKind.BookInvalidated, BookInvalidReason.ChecksumMismatch), (MarketEventKind.BookSyncing, BookInvalidReason.None)]);
        h.Actions.Sends.Count.ShouldBe(3);
        h.Actions.Sends[1].Text.ShouldStartWith("""{"method":"unsubscribe","params":{"channel":"book","symbol":["BTC/USD"]""");
        h.Protocol.SyncStateOf(h.BtcUsd).ShouldBe(BookSyncState.Syncing);
        h.Protocol.LocalBookOf(h.BtcUsd)!.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void OnFrame_HandBuiltBtcBook_ChecksumOfPaddedPairPrecisionAccepted()
    {
        h.Protocol.OnOpened(KrakenHarness.Connection, 1_000);
        h.Sink.Clear();

        // BTC/USD has 1 price and 8 quantity decimals: 100 is "100.0" and 2 is "2.00000000" in the checksum.
        var checksum = KrakenHarness.Checksum("100.5", "2.00000000", "100.0", "1.50000000");
        h.Frame(KrakenHarness.Book("snapshot", "BTC/USD", """{"price":100,"qty":1.5}""", """{"price":100.5,"qty":2}""", checksum), 2_000);

        var e = h.Sink.Events.ShouldHaveSingleItem();
        e.Kind.ShouldBe(MarketEventKind.BookSnapshot);
        e.Sequence.ShouldBe(KrakenHarness.TimestampMicros);
        e.Bids.ShouldBe([new Level(1_000, 150_000_000)]);
        e.Asks.ShouldBe([new Level(1_005, 200_000_000)]);
    }

    [Fact]
    public void OnFrame_UpdatePushesLevelOutOfDepth_TruncatedSoThatItNeverComesBack()
    {
        h.MaticSynced();
        string[] newBest = ["0.5667", "1.00000000"];

        // A new best bid makes 11 bids: the 11th (0.5657) leaves the subscribed depth and is dropped.
        var first = KrakenHarness.Checksum([.. MaticAsks, .. newBest, .. MaticBidsButLast]);
        h.Frame(KrakenHarness.Book("update", "MATIC/USD", """{"price":0.5667,"qty":1}""", "", first), 3_000);

        // Removing it leaves 9 bids: without the truncation 0.5657 would be back in the top 10 (and the checksum wrong).
        var second = KrakenHarness.Checksum([.. MaticAsks, .. MaticBidsButLast]);
        h.Frame(KrakenHarness.Book("update", "MATIC/USD", """{"price":0.5667,"qty":0}""", "", second), 4_000);

        h.Counters.ChecksumMismatches.ShouldBe(0);
        h.Sink.Events.Select(e => (e.Kind, e.Depth)).ShouldBe([(MarketEventKind.BookDelta, 10), (MarketEventKind.BookDelta, 10)]);
        h.Sink.Events[1].Bids.ShouldBe([new Level(5_667, 0)]);
        var local = h.Protocol.LocalBookOf(h.MaticUsd)!;
        local.Bids.Count.ShouldBe(9);
        local.Bids.LevelAt(8).ShouldBe(new Level(5_658, 14_834_640_000));
    }

    [Fact]
    public void OnClosed_BooksInvalidatedAndCleared_ReconnectShowsOnlyTheNewSnapshot()
    {
        h.MaticSynced();

        h.Protocol.OnClosed(KrakenHarness.Connection, 3_000);
        h.Frame(Fixture.Read(Update), 3_500); // a straggler after the close: nothing to apply it to
        h.Protocol.OnOpened("kraken-0#2", 4_000);
        h.Frame(Fixture.Read(Update), 4_500, "kraken-0#2"); // before the new snapshot: ignored
        var checksum = KrakenHarness.Checksum("0.5670", "1.00000000", "0.5660", "2.00000000");
        h.Frame(KrakenHarness.Book("snapshot", "MATIC/USD", """{"price":0.566,"qty":2}""", """{"price":0.567,"qty":1}""", checksum), 5_000, "kraken-0#2");

        h.Sink.Events.Select(e => (e.Kind, e.Instrument!.Symbol, e.Reason)).ShouldBe(
        [
            (MarketEventKind.BookInvalidated, "BTC/USD", BookInvalidReason.Disconnected),
            (MarketEventKind.BookInvalidated, "MATIC/USD", BookInvalidReason.Disconnected),
            (MarketEventKind.BookSyncing, "BTC/USD", BookInvalidReason.None),
            (MarketEventKind.BookSyncing, "MATIC/USD", BookInvalidReason.None),
            (MarketEventKind.BookSnapshot, "MATIC/USD", BookInvalidReason.None),
        ]);
        h.Counters.ChecksumMismatches.ShouldBe(0); // the checksum covers only the new levels: nothing old survived
        var local = h.Protocol.LocalBookOf(h.MaticUsd)!;
        (local.Bids.Count, local.Asks.Count).ShouldBe((1, 1));
        h.Actions.Sends[^1].ShouldBe(("kraken-0#2", """{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD","MATIC/USD"],"depth":10,"snapshot":true},"req_id":2}"""));
    }

    [Fact]
    public void OnFrame_OverlappingReplacement_OldConnectionFramesAndLateCloseIgnored()
    {
        var overlap = new KrakenHarness(new KrakenOptions { Assets = ["MATIC"], MaxLifetime = TimeSpan.FromHours(12) });
        overlap.Protocol.Connections[0].OverlapOnLifetime.ShouldBeTrue();
        overlap.Protocol.Connections[0].MaxLifetime.ShouldBe(TimeSpan.FromHours(12));
        overlap.Protocol.OnOpened("kraken-0#1", 1_000);
        overlap.Frame(Fixture.Read(Snapshot), 2_000, "kraken-0#1");
        overlap.Sink.Clear();

        overlap.Protocol.OnOpened("kraken-0#2", 3_000);
        overlap.Frame(Fixture.Read(Update), 3_100, "kraken-0#1"); // superseded: ignored
        overlap.Frame(Fixture.Read(Snapshot), 3_200, "kraken-0#2");
        overlap.Protocol.OnClosed("kraken-0#1", 3_300); // late close of the replaced connection: ignored

        overlap.Sink.Events.Select(e => e.Kind).ShouldBe([MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot]);
        overlap.Sink.Events[1].ReceiveTime.ShouldBe(3_200);
        overlap.Counters.IgnoredFrames.ShouldBe(2);
        overlap.Protocol.SyncStateOf(overlap.Protocol.Instruments[0]).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnFrame_MalformedMessageOfWatchedSymbol_CountedInvalidatedAndResubscribed()
    {
        h.MaticSynced();

        h.Frame(KrakenHarness.Book("update", "MATIC/USD", """{"price":0.5657,"qty":-1}""", "", 1), 3_000);

        h.Counters.MalformedFrames.ShouldBe(1);
        h.Counters.Resyncs.ShouldBe(1);
        h.Sink.Events.Select(e => (e.Kind, e.Reason)).ShouldBe(
            [(MarketEventKind.BookInvalidated, BookInvalidReason.MalformedFrame), (MarketEventKind.BookSyncing, BookInvalidReason.None)]);
        h.Actions.Sends.Skip(1).Select(s => s.Text[..22]).ShouldBe(["""{"method":"unsubscribe""", """{"method":"subscribe",""" ]);
        h.Protocol.SyncStateOf(h.MaticUsd).ShouldBe(BookSyncState.Syncing);
    }

    [Fact]
    public void OnFrame_QueueRefusesUpdate_QueueOverflowInvalidationBeforeTheResubscribedSnapshot()
    {
        h.MaticSynced();
        h.Sink.RefuseNext(1);

        h.Frame(Fixture.Read(Update), 3_000);
        h.Frame(Fixture.Read(Snapshot), 4_000);

        h.Sink.Events.Select(e => (e.Kind, e.Reason)).ShouldBe(
        [
            (MarketEventKind.BookInvalidated, BookInvalidReason.QueueOverflow),
            (MarketEventKind.BookSyncing, BookInvalidReason.None),
            (MarketEventKind.BookSnapshot, BookInvalidReason.None),
        ]);
        h.Actions.Sends.Count.ShouldBe(3); // subscribe, then unsubscribe + subscribe after the loss
        h.Counters.QueueOverflows.ShouldBe(1);
        h.Counters.Resyncs.ShouldBe(1);
        h.Protocol.SyncStateOf(h.MaticUsd).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnFrame_SubscribeRefused_RetriedAtAMessageASecondLater_WithUnsubscribeFirstWhenRefusedAgain()
    {
        h.Protocol.OnOpened(KrakenHarness.Connection, 1_000);
        var heartbeat = """{"channel":"heartbeat"}"""u8.ToArray();

        h.Frame(Refused(1), 2_000); // the subscribe of both books (req_id 1)
        h.Frame(heartbeat, 900_000); // not yet a second later
        h.Actions.Sends.Count.ShouldBe(1);
        h.Frame(heartbeat, 1_002_000);

        h.Actions.Sends.Skip(1).ShouldBe(
        [
            (KrakenHarness.Connection, """{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":10,"snapshot":true},"req_id":2}"""),
            (KrakenHarness.Connection, """{"method":"subscribe","params":{"channel":"book","symbol":["MATIC/USD"],"depth":10,"snapshot":true},"req_id":3}"""),
        ]);

        // BTC/USD's retry is taken; MATIC/USD's is refused again, so its next try first drops any half-taken subscription.
        h.Frame("""{"method":"subscribe","req_id":2,"result":{"channel":"book","depth":10,"snapshot":true,"symbol":"BTC/USD"},"success":true}"""u8.ToArray(), 1_003_000);
        h.Frame(Refused(2), 1_003_500); // already answered: not retried again
        h.Frame(Refused(3), 1_004_000);
        h.Frame(heartbeat, 2_004_000);
        h.Actions.Sends.Skip(3).ShouldBe(
        [
            (KrakenHarness.Connection, """{"method":"unsubscribe","params":{"channel":"book","symbol":["MATIC/USD"],"depth":10},"req_id":4}"""),
            (KrakenHarness.Connection, """{"method":"subscribe","params":{"channel":"book","symbol":["MATIC/USD"],"depth":10,"snapshot":true},"req_id":5}"""),
        ]);

        h.Frame(Fixture.Read(Snapshot), 2_005_000);
        h.Frame(heartbeat, 9_000_000);
        h.Actions.Sends.Count.ShouldBe(5);
        h.Protocol.SyncStateOf(h.MaticUsd).ShouldBe(BookSyncState.Synced);
        h.Counters.VenueErrors.ShouldBe(3);

        static byte[] Refused(long requestId) => System.Text.Encoding.UTF8.GetBytes(
            $$"""{"error":"Exceeded msg rate","method":"subscribe","req_id":{{requestId}},"success":false,"time_in":"2023-10-06T17:35:55.219022Z","time_out":"2023-10-06T17:35:55.219067Z"}""");
    }

    [Fact]
    public void OnFrame_SubscribeRefusedThenConnectionClosed_NotRetriedOnTheNextConnection()
    {
        h.Protocol.OnOpened(KrakenHarness.Connection, 1_000);
        h.Frame("""{"error":"Exceeded msg rate","method":"subscribe","req_id":1,"success":false}"""u8.ToArray(), 2_000);
        h.Protocol.OnClosed(KrakenHarness.Connection, 3_000);
        h.Protocol.OnOpened("kraken-0#2", 4_000); // subscribes both books itself

        h.Frame("""{"channel":"heartbeat"}"""u8.ToArray(), 5_000_000, "kraken-0#2");

        h.Actions.Sends.Select(s => s.ConnectionId).ShouldBe([KrakenHarness.Connection, "kraken-0#2"]);
    }

    [Fact]
    public void OnFrame_UpdateOlderThanTheBook_IgnoredAndTheBookKept()
    {
        h.MaticSynced();
        var older = KrakenHarness.Book("update", "MATIC/USD", """{"price":0.5657,"qty":1098.3947558}""", "", 2_114_181_697, "2023-10-06T17:35:55.440294Z");

        h.Frame(older, 3_000);
        h.Sink.Events.ShouldBeEmpty();
        h.Counters.IgnoredFrames.ShouldBe(1);
        h.Protocol.LocalBookOf(h.MaticUsd)!.Sequence.ShouldBe(DocsTimestamp);

        h.Frame(Fixture.Read(Update), 4_000); // the same timestamp as the snapshot: applied
        h.Sink.Events.ShouldHaveSingleItem().Kind.ShouldBe(MarketEventKind.BookDelta);
        h.Protocol.SyncStateOf(h.MaticUsd).ShouldBe(BookSyncState.Synced);
    }

    [Fact]
    public void OnFrame_NonBookMessages_CountedWithoutEvents()
    {
        h.Protocol.OnOpened(KrakenHarness.Connection, 1_000);
        h.Sink.Clear();

        h.Frame("""{"channel":"heartbeat"}"""u8.ToArray(), 2_000);
        h.Frame("""{"method":"pong","req_id":4,"time_in":"2023-09-24T14:10:23.799685Z","time_out":"2023-09-24T14:10:23.799703Z"}"""u8.ToArray(), 2_001);
        h.Frame("""{"method":"subscribe","result":{"channel":"book","depth":10,"snapshot":true,"symbol":"MATIC/USD"},"success":true,"time_in":"2023-10-06T17:35:55.219022Z","time_out":"2023-10-06T17:35:55.219067Z"}"""u8.ToArray(), 2_002);
        h.Frame("""{"error":"Currency pair not supported","method":"subscribe","success":false,"symbol":"NOPE/USD","time_in":"2023-10-06T17:35:55.219022Z","time_out":"2023-10-06T17:35:55.219067Z"}"""u8.ToArray(), 2_003);
        h.Frame(KrakenHarness.Book("snapshot", "ETH/USD", "", "", 0), 2_004);

        h.Sink.Events.ShouldBeEmpty();
        h.Counters.IgnoredFrames.ShouldBe(3);
        h.Counters.VenueErrors.ShouldBe(1);
        h.Counters.UnknownSymbols.ShouldBe(1);
        h.Counters.Frames.ShouldBe(5);
    }

    [Fact]
    public void OnFrame_VerifiedUpdates_AllocateNothing()
    {
        var sink = new PoolSink();
        var protocol = new KrakenProtocol(new KrakenOptions { Assets = ["MATIC"] }, new InstrumentCatalog(), sink, new RecordingActions());
        protocol.OnRestResponse(KrakenProtocol.MarketListPath, Fixture.Read("kraken-assetpairs.json"), 0);
        protocol.OnOpened(KrakenHarness.Connection, 1);
        protocol.OnFrame(KrakenHarness.Connection, Fixture.Read(Snapshot), 2);
        var update = Fixture.Read(Update); // sets 0.5657 to the same size each time: the checksum stays 2114181697
        for (var i = 0; i < 100; i++)
        {
            protocol.OnFrame(KrakenHarness.Connection, update, 3);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            protocol.OnFrame(KrakenHarness.Connection, update, 4);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
        protocol.Counters.ChecksumMismatches.ShouldBe(0);
        sink.Published.ShouldBe(1 + 1 + 1_100); // Syncing, the snapshot, every update
    }

    [Fact]
    public void OnRestResponse_NoConfiguredPairOnline_NoConnections()
    {
        var none = new KrakenHarness(new KrakenOptions { Assets = ["ADA"] }); // ADA/USD is cancel_only in the fixture

        none.Protocol.Instruments.ShouldBeEmpty();
        none.Protocol.Connections.ShouldBeEmpty();
    }

    [Fact]
    public void OnRestResponse_ErrorBody_CountedMalformedAndRetriedListAccepted()
    {
        var protocol = new KrakenProtocol(new KrakenOptions(), new InstrumentCatalog(), new RecordingSink(), new RecordingActions());

        protocol.OnRestResponse(KrakenProtocol.MarketListPath, """{"error":["EService:Unavailable"]}"""u8, 0);
        protocol.OnRestResponse(KrakenProtocol.MarketListPath, Fixture.Read("kraken-assetpairs.json"), 1);

        protocol.Counters.MalformedFrames.ShouldBe(1);
        protocol.Instruments.Select(i => i.Symbol).ShouldBe(["BTC/USD", "ETH/USD", "XRP/USD", "SOL/USD", "DOGE/USD"]);
    }
}
