using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Okx;
using Arbiter.Venues.Tests.Shared;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.Okx;

/// <summary>The tail scanner (fast path) must agree with the Utf8JsonReader + FixedPoint path on every frame.</summary>
public sealed class OkxFastPathTests
{
    private const string Head = """{"arg":{"channel":"books","instId":"X-USDT"},"action":"update","data":[""";

    [Fact]
    public void ParseFrame_RandomLevels_FastAndReaderPathsAgree()
    {
        var random = new Random(11);
        for (var n = 0; n < 3_000; n++)
        {
            var instrument = new Instrument(VenueId.Okx, "X-USDT", Asset.Of("X"), Asset.Usdt, random.Next(0, 19), random.Next(0, 19));
            var symbols = new Utf8SymbolMap<Instrument>();
            symbols.Set("X-USDT", instrument);
            var levels = new StringBuilder();
            var count = random.Next(0, 4);
            for (var i = 0; i < count; i++)
            {
                levels.Append(i == 0 ? "" : ",").Append("[\"").Append(DecimalTextTests.RandomDecimal(random))
                    .Append("\",\"").Append(DecimalTextTests.RandomDecimal(random)).Append("\",\"0\",\"").Append(random.Next(1, 30)).Append("\"]");
            }

            var sides = $"\"asks\":[{levels}],\"bids\":[{levels}]";
            var tail = "\"ts\":\"1597026383085\",\"checksum\":-855196043,\"prevSeqId\":7,\"seqId\":8";
            var canonical = Encoding.UTF8.GetBytes(Head + "{" + sides + "," + tail + "}]}");    // eligible for the fast path
            var readerOnly = Encoding.UTF8.GetBytes(Head + "{" + tail + "," + sides + "}]}");  // starts with "ts": reader path

            var fast = Parse(canonical, symbols, out var fastSpellings, out var fastHeader, out var fastKind);
            var slow = Parse(readerOnly, symbols, out var slowSpellings, out var slowHeader, out var slowKind);

            fastKind.ShouldBe(slowKind, $"{levels} at {instrument.PriceScale}/{instrument.QuantityScale}");
            fast.Bids.Span.ToArray().ShouldBe(slow.Bids.Span.ToArray());
            fast.Asks.Span.ToArray().ShouldBe(slow.Asks.Span.ToArray());
            fastHeader.ShouldBe(slowHeader);
            fast.Sequence.ShouldBe(slow.Sequence);
            fast.ExchangeTime.ShouldBe(slow.ExchangeTime);
            Spellings(fastSpellings.Bids).ShouldBe(Spellings(slowSpellings.Bids));
        }
    }

    [Fact]
    public void TryScan_CanonicalFrame_TakesTheFastPath()
    {
        var frame = Fixture.Read("okx-books-btc-usdt-10x10.json");
        var instrument = new Instrument(VenueId.Okx, "BTC-USDT", Asset.Btc, Asset.Usdt, 1, 8);
        var start = frame.AsSpan().IndexOf("\"asks\""u8) + "\"asks\""u8.Length;
        var book = new MarketEvent();
        var fields = default(OkxFrameFields);

        OkxTailScanner.TryScan(frame, start, asksFirst: true, book, new OkxLevelSpellings(), instrument, ref fields).ShouldBeTrue();

        book.Asks.Count.ShouldBe(10);
        fields.SeqId.ShouldBe(28_311_564_720);
        fields.Checksum.ShouldBe(-289034797);
    }

    [Theory]
    [InlineData("""{"arg":{"channel":"books","instId":"X-USDT"},"action":"update","data":[{"asks":[["1.5","2","0","1"]],"bids":[],"ts":"1","checksum":3,"prevSeqId":1,"seqId":2}]}""")]
    [InlineData(" { \"arg\" : { \"channel\" : \"books\" , \"instId\" : \"X-USDT\" } , \"action\" : \"update\" , \"data\" : [ { \"asks\" : [ [ \"1.5\" , \"2\" , \"0\" , \"1\" ] ] , \"bids\" : [ ] , \"ts\" : \"1\" , \"checksum\" : 3 , \"prevSeqId\" : 1 , \"seqId\" : 2 } ] } \n")]
    [InlineData("""{"arg":{"channel":"books","instId":"X-USDT"},"action":"update","data":[{"bids":[],"asks":[["1.5","2",0,1]],"seqId":2,"prevSeqId":1,"checksum":3,"ts":"1"}]}""")]
    [InlineData("""{"arg":{"channel":"books","instId":"X-USDT"},"action":"update","data":[{"asks":[["1.5","2","0","1"]],"bids":[],"ts":"0001","checksum":3,"prevSeqId":1,"seqId":2}]}""")]
    [InlineData("""{"arg":{"channel":"books","instId":"X-USDT"},"action":"update","data":[{"asks":[["1.5","2.0E0","0","1"]],"bids":[],"ts":"1","checksum":3,"prevSeqId":1,"seqId":2}]}""")]
    [InlineData("""{"arg":{"channel":"books","instId":"X-USDT"},"action":"update","data":[{"asks":[["1.5","2","0","1"]],"bids":[],"ts":"1","checksum":3,"prevSeqId":1,"seqId":2,"x":"y"}]}""")]
    [InlineData("""{"arg":{"channel":"books","instId":"X-USDT"},"data":[{"asks":[["1.5","2","0","1"]],"bids":[],"ts":"1","checksum":3,"prevSeqId":1,"seqId":2}],"action":"update"}""")]
    public void ParseFrame_WhitespaceOrderAndSpellings_SameBook(string json)
    {
        var symbols = new Utf8SymbolMap<Instrument>();
        symbols.Set("X-USDT", new Instrument(VenueId.Okx, "X-USDT", Asset.Of("X"), Asset.Usdt, 2, 4));

        var book = Parse(Encoding.UTF8.GetBytes(json), symbols, out _, out var header, out var kind);

        kind.ShouldBe(OkxFrameKind.BookUpdate);
        book.Asks.Span.ToArray().ShouldBe([new Level(150, 20_000)]);
        book.Bids.Count.ShouldBe(0);
        book.Sequence.ShouldBe(2);
        book.ExchangeTime.ShouldBe(1_000);
        header.ShouldBe(new OkxBookHeader(1, 3));
    }

    private static MarketEvent Parse(byte[] frame, Utf8SymbolMap<Instrument> symbols, out OkxLevelSpellings spellings, out OkxBookHeader header, out OkxFrameKind kind)
    {
        var book = new MarketEvent();
        spellings = new OkxLevelSpellings();
        kind = OkxParser.ParseFrame(frame, symbols, book, spellings, out header);
        return book;
    }

    private static (byte, byte)[] Spellings(OkxSpellingList list) =>
        [.. Enumerable.Range(0, list.Count).Select(i => (list.PriceDecimals(i), list.SizeDecimals(i)))];
}
