using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Coinbase;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.Coinbase;

public sealed class CoinbaseParserTests
{
    // BTC-USD as the product list fixture gives it: price_increment 0.01, base_increment 0.00000001.
    private static readonly Instrument BtcUsd = new(VenueId.Coinbase, "BTC-USD", Asset.Btc, Asset.Usd, 2, 8);

    private static Utf8SymbolMap<Instrument> Products()
    {
        var map = new Utf8SymbolMap<Instrument>();
        map.Set(BtcUsd.Symbol, BtcUsd);
        return map;
    }

    [Fact]
    public void ParseFrame_DocsSnapshot_ExactUnits()
    {
        var frame = new CoinbaseFrame();

        var kind = CoinbaseParser.ParseFrame(Fixture.Read("coinbase-l2-snapshot-btc-usd.json"), Products(), frame);

        kind.ShouldBe(CoinbaseFrameKind.Book);
        frame.HasSequence.ShouldBeTrue();
        frame.SequenceNum.ShouldBe(0);
        frame.Timestamp.ShouldBe(1_675_974_770_714_964); // 2023-02-09T20:32:50.714964855Z
        frame.Count.ShouldBe(1);
        var e = frame[0];
        e.Kind.ShouldBe(MarketEventKind.BookSnapshot);
        e.Instrument.ShouldBeSameAs(BtcUsd);
        e.Sequence.ShouldBe(1_675_974_770_714_964);
        e.ExchangeTime.ShouldBe(1_675_974_770_714_964);
        e.Bids.Span.ToArray().ShouldBe([new Level(2_192_173, 6_317_902), new Level(2_192_130, 2_000_000)]);
        e.Asks.Count.ShouldBe(0);
    }

    [Fact]
    public void ParseFrame_Update_AbsoluteSizesWithZeroKeptAsRemove()
    {
        var frame = new CoinbaseFrame();

        CoinbaseParser.ParseFrame(Fixture.Read("coinbase-l2-update-btc-usd.json"), Products(), frame).ShouldBe(CoinbaseFrameKind.Book);

        frame.SequenceNum.ShouldBe(1);
        var e = frame[0];
        e.Kind.ShouldBe(MarketEventKind.BookDelta);
        e.Sequence.ShouldBe(1_675_974_770_814_964);
        e.Bids.Span.ToArray().ShouldBe([new Level(2_192_173, 0), new Level(2_192_150, 40_000_000)]);
        e.Asks.Span.ToArray().ShouldBe([new Level(2_192_201, 125_000_000)]);
    }

    [Fact]
    public void ParseFrame_TenByTenSnapshot_ExactUnitsInMessageOrder()
    {
        var frame = new CoinbaseFrame();

        CoinbaseParser.ParseFrame(Fixture.Read("coinbase-l2-snapshot-btc-usd-10x10.json"), Products(), frame).ShouldBe(CoinbaseFrameKind.Book);

        frame.SequenceNum.ShouldBe(2);
        frame.Timestamp.ShouldBe(1_746_601_573_812_345); // 2025-05-07T07:06:13.812345678Z
        frame[0].Bids.Span.ToArray().ShouldBe(
        [
            new Level(9_685_001, 152_341_000), new Level(9_685_000, 12_000), new Level(9_684_999, 25_000_000),
            new Level(9_684_950, 20_000_000), new Level(9_684_901, 310_000_000), new Level(9_684_800, 5_160_000),
            new Level(9_684_777, 600_000), new Level(9_684_620, 1_200_000_000), new Level(9_684_500, 50_000_000),
            new Level(9_684_000, 99_999_000),
        ]);
        frame[0].Asks.Span.ToArray().ShouldBe(
        [
            new Level(9_685_002, 84_211_000), new Level(9_685_003, 1_000_000), new Level(9_685_050, 1_030_000),
            new Level(9_685_100, 200_000_000), new Level(9_685_199, 31_400_000), new Level(9_685_240, 100_000),
            new Level(9_685_300, 725_000_000), new Level(9_685_555, 12_345_678), new Level(9_686_000, 100_000_000),
            new Level(9_687_510, 440_000_000),
        ]);
    }

