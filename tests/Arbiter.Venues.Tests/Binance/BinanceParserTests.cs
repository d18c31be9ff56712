using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Binance;
using Arbiter.Venues.Tests.TestSupport;

namespace Arbiter.Venues.Tests.Binance;

public sealed class BinanceParserTests
{
    // Scales as BinanceSymbols derives them from the exchangeInfo fixture: BNBBTC tick 0.000001 / step 0.001, BTCUSDT 0.01 / 0.00001.
    private static readonly Instrument BnbBtc = new(VenueId.Binance, "BNBBTC", Asset.Of("BNB"), Asset.Btc, 6, 3);
    private static readonly Instrument BtcUsdt = new(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5);
    private static readonly Instrument Meme = new(VenueId.Binance, "MEMEUSDT", Asset.Of("MEME"), Asset.Usdt, 10, 0);
    private static readonly Instrument BtcKrw = new(VenueId.Binance, "BTCKRWX", Asset.Btc, Asset.Krw, 2, 8);

    private static Utf8SymbolMap<Instrument> Symbols()
    {
        var map = new Utf8SymbolMap<Instrument>();
        map.Set(BnbBtc.Symbol, BnbBtc);
        map.Set(BtcUsdt.Symbol, BtcUsdt);
        map.Set(Meme.Symbol, Meme);
        map.Set(BtcKrw.Symbol, BtcKrw);
        return map;
    }

    [Fact]
    public void ParseFrame_ReferenceDepthUpdate_ExactIdsTimeAndLevels()
    {
        var update = new MarketEvent();

        var kind = BinanceParser.ParseFrame(Fixture.Read("binance-depthUpdate-bnbbtc.json"), Symbols(), update, out var first);

        Assert.Equal(BinanceFrameKind.Depth, kind);
        Assert.Same(BnbBtc, update.Instrument);
        Assert.Equal(157, first);
        Assert.Equal(160, update.Sequence);
        Assert.Equal(1_672_515_782_136_000, update.ExchangeTime);
        Assert.Equal([new Level(2_400, 10_000)], update.Bids.Span.ToArray());   // 0.0024 at 6 dp, 10 at 3 dp
        Assert.Equal([new Level(2_600, 100_000)], update.Asks.Span.ToArray());  // 0.0026, 100
    }

    [Fact]
    public void ParseFrame_CombinedWrapper_SameEventAsRaw()
    {
        var update = new MarketEvent();

        var kind = BinanceParser.ParseFrame(Fixture.Read("binance-depthUpdate-bnbbtc-combined.json"), Symbols(), update, out var first);

        Assert.Equal(BinanceFrameKind.Depth, kind);
        Assert.Same(BnbBtc, update.Instrument);
        Assert.Equal(157, first);
        Assert.Equal(160, update.Sequence);
        Assert.Equal(1_672_515_782_136_000, update.ExchangeTime);
        Assert.Equal([new Level(2_400, 10_000)], update.Bids.Span.ToArray());
        Assert.Equal([new Level(2_600, 100_000)], update.Asks.Span.ToArray());
    }

    [Fact]
    public void ParseFrame_TenByTenLevels_ExactUnitsInSentOrderIncludingRemovals()
    {
        var update = new MarketEvent();

        var kind = BinanceParser.ParseFrame(Fixture.Read("binance-depthUpdate-btcusdt-10x10.json"), Symbols(), update, out var first);

        Assert.Equal(BinanceFrameKind.Depth, kind);
        Assert.Same(BtcUsdt, update.Instrument);
        Assert.Equal(72_512_046_100, first);
        Assert.Equal(72_512_046_131, update.Sequence);
        Assert.Equal(1_746_601_573_804_000, update.ExchangeTime);
        Level[] bids =
        [
            new(9_685_001, 152_341), new(9_685_000, 12), new(9_684_999, 0), new(9_684_950, 20_000), new(9_684_901, 310_000),
            new(9_684_800, 5_160), new(9_684_777, 600), new(9_684_620, 1_200_000), new(9_684_500, 0), new(9_684_000, 99_999),
        ];
        Level[] asks =
        [
            new(9_685_002, 84_211), new(9_685_003, 0), new(9_685_050, 1_030), new(9_685_100, 200_000), new(9_685_199, 5),
            new(9_685_240, 31_400), new(9_685_300, 0), new(9_685_555, 777_777), new(9_686_000, 100_000), new(9_689_999, 10_000),
        ];
        Assert.Equal(bids, update.Bids.Span.ToArray());
        Assert.Equal(asks, update.Asks.Span.ToArray());
    }

