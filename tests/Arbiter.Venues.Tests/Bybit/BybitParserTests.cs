using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Bybit;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.Bybit;

public sealed class BybitParserTests
{
    // BTCUSDT as the market list fixture gives it: tick 0.1 and base precision 0.000001, plus two decimals of headroom.
    private static readonly Instrument BtcUsdt = new(VenueId.Bybit, "BTCUSDT", Asset.Btc, Asset.Usdt, priceScale: 3, quantityScale: 8);

    private static Utf8SymbolMap<Instrument> Symbols()
    {
        var map = new Utf8SymbolMap<Instrument>();
        map.Set(BtcUsdt.Symbol, BtcUsdt);
        return map;
    }

    private static BybitFrameKind Parse(byte[] frame, MarketEvent book) => BybitParser.ParseFrame(frame, Symbols(), book);

    [Fact]
    public void ParseFrame_SpotSnapshot10x10_ExactUnitsAsSent()
    {
        var book = new MarketEvent();

        Parse(Fixture.Read("bybit-orderbook-spot-btcusdt-snapshot-10x10.json"), book).ShouldBe(BybitFrameKind.Snapshot);

        book.Instrument.ShouldBeSameAs(BtcUsdt);
        book.Sequence.ShouldBe(5_179_079);
        book.ExchangeTime.ShouldBe(1_703_430_557_664_000); // cts, not ts (…696)
        book.Bids.Span.ToArray().ShouldBe(
        [
            new Level(43_732_010, 4_939_100), new Level(43_731_970, 60_900), new Level(43_730_000, 11_010_000),
            new Level(43_729_910, 150_000), new Level(43_728_180, 27_064_900), new Level(43_728_170, 4_999_600),
            new Level(43_728_000, 11_010_000), new Level(43_726_910, 150_000), new Level(43_725_350, 108_750_200),
            new Level(43_725_340, 50_000_000),
        ]);
        book.Asks.Span.ToArray().ShouldBe(
        [
            new Level(43_732_020, 719_127_400), new Level(43_732_030, 153_830_500), new Level(43_732_040, 500_000),
            new Level(43_732_920, 8_000_000), new Level(43_732_970, 19_000_000), new Level(43_733_670, 41_325_400),
            new Level(43_733_680, 5_494_100), new Level(43_733_940, 494_800), new Level(43_733_970, 19_000_000),
            new Level(43_734_000, 11_010_000),
        ]);
    }

    [Fact]
    public void ParseFrame_SpotDelta_ZeroSizesKeptAsDeletes()
    {
        var book = new MarketEvent();

        Parse(Fixture.Read("bybit-orderbook-spot-btcusdt-delta.json"), book).ShouldBe(BybitFrameKind.Delta);

        book.Sequence.ShouldBe(5_179_080);
        book.ExchangeTime.ShouldBe(1_703_430_557_847_000);
        book.Bids.Span.ToArray().ShouldBe(
        [
            new Level(43_728_190, 50_000_000), new Level(43_725_350, 0), new Level(43_725_340, 0), new Level(43_725_320, 0),
            new Level(43_724_110, 33_301_200), new Level(43_724_100, 0), new Level(43_720_300, 3_471_700),
            new Level(43_636_360, 2_770_500),
        ]);
        book.Asks.Span.ToArray().ShouldBe(
        [
            new Level(43_736_010, 52_500_000), new Level(43_743_030, 915_200), new Level(43_752_770, 50_000_000),
            new Level(43_829_750, 0), new Level(43_829_920, 0),
        ]);
    }

    [Fact]
    public void ParseFrame_SnapshotWithoutCts_TsAsExchangeTimeAndWholePrices()
    {
        var book = new MarketEvent();

        Parse(Fixture.Read("bybit-orderbook-spot-btcusdt-snapshot-bbgo.json"), book).ShouldBe(BybitFrameKind.Snapshot);

        book.Sequence.ShouldBe(1_841_364);
        book.ExchangeTime.ShouldBe(1_691_129_753_071_000);
        book.Bids.Span.ToArray().ShouldBe([new Level(29_230_810, 471_381_700), new Level(29_230_000, 16_460_000), new Level(29_229_920, 3_600_000)]);
        book.Asks.Span.ToArray().ShouldBe([new Level(29_230_820, 274_542_100), new Level(29_231_410, 160_000_000), new Level(29_231_420, 51_365_400)]);
    }