    [Fact]
    public void ParseFrame_SnapshotWithZeroSize_LevelLeftOut()
    {
        var frame = new CoinbaseFrame();
        var json = CoinbaseHarness.L2(4, "snapshot", "BTC-USD", 0, "bid:100.00:0", "bid:99.99:0.00000001", "offer:100.01:0.00000000");

        CoinbaseParser.ParseFrame(json, Products(), frame).ShouldBe(CoinbaseFrameKind.Book);

        frame[0].Bids.Span.ToArray().ShouldBe([new Level(9_999, 1)]);
        frame[0].Asks.Count.ShouldBe(0);
    }

    [Fact]
    public void ParseFrame_ExtremeValues_ExactOrRejectedBelowScale()
    {
        var meme = new Instrument(VenueId.Coinbase, "PEPE-USD", Asset.Of("PEPE"), Asset.Usd, 8, 0);
        var map = Products();
        map.Set(meme.Symbol, meme);
        var frame = new CoinbaseFrame();

        CoinbaseParser.ParseFrame(CoinbaseHarness.L2(1, "update", "PEPE-USD", 0, "bid:0.00001234:10000000000", "offer:0.0000124:2"), map, frame).ShouldBe(CoinbaseFrameKind.Book);
        frame[0].Bids.Span.ToArray().ShouldBe([new Level(1_234, 10_000_000_000)]);
        frame[0].Asks.Span.ToArray().ShouldBe([new Level(1_240, 2)]);

        CoinbaseParser.ParseFrame(CoinbaseHarness.L2(1, "update", "BTC-USD", 0, "bid:150000000.00:0.00000001"), map, frame).ShouldBe(CoinbaseFrameKind.Book);
        frame[0].Bids.Span.ToArray().ShouldBe([new Level(15_000_000_000, 1)]);

        // 0.000012345 has nine decimals: finer than PEPE-USD's scale 8, so the message is rejected rather than rounded.
        CoinbaseParser.ParseFrame(CoinbaseHarness.L2(1, "update", "PEPE-USD", 0, "bid:0.000012345:1"), map, frame).ShouldBe(CoinbaseFrameKind.Malformed);
    }

    [Fact]
    public void ParseFrame_FieldsInAnyOrder_SameEvent()
    {
        var frame = new CoinbaseFrame();
        var json = Encoding.UTF8.GetBytes("""
            {"events":[{"updates":[{"new_quantity":"0.5","price_level":"101.25","event_time":"2025-01-01T00:00:00Z","side":"offer"}],"product_id":"BTC-USD","type":"update"}],
             "sequence_num":9,"client_id":"","channel":"l2_data","timestamp":"2025-01-01T00:00:00.000007Z"}
            """);

        CoinbaseParser.ParseFrame(json, Products(), frame).ShouldBe(CoinbaseFrameKind.Book);

        frame.SequenceNum.ShouldBe(9);
        frame[0].Kind.ShouldBe(MarketEventKind.BookDelta);
        frame[0].Sequence.ShouldBe(CoinbaseHarness.Epoch2025 + 7);
        frame[0].Asks.Span.ToArray().ShouldBe([new Level(10_125, 50_000_000)]);
    }

    public static TheoryData<string> NonCanonicalVariants() =>
    [
        "whitespace inside levels", "other key order in the last level", "no event_time", "escaped event_time",
        "two events", "events before channel", "non-ASCII event_time",
    ];

