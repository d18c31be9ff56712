using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Tests.TestSupport;
using Arbiter.Venues.Upbit;

namespace Arbiter.Venues.Tests.Upbit;

public sealed class UpbitParserTests
{
    private const long KrwUnit = 100_000_000; // scale 8

    private static readonly Instrument KrwBtc = new(VenueId.Upbit, "KRW-BTC", Asset.Btc, Asset.Krw, UpbitSymbols.Scale, UpbitSymbols.Scale);

    private static Utf8SymbolMap<Instrument> Codes()
    {
        var map = new Utf8SymbolMap<Instrument>();
        map.Set(KrwBtc.Symbol, KrwBtc);
        return map;
    }

    [Fact]
    public void ParseFrame_ReferenceExample_ExactUnits()
    {
        var book = new MarketEvent();

        var kind = UpbitParser.ParseFrame(Fixture.Read("upbit-orderbook-krw-btc.json"), Codes(), book);

        Assert.Equal(UpbitFrameKind.Orderbook, kind);
        Assert.Same(KrwBtc, book.Instrument);
        Assert.Equal(1_746_601_573_804, book.Sequence);
        Assert.Equal(1_746_601_573_804_000, book.ExchangeTime);
        Assert.Equal([new Level(137_002_000 * KrwUnit, 10_600_000)], book.Asks.Span.ToArray()); // 0.106
        Assert.Equal([new Level(137_001_000 * KrwUnit, 3_600_000)], book.Bids.Span.ToArray());  // 0.036
    }

    [Fact]
    public void ParseFrame_FifteenUnitsWithExponents_ExactUnitsBestFirst()
    {
        var book = new MarketEvent();

        var kind = UpbitParser.ParseFrame(Fixture.Read("upbit-orderbook-krw-btc-15.json"), Codes(), book);

        Assert.Equal(UpbitFrameKind.Orderbook, kind);
        Assert.Equal(1_746_601_574_112, book.Sequence);
        long[] askSizes =
        [
            10_600_000, 10_000, 50_000_000, 520_391, 200_000_000, 3_130_000, 100_000, 123_456_789,
            20_000_000, 7_000_000, 350_000_000, 50_000, 99_000_000, 1_500_000, 1_000_000_000,
        ];
        long[] bidSizes =
        [
            3_600_000, 25_000_000, 10_000, 40_000_000, 210_000, 75_000_000, 110_000_000, 990_000,
            500_000_000, 30_000_000, 12_345, 60_000_000, 225_000_000, 4_000_000, 50_000_000,
        ];
        var asks = new Level[15];
        var bids = new Level[15];
        for (var i = 0; i < 15; i++)
        {
            asks[i] = new Level((137_002_000 + (1_000 * i)) * KrwUnit, askSizes[i]);
            bids[i] = new Level((137_001_000 - (1_000 * i)) * KrwUnit, bidSizes[i]);
        }

        Assert.Equal(asks, book.Asks.Span.ToArray());
        Assert.Equal(bids, book.Bids.Span.ToArray());
    }

    [Fact]
    public void ParseFrame_ExtremeValues_ExactOrRejectedBelowScale()
    {
        var book = new MarketEvent();
        var big = Encoding.UTF8.GetBytes("""{"type":"orderbook","code":"KRW-BTC","timestamp":1,"orderbook_units":[{"ask_price":1.5E8,"bid_price":150000000,"ask_size":1.0E10,"bid_size":0.00000001}]}""");
        var tiny = Encoding.UTF8.GetBytes("""{"type":"orderbook","code":"KRW-BTC","timestamp":1,"orderbook_units":[{"ask_price":0.0000012345,"bid_price":0.00000123,"ask_size":1,"bid_size":1}]}""");

        Assert.Equal(UpbitFrameKind.Orderbook, UpbitParser.ParseFrame(big, Codes(), book));
        Assert.Equal([new Level(150_000_000 * KrwUnit, 10_000_000_000 * KrwUnit)], book.Asks.Span.ToArray());
        Assert.Equal([new Level(150_000_000 * KrwUnit, 1)], book.Bids.Span.ToArray());

        // 0.0000012345 has ten decimals: finer than scale 8, so the message is rejected rather than rounded.
        Assert.Equal(UpbitFrameKind.Malformed, UpbitParser.ParseFrame(tiny, Codes(), book));
    }

    [Fact]
    public void ParseFrame_UnitWithEmptySide_OnlyTheOtherSideKept()
    {
        var book = new MarketEvent();
        var frame = Encoding.UTF8.GetBytes("""{"type":"orderbook","code":"KRW-BTC","timestamp":5,"orderbook_units":[{"ask_price":101.0,"bid_price":100.0,"ask_size":1.0,"bid_size":2.0},{"ask_price":102.0,"bid_price":0,"ask_size":3.0,"bid_size":0}]}""");

        Assert.Equal(UpbitFrameKind.Orderbook, UpbitParser.ParseFrame(frame, Codes(), book));
        Assert.Equal([new Level(101 * KrwUnit, KrwUnit), new Level(102 * KrwUnit, 3 * KrwUnit)], book.Asks.Span.ToArray());
        Assert.Equal([new Level(100 * KrwUnit, 2 * KrwUnit)], book.Bids.Span.ToArray());
    }

    [Fact]
    public void ParseFrame_UnitsBeforeCode_ParsedAtInstrumentScales()
    {
        var book = new MarketEvent();
        var frame = Encoding.UTF8.GetBytes("""{"orderbook_units":[{"ask_price":137002000,"bid_price":137001000,"ask_size":0.106,"bid_size":0.036}],"timestamp":7,"code":"KRW-BTC","type":"orderbook"}""");

        Assert.Equal(UpbitFrameKind.Orderbook, UpbitParser.ParseFrame(frame, Codes(), book));
        Assert.Equal([new Level(137_002_000 * KrwUnit, 10_600_000)], book.Asks.Span.ToArray());
        Assert.Equal(7, book.Sequence);
    }

