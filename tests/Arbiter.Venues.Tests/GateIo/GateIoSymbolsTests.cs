using System.Text;
using Arbiter.Core;
using Arbiter.Venues.GateIo;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.GateIo;

public sealed class GateIoSymbolsTests
{
    [Fact]
    public void TryParse_CurrencyPairs_TradablePairsOnly()
    {
        var ok = GateIoSymbols.TryParse(Fixture.Read("gateio-currency-pairs.json"), new InstrumentCatalog(), ["BTC"], ["USDT"], out var symbols, out var error);

        ok.ShouldBeTrue(error);
        symbols!.Markets.Count.ShouldBe(7); // 100X_USDT (untradable), XEM_USDT (sellable) and SOL_USDC (buyable) left out
        symbols.Markets.TryGet("QTUM_ETH", out var qtum, out var eth).ShouldBeTrue();
        (qtum.Code, eth.Code).ShouldBe(("QTUM", "ETH"));
        symbols.Markets.TryGet("100X_USDT", out _, out _).ShouldBeFalse();
        symbols.Markets.TryGet("XEM_USDT", out _, out _).ShouldBeFalse();
        symbols.Markets.TryGet("SOL_USDC", out _, out _).ShouldBeFalse();
    }

    [Fact]
    public void TryParse_CurrencyPairs_WatchedInstrumentsInConfigurationOrderWithTwoSpareDecimals()
    {
        var catalog = new InstrumentCatalog();

        GateIoSymbols.TryParse(Fixture.Read("gateio-currency-pairs.json"), catalog, ["BTC", "ETH", "XRP", "SOL", "DOGE"], ["USDT"], out var symbols, out _);

        var instruments = symbols!.Instruments;
        instruments.Select(i => i.Symbol).ShouldBe(["BTC_USDT", "ETH_USDT", "XRP_USDT", "SOL_USDT", "DOGE_USDT"]);
        // precision / amount_precision in the fixture: 1/6, 6/3, 4/2, 2/3, 5/2; each + 2.
        instruments.Select(i => (i.PriceScale, i.QuantityScale)).ShouldBe([(3, 8), (8, 5), (6, 4), (4, 5), (7, 4)]);
        instruments.ShouldAllBe(i => i.Venue == VenueId.GateIo);
        instruments[0].Base.ShouldBe(Asset.Btc);
        instruments[0].Quote.ShouldBe(Asset.Usdt);
        catalog.Count.ShouldBe(5);
        symbols.BySymbol.TryGet("DOGE_USDT"u8, out var doge).ShouldBeTrue();
        doge.ShouldBeSameAs(instruments[4]);
    }

    [Fact]
    public void TryParse_TwoQuotes_NonTradableQuotePairSkipped()
    {
        GateIoSymbols.TryParse(Fixture.Read("gateio-currency-pairs.json"), new InstrumentCatalog(), ["btc", "SOL"], ["USDT", "usdc"], out var symbols, out _);

        symbols!.Instruments.Select(i => i.Symbol).ShouldBe(["BTC_USDT", "BTC_USDC", "SOL_USDT"]); // SOL_USDC is only buyable
    }

    [Fact]
    public void TryParse_OnlyNonTradableAssets_NoInstruments()
    {
        var ok = GateIoSymbols.TryParse(Fixture.Read("gateio-currency-pairs.json"), new InstrumentCatalog(), ["100X", "XEM"], ["USDT"], out var symbols, out _);

        ok.ShouldBeTrue();
        symbols!.Instruments.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""[{"id":"BTC_USDT","trade_status":"tradable","precision":19,"amount_precision":6}]""")]
    [InlineData("""[{"id":"BTC_USDT","trade_status":"tradable","precision":-1,"amount_precision":6}]""")]
    [InlineData("""[{"id":"BTC_USDT","trade_status":"tradable","precision":"1","amount_precision":6}]""")]
    [InlineData("""[{"id":"BTC_USDT","trade_status":"tradable","amount_precision":6}]""")]
    [InlineData("""[{"id":"BTC-USDT","trade_status":"tradable","precision":1,"amount_precision":6}]""")]
    [InlineData("""[{"id":"BTC_USDT","precision":1,"amount_precision":6}]""")]
    public void TryParse_UnusablePair_NotWatched(string json)
    {
        GateIoSymbols.TryParse(Encoding.UTF8.GetBytes(json), new InstrumentCatalog(), ["BTC"], ["USDT"], out var symbols, out _).ShouldBeTrue();

        symbols!.Instruments.ShouldBeEmpty();
    }

    [Fact]
    public void TryParse_PrecisionNearTheLimit_ScaleCappedAtEighteen()
    {
        GateIoSymbols.TryParse("""[{"id":"BTC_USDT","trade_status":"tradable","precision":17,"amount_precision":0}]"""u8, new InstrumentCatalog(), ["BTC"], ["USDT"], out var symbols, out _);

        var instrument = symbols!.Instruments.ShouldHaveSingleItem();
        (instrument.PriceScale, instrument.QuantityScale).ShouldBe((18, 2));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"label":"TOO_MANY_REQUESTS"}""")]
    [InlineData("[")]
    public void TryParse_NotCurrencyPairs_FalseWithError(string json)
    {
        GateIoSymbols.TryParse(Encoding.UTF8.GetBytes(json), new InstrumentCatalog(), ["BTC"], ["USDT"], out var symbols, out var error).ShouldBeFalse();

        symbols.ShouldBeNull();
        error.ShouldNotBeNullOrEmpty();
    }
}
