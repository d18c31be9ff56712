using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Bithumb;
using Arbiter.Venues.Tests.TestSupport;

namespace Arbiter.Venues.Tests.Bithumb;

public sealed class BithumbParserTests
{
    private const long Krw = 100_000_000; // one KRW at scale 8

    private static readonly Instrument KrwBtc = new(VenueId.Bithumb, "KRW-BTC", Asset.Btc, Asset.Krw, BithumbSymbols.Scale, BithumbSymbols.Scale);
    private static readonly Instrument KrwEth = new(VenueId.Bithumb, "KRW-ETH", Asset.Of("ETH"), Asset.Krw, BithumbSymbols.Scale, BithumbSymbols.Scale);

    private static Utf8SymbolMap<Instrument> Codes()
    {
        var map = new Utf8SymbolMap<Instrument>();
        map.Set(KrwBtc.Symbol, KrwBtc);
        map.Set(KrwEth.Symbol, KrwEth);
        return map;
    }

    private static OrderbookUnitsFrameKind Parse(byte[] frame, MarketEvent book) => BithumbParser.ParseFrame(frame, Codes(), book);

    [Fact]
    public void ParseFrame_CapturedSnapshot_ExactUnitsAndMicrosecondTimestamp()
    {
        var book = new MarketEvent();

        var kind = Parse(Fixture.Read("bithumb-orderbook-krw-eth-snapshot.json"), book);

        Assert.Equal(OrderbookUnitsFrameKind.Orderbook, kind);
        Assert.Same(KrwEth, book.Instrument);
        Assert.Equal(1_790_133_505_546_514, book.Sequence); // as sent: 16 digits
        Assert.Equal(1_790_133_505_546_514, book.ExchangeTime); // already µs
        Assert.Equal(
            [new Level(3_715_000 * Krw, 845_920_000), new Level(3_716_000 * Krw, 337_660_000), new Level(3_717_000 * Krw, 417_550_000)],
            book.Asks.Span.ToArray()); // 8.4592, 3.3766, 4.1755 ETH
        Assert.Equal(
            [new Level(3_714_000 * Krw, 301_200_000), new Level(3_713_000 * Krw, 1_539_900_000), new Level(3_712_000 * Krw, 13_551_290_000)],
            book.Bids.Span.ToArray()); // 3.012, 15.399, 135.5129 ETH
    }

    [Fact]
    public void ParseFrame_CapturedZeroSizeAtLivePrice_ThatSideSkipped()
    {
        var book = new MarketEvent();

        var kind = Parse(Fixture.Read("bithumb-orderbook-krw-btc-zero-size.json"), book);

        Assert.Equal(OrderbookUnitsFrameKind.Orderbook, kind);
        Assert.Equal(1_790_133_505_564_033, book.Sequence);
        Assert.Equal([new Level(116_208_000 * Krw, 33_130_000), new Level(116_209_000 * Krw, 10_000)], book.Asks.Span.ToArray()); // 0.3313, 0.0001; 116,215,000 had 0
        Assert.Equal(
            [new Level(116_204_000 * Krw, 370_000), new Level(116_203_000 * Krw, 250_000), new Level(116_201_000 * Krw, 40_000)],
            book.Bids.Span.ToArray()); // 0.0037, 0.0025, 0.0004
    }

    [Fact]
    public void ParseFrame_CcxtSampleWithQuotedTimestamp_SequenceIsTheDigits()
    {
        var book = new MarketEvent();

        var kind = Parse(Fixture.Read("bithumb-orderbook-ccxt-string-timestamp.json"), book);

        Assert.Equal(OrderbookUnitsFrameKind.Orderbook, kind);
        Assert.Same(KrwBtc, book.Instrument);
        Assert.Equal(1_783_657_882_348_968, book.Sequence);
        Assert.Equal(1_783_657_882_348_968, book.ExchangeTime);
        Assert.Equal([new Level(95_340_000 * Krw, 70_000)], book.Asks.Span.ToArray()); // 0.0007
        Assert.Equal([new Level(95_339_000 * Krw, 240_000)], book.Bids.Span.ToArray()); // 0.0024
    }

    [Fact]
    public void ParseFrame_MillisecondTimestamp_SequenceAsSentExchangeTimeInMicroseconds()
    {
        var book = new MarketEvent();
        var frame = Encoding.UTF8.GetBytes("""{"type":"orderbook","code":"KRW-BTC","timestamp":1790133505546,"orderbook_units":[{"ask_price":116208000,"bid_price":116204000,"ask_size":0.3313,"bid_size":0.0037}]}""");

        Assert.Equal(OrderbookUnitsFrameKind.Orderbook, Parse(frame, book));
        Assert.Equal(1_790_133_505_546, book.Sequence);
        Assert.Equal(1_790_133_505_546_000, book.ExchangeTime);
    }

