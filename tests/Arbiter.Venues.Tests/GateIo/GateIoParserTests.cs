using System.Text;
using Arbiter.Core;
using Arbiter.Venues.GateIo;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.GateIo;

public sealed class GateIoParserTests
{
    // Scales from gateio-currency-pairs.json plus GateIoSymbols.ExtraDecimals: BTC_USDT precision 1 / amount 6 → 3 / 8,
    // ETH_USDT precision 6 / amount 3 → 8 / 5.
    private static readonly Instrument BtcUsdt = new(VenueId.GateIo, "BTC_USDT", Asset.Btc, Asset.Usdt, 3, 8);
    private static readonly Instrument EthUsdt = new(VenueId.GateIo, "ETH_USDT", Asset.Of("ETH"), Asset.Usdt, 8, 5);

    [Fact]
    public void ParseFrame_OfficialFullExample_BookSnapshotWithExactLevels()
    {
        var update = new MarketEvent();

        var kind = GateIoParser.ParseFrame(Fixture.Read("gateio-order-book-update-full.json"), Symbols(), update, out var first);

        kind.ShouldBe(GateIoFrameKind.BookSnapshot);
        update.Instrument.ShouldBeSameAs(BtcUsdt);
        first.ShouldBe(48_776_301);
        update.Sequence.ShouldBe(48_776_306);
        update.ExchangeTime.ShouldBe(1_606_294_781_123_000); // "t" in ms, not "time_ms" nor the deprecated "E"
        update.Bids.Span.ToArray().ShouldBe([new Level(19_137_740, 10_000), new Level(19_088_370, 0)]); // 19137.74 at 3 dp, 0.0001 at 8 dp
        update.Asks.Span.ToArray().ShouldBe([new Level(19_137_750, 61_350_000)]); // 19137.75, 0.6135
    }

    [Fact]
    public void ParseFrame_JKorfIncrementalExample_BookUpdateAtTheInstrumentsScales()
    {
        var update = new MarketEvent();

        var kind = GateIoParser.ParseFrame(Fixture.Read("gateio-order-book-update-eth-usdt.json"), Symbols(), update, out var first);

        kind.ShouldBe(GateIoFrameKind.BookUpdate);
        update.Instrument.ShouldBeSameAs(EthUsdt);
        first.ShouldBe(48_776_301);
        update.Sequence.ShouldBe(48_776_306);
        update.Bids.Span.ToArray().ShouldBe([new Level(1_913_774_000_000, 10), new Level(1_908_837_000_000, 0)]); // 8 dp, 5 dp
        update.Asks.Span.ToArray().ShouldBe([new Level(1_913_775_000_000, 61_350)]);
    }

    [Fact]
    public void ParseFrame_TenByTenFixture_AllLevelsInOrder()
    {
        var update = new MarketEvent();

        var kind = GateIoParser.ParseFrame(Fixture.Read("gateio-order-book-update-btc-usdt-10x10.json"), Symbols(), update, out var first);

        kind.ShouldBe(GateIoFrameKind.BookUpdate);
        first.ShouldBe(73_777_715_169);
        update.Sequence.ShouldBe(73_777_715_212);
        update.ExchangeTime.ShouldBe(1_747_054_612_695_000);
        update.Bids.Count.ShouldBe(10);
        update.Asks.Count.ShouldBe(10);
        update.Bids[0].ShouldBe(new Level(104_027_100, 50_939_200)); // "104027.1", "0.509392"
        update.Bids[1].ShouldBe(new Level(104_027_000, 47_793_200)); // "104027" (no fraction), "0.477932"
        update.Bids[5].ShouldBe(new Level(104_020_300, 0));          // "0" removes
        update.Bids[9].ShouldBe(new Level(104_005_700, 100));        // "0.000001"
        update.Asks[0].ShouldBe(new Level(104_027_200, 0));
        update.Asks[9].ShouldBe(new Level(104_045_900, 1_200_000));  // "104045.9", "0.012"
    }