    [Fact]
    public void ParseFrame_DeltaWithEmptyBids_OnlyAsks()
    {
        var book = new MarketEvent();

        Parse(Fixture.Read("bybit-orderbook-spot-btcusdt-delta-bbgo.json"), book).ShouldBe(BybitFrameKind.Delta);

        book.Sequence.ShouldBe(1_854_104);
        book.Bids.Count.ShouldBe(0);
        book.Asks.Span.ToArray().ShouldBe([new Level(29_239_370, 8_235_600), new Level(29_236_100, 0)]);
    }

    [Fact]
    public void ParseFrame_DocsDeltaTypeBeforeTsAndPaddedPrices_ExactUnits()
    {
        var book = new MarketEvent();

        Parse(Fixture.Read("bybit-orderbook-delta-docs.json"), book).ShouldBe(BybitFrameKind.Delta);

        book.Sequence.ShouldBe(177_400_507);
        book.ExchangeTime.ShouldBe(1_687_940_967_464_000);
        book.Bids.Span.ToArray().ShouldBe(
        [
            new Level(30_247_200, 3_002_800_000), new Level(30_245_400, 22_400_000), new Level(30_242_100, 159_300_000),
            new Level(30_240_300, 130_500_000), new Level(30_240_000, 0),
        ]);
        book.Asks.Count.ShouldBe(7);
        book.Asks[0].ShouldBe(new Level(30_248_700, 0));
        book.Asks[6].ShouldBe(new Level(30_252_500, 459_100_000));
    }

    [Fact]
    public void ParseFrame_FieldsInAnyOrder_SameBook()
    {
        var book = new MarketEvent();
        var frame = Encoding.UTF8.GetBytes("""{"data":{"b":[["100.5","1"]],"u":7,"a":[["101","0.25"]],"s":"BTCUSDT"},"cts":1700000000123,"type":"delta","topic":"orderbook.50.BTCUSDT"}""");

        Parse(frame, book).ShouldBe(BybitFrameKind.Delta);

        book.Instrument.ShouldBeSameAs(BtcUsdt);
        book.Sequence.ShouldBe(7);
        book.ExchangeTime.ShouldBe(1_700_000_000_123_000);
        book.Bids.Span.ToArray().ShouldBe([new Level(100_500, 100_000_000)]);
        book.Asks.Span.ToArray().ShouldBe([new Level(101_000, 25_000_000)]);
    }

