using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Okx;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.Okx;

public sealed class OkxParserTests
{
    private const long Unit8 = 100_000_000; // quantity scale 8

    // The docs example prices have two decimals: an instrument at price scale 2.
    private static readonly Instrument DocsBtcUsdt = new(VenueId.Okx, "BTC-USDT", Asset.Btc, Asset.Usdt, 2, 8);

    // BTC-USDT as the instruments fixture lists it: tickSz 0.1, lotSz 0.00000001.
    private static readonly Instrument BtcUsdt = new(VenueId.Okx, "BTC-USDT", Asset.Btc, Asset.Usdt, 1, 8);

    private static Utf8SymbolMap<Instrument> Symbols(Instrument instrument)
    {
        var map = new Utf8SymbolMap<Instrument>();
        map.Set(instrument.Symbol, instrument);
        return map;
    }

    private static OkxFrameKind Parse(byte[] frame, Instrument instrument, out MarketEvent book, out OkxLevelSpellings spellings, out OkxBookHeader header)
    {
        book = new MarketEvent();
        spellings = new OkxLevelSpellings();
        return OkxParser.ParseFrame(frame, Symbols(instrument), book, spellings, out header);
    }

    [Fact]
    public void ParseFrame_DocsSnapshot_ExactUnitsSeqIdTimeAndChecksum()
    {
        var kind = Parse(Fixture.Read("okx-books-snapshot-docs.json"), DocsBtcUsdt, out var book, out _, out var header);

        kind.ShouldBe(OkxFrameKind.BookSnapshot);
        book.Instrument.ShouldBeSameAs(DocsBtcUsdt);
        book.Sequence.ShouldBe(123456);
        book.ExchangeTime.ShouldBe(1_597_026_383_085_000);
        header.ShouldBe(new OkxBookHeader(-1, -855196043));
        book.Asks.Span.ToArray().ShouldBe(
        [
            new Level(847_698, 415 * Unit8), new Level(847_700, 7 * Unit8), new Level(847_734, 85 * Unit8), new Level(847_756, 1 * Unit8),
            new Level(850_584, 8 * Unit8), new Level(850_637, 85 * Unit8), new Level(850_649, 2 * Unit8), new Level(850_696, 100 * Unit8),
        ]);
        book.Bids.Span.ToArray().ShouldBe(
        [
            new Level(847_697, 256 * Unit8), new Level(847_555, 101 * Unit8), new Level(847_554, 100 * Unit8), new Level(847_530, 1 * Unit8),
            new Level(844_732, 6 * Unit8), new Level(844_702, 246 * Unit8), new Level(844_683, 24 * Unit8), new Level(844_600, 95 * Unit8),
        ]);
    }

    [Fact]
    public void ParseFrame_DocsUpdate_PrevSeqIdAndSeqId()
    {
        var kind = Parse(Fixture.Read("okx-books-update-docs.json"), DocsBtcUsdt, out var book, out _, out var header);

        kind.ShouldBe(OkxFrameKind.BookUpdate);
        book.Sequence.ShouldBe(123457);
        header.ShouldBe(new OkxBookHeader(123456, -855196043));
        book.Bids.Count.ShouldBe(8);
        book.Asks.Count.ShouldBe(8);
    }

    [Fact]
    public void ParseFrame_PricesFinerThanTheTick_MalformedNeverRoundedButAttributed()
    {
        // 8476.98 has two decimals; BTC-USDT's tick today is 0.1.
        var kind = Parse(Fixture.Read("okx-books-snapshot-docs.json"), BtcUsdt, out var book, out _, out _);

        kind.ShouldBe(OkxFrameKind.Malformed);
        book.Instrument.ShouldBeSameAs(BtcUsdt);
    }