    /// <summary>The level scanner accepts only the canonical shape; every other spelling goes to the reader, with the same result.</summary>
    [Theory]
    [MemberData(nameof(NonCanonicalVariants))]
    public void ParseFrame_NonCanonicalSpelling_SameLevelsAsFastPath(string variant)
    {
        var canonical = Encoding.UTF8.GetString(Fixture.Read("coinbase-l2-snapshot-btc-usd-10x10.json"));
        var text = variant switch
        {
            "whitespace inside levels" => canonical.Replace("\",\"", "\", \"", StringComparison.Ordinal).Replace("{\"side\":", "{ \"side\" : ", StringComparison.Ordinal),
            "other key order in the last level" => canonical.Replace(
                "{\"side\":\"offer\",\"event_time\":\"2025-05-07T07:06:13.804152Z\",\"price_level\":\"96875.10\",\"new_quantity\":\"4.40000000\"}",
                "{\"new_quantity\":\"4.40000000\",\"price_level\":\"96875.10\",\"side\":\"offer\"}",
                StringComparison.Ordinal),
            "no event_time" => canonical.Replace("\"event_time\":\"2025-05-07T07:06:13.804152Z\",", "", StringComparison.Ordinal),
            "escaped event_time" => canonical.Replace("\"2025-05-07T07:06:13.804152Z\"", "\"\\u0032025-05-07T07:06:13.804152Z\"", StringComparison.Ordinal),
            "two events" => canonical.Replace("}]}]}", "}]},{\"type\":\"update\",\"product_id\":\"ETH-USD\",\"updates\":[]}]}", StringComparison.Ordinal),
            "non-ASCII event_time" => canonical.Replace("07:06:13.804152Z", "07:06:13.804152Z \u00e9", StringComparison.Ordinal),
            "events before channel" => "{\"events\"" + canonical[canonical.IndexOf(":[{\"type\"", StringComparison.Ordinal)..^1]
                + "," + canonical[1..canonical.IndexOf(",\"events\"", StringComparison.Ordinal)] + "}",
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "No such variant."),
        };
        text.ShouldNotBe(canonical);
        var fast = new CoinbaseFrame();
        var slow = new CoinbaseFrame();

        CoinbaseParser.ParseFrame(Encoding.UTF8.GetBytes(canonical), Products(), fast).ShouldBe(CoinbaseFrameKind.Book);
        CoinbaseParser.ParseFrame(Encoding.UTF8.GetBytes(text), Products(), slow).ShouldBe(CoinbaseFrameKind.Book, variant);

