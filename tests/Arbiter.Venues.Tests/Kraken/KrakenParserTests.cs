using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Kraken;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.Kraken;

public sealed class KrakenParserTests
{
    private const long DocsTimestamp = 1_696_613_755_440_295; // 2023-10-06T17:35:55.440295Z

    // MATIC/USD at the pair's precisions (pair_decimals 4, lot_decimals 8), as REFERENCE §8 states for the docs vector.
    private static readonly Instrument MaticUsd = new(VenueId.Kraken, "MATIC/USD", Asset.Of("MATIC"), Asset.Usd, 4, 8);

    private static Utf8SymbolMap<Instrument> Symbols()
    {
        var map = new Utf8SymbolMap<Instrument>();
        map.Set(MaticUsd.Symbol, MaticUsd);
        return map;
    }

    private static KrakenFrameKind Parse(string json, MarketEvent? book = null) =>
        KrakenParser.ParseFrame(Encoding.UTF8.GetBytes(json), Symbols(), book ?? new MarketEvent(), out _);

    [Fact]
    public void ParseFrame_DocsSnapshot_ExactUnitsBestFirstWithChecksumAndTimestamp()
    {
        var book = new MarketEvent();

        var kind = KrakenParser.ParseFrame(Fixture.Read("kraken-book-snapshot-matic-usd.json"), Symbols(), book, out var checksum);

        kind.ShouldBe(KrakenFrameKind.BookSnapshot);
        book.Instrument.ShouldBeSameAs(MaticUsd);
        checksum.ShouldBe(2_439_117_997u);
        book.Sequence.ShouldBe(DocsTimestamp);
        book.ExchangeTime.ShouldBe(DocsTimestamp);
        book.Bids.Span.ToArray().ShouldBe(
        [
            new Level(5_666, 483_175_496_356), new Level(5_665, 665_822_734_739), new Level(5_664, 1_872_491_513_344),
            new Level(5_663, 1_156_392_544_914), new Level(5_662, 1_400_665_365_711), new Level(5_661, 1_745_485_679_807),
            new Level(5_660, 1_809_715_470_000), new Level(5_659, 3_364_489_175_666), new Level(5_658, 14_834_640_000),
            new Level(5_657, 60_670_854_372),
        ]);
        book.Asks.Span.ToArray().ShouldBe(
        [
            new Level(5_668, 441_079_769_741), new Level(5_669, 465_540_412_487), new Level(5_670, 4_984_489_424_998),
            new Level(5_671, 2_430_641_678_000), new Level(5_672, 2_978_325_223_475), new Level(5_673, 5_723_471_239_278),
            new Level(5_674, 4_506_504_744_000), new Level(5_675, 591_276_380_354), new Level(5_676, 4_251_492_434_778),
            new Level(5_677, 3_630_408_470_220),
        ]);
    }

    [Fact]
    public void ParseFrame_DocsUpdate_OneBidNoAsks()
    {
        var book = new MarketEvent();

        var kind = KrakenParser.ParseFrame(Fixture.Read("kraken-book-update-matic-usd.json"), Symbols(), book, out var checksum);

        kind.ShouldBe(KrakenFrameKind.BookUpdate);
        checksum.ShouldBe(2_114_181_697u);
        book.Sequence.ShouldBe(DocsTimestamp);
        book.Bids.Span.ToArray().ShouldBe([new Level(5_657, 109_839_475_580)]); // 1098.3947558
        book.Asks.Count.ShouldBe(0);
    }

    [Fact]
    public void ParseFrame_FieldsInAnyOrder_SameLevels()
    {
        var book = new MarketEvent();
        const string Json = """{"data":[{"asks":[{"qty":2,"price":0.567}],"timestamp":"2023-10-06T17:35:55.440295Z","bids":[{"price":0.566,"qty":1.5E-5}],"checksum":7,"symbol":"MATIC/USD"}],"type":"update","channel":"book"}""";

        var kind = KrakenParser.ParseFrame(Encoding.UTF8.GetBytes(Json), Symbols(), book, out var checksum);

        kind.ShouldBe(KrakenFrameKind.BookUpdate);
        checksum.ShouldBe(7u);
        book.Bids.Span.ToArray().ShouldBe([new Level(5_660, 1_500)]); // 1.5E-5 = 0.000015
        book.Asks.Span.ToArray().ShouldBe([new Level(5_670, 200_000_000)]);
        book.Sequence.ShouldBe(DocsTimestamp);
    }

    public static TheoryData<string> Variants() =>
    [
        "spaces around every token", "a property after data", "a level with an extra key", "prices with exponents",
        "checksum before the levels", "qty before price",
    ];