    [Fact]
    public void ParseFrame_TenUnits_ExactUnitsBestFirst()
    {
        var book = new MarketEvent();

        var kind = Parse(Fixture.Read("bithumb-orderbook-krw-btc-10x10.json"), book);

        Assert.Equal(OrderbookUnitsFrameKind.Orderbook, kind);
        Assert.Equal(1_790_133_505_671_250, book.Sequence);
        long[] askPrices = [116_208_000, 116_209_000, 116_215_000, 116_220_000, 116_224_000, 116_230_000, 116_238_000, 116_240_000, 116_251_000, 116_260_000];
        long[] askSizes = [33_130_000, 10_000, 4_500_000, 12_000_000, 870_000, 150_000_000, 250_000, 25_000_000, 7_030_000, 201_880_000];
        long[] bidPrices = [116_204_000, 116_203_000, 116_201_000, 116_200_000, 116_195_000, 116_190_000, 116_188_000, 116_180_000, 116_172_000, 116_170_000];
        long[] bidSizes = [370_000, 250_000, 40_000, 50_000_000, 2_130_000, 840_000, 310_000_000, 5_960_000, 40_000_000, 123_450_000];
        var asks = new Level[10];
        var bids = new Level[10];
        for (var i = 0; i < 10; i++)
        {
            asks[i] = new Level(askPrices[i] * Krw, askSizes[i]);
            bids[i] = new Level(bidPrices[i] * Krw, bidSizes[i]);
        }

        Assert.Equal(asks, book.Asks.Span.ToArray());
        Assert.Equal(bids, book.Bids.Span.ToArray());
    }

    [Fact]
    public void ParseFrame_CapturedZeroPadding_PaddedSidesSkipped()
    {
        // Units four to six of a captured level-1000 KRW-BTC book (SOURCES-bithumb.md) in a frame envelope.
        var frame = Encoding.UTF8.GetBytes("""{"type":"orderbook","code":"KRW-BTC","orderbook_units":[{"ask_price":120000000,"bid_price":113000000,"ask_size":15.721,"bid_size":5.5544},{"ask_price":0,"bid_price":112000000,"ask_size":0,"bid_size":6.1459},{"ask_price":0,"bid_price":111000000,"ask_size":0,"bid_size":2.9321}],"level":1000,"timestamp":1790133505564033,"stream_type":"REALTIME"}""");
        var book = new MarketEvent();

        Assert.Equal(OrderbookUnitsFrameKind.Orderbook, Parse(frame, book));
        Assert.Equal([new Level(120_000_000 * Krw, 1_572_100_000)], book.Asks.Span.ToArray());
        Assert.Equal(
            [new Level(113_000_000 * Krw, 555_440_000), new Level(112_000_000 * Krw, 614_590_000), new Level(111_000_000 * Krw, 293_210_000)],
            book.Bids.Span.ToArray());
    }

    [Theory]
    [InlineData("""{"status":"UP"}""", OrderbookUnitsFrameKind.Pong)]
    [InlineData("""{"error":{"name":"NO_TICKET","message":"티켓이 존재하지 않거나, 유효하지 않습니다."}}""", OrderbookUnitsFrameKind.VenueError)]
    [InlineData("""{"error":{"name":"INVALID_PARAM","message":"nope 은 지원하지 않는 타입입니다."}}""", OrderbookUnitsFrameKind.VenueError)]
    [InlineData("""{"error":{"name":"WRONG_FORMAT","message":"Format 이 맞지 않습니다."}}""", OrderbookUnitsFrameKind.VenueError)]
    [InlineData("""{"type":"ticker","code":"KRW-BTC","trade_price":116208000,"trade_date":"20260923","trade_time":"121833","trade_timestamp":1790133513858,"market_state":"ACTIVE","is_trading_suspended":false,"delisting_date":"","market_warning":"NONE","timestamp":1790133514044,"stream_type":"REALTIME"}""", OrderbookUnitsFrameKind.Unknown)]
    [InlineData("""{"ty":"orderbook","cd":"KRW-BTC","tas":0.1823,"tbs":6.9593,"obu":[{"ap":116279000,"bp":116267000,"as":0.0892,"bs":0.0084}]}""", OrderbookUnitsFrameKind.Unknown)]
    [InlineData("""{"type":"orderbook","code":"KRW-XRP","timestamp":1790133505546514,"orderbook_units":[]}""", OrderbookUnitsFrameKind.UnknownSymbol)]
    public void ParseFrame_OtherMessages_Classified(string json, OrderbookUnitsFrameKind expected)
    {
        Assert.Equal(expected, Parse(Encoding.UTF8.GetBytes(json), new MarketEvent()));
    }

