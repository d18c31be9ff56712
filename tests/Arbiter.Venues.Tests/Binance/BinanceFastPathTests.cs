using System.Globalization;
using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Binance;
using Arbiter.Venues.Tests.Shared;

namespace Arbiter.Venues.Tests.Binance;

/// <summary>The level scanner (fast path) must agree with the Utf8JsonReader + FixedPoint path on every frame.</summary>
public sealed class BinanceFastPathTests
{
    [Fact]
    public void ParseFrame_RandomLevels_FastAndReaderPathsAgree()
    {
        var random = new Random(7);
        for (var n = 0; n < 3_000; n++)
        {
            var priceScale = random.Next(0, 19);
            var quantityScale = random.Next(0, 19);
            var instrument = new Instrument(VenueId.Binance, "XUSDT", Asset.Of("X"), Asset.Usdt, priceScale, quantityScale);
            var symbols = new Utf8SymbolMap<Instrument>();
            symbols.Set("XUSDT", instrument);
            var levels = new StringBuilder();
            var count = random.Next(0, 4);
            for (var i = 0; i < count; i++)
            {
                levels.Append(i == 0 ? "" : ",").Append("[\"").Append(DecimalTextTests.RandomDecimal(random))
                    .Append("\",\"").Append(DecimalTextTests.RandomDecimal(random)).Append("\"]");
            }

            var head = string.Create(CultureInfo.InvariantCulture, $$$"""{"stream":"xusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"XUSDT","U":1,"u":2,"b":[{{{levels}}}],"a":[{{{levels}}}]""");
            var canonical = Encoding.UTF8.GetBytes(head + "}}");             // eligible for the fast path
            var readerOnly = Encoding.UTF8.GetBytes(head + ",\"x\":0}}");    // a trailing property forces the reader path

            var fast = new MarketEvent();
            var slow = new MarketEvent();
            var fastKind = BinanceParser.ParseFrame(canonical, symbols, fast, out _);
            var slowKind = BinanceParser.ParseFrame(readerOnly, symbols, slow, out _);

            Assert.True(fastKind == slowKind, $"{levels} at {priceScale}/{quantityScale}: {fastKind} vs {slowKind}");
            Assert.Equal(slow.Bids.Span.ToArray(), fast.Bids.Span.ToArray());
            Assert.Equal(slow.Asks.Span.ToArray(), fast.Asks.Span.ToArray());
        }
    }

    [Theory]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.00","1"]],"a":[]}""")]
    [InlineData(" { \"e\" : \"depthUpdate\" , \"E\" : 1 , \"s\" : \"BTCUSDT\" , \"U\" : 1 , \"u\" : 2 , \"b\" : [ [ \"1.00\" , \"1\" ] ] , \"a\" : [ ] } \n")]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"a":[],"b":[["1.00","1"]]}""")]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.00","1"]],"a":[],"E":1}""")]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.00","1.0E0"]],"a":[]}""")]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.\u0030","1"]],"a":[]}""")]
    public void ParseFrame_WhitespaceOrderAndSpellings_SameLevels(string json)
    {
        var symbols = new Utf8SymbolMap<Instrument>();
        symbols.Set("BTCUSDT", new Instrument(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5));
        var update = new MarketEvent();

        var kind = BinanceParser.ParseFrame(Encoding.UTF8.GetBytes(json), symbols, update, out var first);

        if (json.Contains("\\u", StringComparison.Ordinal))
        {
            Assert.Equal(BinanceFrameKind.Malformed, kind); // escaped digits are not a number Binance sends
            return;
        }

        Assert.Equal(BinanceFrameKind.Depth, kind);
        Assert.Equal((1L, 2L), (first, update.Sequence));
        Assert.Equal([new Level(100, 100_000)], update.Bids.Span.ToArray());
        Assert.Empty(update.Asks.Span.ToArray());
    }
}