    /// <summary>The canonical shape takes the scanner; these spellings of the same book take the reader path, or both.</summary>
    [Theory]
    [MemberData(nameof(Variants))]
    public void ParseFrame_SameBookSpelledDifferently_SameResultOnBothPaths(string variant)
    {
        var text = Encoding.UTF8.GetString(Fixture.Read("kraken-book-snapshot-matic-usd.json"));
        var json = variant switch
        {
            "spaces around every token" => text.Replace("\":", "\" : ", StringComparison.Ordinal).Replace(",", " ,\n ", StringComparison.Ordinal).Replace("{", "{ ", StringComparison.Ordinal).Replace("]", " ]", StringComparison.Ordinal),
            "a property after data" => text[..^1] + ""","req_id":7}""",
            "a level with an extra key" => text.Replace("""{"price":0.5677,""", """{"price":0.5677,"orders":3,""", StringComparison.Ordinal),
            "prices with exponents" => text.Replace("0.5666", "5.666E-1", StringComparison.Ordinal).Replace("4831.75496356", "4.83175496356e3", StringComparison.Ordinal),
            "checksum before the levels" => text.Replace(""","checksum":2439117997""", "", StringComparison.Ordinal).Replace("\"symbol\":\"MATIC/USD\",", "\"symbol\":\"MATIC/USD\",\"checksum\":2439117997,", StringComparison.Ordinal),
            "qty before price" => text.Replace("""{"price":0.5669,"qty":4655.40412487}""", """{"qty":4655.40412487,"price":0.5669}""", StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
        json.ShouldNotBe(text);
        var expected = new MarketEvent();
        KrakenParser.ParseFrame(Fixture.Read("kraken-book-snapshot-matic-usd.json"), Symbols(), expected, out var expectedChecksum).ShouldBe(KrakenFrameKind.BookSnapshot);
        var book = new MarketEvent();

        var kind = KrakenParser.ParseFrame(Encoding.UTF8.GetBytes(json), Symbols(), book, out var checksum);

        kind.ShouldBe(KrakenFrameKind.BookSnapshot, json);
        checksum.ShouldBe(expectedChecksum);
        book.Sequence.ShouldBe(expected.Sequence);
        book.Instrument.ShouldBeSameAs(MaticUsd);
        book.Bids.Span.ToArray().ShouldBe(expected.Bids.Span.ToArray());
        book.Asks.Span.ToArray().ShouldBe(expected.Asks.Span.ToArray());
    }

    [Fact]
    public void TryScanTail_DocsSnapshot_TakenByTheScannerWithTheReadersValues()
    {
        var frame = Fixture.Read("kraken-book-snapshot-matic-usd.json");
        var afterBidsName = frame.AsSpan().IndexOf("\"bids\""u8) + 6;
        var scanned = new MarketEvent();
        var expected = new MarketEvent();
        KrakenParser.ParseFrame(frame, Symbols(), expected, out _).ShouldBe(KrakenFrameKind.BookSnapshot);

        KrakenLevelScanner.TryScanTail(frame, afterBidsName, scanned, MaticUsd, out var checksum, out var timestamp).ShouldBeTrue();

        checksum.ShouldBe(2_439_117_997u);
        timestamp.ShouldBe(DocsTimestamp);
        scanned.Bids.Span.ToArray().ShouldBe(expected.Bids.Span.ToArray());
        scanned.Asks.Span.ToArray().ShouldBe(expected.Asks.Span.ToArray());
    }

    [Fact]
    public void ParseFrame_ZeroQuantity_KeptAsRemoval()
    {
        var book = new MarketEvent();

        Parse("""{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[{"price":0.5657,"qty":0}],"asks":[{"price":0.5668,"qty":0.0}],"checksum":1,"timestamp":"2023-10-06T17:35:55Z"}]}""", book)
            .ShouldBe(KrakenFrameKind.BookUpdate);

        book.Bids.Span.ToArray().ShouldBe([new Level(5_657, 0)]);
        book.Asks.Span.ToArray().ShouldBe([new Level(5_668, 0)]);
        book.Sequence.ShouldBe(1_696_613_755_000_000);
    }

    [Theory]
    [InlineData("""{"channel":"heartbeat"}""", KrakenFrameKind.Heartbeat)]
    [InlineData("""{"method":"pong","req_id":101,"time_in":"2023-09-24T14:10:23.799685Z","time_out":"2023-09-24T14:10:23.799703Z"}""", KrakenFrameKind.Pong)]
    [InlineData("""{"method":"subscribe","result":{"channel":"book","depth":10,"snapshot":true,"symbol":"MATIC/USD"},"success":true,"time_in":"2023-10-06T17:35:55.219022Z","time_out":"2023-10-06T17:35:55.219067Z"}""", KrakenFrameKind.Ack)]
    [InlineData("""{"method":"unsubscribe","result":{"channel":"book","depth":10,"snapshot":true,"symbol":"MATIC/USD"},"success":true,"time_in":"2023-10-06T17:35:55.219022Z","time_out":"2023-10-06T17:35:55.219067Z"}""", KrakenFrameKind.Ack)]
    [InlineData("""{"error":"Currency pair not supported","method":"subscribe","success":false,"symbol":"NOPE/USD","time_in":"2023-10-06T17:35:55.219022Z","time_out":"2023-10-06T17:35:55.219067Z"}""", KrakenFrameKind.VenueError)]
    [InlineData("""{"error":"Exceeded msg rate","method":"subscribe","success":false}""", KrakenFrameKind.VenueError)]
    [InlineData("""{"channel":"status","data":[{"api_version":"v2","connection_id":12393906104898154338,"system":"online","version":"2.0.0"}],"type":"update"}""", KrakenFrameKind.Status)]
    [InlineData("""{"channel":"ticker","type":"update","data":[{"symbol":"MATIC/USD","bid":0.5657,"last":0.5658}]}""", KrakenFrameKind.Unknown)]
    [InlineData("""{"channel":"book","type":"snapshot","data":[{"symbol":"ALGO/USD","bids":[{"price":"x"}],"asks":[],"checksum":1,"timestamp":"2023-10-06T17:35:55Z"}]}""", KrakenFrameKind.UnknownSymbol)]
    public void ParseFrame_OtherMessages_Classified(string json, KrakenFrameKind expected) => Parse(json).ShouldBe(expected);

    [Theory]
    [InlineData("""{"method":"pong","req_id":101,"time_in":"2023-09-24T14:10:23.799685Z","time_out":"2023-09-24T14:10:23.799703Z"}""", 101L)]
    [InlineData("""{"method":"subscribe","req_id":7,"result":{"channel":"book","depth":10,"snapshot":true,"symbol":"MATIC/USD"},"success":true}""", 7L)]
    [InlineData("""{"error":"Exceeded msg rate","method":"subscribe","req_id":9000000000,"success":false,"time_in":"2023-10-06T17:35:55.219022Z","time_out":"2023-10-06T17:35:55.219067Z"}""", 9_000_000_000L)]
    [InlineData("""{"error":"Exceeded msg rate","method":"subscribe","success":false}""", null)]
    [InlineData("""{"error":"Exceeded msg rate","method":"subscribe","req_id":"7","success":false}""", null)]
    [InlineData("""{"channel":"heartbeat"}""", null)]
    public void ParseFrame_Answers_GiveTheirIntegerRequestId(string json, long? expected)
    {
        KrakenParser.ParseFrame(System.Text.Encoding.UTF8.GetBytes(json), new Utf8SymbolMap<Instrument>(), new MarketEvent(), out _, out var requestId);

        requestId.ShouldBe(expected);
    }

    public static TheoryData<string> MalformedNames() =>
    [
        "empty", "truncated", "not an object", "bad UTF-8 in the symbol", "bare NaN", "negative price", "negative qty",
        "1e400 price", "nine decimals of qty", "five decimals of price", "string price", "missing qty", "price 0",
        "missing checksum", "negative checksum", "checksum over 32 bits", "string checksum", "missing timestamp",
        "timestamp not a date", "timestamp 31 February", "numeric timestamp", "data not an array", "empty data",
        "two book elements", "level not an object", "levels not an array", "missing data", "trailing garbage",
        "success not a boolean", "leading zero", "garbage after the book", "unterminated timestamp", "escaped timestamp",
        "10 MB of nesting",
    ];

    [Theory]
    [MemberData(nameof(MalformedNames))]
    public void ParseFrame_MalformedCorpus_MalformedWithoutException(string name) =>
        KrakenParser.ParseFrame(Malformed(name), Symbols(), new MarketEvent(), out _).ShouldBe(KrakenFrameKind.Malformed, name);

    [Fact]
    public void ParseFrame_MalformedLevelsOfWatchedSymbol_Attributed()
    {
        var book = new MarketEvent();

        KrakenParser.ParseFrame(Malformed("negative qty"), Symbols(), book, out _).ShouldBe(KrakenFrameKind.Malformed);

        book.Instrument.ShouldBeSameAs(MaticUsd);
    }

    [Fact]
    public void ParseFrame_TenByTenSnapshot_AllocatesNothing()
    {
        var frame = Fixture.Read("kraken-book-snapshot-matic-usd.json");
        var symbols = Symbols();
        var book = new MarketEvent();
        for (var i = 0; i < 100; i++)
        {
            KrakenParser.ParseFrame(frame, symbols, book, out _);
        }

        var allocated = Allocations.Minimum(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                KrakenParser.ParseFrame(frame, symbols, book, out _);
            }
        });
        allocated.ShouldBe(0);
        book.Bids.Count.ShouldBe(10);
    }