    [Fact]
    public void ParseFrame_ExtremeValues_ExactUnits()
    {
        var update = new MarketEvent();
        var meme = Encoding.UTF8.GetBytes("""{"e":"depthUpdate","E":1,"s":"MEMEUSDT","U":1,"u":1,"b":[["0.0000012345","10000000000"]],"a":[]}""");
        var krw = Encoding.UTF8.GetBytes("""{"e":"depthUpdate","E":1,"s":"BTCKRWX","U":1,"u":1,"b":[],"a":[["150000000.00","10000000000.00000000"]]}""");

        Assert.Equal(BinanceFrameKind.Depth, BinanceParser.ParseFrame(meme, Symbols(), update, out _));
        Assert.Equal([new Level(12_345, 10_000_000_000)], update.Bids.Span.ToArray());
        Assert.Empty(update.Asks.Span.ToArray());

        Assert.Equal(BinanceFrameKind.Depth, BinanceParser.ParseFrame(krw, Symbols(), update, out _));
        Assert.Equal([new Level(15_000_000_000, 1_000_000_000_000_000_000)], update.Asks.Span.ToArray());
        Assert.Empty(update.Bids.Span.ToArray());
    }

    [Fact]
    public void ParseFrame_LevelsBeforeSymbol_ParsedAtInstrumentScales()
    {
        var update = new MarketEvent();
        var frame = Encoding.UTF8.GetBytes("""{"b":[["0.0024","10"]],"a":[["0.0026","100"]],"u":160,"U":157,"s":"BNBBTC","E":1672515782136,"e":"depthUpdate"}""");

        var kind = BinanceParser.ParseFrame(frame, Symbols(), update, out var first);

        Assert.Equal(BinanceFrameKind.Depth, kind);
        Assert.Equal(157, first);
        Assert.Equal(160, update.Sequence);
        Assert.Equal([new Level(2_400, 10_000)], update.Bids.Span.ToArray());
        Assert.Equal([new Level(2_600, 100_000)], update.Asks.Span.ToArray());
    }