        (slow.SequenceNum, slow.Timestamp, slow.Count).ShouldBe((fast.SequenceNum, fast.Timestamp, 1));
        slow[0].Bids.Span.ToArray().ShouldBe(fast[0].Bids.Span.ToArray());
        slow[0].Asks.Span.ToArray().ShouldBe(fast[0].Asks.Span.ToArray());
        slow[0].Bids.Count.ShouldBe(10);
    }

    [Fact]
    public void ParseFrame_KnownAndUnknownProducts_UnknownSkippedAndCounted()
    {
        var frame = new CoinbaseFrame();
        var json = Encoding.UTF8.GetBytes("""
            {"channel":"l2_data","timestamp":"2025-01-01T00:00:00Z","sequence_num":3,"events":[
             {"type":"update","product_id":"ETH-USD","updates":[{"side":"bid","price_level":"2000.001","new_quantity":"1"}]},
             {"type":"update","product_id":"BTC-USD","updates":[{"side":"bid","price_level":"100","new_quantity":"1"}]}]}
            """);

        CoinbaseParser.ParseFrame(json, Products(), frame).ShouldBe(CoinbaseFrameKind.Book);

        frame.Count.ShouldBe(1);
        frame.UnknownProducts.ShouldBe(1);
        frame[0].Instrument.ShouldBeSameAs(BtcUsd);
        frame[0].Bids.Span.ToArray().ShouldBe([new Level(10_000, 100_000_000)]);
    }

    [Theory]
    [InlineData("coinbase-heartbeats.json", CoinbaseFrameKind.Heartbeat, 0, 1_687_552_286_122_969)]
    [InlineData("coinbase-subscriptions.json", CoinbaseFrameKind.Subscriptions, 0, 1_728_025_480_812_675)]
    public void ParseFrame_Fixtures_ClassifiedWithSequence(string fixture, CoinbaseFrameKind expected, long sequence, long timestamp)
    {
        var frame = new CoinbaseFrame();

        CoinbaseParser.ParseFrame(Fixture.Read(fixture), Products(), frame).ShouldBe(expected);

        frame.HasSequence.ShouldBeTrue();
        frame.SequenceNum.ShouldBe(sequence);
        frame.Timestamp.ShouldBe(timestamp);
        frame.Count.ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"channel":"heartbeats","client_id":"","timestamp":"2024-10-04T07:04:40.825062088Z","sequence_num":1,"events":[{"current_time":"2024-10-04 07:04:40.820713045 +0000 UTC m=+66987.628148662","heartbeat_counter":66987}]}""", CoinbaseFrameKind.Heartbeat)]
    [InlineData("""{"type":"error","message":"failure to subscribe"}""", CoinbaseFrameKind.VenueError)]
    [InlineData("""{"channel":"ticker","client_id":"","timestamp":"2023-02-09T20:30:37.167359596Z","sequence_num":0,"events":[{"type":"snapshot","tickers":[{"type":"ticker","product_id":"BTC-USD","price":"21932.98"}]}]}""", CoinbaseFrameKind.Unknown)]
    [InlineData("""{"channel":"l2_data","client_id":"","timestamp":"2023-02-09T20:32:50Z","sequence_num":4,"events":[{"type":"update","product_id":"ETH-USD","updates":[]}]}""", CoinbaseFrameKind.UnknownSymbol)]
    [InlineData("""{"channel":"l2_data","client_id":"","timestamp":"2023-02-09T20:32:50Z","sequence_num":4,"events":[]}""", CoinbaseFrameKind.Book)]
    [InlineData("{}", CoinbaseFrameKind.Unknown)]
    public void ParseFrame_OtherMessages_Classified(string json, CoinbaseFrameKind expected)
    {
        CoinbaseParser.ParseFrame(Encoding.UTF8.GetBytes(json), Products(), new CoinbaseFrame()).ShouldBe(expected);
    }

    public static TheoryData<string> MalformedNames() =>
    [
        "empty", "truncated", "array", "bad UTF-8 in the product", "NaN string price", "bare NaN", "negative price",
        "negative size", "1e400 price", "three decimals", "nine decimals", "number price", "escaped price", "missing size",
        "missing side", "side ask", "price 0", "missing timestamp", "impossible date", "number timestamp", "missing sequence",
        "negative sequence", "string sequence", "sequence beyond long", "events not an array", "event not an object",
        "event type partial", "missing product", "missing updates", "updates not an array", "update not an object",
        "trailing garbage", "10 MB of nesting", "control byte in event_time", "unclosed updates",
        "garbage after updates",
    ];

    [Theory]
    [MemberData(nameof(MalformedNames))]
    public void ParseFrame_MalformedCorpus_MalformedWithoutException(string name)
    {
        var frame = new CoinbaseFrame();

        var kind = CoinbaseParser.ParseFrame(Malformed(name), Products(), frame);

        kind.ShouldBe(CoinbaseFrameKind.Malformed, name);
        frame.HasSequence.ShouldBeFalse(name);
        frame.Count.ShouldBe(0, name);
    }

    [Theory]
    [InlineData("coinbase-l2-snapshot-btc-usd-10x10.json")]
    [InlineData("coinbase-l2-update-btc-usd.json")]
    [InlineData("coinbase-heartbeats.json")]
    public void ParseFrame_AfterWarmUp_AllocatesNothing(string fixture)
    {
        var bytes = Fixture.Read(fixture);
        var products = Products();
        var frame = new CoinbaseFrame();
        for (var i = 0; i < 100; i++)
        {
            CoinbaseParser.ParseFrame(bytes, products, frame);
        }

        var allocated = Allocations.Minimum(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                CoinbaseParser.ParseFrame(bytes, products, frame);
            }
        });
        allocated.ShouldBe(0);
    }

    private static byte[] Malformed(string name)
    {
        static byte[] U(string s) => Encoding.UTF8.GetBytes(s);
        const string Head = """{"channel":"l2_data","client_id":"","timestamp":"2025-01-01T00:00:00Z","sequence_num":1,"events":[{"type":"update","product_id":"BTC-USD","updates":[""";
        const string Tail = "]}]}";
        static byte[] Level(string level) => U(Head + level + Tail);
        return name switch
        {
            "empty" => [],
            "truncated" => U(Head + """{"side":"bid","price_level":"100.00","""),
            "array" => U("[]"),
            "bad UTF-8 in the product" => [.. U("""{"channel":"l2_data","timestamp":"2025-01-01T00:00:00Z","sequence_num":1,"events":[{"type":"update","product_id":"BTC-"""), 0xFE, .. U("""USD","updates":[]}]}""")],
            "NaN string price" => Level("""{"side":"bid","price_level":"NaN","new_quantity":"1"}"""),
            "bare NaN" => Level("""{"side":"bid","price_level":NaN,"new_quantity":"1"}"""),
            "negative price" => Level("""{"side":"bid","price_level":"-100.00","new_quantity":"1"}"""),
            "negative size" => Level("""{"side":"bid","price_level":"100.00","new_quantity":"-0.5"}"""),
            "1e400 price" => Level("""{"side":"bid","price_level":"1e400","new_quantity":"1"}"""),
            "three decimals" => Level("""{"side":"bid","price_level":"100.001","new_quantity":"1"}"""),
            "nine decimals" => Level("""{"side":"bid","price_level":"100.00","new_quantity":"0.123456789"}"""),
            "number price" => Level("""{"side":"bid","price_level":100.00,"new_quantity":"1"}"""),
            "escaped price" => Level("""{"side":"bid","price_level":"\u0031\u0030\u0030","new_quantity":"1"}"""),
            "missing size" => Level("""{"side":"bid","price_level":"100.00"}"""),
            "missing side" => Level("""{"price_level":"100.00","new_quantity":"1"}"""),
            "side ask" => Level("""{"side":"ask","price_level":"100.00","new_quantity":"1"}"""),
            "price 0" => Level("""{"side":"bid","price_level":"0","new_quantity":"1"}"""),
            "missing timestamp" => U("""{"channel":"l2_data","sequence_num":1,"events":[]}"""),
            "impossible date" => U("""{"channel":"l2_data","timestamp":"2025-02-29T00:00:00Z","sequence_num":1,"events":[]}"""),
            "number timestamp" => U("""{"channel":"l2_data","timestamp":1735689600,"sequence_num":1,"events":[]}"""),
            "missing sequence" => U("""{"channel":"l2_data","timestamp":"2025-01-01T00:00:00Z","events":[]}"""),
            "negative sequence" => U("""{"channel":"l2_data","timestamp":"2025-01-01T00:00:00Z","sequence_num":-1,"events":[]}"""),
            "string sequence" => U("""{"channel":"heartbeats","timestamp":"2025-01-01T00:00:00Z","sequence_num":"1","events":[]}"""),
            "sequence beyond long" => U("""{"channel":"heartbeats","timestamp":"2025-01-01T00:00:00Z","sequence_num":100000000000000000000,"events":[]}"""),
            "events not an array" => U("""{"channel":"l2_data","timestamp":"2025-01-01T00:00:00Z","sequence_num":1,"events":{}}"""),
            "event not an object" => U("""{"channel":"l2_data","timestamp":"2025-01-01T00:00:00Z","sequence_num":1,"events":[1]}"""),
            "event type partial" => U("""{"channel":"l2_data","timestamp":"2025-01-01T00:00:00Z","sequence_num":1,"events":[{"type":"partial","product_id":"BTC-USD","updates":[]}]}"""),
            "missing product" => U("""{"channel":"l2_data","timestamp":"2025-01-01T00:00:00Z","sequence_num":1,"events":[{"type":"update","updates":[]}]}"""),
            "missing updates" => U("""{"channel":"l2_data","timestamp":"2025-01-01T00:00:00Z","sequence_num":1,"events":[{"type":"update","product_id":"BTC-USD"}]}"""),
            "updates not an array" => U("""{"channel":"l2_data","timestamp":"2025-01-01T00:00:00Z","sequence_num":1,"events":[{"type":"update","product_id":"BTC-USD","updates":{}}]}"""),
            "update not an object" => Level("[]"),
            "trailing garbage" => U("""{"channel":"l2_data","timestamp":"2025-01-01T00:00:00Z","sequence_num":1,"events":[]} ]"""),
            "10 MB of nesting" => U(new string('[', 10_000_000)),
            "control byte in event_time" => [.. U(Head + """{"side":"bid","event_time":"2025"""), 0x01, .. U("""01","price_level":"100.00","new_quantity":"1"}""" + Tail)],
            "unclosed updates" => U(Head + """{"side":"bid","event_time":"x","price_level":"100.00","new_quantity":"1"}"""),
            "garbage after updates" => U(Head + """{"side":"bid","event_time":"x","price_level":"100.00","new_quantity":"1"}]x}]}"""),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such frame."),
        };
    }
}