    private static byte[] Malformed(string name)
    {
        static byte[] U(string s) => Encoding.UTF8.GetBytes(s);
        static byte[] Level(string level) => U("""{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[""" + level + """],"asks":[],"checksum":1,"timestamp":"2023-10-06T17:35:55.440295Z"}]}""");
        static byte[] Tail(string tail) => U("""{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[],"asks":[]""" + tail + "}]}");
        return name switch
        {
            "empty" => [],
            "truncated" => U("""{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[{"price":0.5"""),
            "not an object" => U("""[{"channel":"book"}]"""),
            "bad UTF-8 in the symbol" => [.. U("""{"channel":"book","type":"update","data":[{"symbol":"MATIC/"""), 0xFE, .. U("""USD","bids":[],"asks":[],"checksum":1,"timestamp":"2023-10-06T17:35:55Z"}]}""")],
            "bare NaN" => Level("""{"price":NaN,"qty":1}"""),
            "negative price" => Level("""{"price":-0.5657,"qty":1}"""),
            "negative qty" => Level("""{"price":0.5657,"qty":-1}"""),
            "1e400 price" => Level("""{"price":1e400,"qty":1}"""),
            "nine decimals of qty" => Level("""{"price":0.5657,"qty":0.123456789}"""),
            "five decimals of price" => Level("""{"price":0.56571,"qty":1}"""),
            "string price" => Level("""{"price":"0.5657","qty":1}"""),
            "missing qty" => Level("""{"price":0.5657}"""),
            "price 0" => Level("""{"price":0,"qty":1}"""),
            "missing checksum" => Tail(""","timestamp":"2023-10-06T17:35:55Z" """),
            "negative checksum" => Tail(""","checksum":-1,"timestamp":"2023-10-06T17:35:55Z" """),
            "checksum over 32 bits" => Tail(""","checksum":4294967296,"timestamp":"2023-10-06T17:35:55Z" """),
            "string checksum" => Tail(""","checksum":"1","timestamp":"2023-10-06T17:35:55Z" """),
            "missing timestamp" => Tail(""","checksum":1"""),
            "timestamp not a date" => Tail(""","checksum":1,"timestamp":"yesterday" """),
            "timestamp 31 February" => Tail(""","checksum":1,"timestamp":"2023-02-31T17:35:55Z" """),
            "numeric timestamp" => Tail(""","checksum":1,"timestamp":1696613755"""),
            "data not an array" => U("""{"channel":"book","type":"update","data":{"symbol":"MATIC/USD"}}"""),
            "empty data" => U("""{"channel":"book","type":"update","data":[]}"""),
            "two book elements" => U("""{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[],"asks":[],"checksum":1,"timestamp":"2023-10-06T17:35:55Z"},{"symbol":"MATIC/USD","bids":[],"asks":[],"checksum":1,"timestamp":"2023-10-06T17:35:55Z"}]}"""),
            "level not an object" => Level("[0.5657,1]"),
            "levels not an array" => U("""{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":{},"asks":[],"checksum":1,"timestamp":"2023-10-06T17:35:55Z"}]}"""),
            "missing data" => U("""{"channel":"book","type":"update"}"""),
            "trailing garbage" => U("""{"channel":"heartbeat"} ]"""),
            "success not a boolean" => U("""{"method":"subscribe","success":"yes"}"""),
            "leading zero" => Level("""{"price":00.5657,"qty":1}"""),
            "garbage after the book" => U("""{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[],"asks":[],"checksum":1,"timestamp":"2023-10-06T17:35:55Z"}]}x"""),
            "unterminated timestamp" => U("""{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[],"asks":[],"checksum":1,"timestamp":"2023-10-06T17:35:55Z}]}"""),
            "escaped timestamp" => U("""{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[],"asks":[],"checksum":1,"timestamp":"2023-10-06T17:35:55\u005A"}]}"""),
            "10 MB of nesting" => U(new string('[', 10_000_000)),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such frame."),
        };
    }
}