    [Fact]
    public void ParseFrame_TenByTenFrame_ExactUnitsAndSpellings()
    {
        var kind = Parse(Fixture.Read("okx-books-btc-usdt-10x10.json"), BtcUsdt, out var book, out var spellings, out var header);

        kind.ShouldBe(OkxFrameKind.BookSnapshot);
        book.Sequence.ShouldBe(28_311_564_720);
        book.ExchangeTime.ShouldBe(1_763_713_800_123_000);
        header.ShouldBe(new OkxBookHeader(-1, -289034797));
        book.Bids.Count.ShouldBe(10);
        book.Asks.Count.ShouldBe(10);
        book.Bids[0].ShouldBe(new Level(970_000, 150_000_000)); // "97000","1.5"
        book.Bids[5].ShouldBe(new Level(969_982, 123_456)); // "96998.2","0.00123456"
        book.Bids[8].ShouldBe(new Level(969_964, 123_456_789)); // "96996.4","1.23456789"
        book.Asks[0].ShouldBe(new Level(970_001, 50_000_000)); // "97000.1","0.5"
        book.Asks[1].ShouldBe(new Level(970_002, 1_234_567)); // "97000.2","0.01234567"
        book.Asks[9].ShouldBe(new Level(970_045, 10 * Unit8)); // "97004.5","10"
        spellings.Bids.Count.ShouldBe(10);
        spellings.Bids.PriceDecimals(0).ShouldBe((byte)0);
        spellings.Bids.SizeDecimals(0).ShouldBe((byte)1);
        spellings.Bids.SizeDecimals(5).ShouldBe((byte)8);
        spellings.Asks.PriceDecimals(0).ShouldBe((byte)1);
        spellings.Asks.SizeDecimals(9).ShouldBe((byte)0);
    }

    [Fact]
    public void ParseFrame_PaddedAndZeroSizes_ValuesAndSpellingsAsSent()
    {
        var frame = """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["101.50","0.10","0","2"]],"bids":[["100","0","0","0"]],"ts":"5","checksum":7,"prevSeqId":3,"seqId":4}]}"""u8.ToArray();

        var kind = Parse(frame, BtcUsdt, out var book, out var spellings, out var header);

        kind.ShouldBe(OkxFrameKind.BookUpdate);
        book.Asks.Span.ToArray().ShouldBe([new Level(1015, 10_000_000)]);
        book.Bids.Span.ToArray().ShouldBe([new Level(1000, 0)]);
        spellings.Asks.PriceDecimals(0).ShouldBe((byte)2);
        spellings.Asks.SizeDecimals(0).ShouldBe((byte)2);
        header.ShouldBe(new OkxBookHeader(3, 7));
        book.ExchangeTime.ShouldBe(5_000);
    }

    [Fact]
    public void ParseFrame_DataBeforeArg_SameResultAsCanonicalOrder()
    {
        var reordered = """{"data":[{"seqId":9,"prevSeqId":8,"ts":"12","bids":[["100","1","0","1"]],"asks":[["101","2","0","1"]]}],"action":"update","arg":{"instId":"BTC-USDT","channel":"books"}}"""u8.ToArray();

        var kind = Parse(reordered, BtcUsdt, out var book, out _, out var header);

        kind.ShouldBe(OkxFrameKind.BookUpdate);
        book.Bids.Span.ToArray().ShouldBe([new Level(1000, Unit8)]);
        book.Asks.Span.ToArray().ShouldBe([new Level(1010, 2 * Unit8)]);
        book.Sequence.ShouldBe(9);
        header.ShouldBe(new OkxBookHeader(8, 0));
    }

    [Theory]
    [InlineData("pong", OkxFrameKind.Pong)]
    [InlineData("""{"event":"subscribe","arg":{"channel":"books","instId":"BTC-USDT"},"connId":"a4d3ae55"}""", OkxFrameKind.Ack)]
    [InlineData("""{"event":"unsubscribe","arg":{"channel":"books","instId":"BTC-USDT"},"connId":"a4d3ae55"}""", OkxFrameKind.Ack)]
    [InlineData("""{"id":"1512","event":"error","code":"60012","msg":"Invalid request: {\"op\": \"subscribe\", \"argss\":[{ \"channel\" : \"books\", \"instId\" : \"BTC-USD-191227\"}]}","connId":"a4d3ae55"}""", OkxFrameKind.VenueError)]
    [InlineData("""{"event":"notice","code":"64008","msg":"The connection will soon be closed for a service upgrade.","connId":"a4d3ae55"}""", OkxFrameKind.Unknown)]
    [InlineData("""{"arg":{"channel":"bbo-tbt","instId":"BTC-USDT"},"data":[{"asks":[["36232.2","1.8826134","0","17"]],"bids":[["36232.1","0.00572212","0","2"]],"ts":"1651826598363"}]}""", OkxFrameKind.Unknown)]
    [InlineData("""{"arg":{"channel":"books","instId":"ETH-USDT"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":1}]}""", OkxFrameKind.UnknownSymbol)]
    public void ParseFrame_OtherMessages_Classified(string text, OkxFrameKind expected) =>
        Parse(Encoding.UTF8.GetBytes(text), BtcUsdt, out _, out _, out _).ShouldBe(expected);