    public static TheoryData<string> MalformedNames() =>
    [
        "empty", "truncated", "bad UTF-8 in the code", "code a number", "bare NaN", "negative price", "negative size",
        "1e400 price", "nine decimals", "string price", "missing bid_size", "price 0 with size", "missing timestamp",
        "fractional timestamp", "negative timestamp", "timestamp string with a letter", "timestamp string with a sign",
        "empty timestamp string", "timestamp beyond year 5138", "timestamp true", "units not an array", "unit not an object",
        "trailing garbage", "10 MB of nesting",
    ];

    [Theory]
    [MemberData(nameof(MalformedNames))]
    public void ParseFrame_MalformedCorpus_MalformedWithoutException(string name)
    {
        var kind = Parse(Malformed(name), new MarketEvent());

        Assert.True(kind == OrderbookUnitsFrameKind.Malformed, $"{name}: {kind}");
    }

    [Fact]
    public void ParseFrame_MalformedUnitsOfWatchedCode_Attributed()
    {
        var book = new MarketEvent();

        Assert.Equal(OrderbookUnitsFrameKind.Malformed, Parse(Malformed("negative size"), book));
        Assert.Same(KrwBtc, book.Instrument);
    }

    [Fact]
    public void ParseFrame_TenUnits_AllocatesNothing()
    {
        var frame = Fixture.Read("bithumb-orderbook-krw-btc-10x10.json");
        var quoted = Fixture.Read("bithumb-orderbook-ccxt-string-timestamp.json");
        var codes = Codes();
        var book = new MarketEvent();
        for (var i = 0; i < 100; i++)
        {
            BithumbParser.ParseFrame(frame, codes, book);
            BithumbParser.ParseFrame(quoted, codes, book);
        }

        var allocated = Allocations.Minimum(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                BithumbParser.ParseFrame(frame, codes, book);
                BithumbParser.ParseFrame(quoted, codes, book);
            }
        });
        Assert.Equal(0, allocated);
    }

    private static byte[] Malformed(string name)
    {
        static byte[] U(string s) => Encoding.UTF8.GetBytes(s);
        const string Head = """{"type":"orderbook","code":"KRW-BTC","timestamp":1790133505546514,"orderbook_units":[""";
        static byte[] Stamped(string timestamp) => U("""{"type":"orderbook","code":"KRW-BTC","timestamp":""" + timestamp + ""","orderbook_units":[]}""");
        return name switch
        {
            "empty" => [],
            "truncated" => U(Head + """{"ask_price":116208000,"bid_price":116204000"""),
            "bad UTF-8 in the code" => [.. U("""{"type":"orderbook","code":"KRW-"""), 0xFE, .. U("""BTC","timestamp":1,"orderbook_units":[]}""")],
            "code a number" => U("""{"type":"orderbook","code":7,"timestamp":1,"orderbook_units":[]}"""),
            "bare NaN" => U(Head + """{"ask_price":NaN,"bid_price":1,"ask_size":1,"bid_size":1}]}"""),
            "negative price" => U(Head + """{"ask_price":-116208000,"bid_price":1,"ask_size":1,"bid_size":1}]}"""),
            "negative size" => U(Head + """{"ask_price":116208000,"bid_price":116204000,"ask_size":0.3313,"bid_size":-0.0037}]}"""),
            "1e400 price" => U(Head + """{"ask_price":1e400,"bid_price":1,"ask_size":1,"bid_size":1}]}"""),
            "nine decimals" => U(Head + """{"ask_price":2,"bid_price":1,"ask_size":0.123456789,"bid_size":1}]}"""),
            "string price" => U(Head + """{"ask_price":"116208000","bid_price":1,"ask_size":1,"bid_size":1}]}"""),
            "missing bid_size" => U(Head + """{"ask_price":2,"bid_price":1,"ask_size":1}]}"""),
            "price 0 with size" => U(Head + """{"ask_price":0,"bid_price":1,"ask_size":0.0001,"bid_size":1}]}"""),
            "missing timestamp" => U("""{"type":"orderbook","code":"KRW-BTC","orderbook_units":[]}"""),
            "fractional timestamp" => Stamped("1790133505546.514"),
            "negative timestamp" => Stamped("-1790133505546514"),
            "timestamp string with a letter" => Stamped("\"17901335055465I4\""),
            "timestamp string with a sign" => Stamped("\"-1790133505546514\""),
            "empty timestamp string" => Stamped("\"\""),
            "timestamp beyond year 5138" => Stamped("100000000000000001"),
            "timestamp true" => Stamped("true"),
            "units not an array" => U("""{"type":"orderbook","code":"KRW-BTC","timestamp":1,"orderbook_units":{}}"""),
            "unit not an object" => U(Head + "[1,2]]}"),
            "trailing garbage" => U("""{"type":"orderbook","code":"KRW-BTC","timestamp":1,"orderbook_units":[]} ]"""),
            "10 MB of nesting" => U(new string('[', 10_000_000)),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such frame."),
        };
    }
}