    [Theory]
    [InlineData("gateio-pong.json", GateIoFrameKind.Pong)]
    [InlineData("gateio-error-duplicate-subscription.json", GateIoFrameKind.VenueError)] // spot.obu: not our channel
    public void ParseFrame_RepliesFromFixtures_Classified(string fixture, GateIoFrameKind expected)
    {
        var update = new MarketEvent();

        GateIoParser.ParseFrame(Fixture.Read(fixture), Symbols(), update, out _).ShouldBe(expected);

        update.Instrument.ShouldBeNull();
    }

    [Fact]
    public void ParseFrame_SubscribeAckFixture_AckNamingThePairOfItsPayload()
    {
        var update = new MarketEvent();

        GateIoParser.ParseFrame(Fixture.Read("gateio-subscribe-ack.json"), Symbols(), update, out _).ShouldBe(GateIoFrameKind.Ack);

        update.Instrument.ShouldBeSameAs(EthUsdt);
    }

    [Theory]
    [InlineData("""{"time":1,"time_ms":2,"channel":"spot.order_book_update","event":"subscribe","payload":["BTC_USDT","100ms"],"error":{"code":3,"message":"Server side error happened"},"result":{"status":"fail"}}""", GateIoFrameKind.SubscribeRefused, "BTC_USDT")]
    [InlineData("""{"error":{"code":2,"message":"x"},"payload":["ETH_USDT","100ms"],"event":"subscribe","channel":"spot.order_book_update"}""", GateIoFrameKind.SubscribeRefused, "ETH_USDT")]
    [InlineData("""{"time":1,"channel":"spot.order_book_update","event":"subscribe","payload":["LTC_USDT","100ms"],"error":{"code":2,"message":"unknown currency pair LTC_USDT"},"result":null}""", GateIoFrameKind.VenueError, null)]
    [InlineData("""{"time":1,"channel":"spot.order_book_update","event":"subscribe","payload":[["BTC_USDT"],{"a":1}],"error":{"code":2,"message":"x"},"result":null}""", GateIoFrameKind.VenueError, null)]
    [InlineData("""{"time":1,"channel":"spot.order_book_update","event":"unsubscribe","payload":["BTC_USDT","100ms"],"error":{"code":2,"message":"x"},"result":null}""", GateIoFrameKind.VenueError, null)]
    [InlineData("""{"time":1,"channel":"spot.trades","event":"subscribe","payload":["BTC_USDT"],"error":{"code":2,"message":"x"},"result":null}""", GateIoFrameKind.VenueError, null)]
    [InlineData("""{"time":1,"channel":"spot.order_book_update","event":"subscribe","payload":"BTC_USDT","result":{"status":"success"}}""", GateIoFrameKind.Ack, null)]
    [InlineData("""{"time":1,"channel":"spot.order_book_update","event":"subscribe","payload":["BTC_USDT","100ms"],"result":{"status":"success"}}""", GateIoFrameKind.Ack, "BTC_USDT")]
    public void ParseFrame_RequestReplies_PayloadPairAttributed(string json, GateIoFrameKind expected, string? pair)
    {
        var update = new MarketEvent();

        GateIoParser.ParseFrame(System.Text.Encoding.UTF8.GetBytes(json), Symbols(), update, out _).ShouldBe(expected);

        update.Instrument?.Symbol.ShouldBe(pair);
        (update.Instrument is null).ShouldBe(pair is null);
    }

    [Theory]
    [InlineData("""{"time":1,"channel":"spot.tickers","event":"update","result":{"currency_pair":"BTC_USDT","last":"19106.55"}}""", GateIoFrameKind.Unknown)]
    [InlineData("""{"time":1,"channel":"spot.order_book_update","event":"unsubscribe","error":null,"result":{"status":"success"}}""", GateIoFrameKind.Ack)]
    [InlineData("""{"time":1,"channel":"spot.order_book_update","event":"subscribe","error":{"code":2,"message":"unknown currency pair: FOO_USDT"},"result":null}""", GateIoFrameKind.VenueError)]
    [InlineData("""{"time":1,"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"LTC_USDT","U":1,"u":2,"b":[["1","1"]],"a":[]}}""", GateIoFrameKind.UnknownSymbol)]
    public void ParseFrame_OtherMessages_Classified(string json, GateIoFrameKind expected) =>
        GateIoParser.ParseFrame(Encoding.UTF8.GetBytes(json), Symbols(), new MarketEvent(), out _).ShouldBe(expected);