    public static TheoryData<string> MalformedNames() =>
    [
        "empty", "truncated", "bad UTF-8 in instId", "bare NaN", "negative price", "negative size", "price 0", "1e400 price",
        "nine size decimals", "number price", "level of one string", "level not an array", "missing seqId", "missing ts",
        "string seqId", "numeric ts", "prevSeqId -2", "checksum beyond int32", "missing action", "unknown action",
        "update without prevSeqId", "two data objects", "empty data", "asks twice", "trailing garbage", "deep nesting",
    ];

    [Theory]
    [MemberData(nameof(MalformedNames))]
    public void ParseFrame_MalformedCorpus_MalformedWithoutException(string name)
    {
        var kind = Parse(Malformed(name), BtcUsdt, out _, out _, out _);

        kind.ShouldBe(OkxFrameKind.Malformed, name);
    }

    [Fact]
    public void TryParseSnapshot_RestAnswerWithSeqId_LevelsSeqIdAndTime()
    {
        var bids = new LevelList();
        var asks = new LevelList();
        var spellings = new OkxLevelSpellings();

        var status = OkxParser.TryParseSnapshot(Fixture.Read("okx-market-books-rest-seqid.json"), BtcUsdt, bids, asks, spellings, out var seqId, out var time);

        status.ShouldBe(OkxSnapshotStatus.Ok);
        seqId.ShouldBe(1_234_567_890);
        time.ShouldBe(1_629_966_436_396_000);
        asks.Span.ToArray().ShouldBe([new Level(410_068, 60_038_921)]); // "41006.8","0.60038921"
        bids.Span.ToArray().ShouldBe([new Level(410_063, 30_178_218)]); // "41006.3","0.30178218"
        spellings.Asks.SizeDecimals(0).ShouldBe((byte)8);
    }

    [Theory]
    [InlineData("okx-market-books-rest-docs.json", OkxSnapshotStatus.NoSequence)]
    public void TryParseSnapshot_DocumentedAnswerWithoutSeqId_NoSequence(string fixture, OkxSnapshotStatus expected) =>
        OkxParser.TryParseSnapshot(Fixture.Read(fixture), BtcUsdt, new LevelList(), new LevelList(), new OkxLevelSpellings(), out _, out _).ShouldBe(expected);

    [Theory]
    [InlineData("""{"code":"51001","msg":"Instrument ID does not exist","data":[]}""", OkxSnapshotStatus.VenueError)]
    [InlineData("""{"code":"0","msg":"","data":[{"asks":[["1","x","0","1"]],"bids":[],"ts":"1","seqId":1}]}""", OkxSnapshotStatus.Malformed)]
    [InlineData("""{"code":"0","msg":"","data":[{"asks":[],"bids":[],"seqId":1}]}""", OkxSnapshotStatus.Malformed)]
    [InlineData("""{"code":"0","msg":"","data":[]""", OkxSnapshotStatus.Malformed)]
    [InlineData("""[]""", OkxSnapshotStatus.Malformed)]
    public void TryParseSnapshot_ErrorsAndBadBodies_Classified(string body, OkxSnapshotStatus expected) =>
        OkxParser.TryParseSnapshot(Encoding.UTF8.GetBytes(body), BtcUsdt, new LevelList(), new LevelList(), new OkxLevelSpellings(), out _, out _).ShouldBe(expected);

