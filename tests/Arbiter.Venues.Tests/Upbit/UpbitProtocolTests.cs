using System.Globalization;
using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Tests.TestSupport;
using Arbiter.Venues.Upbit;

namespace Arbiter.Venues.Tests.Upbit;

public sealed class UpbitProtocolTests
{
    private const string Connection = "upbit-0#1";
    private const long KrwUnit = 100_000_000;

    private readonly RecordingSink sink = new();
    private readonly RecordingActions actions = new();
    private readonly UpbitProtocol protocol;

    public UpbitProtocolTests()
    {
        protocol = new UpbitProtocol(new UpbitOptions { Assets = ["BTC", "ETH"] }, new InstrumentCatalog(), sink, actions);
        protocol.OnRestResponse(UpbitProtocol.MarketListPath, Fixture.Read("upbit-market-all.json"), 0);
    }

    private Instrument Btc => protocol.Instruments[0];

    private static byte[] Book(string code, long timestamp, long askPrice, string askSize, long bidPrice, string bidSize) =>
        Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"type":"orderbook","code":"{{{code}}}","timestamp":{{{timestamp}}},"total_ask_size":1.0,"total_bid_size":1.0,"orderbook_units":[{"ask_price":{{{askPrice}}}.0,"bid_price":{{{bidPrice}}}.0,"ask_size":{{{askSize}}},"bid_size":{{{bidSize}}}}],"level":0,"stream_type":"REALTIME"}"""));

    [Fact]
    public void Connections_AfterMarketList_OneConnectionWithPing()
    {
        var spec = Assert.Single(protocol.Connections);

        Assert.Equal("upbit-0", spec.Name);
        Assert.Equal(new Uri("wss://api.upbit.com/websocket/v1"), spec.Url);
        Assert.Equal("PING", spec.PingText);
        Assert.Equal(TimeSpan.FromSeconds(60), spec.PingInterval);
        Assert.Null(spec.MaxLifetime);
        Assert.Equal(TimeSpan.FromMinutes(2), spec.IdleTimeout);
        Assert.Equal(["/v1/market/all?is_details=true"], protocol.MarketListRequests);
    }

    [Fact]
    public void OnOpened_SendsSubscriptionAndPublishesSyncingPerBook()
    {
        protocol.OnOpened(Connection, 1_000);

        var sent = Assert.Single(actions.Sends);
        Assert.Equal(Connection, sent.ConnectionId);
        Assert.Equal(
            """[{"ticket":"arbiter-upbit-0#1"},{"type":"orderbook","codes":["KRW-BTC.15","KRW-ETH.15"]},{"format":"DEFAULT"}]""",
            sent.Text);
        Assert.Equal(
            [(MarketEventKind.BookSyncing, "KRW-BTC"), (MarketEventKind.BookSyncing, "KRW-ETH")],
            sink.Events.Select(e => (e.Kind, e.Instrument!.Symbol)).ToArray());
    }

    [Fact]
    public void OnFrame_EveryMessage_ReplacesTheBook()
    {
        protocol.OnOpened(Connection, 1_000);
        sink.Clear();

        protocol.OnFrame(Connection, Fixture.Read("upbit-orderbook-krw-btc.json"), 2_000);
        protocol.OnFrame(Connection, Book("KRW-BTC", 1_746_601_573_900, 137_003_000, "0.5", 136_999_000, "1.0E-4"), 3_000);

        var events = sink.Events;
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(MarketEventKind.BookSnapshot, e.Kind));
        Assert.Equal(1_746_601_573_804, events[0].Sequence);
        Assert.Equal(1_746_601_573_804_000, events[0].ExchangeTime);
        Assert.Equal(2_000, events[0].ReceiveTime);
        Assert.Equal(15, events[0].Depth);
        Assert.Equal([new Level(137_002_000 * KrwUnit, 10_600_000)], events[0].Asks);
        Assert.Equal([new Level(137_001_000 * KrwUnit, 3_600_000)], events[0].Bids);
        Assert.Equal(1_746_601_573_900, events[1].Sequence);
        Assert.Equal([new Level(137_003_000 * KrwUnit, 50_000_000)], events[1].Asks);
        Assert.Equal([new Level(136_999_000 * KrwUnit, 10_000)], events[1].Bids);
        Assert.Equal(BookSyncState.Synced, protocol.SyncStateOf(Btc));
    }

    [Fact]
    public void OnFrame_OlderTimestamp_IgnoredAndCounted_EqualTimestampApplied()
    {
        protocol.OnOpened(Connection, 1_000);
        sink.Clear();

        protocol.OnFrame(Connection, Book("KRW-BTC", 2_000, 101, "1.0", 100, "1.0"), 2_000);
        protocol.OnFrame(Connection, Book("KRW-BTC", 1_999, 105, "1.0", 104, "1.0"), 2_001);
        protocol.OnFrame(Connection, Book("KRW-BTC", 2_000, 102, "1.0", 100, "2.0"), 2_002);

        Assert.Equal([2_000L, 2_000L], sink.Events.Select(e => e.Sequence).ToArray());
        Assert.Equal(102 * KrwUnit, sink.Events[1].Asks[0].Price);
        Assert.Equal(1, protocol.Counters.IgnoredFrames);
    }

    [Fact]
    public void OnFrame_PongErrorAndUnknownCode_CountedWithoutEvents()
    {
        protocol.OnOpened(Connection, 1_000);
        sink.Clear();

        protocol.OnFrame(Connection, """{"status":"UP"}"""u8, 2_000);
        protocol.OnFrame(Connection, """{"error":{"name":"INVALID_PARAM","message":"bad"}}"""u8, 2_001);
        protocol.OnFrame(Connection, Book("KRW-ADA", 1, 1, "1.0", 1, "1.0"), 2_002);

        Assert.Empty(sink.Events);
        Assert.Equal(1, protocol.Counters.IgnoredFrames);
        Assert.Equal(1, protocol.Counters.VenueErrors);
        Assert.Equal(1, protocol.Counters.UnknownSymbols);
        Assert.Equal(3, protocol.Counters.Frames);
    }

    [Fact]
    public void OnClosed_InvalidatedDisconnected_MessagesIgnoredUntilReopened()
    {
        protocol.OnOpened(Connection, 1_000);
        protocol.OnFrame(Connection, Book("KRW-BTC", 5_000, 101, "1.0", 100, "1.0"), 2_000);
        sink.Clear();

        protocol.OnClosed(Connection, 3_000);
        protocol.OnFrame(Connection, Book("KRW-BTC", 6_000, 101, "1.0", 100, "1.0"), 3_500);
        protocol.OnOpened("upbit-0#2", 4_000);
        protocol.OnFrame("upbit-0#2", Book("KRW-BTC", 4_000, 103, "1.0", 102, "1.0"), 5_000); // new connection: older timestamp accepted

        Assert.Equal(
            [(MarketEventKind.BookInvalidated, "KRW-BTC", BookInvalidReason.Disconnected),
             (MarketEventKind.BookInvalidated, "KRW-ETH", BookInvalidReason.Disconnected),
             (MarketEventKind.BookSyncing, "KRW-BTC", BookInvalidReason.None),
             (MarketEventKind.BookSyncing, "KRW-ETH", BookInvalidReason.None),
             (MarketEventKind.BookSnapshot, "KRW-BTC", BookInvalidReason.None)],
            sink.Events.Select(e => (e.Kind, e.Instrument!.Symbol, e.Reason)).ToArray());
        Assert.Equal("""[{"ticket":"arbiter-upbit-0#2"},{"type":"orderbook","codes":["KRW-BTC.15","KRW-ETH.15"]},{"format":"DEFAULT"}]""", actions.Sends[1].Text);
    }

    [Fact]
    public void OnFrame_QueueRefusesSnapshot_InvalidatedQueueOverflowBeforeNextSnapshot()
    {
        protocol.OnOpened(Connection, 1_000);
        sink.Clear();
        sink.RefuseNext(1);

        protocol.OnFrame(Connection, Book("KRW-BTC", 2_000, 101, "1.0", 100, "1.0"), 2_000);
        protocol.OnFrame(Connection, Book("KRW-BTC", 2_100, 102, "1.0", 100, "1.0"), 3_000);

        Assert.Equal(
            [(MarketEventKind.BookInvalidated, BookInvalidReason.QueueOverflow, 0L), (MarketEventKind.BookSyncing, BookInvalidReason.None, 0L),
             (MarketEventKind.BookSnapshot, BookInvalidReason.None, 2_100L)],
            sink.Events.Select(e => (e.Kind, e.Reason, e.Sequence)).ToArray());
        Assert.Equal(1, protocol.Counters.QueueOverflows);
        Assert.Equal(BookSyncState.Synced, protocol.SyncStateOf(Btc));
    }

    [Fact]
    public void OnFrame_MalformedMessageOfWatchedCode_InvalidatedUntilNextMessage()
    {
        protocol.OnOpened(Connection, 1_000);
        protocol.OnFrame(Connection, Book("KRW-BTC", 2_000, 101, "1.0", 100, "1.0"), 2_000);
        sink.Clear();

        protocol.OnFrame(Connection, Book("KRW-BTC", 2_100, 101, "-1.0", 100, "1.0"), 3_000);
        protocol.OnFrame(Connection, Book("KRW-BTC", 2_200, 101, "1.0", 100, "1.0"), 4_000);

        Assert.Equal(
            [MarketEventKind.BookInvalidated, MarketEventKind.BookSyncing, MarketEventKind.BookSnapshot],
            sink.Events.Select(e => e.Kind).ToArray());
        Assert.Equal(BookInvalidReason.MalformedFrame, sink.Events[0].Reason);
        Assert.Equal(1, protocol.Counters.MalformedFrames);
    }
}