    [Theory]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","ts":5,"type":"delta","data":{"s":"BTCUSDT","b":[["100.5","1"]],"a":[["101","0.25"]],"u":7,"seq":9},"cts":6}""")]
    [InlineData("{ \"topic\" : \"orderbook.50.BTCUSDT\",\n \"ts\" : 5, \"type\" : \"delta\",\n \"data\" : { \"s\" : \"BTCUSDT\",\n  \"b\" : [ [ \"100.5\" , \"1\" ] ] ,\n  \"a\" : [ [\"101\",\"0.25\"] ],\n  \"u\" : 7 , \"seq\" : 9 } ,\n \"cts\" : 6 }\n")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","ts":5,"type":"delta","data":{"s":"BTCUSDT","b":[["100.5","1"]],"a":[["101","0.25"]],"seq":9,"u":7},"cts":6}""")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","ts":5,"type":"delta","data":{"s":"BTCUSDT","b":[["100.5","1"]],"a":[["101","0.25"]],"u":7,"seq":9,"x":"y"},"cts":6}""")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","ts":5,"type":"delta","data":{"s":"BTCUSDT","b":[["100.5","1"]],"a":[["101","0.25"]],"u":7,"seq":9},"cts":6,"id":"x"}""")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","ts":5,"type":"delta","data":{"s":"BTCUSDT","u":7,"a":[["101","0.25"]],"b":[["100.5","1"]],"seq":9},"cts":6}""")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","ts":5,"type":"delta","data":{"s":"BTCUSDT","b":[["100.5","1"]],"a":[["101","0.25"]],"u":7,"seq":"9"},"cts":6}""")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","ts":5,"data":{"s":"BTCUSDT","b":[["100.50","1e0"]],"a":[["1.01E2","0.250"]],"u":7,"seq":9.5},"cts":6,"type":"delta"}""")]
    [InlineData("""{"cts":6,"data":{"seq":9,"u":7,"a":[["101","0.25"]],"b":[["100.5","1"]],"s":"BTCUSDT"},"type":"delta","ts":5,"topic":"orderbook.50.BTCUSDT"}""")]
    public void ParseFrame_CanonicalOrNot_FastAndFullPathsAgree(string json)
    {
        var book = new MarketEvent();

        Parse(Encoding.UTF8.GetBytes(json), book).ShouldBe(BybitFrameKind.Delta);

        (book.Instrument, book.Sequence, book.ExchangeTime).ShouldBe((BtcUsdt, 7L, 6_000L));
        book.Bids.Span.ToArray().ShouldBe([new Level(100_500, 100_000_000)]);
        book.Asks.Span.ToArray().ShouldBe([new Level(101_000, 25_000_000)]);
    }

    [Fact]
    public void ParseFrame_TsAsDigitString_Accepted()
    {
        // The docs' field-order note spells ts as a string ("ts": "1772694601512").
        var book = new MarketEvent();
        var frame = Encoding.UTF8.GetBytes("""{"topic":"orderbook.1.BTCUSDT","ts":"1772694601512","type":"snapshot","data":{"s":"BTCUSDT","b":[["1","1"]],"a":[],"u":3,"seq":4}}""");

        Parse(frame, book).ShouldBe(BybitFrameKind.Snapshot);

        book.ExchangeTime.ShouldBe(1_772_694_601_512_000);
    }

    [Theory]
    [InlineData("bybit-pong.json", BybitFrameKind.Pong)]
    [InlineData("bybit-subscribe-reply.json", BybitFrameKind.Ack)]
    public void ParseFrame_DocsReplies_Classified(string fixture, BybitFrameKind expected) =>
        Parse(Fixture.Read(fixture), new MarketEvent()).ShouldBe(expected);

    [Theory]
    [InlineData("""{"args":["1672916271846"],"op":"pong"}""", BybitFrameKind.Pong)]
    [InlineData("""{"success":true,"ret_msg":"","conn_id":"c","req_id":"7","op":"unsubscribe"}""", BybitFrameKind.Ack)]
    [InlineData("""{"success":false,"ret_msg":"error:handler not found,topic:orderbook.500.BTCUSDT","conn_id":"c","req_id":"2","op":"subscribe"}""", BybitFrameKind.VenueError)]
    [InlineData("""{"success":false,"ret_msg":"args size >10","op":"subscribe"}""", BybitFrameKind.VenueError)]
    [InlineData("""{"topic":"publicTrade.BTCUSDT","ts":1703430744103,"type":"snapshot","data":[{"i":"2290000000090712222","T":1703430744102,"p":"43774","v":"0.0026","S":"Sell","s":"BTCUSDT","BT":false}]}""", BybitFrameKind.Unknown)]
    [InlineData("""{"topic":"orderbook.50.ADAUSDT","ts":1,"type":"snapshot","data":{"s":"ADAUSDT","b":[["0.35","-1"]],"a":[],"u":1}}""", BybitFrameKind.UnknownSymbol)]
    public void ParseFrame_OtherMessages_Classified(string json, BybitFrameKind expected) =>
        Parse(Encoding.UTF8.GetBytes(json), new MarketEvent()).ShouldBe(expected);

    [Theory]
    [InlineData("""{"success":false,"ret_msg":"Too many visits!","conn_id":"c","req_id":"42","op":"subscribe"}""", BybitFrameKind.VenueError, 42L)]
    [InlineData("""{"req_id":"7","success":true,"ret_msg":"subscribe","conn_id":"c","op":"subscribe"}""", BybitFrameKind.Ack, 7L)]
    [InlineData("""{"success":false,"ret_msg":"x","conn_id":"c","req_id":"","op":"subscribe"}""", BybitFrameKind.VenueError, 0L)]
    [InlineData("""{"success":false,"ret_msg":"x","conn_id":"c","req_id":"book3","op":"subscribe"}""", BybitFrameKind.VenueError, 0L)]
    [InlineData("""{"success":false,"ret_msg":"x","conn_id":"c","req_id":12,"op":"subscribe"}""", BybitFrameKind.VenueError, 0L)]
    [InlineData("""{"success":false,"ret_msg":"x","conn_id":"c","req_id":"1234567890123456789","op":"subscribe"}""", BybitFrameKind.VenueError, 0L)]
    [InlineData("""{"success":false,"ret_msg":"args size >10","op":"subscribe"}""", BybitFrameKind.VenueError, 0L)]
    public void ParseFrame_Reply_RequestIdInSequence(string json, BybitFrameKind expected, long requestId)
    {
        var book = new MarketEvent { Sequence = 99 };

        Parse(Encoding.UTF8.GetBytes(json), book).ShouldBe(expected);

        book.Sequence.ShouldBe(requestId);
    }

    public static TheoryData<string> MalformedNames() =>
    [
        "empty", "truncated", "not an object", "bad UTF-8 in the symbol", "bare NaN", "NaN string", "negative price",
        "negative size", "1e400 price", "exponent price", "finer than the scale", "20-digit size", "number price",
        "escaped price", "price 0", "three-element level", "level not an array", "levels not an array", "missing u",
        "u as string", "u zero", "missing s", "missing type", "unknown type", "missing data", "data not an object",
        "no ts nor cts", "negative ts", "ts as bool", "ts string with a letter", "success as string", "trailing garbage",
        "10 MB of nesting",
    ];

    [Theory]
    [MemberData(nameof(MalformedNames))]
    public void ParseFrame_MalformedCorpus_MalformedWithoutException(string name)
    {
        var kind = BybitParser.ParseFrame(Malformed(name), Symbols(), new MarketEvent());

        kind.ShouldBe(BybitFrameKind.Malformed, name);
    }

    [Theory]
    [InlineData("negative size")]
    [InlineData("levels before s, bad")]
    public void ParseFrame_MalformedLevelsOfWatchedSymbol_Attributed(string name)
    {
        var book = new MarketEvent();

        BybitParser.ParseFrame(Malformed(name), Symbols(), book).ShouldBe(BybitFrameKind.Malformed);

        book.Instrument.ShouldBeSameAs(BtcUsdt);
    }

    [Fact]
    public void ParseFrame_Snapshot10x10AndDelta_AllocateNothing()
    {
        var snapshot = Fixture.Read("bybit-orderbook-spot-btcusdt-snapshot-10x10.json");
        var delta = Fixture.Read("bybit-orderbook-spot-btcusdt-delta.json");
        var pong = Fixture.Read("bybit-pong.json");
        var symbols = Symbols();
        var book = new MarketEvent();
        for (var i = 0; i < 100; i++)
        {
            BybitParser.ParseFrame(snapshot, symbols, book);
            BybitParser.ParseFrame(delta, symbols, book);
            BybitParser.ParseFrame(pong, symbols, book);
        }

        var allocated = Allocations.Minimum(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                BybitParser.ParseFrame(snapshot, symbols, book);
                BybitParser.ParseFrame(delta, symbols, book);
                BybitParser.ParseFrame(pong, symbols, book);
            }
        });
        allocated.ShouldBe(0);
    }

    private static byte[] Malformed(string name)
    {
        static byte[] U(string s) => Encoding.UTF8.GetBytes(s);
        static byte[] Book(string bids, string asks = "[]", string u = "5") =>
            U($$$"""{"topic":"orderbook.50.BTCUSDT","ts":1703430557696,"type":"delta","data":{"s":"BTCUSDT","b":{{{bids}}},"a":{{{asks}}},"u":{{{u}}}}}""");
        return name switch
        {
            "empty" => [],
            "truncated" => U("""{"topic":"orderbook.50.BTCUSDT","ts":1,"type":"delta","data":{"s":"BTCUSDT","b":[["1","1"]"""),
            "not an object" => U("""[{"topic":"orderbook.50.BTCUSDT"}]"""),
            "bad UTF-8 in the symbol" => [.. U("""{"topic":"orderbook.50.BTCUSDT","ts":1,"type":"delta","data":{"s":"BTC"""), 0xFE, .. U("""USDT","b":[],"a":[],"u":5}}""")],
            "bare NaN" => Book("""[[NaN,"1"]]"""),
            "NaN string" => Book("""[["NaN","1"]]"""),
            "negative price" => Book("""[["-100","1"]]"""),
            "negative size" => Book("""[["100","-1"]]"""),
            "1e400 price" => Book("""[["1e400","1"]]"""),
            "exponent price" => Book("""[["1e-9","1"]]"""),
            "finer than the scale" => Book("""[["43732.0001","1"]]"""),
            "20-digit size" => Book("""[["100","12345678901234567890"]]"""),
            "number price" => Book("""[[100,"1"]]"""),
            "escaped price" => Book("""[["\u0031\u0030\u0030","1"]]"""),
            "price 0" => Book("""[["0","1"]]"""),
            "three-element level" => Book("""[["100","1","2"]]"""),
            "level not an array" => Book("""["100"]"""),
            "levels not an array" => Book("{}"),
            "missing u" => U("""{"topic":"orderbook.50.BTCUSDT","ts":1,"type":"delta","data":{"s":"BTCUSDT","b":[],"a":[]}}"""),
            "u as string" => Book("[]", u: "\"5\""),
            "u zero" => Book("[]", u: "0"),
            "missing s" => U("""{"topic":"orderbook.50.BTCUSDT","ts":1,"type":"delta","data":{"b":[],"a":[],"u":5}}"""),
            "missing type" => U("""{"topic":"orderbook.50.BTCUSDT","ts":1,"data":{"s":"BTCUSDT","b":[],"a":[],"u":5}}"""),
            "unknown type" => U("""{"topic":"orderbook.50.BTCUSDT","ts":1,"type":"partial","data":{"s":"BTCUSDT","b":[],"a":[],"u":5}}"""),
            "missing data" => U("""{"topic":"orderbook.50.BTCUSDT","ts":1,"type":"delta"}"""),
            "data not an object" => U("""{"topic":"orderbook.50.BTCUSDT","ts":1,"type":"delta","data":[]}"""),
            "no ts nor cts" => U("""{"topic":"orderbook.50.BTCUSDT","type":"delta","data":{"s":"BTCUSDT","b":[],"a":[],"u":5}}"""),
            "negative ts" => U("""{"topic":"orderbook.50.BTCUSDT","ts":-1,"type":"delta","data":{"s":"BTCUSDT","b":[],"a":[],"u":5}}"""),
            "ts as bool" => U("""{"topic":"orderbook.50.BTCUSDT","ts":true,"type":"delta","data":{"s":"BTCUSDT","b":[],"a":[],"u":5}}"""),
            "ts string with a letter" => U("""{"topic":"orderbook.50.BTCUSDT","ts":"17x","type":"delta","data":{"s":"BTCUSDT","b":[],"a":[],"u":5}}"""),
            "success as string" => U("""{"success":"true","ret_msg":"pong","op":"ping"}"""),
            "trailing garbage" => U("""{"success":true,"ret_msg":"pong","op":"ping"} }"""),
            "10 MB of nesting" => U(new string('[', 10_000_000)),
            "levels before s, bad" => U("""{"topic":"orderbook.50.BTCUSDT","ts":1,"type":"delta","data":{"b":[["100","-1"]],"a":[],"s":"BTCUSDT","u":5}}"""),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such frame."),
        };
    }
}