    [Fact]
    public void ParseFrame_TenByTenFrame_AllocatesNothing()
    {
        var frame = Fixture.Read("okx-books-btc-usdt-10x10.json");
        var symbols = Symbols(BtcUsdt);
        var book = new MarketEvent();
        var spellings = new OkxLevelSpellings();
        for (var i = 0; i < 100; i++)
        {
            OkxParser.ParseFrame(frame, symbols, book, spellings, out _);
        }

        var allocated = Allocations.Minimum(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                OkxParser.ParseFrame(frame, symbols, book, spellings, out _);
            }
        });
        allocated.ShouldBe(0);
        book.Bids.Count.ShouldBe(10);
    }

    private static byte[] Malformed(string name)
    {
        const string Head = """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[""";
        const string Good = """{"asks":[["101","1","0","1"]],"bids":[["100","1","0","1"]],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}""";
        string Data(string replace, string with) => Head + Good.Replace(replace, with, StringComparison.Ordinal) + "]}";
        return name switch
        {
            "empty" => [],
            "truncated" => Encoding.UTF8.GetBytes((Head + Good)[..60]),
            "bad UTF-8 in instId" => [.. Encoding.UTF8.GetBytes("""{"arg":{"channel":"books","instId":"BTC-"""), 0xFF, .. Encoding.UTF8.GetBytes("\"},\"action\":\"update\",\"data\":[" + Good + "]}")],
            "bare NaN" => Encoding.UTF8.GetBytes(Data("\"checksum\":0", "\"checksum\":NaN")),
            "negative price" => Encoding.UTF8.GetBytes(Data("[\"101\"", "[\"-101\"")),
            "negative size" => Encoding.UTF8.GetBytes(Data("[\"101\",\"1\"", "[\"101\",\"-1\"")),
            "price 0" => Encoding.UTF8.GetBytes(Data("[\"101\"", "[\"0\"")),
            "1e400 price" => Encoding.UTF8.GetBytes(Data("[\"101\"", "[\"1e400\"")),
            "nine size decimals" => Encoding.UTF8.GetBytes(Data("[\"101\",\"1\"", "[\"101\",\"0.000000001\"")),
            "number price" => Encoding.UTF8.GetBytes(Data("[\"101\"", "[101")),
            "level of one string" => Encoding.UTF8.GetBytes(Data("[\"101\",\"1\",\"0\",\"1\"]", "[\"101\"]")),
            "level not an array" => Encoding.UTF8.GetBytes(Data("[\"101\",\"1\",\"0\",\"1\"]", "{\"px\":\"101\"}")),
            "missing seqId" => Encoding.UTF8.GetBytes(Data(",\"seqId\":2", "")),
            "missing ts" => Encoding.UTF8.GetBytes(Data("\"ts\":\"1\",", "")),
            "string seqId" => Encoding.UTF8.GetBytes(Data("\"seqId\":2", "\"seqId\":\"2\"")),
            "numeric ts" => Encoding.UTF8.GetBytes(Data("\"ts\":\"1\"", "\"ts\":1")),
            "prevSeqId -2" => Encoding.UTF8.GetBytes(Data("\"prevSeqId\":1", "\"prevSeqId\":-2")),
            "checksum beyond int32" => Encoding.UTF8.GetBytes(Data("\"checksum\":0", "\"checksum\":4294967295")),
            "missing action" => Encoding.UTF8.GetBytes(Head.Replace("\"action\":\"update\",", "", StringComparison.Ordinal) + Good + "]}"),
            "unknown action" => Encoding.UTF8.GetBytes(Head.Replace("update", "partial", StringComparison.Ordinal) + Good + "]}"),
            "update without prevSeqId" => Encoding.UTF8.GetBytes(Data("\"prevSeqId\":1,", "")),
            "two data objects" => Encoding.UTF8.GetBytes(Head + Good + "," + Good + "]}"),
            "empty data" => Encoding.UTF8.GetBytes(Head + "]}"),
            "asks twice" => Encoding.UTF8.GetBytes(Data("\"bids\"", "\"asks\"")),
            "trailing garbage" => Encoding.UTF8.GetBytes(Head + Good + "]}x"),
            "deep nesting" => Encoding.UTF8.GetBytes(Data("\"ts\":\"1\"", "\"ts\":\"1\",\"x\":" + new string('[', 64) + new string(']', 64))),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