    [Fact]
    public void ParseFrame_ResultBeforeChannelAndLevelsBeforeSymbol_SameAsCanonicalOrder()
    {
        var json = """{"result":{"b":[["19137.74","0.0001"]],"a":[["19137.75","0.6135"]],"u":7,"U":5,"t":1606294781123,"s":"BTC_USDT"},"event":"update","channel":"spot.order_book_update","time":1}""";
        var update = new MarketEvent();

        var kind = GateIoParser.ParseFrame(Encoding.UTF8.GetBytes(json), Symbols(), update, out var first);

        kind.ShouldBe(GateIoFrameKind.BookUpdate);
        update.Instrument.ShouldBeSameAs(BtcUsdt);
        (first, update.Sequence, update.ExchangeTime).ShouldBe((5L, 7L, 1_606_294_781_123_000L));
        update.Bids.Span.ToArray().ShouldBe([new Level(19_137_740, 10_000)]);
        update.Asks.Span.ToArray().ShouldBe([new Level(19_137_750, 61_350_000)]);
    }

    [Theory]
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":9,"s":"BTC_USDT","U":5,"u":7,"b":[["19137.74","0.0001"]],"a":[["19137.75","0.6135"]]}}""")] // canonical: fast path
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":9,"s":"BTC_USDT","U":5,"u":7,"b":[["19137.74","0.0001"]],"a":[["19137.75","0.6135"]],"l":"100"}}""")] // more after "a"
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":9,"s":"BTC_USDT","U":5,"u":7,"b":[["19137.74","0.0001"]],"a":[["19137.75","0.6135"]]},"time_ms":1}""")] // more after result
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":9,"s":"BTC_USDT","U":5,"u":7,"b":[["1.913774e4","1E-4"]],"a":[["19137.750","0.61350000"]]}}""")] // exponents, padding
    [InlineData("{ \"channel\" : \"spot.order_book_update\", \"event\" : \"update\", \"result\" : { \"t\" : 9, \"s\" : \"BTC_USDT\", \"U\" : 5, \"u\" : 7,\n \"b\" : [ [ \"19137.74\" , \"0.0001\" ] ] ,\n \"a\" : [ [ \"19137.75\" , \"0.6135\" ] ] } }\n")] // whitespace
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":9,"s":"BTC_USDT","U":5,"u":7,"a":[["19137.75","0.6135"]],"b":[["19137.74","0.0001"]]}}""")] // asks first
    public void ParseFrame_FastAndSlowPathSpellings_SameLevels(string json)
    {
        var update = new MarketEvent();

        var kind = GateIoParser.ParseFrame(Encoding.UTF8.GetBytes(json), Symbols(), update, out var first);

        kind.ShouldBe(GateIoFrameKind.BookUpdate);
        (first, update.Sequence, update.ExchangeTime).ShouldBe((5L, 7L, 9_000L));
        update.Bids.Span.ToArray().ShouldBe([new Level(19_137_740, 10_000)]);
        update.Asks.Span.ToArray().ShouldBe([new Level(19_137_750, 61_350_000)]);
    }

    [Theory]
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":9,"s":"BTC_USDT","U":5,"u":7,"b":[["1","1"]],"a":[]},"error":{"code":3,"message":"Server side error happened"}}""", GateIoFrameKind.VenueError)]
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":9,"s":"BTC_USDT","s":"LTC_USDT","U":5,"u":7,"b":[["1","1"]],"a":[]}}""", GateIoFrameKind.UnknownSymbol)]
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":9,"s":"BTC_USDT","U":5,"u":7,"b":[["1","1"]],"a":[["1.0001","1"]]}}""", GateIoFrameKind.Malformed)]
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":9,"s":"BTC_USDT","U":5,"u":7,"b":[["1","1"]],"a":[]},"result":{}}""", GateIoFrameKind.Malformed)]
    public void ParseFrame_TailThatTheFastPathMustNotAccept_ReaderDecides(string json, GateIoFrameKind expected) =>
        GateIoParser.ParseFrame(Encoding.UTF8.GetBytes(json), Symbols(), new MarketEvent(), out _).ShouldBe(expected);

    [Fact]
    public void ParseFrame_FullBookWithoutFirstId_BookSnapshot()
    {
        var json = """{"channel":"spot.order_book_update","event":"update","result":{"t":1,"full":true,"s":"BTC_USDT","u":9,"b":[],"a":[["1","1"]]}}""";
        var update = new MarketEvent();

        GateIoParser.ParseFrame(Encoding.UTF8.GetBytes(json), Symbols(), update, out var first).ShouldBe(GateIoFrameKind.BookSnapshot);

        (first, update.Sequence).ShouldBe((0L, 9L));
    }

    [Theory]
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","U":1,"u":2,"b":[["1","1"]],"a":[]""")] // truncated
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","U":1,"u":2,"b":[["NaN","1"]],"a":[]}}""")]
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","U":1,"u":2,"b":[["1","-1"]],"a":[]}}""")]
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","U":1,"u":2,"b":[["1.0001","1"]],"a":[]}}""")] // finer than scale 3
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","U":1,"u":2,"b":[["1","0.000000001"]],"a":[]}}""")] // finer than scale 8
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","U":1,"u":2,"b":[["99999999999999999999","1"]],"a":[]}}""")] // huge
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","U":1,"u":2,"b":[["0","1"]],"a":[]}}""")] // zero price
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","U":1,"u":2,"b":[[1,"1"]],"a":[]}}""")] // number, not string
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","U":1,"u":2,"b":[["1","1","1"]],"a":[]}}""")]
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","U":1,"u":2,"b":{},"a":[]}}""")] // not an array
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","U":1,"b":[],"a":[]}}""")] // no u
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","u":2,"b":[],"a":[]}}""")] // no U on an increment
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","U":3,"u":2,"b":[],"a":[]}}""")] // U > u
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","U":-1,"u":2,"b":[],"a":[]}}""")]
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"s":"BTC_USDT","t":"1","U":1,"u":2,"b":[],"a":[]}}""")] // t as string
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","U":1,"u":2.5,"b":[],"a":[]}}""")]
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","full":"yes","U":1,"u":2,"b":[],"a":[]}}""")]
    public void ParseFrame_MalformedFrameOfWatchedPair_MalformedAndAttributed(string json)
    {
        var update = new MarketEvent();

        GateIoParser.ParseFrame(Encoding.UTF8.GetBytes(json), Symbols(), update, out _).ShouldBe(GateIoFrameKind.Malformed);

        update.Instrument.ShouldBeSameAs(BtcUsdt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("""{"channel":1}""")]
    [InlineData("""{"channel":"spot.order_book_update","event":"update"}""")] // no result
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"U":1,"u":2,"b":[],"a":[]}}""")] // no pair
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":7,"U":1,"u":2,"b":[],"a":[]}}""")]
    [InlineData("""{"channel":"spot.order_book_update","event":"update","result":{"s":"BTC_USDT"}} {}""")] // trailing data
    public void ParseFrame_UnattributableGarbage_Malformed(string json) =>
        GateIoParser.ParseFrame(Encoding.UTF8.GetBytes(json), Symbols(), new MarketEvent(), out _).ShouldBe(GateIoFrameKind.Malformed);

    [Fact]
    public void ParseFrame_InvalidUtf8InSymbol_MalformedNotUnknown()
    {
        var frame = Encoding.UTF8.GetBytes("""{"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDX","U":1,"u":2,"b":[],"a":[]}}""");
        frame[Array.IndexOf(frame, (byte)'X')] = 0xFF;

        GateIoParser.ParseFrame(frame, Symbols(), new MarketEvent(), out _).ShouldBe(GateIoFrameKind.Malformed);
    }

    [Fact]
    public void ParseFrame_ReusedScratch_PreviousLevelsCleared()
    {
        var symbols = Symbols();
        var update = new MarketEvent();
        GateIoParser.ParseFrame(Fixture.Read("gateio-order-book-update-btc-usdt-10x10.json"), symbols, update, out _);

        GateIoParser.ParseFrame(Fixture.Read("gateio-pong.json"), symbols, update, out var first);

        (update.Bids.Count, update.Asks.Count, update.Sequence, first).ShouldBe((0, 0, 0L, 0L));
        update.Instrument.ShouldBeNull();
    }

    [Fact]
    public void ParseFrame_TenByTenFrame_AllocatesNothing()
    {
        var frame = Fixture.Read("gateio-order-book-update-btc-usdt-10x10.json");
        var symbols = Symbols();
        var update = new MarketEvent();
        for (var i = 0; i < 100; i++)
        {
            GateIoParser.ParseFrame(frame, symbols, update, out _);
        }

        var allocated = Allocations.Minimum(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                GateIoParser.ParseFrame(frame, symbols, update, out _);
            }
        });
        allocated.ShouldBe(0);
    }

    [Fact]
    public void TryParseSnapshot_OfficialRestExample_ExactLevelsIdAndUpdateTime()
    {
        var bids = new LevelList();
        var asks = new LevelList();

        var ok = GateIoParser.TryParseSnapshot(Fixture.Read("gateio-order-book-rest.json"), BtcUsdt, bids, asks, out var id, out var exchangeTime);

        ok.ShouldBeTrue();
        id.ShouldBe(123_456);
        exchangeTime.ShouldBe(1_623_898_993_121_000); // "update", the time the book last changed
        bids.Span.ToArray().ShouldBe([new Level(1_170, 20_186_300_000), new Level(1_160, 72_546_400_000)]); // 1.17 / 201.863
        asks.Span.ToArray().ShouldBe([new Level(1_520, 115_100_000), new Level(1_530, 121_800_000)]);       // 1.52 / 1.151
    }

    [Fact]
    public void TryParseSnapshot_ZeroAmount_Skipped()
    {
        var bids = new LevelList();
        var asks = new LevelList();

        GateIoParser.TryParseSnapshot("""{"id":1,"bids":[["2","0"],["1","1"]],"asks":[]}"""u8, BtcUsdt, bids, asks, out _, out var exchangeTime).ShouldBeTrue();

        bids.Span.ToArray().ShouldBe([new Level(1_000, 100_000_000)]);
        exchangeTime.ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"id":1,"bids":[["1","1"]]}""")] // no asks
    [InlineData("""{"bids":[],"asks":[]}""")] // no id: with_id=true missing
    [InlineData("""{"id":-1,"bids":[],"asks":[]}""")]
    [InlineData("""{"id":1,"bids":[["1.0001","1"]],"asks":[]}""")]
    [InlineData("""{"label":"INVALID_CURRENCY_PAIR","message":"Invalid currency pair"}""")]
    [InlineData("""{"id":1,"bids":[],"asks":[]""")]
    [InlineData("[]")]
    public void TryParseSnapshot_InvalidBody_False(string json) =>
        GateIoParser.TryParseSnapshot(Encoding.UTF8.GetBytes(json), BtcUsdt, new LevelList(), new LevelList(), out _, out _).ShouldBeFalse();

    private static Utf8SymbolMap<Instrument> Symbols()
    {
        var map = new Utf8SymbolMap<Instrument>();
        map.Set("BTC_USDT", BtcUsdt);
        map.Set("ETH_USDT", EthUsdt);
        return map;
    }
}