    [Theory]
    [InlineData("""{"status":"UP"}""", UpbitFrameKind.Pong)]
    [InlineData("""{"error":{"name":"INVALID_PARAM","message":"잘못된 요청입니다."}}""", UpbitFrameKind.VenueError)]
    [InlineData("""{"error":{"name":"NO_TICKET","message":"ticket is required"}}""", UpbitFrameKind.VenueError)]
    [InlineData("""{"type":"ticker","code":"KRW-BTC","trade_price":8629000.0,"timestamp":1524046049766}""", UpbitFrameKind.Unknown)]
    [InlineData("""{"type":"orderbook","code":"KRW-ETH","timestamp":1,"orderbook_units":[]}""", UpbitFrameKind.UnknownSymbol)]
    public void ParseFrame_OtherMessages_Classified(string json, UpbitFrameKind expected)
    {
        Assert.Equal(expected, UpbitParser.ParseFrame(Encoding.UTF8.GetBytes(json), Codes(), new MarketEvent()));
    }

    public static TheoryData<string> MalformedNames() =>
    [
        "empty", "truncated", "bad UTF-8 in the code", "bare NaN", "negative price", "negative size", "1e400 price",
        "nine decimals", "string price", "missing bid_size", "price 0 with size", "missing timestamp", "string timestamp",
        "negative timestamp", "units not an array", "unit not an object", "trailing garbage", "10 MB of nesting",
    ];

    [Theory]
    [MemberData(nameof(MalformedNames))]
    public void ParseFrame_MalformedCorpus_MalformedWithoutException(string name)
    {
        var kind = UpbitParser.ParseFrame(Malformed(name), Codes(), new MarketEvent());

        Assert.True(kind == UpbitFrameKind.Malformed, $"{name}: {kind}");
    }

    [Fact]
    public void ParseFrame_MalformedUnitsOfWatchedCode_Attributed()
    {
        var book = new MarketEvent();

        Assert.Equal(UpbitFrameKind.Malformed, UpbitParser.ParseFrame(Malformed("negative size"), Codes(), book));
        Assert.Same(KrwBtc, book.Instrument);
    }

    [Fact]
    public void ParseFrame_FifteenUnits_AllocatesNothing()
    {
        var frame = Fixture.Read("upbit-orderbook-krw-btc-15.json");
        var codes = Codes();
        var book = new MarketEvent();
        for (var i = 0; i < 100; i++)
        {
            UpbitParser.ParseFrame(frame, codes, book);
        }

        var allocated = Allocations.Minimum(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                UpbitParser.ParseFrame(frame, codes, book);
            }
        });
        Assert.Equal(0, allocated);
    }

    private static byte[] Malformed(string name)
    {
        static byte[] U(string s) => Encoding.UTF8.GetBytes(s);
        const string Head = """{"type":"orderbook","code":"KRW-BTC","timestamp":1,"orderbook_units":[""";
        return name switch
        {
            "empty" => [],
            "truncated" => U(Head + """{"ask_price":1.0,"bid_price":1.0"""),
            "bad UTF-8 in the code" => [.. U("""{"type":"orderbook","code":"KRW-"""), 0xFE, .. U("""BTC","timestamp":1,"orderbook_units":[]}""")],
            "bare NaN" => U(Head + """{"ask_price":NaN,"bid_price":1.0,"ask_size":1.0,"bid_size":1.0}]}"""),
            "negative price" => U(Head + """{"ask_price":-1.0,"bid_price":1.0,"ask_size":1.0,"bid_size":1.0}]}"""),
            "negative size" => U(Head + """{"ask_price":2.0,"bid_price":1.0,"ask_size":1.0,"bid_size":-0.5}]}"""),
            "1e400 price" => U(Head + """{"ask_price":1e400,"bid_price":1.0,"ask_size":1.0,"bid_size":1.0}]}"""),
            "nine decimals" => U(Head + """{"ask_price":2.0,"bid_price":1.0,"ask_size":0.123456789,"bid_size":1.0}]}"""),
            "string price" => U(Head + """{"ask_price":"2.0","bid_price":1.0,"ask_size":1.0,"bid_size":1.0}]}"""),
            "missing bid_size" => U(Head + """{"ask_price":2.0,"bid_price":1.0,"ask_size":1.0}]}"""),
            "price 0 with size" => U(Head + """{"ask_price":0,"bid_price":1.0,"ask_size":1.0,"bid_size":1.0}]}"""),
            "missing timestamp" => U("""{"type":"orderbook","code":"KRW-BTC","orderbook_units":[]}"""),
            "string timestamp" => U("""{"type":"orderbook","code":"KRW-BTC","timestamp":"1","orderbook_units":[]}"""),
            "negative timestamp" => U("""{"type":"orderbook","code":"KRW-BTC","timestamp":-1,"orderbook_units":[]}"""),
            "units not an array" => U("""{"type":"orderbook","code":"KRW-BTC","timestamp":1,"orderbook_units":{}}"""),
            "unit not an object" => U(Head + "[1,2]]}"),
            "trailing garbage" => U("""{"type":"orderbook","code":"KRW-BTC","timestamp":1,"orderbook_units":[]} ]"""),
            "10 MB of nesting" => U(new string('[', 10_000_000)),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such frame."),
        };
    }
}