    [Theory]
    [InlineData("""{"result":null,"id":1}""", BinanceFrameKind.Ack)]
    [InlineData("""{"result":["btcusdt@depth@100ms"],"id":3}""", BinanceFrameKind.Ack)]
    [InlineData("""{"code": 2, "msg": "Invalid request: missing field `method` at line 1 column 73"}""", BinanceFrameKind.VenueError)]
    [InlineData("""{"stream":"!serverShutdown","data":{"e":"serverShutdown","E":1770123456789}}""", BinanceFrameKind.ServerShutdown)]
    [InlineData("""{"u":400900217,"s":"BNBUSDT","b":"25.35","B":"31.21","a":"25.36","A":"40.66"}""", BinanceFrameKind.Unknown)]
    [InlineData("""{"lastUpdateId":160,"bids":[["0.0024","10"]],"asks":[["0.0026","100"]]}""", BinanceFrameKind.Unknown)]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"ETHBTC","U":1,"u":2,"b":[],"a":[]}""", BinanceFrameKind.UnknownSymbol)]
    public void ParseFrame_NonDepthMessages_Classified(string json, BinanceFrameKind expected)
    {
        Assert.Equal(expected, BinanceParser.ParseFrame(Encoding.UTF8.GetBytes(json), Symbols(), new MarketEvent(), out _));
    }

    // Frames are built inside the test from their name: xUnit would otherwise serialize 10 MB of theory data at discovery.
    public static TheoryData<string> MalformedFrameNames() =>
    [
        "empty", "whitespace", "array root", "null root", "truncated", "bad UTF-8 in a price", "bad UTF-8 in the symbol",
        "bare NaN", "NaN string", "negative price", "negative quantity", "1e400 price", "huge quantity",
        "more decimals than the tick", "more decimals than the step", "zero price", "number instead of string",
        "three elements", "object instead of levels", "string U", "negative E", "U after u", "missing u", "missing symbol",
        "escaped symbol", "trailing garbage", "two objects", "10 MB truncated", "10 MB of nesting",
    ];

    [Theory]
    [MemberData(nameof(MalformedFrameNames))]
    public void ParseFrame_MalformedCorpus_MalformedWithoutException(string name)
    {
        var kind = BinanceParser.ParseFrame(MalformedFrame(name), Symbols(), new MarketEvent(), out _);

        Assert.True(kind == BinanceFrameKind.Malformed, $"{name}: {kind}");
    }

    [Fact]
    public void ParseFrame_MalformedAfterKnownSymbol_AttributedToThatInstrument()
    {
        var update = new MarketEvent();
        var frame = Encoding.UTF8.GetBytes("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.001","1"]],"a":[]}""");

        var kind = BinanceParser.ParseFrame(frame, Symbols(), update, out _);

        Assert.Equal(BinanceFrameKind.Malformed, kind);
        Assert.Same(BtcUsdt, update.Instrument);
    }

    [Fact]
    public void ParseFrame_TenByTenFrame_AllocatesNothing()
    {
        var frame = Fixture.Read("binance-depthUpdate-btcusdt-10x10.json");
        var symbols = Symbols();
        var update = new MarketEvent();
        for (var i = 0; i < 100; i++)
        {
            BinanceParser.ParseFrame(frame, symbols, update, out _);
        }

        var allocated = Allocations.Minimum(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                BinanceParser.ParseFrame(frame, symbols, update, out _);
            }
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void TryParseSnapshot_RestExample_ExactLevels()
    {
        var bids = new LevelList();
        var asks = new LevelList();

        var ok = BinanceParser.TryParseSnapshot(Fixture.Read("binance-depth-snapshot-rest-example.json"), BnbBtc, bids, asks, out var lastUpdateId);

        Assert.True(ok);
        Assert.Equal(1_027_024, lastUpdateId);
        Assert.Equal([new Level(4_000_000, 431_000)], bids.Span.ToArray());  // 4.00000000 at 6 dp, 431 at 3 dp
        Assert.Equal([new Level(4_000_002, 12_000)], asks.Span.ToArray());   // 4.00000200, 12
    }

    [Theory]
    [InlineData("""{"lastUpdateId":1,"bids":[["1.00","1"]]}""")]
    [InlineData("""{"bids":[],"asks":[]}""")]
    [InlineData("""{"lastUpdateId":-1,"bids":[],"asks":[]}""")]
    [InlineData("""{"lastUpdateId":1,"bids":[["1.001","1"]],"asks":[]}""")]
    [InlineData("""{"code":-1121,"msg":"Invalid symbol."}""")]
    [InlineData("""{"lastUpdateId":1,"bids":[],"asks":[]""")]
    public void TryParseSnapshot_InvalidBody_False(string json)
    {
        Assert.False(BinanceParser.TryParseSnapshot(Encoding.UTF8.GetBytes(json), BtcUsdt, new LevelList(), new LevelList(), out _));
    }

    private static byte[] MalformedFrame(string name)
    {
        static byte[] U(string s) => Encoding.UTF8.GetBytes(s);
        const string Head = """{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,""";
        return name switch
        {
            "empty" => [],
            "whitespace" => U("   "),
            "array root" => U("[]"),
            "null root" => U("null"),
            "truncated" => U(Head + "\"b\":[[\"1.00\",\"1\""),
            "bad UTF-8 in a price" => [.. U(Head + "\"b\":[[\"1.0"), 0xC3, 0x28, .. U("0\",\"1\"]],\"a\":[]}")],
            "bad UTF-8 in the symbol" => [.. U("{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTC"), 0xFF, .. U("USDT\",\"U\":1,\"u\":2,\"b\":[],\"a\":[]}")],
            "bare NaN" => U(Head + "\"b\":[[NaN,\"1\"]],\"a\":[]}"),
            "NaN string" => U(Head + "\"b\":[[\"NaN\",\"1\"]],\"a\":[]}"),
            "negative price" => U(Head + "\"b\":[[\"-1.00\",\"1\"]],\"a\":[]}"),
            "negative quantity" => U(Head + "\"b\":[[\"1.00\",\"-1\"]],\"a\":[]}"),
            "1e400 price" => U(Head + "\"b\":[[\"1e400\",\"1\"]],\"a\":[]}"),
            "huge quantity" => U(Head + "\"b\":[[\"1.00\",\"99999999999999999999\"]],\"a\":[]}"),
            "more decimals than the tick" => U(Head + "\"b\":[[\"1.001\",\"1\"]],\"a\":[]}"),
            "more decimals than the step" => U(Head + "\"b\":[[\"1.00\",\"0.000001\"]],\"a\":[]}"),
            "zero price" => U(Head + "\"b\":[[\"0.00\",\"1\"]],\"a\":[]}"),
            "number instead of string" => U(Head + "\"b\":[[1.00,\"1\"]],\"a\":[]}"),
            "three elements" => U(Head + "\"b\":[[\"1.00\",\"1\",\"2\"]],\"a\":[]}"),
            "object instead of levels" => U(Head + "\"b\":{},\"a\":[]}"),
            "string U" => U("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":"1","u":2,"b":[],"a":[]}"""),
            "negative E" => U("""{"e":"depthUpdate","E":-1,"s":"BTCUSDT","U":1,"u":2,"b":[],"a":[]}"""),
            "U after u" => U("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":3,"u":2,"b":[],"a":[]}"""),
            "missing u" => U("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"b":[],"a":[]}"""),
            "missing symbol" => U("""{"e":"depthUpdate","E":1,"U":1,"u":2,"b":[],"a":[]}"""),
            "escaped symbol" => U("""{"e":"depthUpdate","E":1,"s":"BTC\u0055SDT","U":1,"u":2,"b":[],"a":[]}"""),
            "trailing garbage" => U(Head + "\"b\":[],\"a\":[]}x"),
            "two objects" => U(Head + "\"b\":[],\"a\":[]}{}"),
            "10 MB truncated" => TenMegabytesTruncated(Head),
            "10 MB of nesting" => U(new string('[', 10_000_000)),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such frame."),
        };
    }

    private static byte[] TenMegabytesTruncated(string head)
    {
        var text = new StringBuilder(head + "\"b\":[");
        while (text.Length < 10_000_000)
        {
            text.Append("[\"96850.01\",\"1.52341\"],");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
