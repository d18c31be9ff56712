using System.Globalization;
using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Bithumb;
using Arbiter.Venues.Tests.TestSupport;

namespace Arbiter.Venues.Tests.Bithumb;

public sealed class BithumbProtocolTests
{
    private const string Connection = "bithumb-0#1";
    private const long Krw = 100_000_000; // one KRW at scale 8

    private readonly RecordingSink sink = new();
    private readonly RecordingActions actions = new();

    private static byte[] Book(string code, long timestamp, long askPrice, string askSize, long bidPrice, string bidSize) =>
        Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"type":"orderbook","code":"{{{code}}}","total_ask_size":1.0,"total_bid_size":1.0,"orderbook_units":[{"ask_price":{{{askPrice}}},"bid_price":{{{bidPrice}}},"ask_size":{{{askSize}}},"bid_size":{{{bidSize}}}}],"level":1,"timestamp":{{{timestamp}}},"stream_type":"REALTIME"}"""));

    private BithumbProtocol Create(BithumbOptions? options = null, string[]? assets = null)
    {
        options ??= new BithumbOptions();
        options.Assets = assets ?? ["BTC", "ETH"];
        var protocol = new BithumbProtocol(options, new InstrumentCatalog(), sink, actions);
        protocol.OnRestResponse(BithumbProtocol.MarketListPath, Fixture.Read("bithumb-market-all.json"), 0);
        return protocol;
    }

    private (MarketEventKind, string, BookInvalidReason)[] Events() =>
        sink.Events.Select(e => (e.Kind, e.Instrument!.Symbol, e.Reason)).ToArray();

    [Fact]
    public void Connections_AfterMarketList_OneConnectionWithPingAndLimits()
    {
        var protocol = Create();

        var spec = Assert.Single(protocol.Connections);
        Assert.Equal(VenueId.Bithumb, protocol.Venue);
        Assert.Equal(["/v1/market/all?isDetails=true"], protocol.MarketListRequests);
        Assert.Equal("bithumb-0", spec.Name);
        Assert.Equal(new Uri("wss://ws-api.bithumb.com/websocket/v1"), spec.Url);
        Assert.Equal("PING", spec.PingText);
        Assert.Equal(TimeSpan.FromSeconds(20), spec.PingInterval);
        Assert.Equal(TimeSpan.FromSeconds(45), spec.IdleTimeout);
        Assert.Null(spec.MaxLifetime);
        Assert.Equal(new RateLimit(5, TimeSpan.FromSeconds(1)), spec.SendLimit);
        Assert.Equal(new RateLimit(10, TimeSpan.FromSeconds(1)), protocol.ConnectLimit);
    }

    [Fact]
    public void Connections_MoreCodesThanOneConnectionTakes_SpreadInConfigurationOrder()
    {
        var protocol = Create(new BithumbOptions { MaxCodesPerConnection = 2 }, ["BTC", "ETH", "XRP", "SOL", "DOGE"]);

        Assert.Equal(["bithumb-0", "bithumb-1", "bithumb-2"], protocol.Connections.Select(c => c.Name).ToArray());
        protocol.OnOpened("bithumb-1#1", 1_000);
        protocol.OnOpened("bithumb-2#1", 1_001);

        Assert.Equal(
            [("bithumb-1#1", """[{"ticket":"arbiter-bithumb-1#1"},{"type":"orderbook","codes":["KRW-XRP","KRW-SOL"]},{"format":"DEFAULT"}]"""),
             ("bithumb-2#1", """[{"ticket":"arbiter-bithumb-2#1"},{"type":"orderbook","codes":["KRW-DOGE"]},{"format":"DEFAULT"}]""")],
            actions.Sends.ToArray());
        Assert.Equal(
            [(MarketEventKind.BookSyncing, "KRW-XRP", BookInvalidReason.None), (MarketEventKind.BookSyncing, "KRW-SOL", BookInvalidReason.None),
             (MarketEventKind.BookSyncing, "KRW-DOGE", BookInvalidReason.None)],
            Events());
        Assert.Equal(BookSyncState.Unsynced, protocol.SyncStateOf(protocol.Instruments[0]));
    }

    [Fact]
    public void OnOpened_OneRequestWithEveryCode_BooksSyncing()
    {
        var protocol = Create();

        protocol.OnOpened(Connection, 1_000);

        var sent = Assert.Single(actions.Sends);
        Assert.Equal(Connection, sent.ConnectionId);
        Assert.Equal("""[{"ticket":"arbiter-bithumb-0#1"},{"type":"orderbook","codes":["KRW-BTC","KRW-ETH"]},{"format":"DEFAULT"}]""", sent.Text);
        Assert.Equal([(MarketEventKind.BookSyncing, "KRW-BTC", BookInvalidReason.None), (MarketEventKind.BookSyncing, "KRW-ETH", BookInvalidReason.None)], Events());
        Assert.Equal(BookSyncState.Syncing, protocol.SyncStateOf(protocol.Instruments[1]));
    }

    [Fact]
    public void OnOpened_FewerLevels_CodeSuffixAndDepth()
    {
        var protocol = Create(new BithumbOptions { Depth = 5 });

        protocol.OnOpened(Connection, 1_000);
        protocol.OnFrame(Connection, Book("KRW-BTC", 1_790_133_505_546_514, 116_208_000, "0.3313", 116_204_000, "0.0037"), 2_000);

        Assert.Equal("""[{"ticket":"arbiter-bithumb-0#1"},{"type":"orderbook","codes":["KRW-BTC.5","KRW-ETH.5"]},{"format":"DEFAULT"}]""", actions.Sends[0].Text);
        Assert.Equal(5, sink.Events[^1].Depth);
    }

    [Fact]
    public void OnFrame_CapturedSnapshotThenRealtime_EachReplacesTheBook()
    {
        var protocol = Create();
        protocol.OnOpened(Connection, 1_000);
        sink.Clear();

        protocol.OnFrame(Connection, Fixture.Read("bithumb-orderbook-krw-eth-snapshot.json"), 2_000);
        protocol.OnFrame(Connection, Fixture.Read("bithumb-orderbook-krw-eth-realtime.json"), 3_000);

        var events = sink.Events;
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal((MarketEventKind.BookSnapshot, VenueId.Bithumb, "KRW-ETH", 15), (e.Kind, e.Venue, e.Instrument!.Symbol, e.Depth)));
        Assert.Equal((1_790_133_505_546_514, 1_790_133_505_546_514, 2_000), (events[0].Sequence, events[0].ExchangeTime, events[0].ReceiveTime));
        Assert.Equal((1_790_133_505_627_050, 1_790_133_505_627_050, 3_000), (events[1].Sequence, events[1].ExchangeTime, events[1].ReceiveTime));
        Level[] asks = [new(3_715_000 * Krw, 845_920_000), new(3_716_000 * Krw, 337_660_000), new(3_717_000 * Krw, 417_550_000)];
        Assert.Equal(asks, events[0].Asks);
        Assert.Equal([new Level(3_714_000 * Krw, 301_200_000), new Level(3_713_000 * Krw, 1_539_900_000), new Level(3_712_000 * Krw, 13_551_290_000)], events[0].Bids);
        Assert.Equal(asks, events[1].Asks);
        Assert.Equal([new Level(3_714_000 * Krw, 410_600_000), new Level(3_713_000 * Krw, 1_559_900_000), new Level(3_712_000 * Krw, 13_551_290_000)], events[1].Bids);
        Assert.Equal(BookSyncState.Synced, protocol.SyncStateOf(protocol.Instruments[1]));
    }

    [Fact]
    public void OnFrame_RealtimeBeforeAnySnapshot_AppliedAsAFullBook()
    {
        // There are no deltas: REALTIME frames are whole books, and the SNAPSHOT may even arrive second.
        var protocol = Create();
        protocol.OnOpened(Connection, 1_000);
        sink.Clear();

        protocol.OnFrame(Connection, Fixture.Read("bithumb-orderbook-krw-eth-realtime.json"), 2_000);

        var e = Assert.Single(sink.Events);
        Assert.Equal((MarketEventKind.BookSnapshot, 1_790_133_505_627_050L, 3, 3), (e.Kind, e.Sequence, e.Bids.Length, e.Asks.Length));
        Assert.Equal(BookSyncState.Synced, protocol.SyncStateOf(protocol.Instruments[1]));
    }

    [Fact]
    public void OnFrame_OlderTimestamp_IgnoredAndCounted_EqualTimestampReplaces()
    {
        var protocol = Create();
        protocol.OnOpened(Connection, 1_000);
        sink.Clear();

        protocol.OnFrame(Connection, Fixture.Read("bithumb-orderbook-krw-eth-realtime.json"), 2_000); // ...627050
        protocol.OnFrame(Connection, Fixture.Read("bithumb-orderbook-krw-eth-snapshot.json"), 2_001); // ...546514: stale
        protocol.OnFrame(Connection, Book("KRW-ETH", 1_790_133_505_627_050, 3_716_000, "1.0", 3_714_000, "2.0"), 2_002); // duplicate time

        Assert.Equal([1_790_133_505_627_050L, 1_790_133_505_627_050L], sink.Events.Select(e => e.Sequence).ToArray());
        Assert.Equal([new Level(3_716_000 * Krw, Krw)], sink.Events[1].Asks);
        Assert.Equal(1, protocol.Counters.IgnoredFrames);
    }

    [Fact]
    public void OnFrame_MillisecondAfterMicrosecondTimestamp_ComparedAsTheSameClock()
    {
        var protocol = Create();
        protocol.OnOpened(Connection, 1_000);
        sink.Clear();

        protocol.OnFrame(Connection, Book("KRW-BTC", 1_790_133_505_546_514, 116_208_000, "0.3313", 116_204_000, "0.0037"), 2_000);
        protocol.OnFrame(Connection, Book("KRW-BTC", 1_790_133_505_546, 116_208_000, "0.3313", 116_204_000, "0.0037"), 2_001); // 546,000 µs: older
        protocol.OnFrame(Connection, Book("KRW-BTC", 1_790_133_505_547, 116_208_000, "0.3313", 116_204_000, "0.0037"), 2_002); // 547,000 µs: newer

        Assert.Equal([1_790_133_505_546_514L, 1_790_133_505_547L], sink.Events.Select(e => e.Sequence).ToArray());
        Assert.Equal(1_790_133_505_547_000, sink.Events[1].ExchangeTime);
        Assert.Equal(1, protocol.Counters.IgnoredFrames);
    }

    [Fact]
    public void OnClosed_InvalidatedDisconnected_NewConnectionShowsOnlyItsOwnLevels()
    {
        var protocol = Create();
        protocol.OnOpened(Connection, 1_000);
        protocol.OnFrame(Connection, Fixture.Read("bithumb-orderbook-krw-btc-zero-size.json"), 2_000);
        sink.Clear();

        protocol.OnClosed(Connection, 3_000);
        protocol.OnFrame(Connection, Book("KRW-BTC", 1_790_133_505_600_000, 116_300_000, "1.0", 116_100_000, "1.0"), 3_500); // after close: ignored
        protocol.OnOpened("bithumb-0#2", 4_000);
        protocol.OnFrame("bithumb-0#2", Book("KRW-BTC", 1_790_133_500_000_000, 116_250_000, "0.5", 116_240_000, "0.25"), 5_000); // older: new timeline

        Assert.Equal(
            [(MarketEventKind.BookInvalidated, "KRW-BTC", BookInvalidReason.Disconnected),
             (MarketEventKind.BookInvalidated, "KRW-ETH", BookInvalidReason.Disconnected),
             (MarketEventKind.BookSyncing, "KRW-BTC", BookInvalidReason.None),
             (MarketEventKind.BookSyncing, "KRW-ETH", BookInvalidReason.None),
             (MarketEventKind.BookSnapshot, "KRW-BTC", BookInvalidReason.None)],
            Events());
        var snapshot = sink.Events[^1];
        Assert.Equal([new Level(116_250_000 * Krw, 50_000_000)], snapshot.Asks); // nothing of the old book
        Assert.Equal([new Level(116_240_000 * Krw, 25_000_000)], snapshot.Bids);
        Assert.Equal("""[{"ticket":"arbiter-bithumb-0#2"},{"type":"orderbook","codes":["KRW-BTC","KRW-ETH"]},{"format":"DEFAULT"}]""", actions.Sends[1].Text);
        Assert.Equal(1, protocol.Counters.IgnoredFrames);
    }

    [Fact]
    public void OnOpened_OverlappingReplacement_OldConnectionFramesAndLateCloseIgnored()
    {
        var protocol = Create();
        protocol.OnOpened(Connection, 1_000);
        protocol.OnFrame(Connection, Book("KRW-BTC", 1_790_133_505_000_000, 116_208_000, "1.0", 116_204_000, "1.0"), 2_000);
        sink.Clear();

        protocol.OnOpened("bithumb-0#2", 3_000);
        protocol.OnFrame(Connection, Book("KRW-BTC", 1_790_133_506_000_000, 116_209_000, "1.0", 116_204_000, "1.0"), 3_100);
        protocol.OnFrame("bithumb-0#2", Book("KRW-BTC", 1_790_133_506_000_001, 116_210_000, "1.0", 116_204_000, "1.0"), 3_200);
        protocol.OnClosed(Connection, 3_300);

        Assert.Equal(
            [(MarketEventKind.BookSyncing, "KRW-BTC", BookInvalidReason.None),
             (MarketEventKind.BookSyncing, "KRW-ETH", BookInvalidReason.None),
             (MarketEventKind.BookSnapshot, "KRW-BTC", BookInvalidReason.None)],
            Events());
        Assert.Equal(116_210_000 * Krw, sink.Events[^1].Asks[0].Price);
        Assert.Equal(2, protocol.Counters.IgnoredFrames); // the old connection's frame and its late close
        Assert.Equal(BookSyncState.Synced, protocol.SyncStateOf(protocol.Instruments[0]));

        protocol.OnClosed("bithumb-0#2", 4_000);

        Assert.Equal(BookInvalidReason.Disconnected, sink.Events[^2].Reason);
        Assert.Equal(BookSyncState.Unsynced, protocol.SyncStateOf(protocol.Instruments[0]));
    }

    [Fact]
    public void OnFrame_CodeOfAnotherConnection_Ignored()
    {
        var protocol = Create(new BithumbOptions { MaxCodesPerConnection = 1 });
        protocol.OnOpened("bithumb-0#1", 1_000);
        protocol.OnOpened("bithumb-1#1", 1_001);
        sink.Clear();

        protocol.OnFrame("bithumb-0#1", Book("KRW-ETH", 1_790_133_505_000_000, 3_715_000, "1.0", 3_714_000, "1.0"), 2_000);
        protocol.OnFrame("bithumb-1#1", Book("KRW-ETH", 1_790_133_505_000_000, 3_715_000, "1.0", 3_714_000, "1.0"), 2_001);

        var e = Assert.Single(sink.Events);
        Assert.Equal((MarketEventKind.BookSnapshot, "KRW-ETH", 2_001L), (e.Kind, e.Instrument!.Symbol, e.ReceiveTime));
        Assert.Equal(1, protocol.Counters.IgnoredFrames);
    }

    [Fact]
    public void OnFrame_MalformedMessageOfWatchedCode_InvalidatedUntilNextMessage()
    {
        var protocol = Create();
        protocol.OnOpened(Connection, 1_000);
        protocol.OnFrame(Connection, Book("KRW-BTC", 1_790_133_505_000_000, 116_208_000, "1.0", 116_204_000, "1.0"), 2_000);
        sink.Clear();

        protocol.OnFrame(Connection, Book("KRW-BTC", 1_790_133_505_100_000, 116_208_000, "-1.0", 116_204_000, "1.0"), 3_000);
        Assert.Equal(BookSyncState.Syncing, protocol.SyncStateOf(protocol.Instruments[0]));
        protocol.OnFrame(Connection, Book("KRW-BTC", 1_790_133_505_200_000, 116_208_000, "1.0", 116_204_000, "1.0"), 4_000);

        Assert.Equal(
            [(MarketEventKind.BookInvalidated, "KRW-BTC", BookInvalidReason.MalformedFrame),
             (MarketEventKind.BookSyncing, "KRW-BTC", BookInvalidReason.None),
             (MarketEventKind.BookSnapshot, "KRW-BTC", BookInvalidReason.None)],
            Events());
        Assert.Equal((1L, 1L), (protocol.Counters.MalformedFrames, protocol.Counters.Resyncs));
        Assert.Equal(BookSyncState.Synced, protocol.SyncStateOf(protocol.Instruments[0]));
    }

    [Fact]
    public void OnFrame_PongErrorTickerAndUnknownCode_CountedWithoutEvents()
    {
        var protocol = Create();
        protocol.OnOpened(Connection, 1_000);
        sink.Clear();

        protocol.OnFrame(Connection, """{"status":"UP"}"""u8, 2_000);
        protocol.OnFrame(Connection, """{"error":{"name":"WRONG_FORMAT","message":"Format 이 맞지 않습니다."}}"""u8, 2_001);
        protocol.OnFrame(Connection, """{"type":"ticker","code":"KRW-BTC","trade_price":116208000,"timestamp":1790133514044,"stream_type":"REALTIME"}"""u8, 2_002);
        protocol.OnFrame(Connection, Book("KRW-PEPE", 1, 1, "1.0", 1, "1.0"), 2_003);
        protocol.OnFrame(Connection, "garbage"u8, 2_004);

        Assert.Empty(sink.Events);
        Assert.Equal(
            (5L, 2L, 1L, 1L, 1L),
            (protocol.Counters.Frames, protocol.Counters.IgnoredFrames, protocol.Counters.VenueErrors, protocol.Counters.UnknownSymbols, protocol.Counters.MalformedFrames));
        Assert.Equal(BookSyncState.Syncing, protocol.SyncStateOf(protocol.Instruments[0])); // an unattributable bad frame touches no book
    }

    [Fact]
    public void OnFrame_QueueRefusesSnapshot_InvalidatedQueueOverflowBeforeNextSnapshot()
    {
        var protocol = Create();
        protocol.OnOpened(Connection, 1_000);
        sink.Clear();
        sink.RefuseNext(1);

        protocol.OnFrame(Connection, Book("KRW-BTC", 1_790_133_505_000_000, 116_208_000, "1.0", 116_204_000, "1.0"), 2_000);
        Assert.Equal(BookSyncState.Syncing, protocol.SyncStateOf(protocol.Instruments[0]));
        protocol.OnFrame(Connection, Book("KRW-BTC", 1_790_133_505_100_000, 116_209_000, "1.0", 116_204_000, "1.0"), 3_000);

        Assert.Equal(
            [(MarketEventKind.BookInvalidated, BookInvalidReason.QueueOverflow, 0L), (MarketEventKind.BookSyncing, BookInvalidReason.None, 0L),
             (MarketEventKind.BookSnapshot, BookInvalidReason.None, 1_790_133_505_100_000L)],
            sink.Events.Select(e => (e.Kind, e.Reason, e.Sequence)).ToArray());
        Assert.Equal((1L, 1L), (protocol.Counters.QueueOverflows, protocol.Counters.Resyncs));
        Assert.Equal(BookSyncState.Synced, protocol.SyncStateOf(protocol.Instruments[0]));
    }

    [Fact]
    public void OnRestResponse_BadOrRepeatedOrForeignBodies_CountedNoConnectionsChange()
    {
        var fresh = new BithumbProtocol(new BithumbOptions(), new InstrumentCatalog(), sink, actions);
        fresh.OnRestResponse(BithumbProtocol.MarketListPath, """{"error":{"name":404,"message":"Code not found"}}"""u8, 0);
        fresh.OnRestResponse("/v1/ticker?markets=KRW-BTC", "[]"u8, 0);

        var loaded = Create();
        loaded.OnRestResponse(BithumbProtocol.MarketListPath, Fixture.Read("bithumb-market-all.json"), 1);

        Assert.Empty(fresh.Connections);
        Assert.Equal((1L, 1L), (fresh.Counters.MalformedFrames, fresh.Counters.IgnoredFrames));
        Assert.Single(loaded.Connections);
        Assert.Equal(1, loaded.Counters.IgnoredFrames);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheKey()
    {
        var message = Assert.Throws<ArgumentException>(() => new BithumbProtocol(new BithumbOptions { Depth = 0 }, new InstrumentCatalog(), sink, actions)).Message;

        Assert.Contains("Bithumb:Depth must be between 1 and 15 (was 0).", message, StringComparison.Ordinal);
    }
}
