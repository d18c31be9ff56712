using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Bybit;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.Bybit;

public sealed class BybitSymbolsTests
{
    [Fact]
    public void TryParse_InstrumentsInfo_TradingMarketsOfConfiguredAssetsInConfigurationOrder()
    {
        var catalog = new InstrumentCatalog();

        var ok = BybitSymbols.TryParse(Fixture.Read("bybit-instruments-info-spot.json"), catalog, ["BTC", "ETH", "XRP", "SOL", "DOGE"], ["USDT"], out var symbols, out var error);

        ok.ShouldBeTrue(error);
        symbols!.Instruments.Select(i => i.Symbol).ToArray().ShouldBe(["BTCUSDT", "ETHUSDT", "XRPUSDT", "DOGEUSDT"]); // SOLUSDT is not listed
        symbols.Instruments.ShouldAllBe(i => i.Venue == VenueId.Bybit && i.Quote == Asset.Usdt);
        symbols.Instruments[3].Base.ShouldBe(Asset.Of("DOGE"));
        catalog.Count.ShouldBe(4);
        symbols.BySymbol.TryGet("XRPUSDT"u8, out var xrp).ShouldBeTrue();
        xrp.ShouldBeSameAs(symbols.Instruments[2]);
    }

    [Fact]
    public void TryParse_TickAndBasePrecision_ScalesWithTwoDecimalsHeadroom()
    {
        BybitSymbols.TryParse(Fixture.Read("bybit-instruments-info-spot.json"), new InstrumentCatalog(), ["BTC", "ETH", "XRP", "DOGE"], ["USDT"], out var symbols, out _).ShouldBeTrue();

        // tickSize / basePrecision in the fixture: BTC 0.1 / 0.000001, ETH 0.01 / 0.00001, XRP 0.0001 / 0.01, DOGE 0.00001 / 0.1.
        symbols!.Instruments.Select(i => (i.Symbol, i.PriceScale, i.QuantityScale)).ToArray().ShouldBe(
            [("BTCUSDT", 3, 8), ("ETHUSDT", 4, 7), ("XRPUSDT", 6, 4), ("DOGEUSDT", 7, 3)]);
    }

    [Fact]
    public void TryParse_ClosedMarket_NotListedNorWatched()
    {
        BybitSymbols.TryParse(Fixture.Read("bybit-instruments-info-spot.json"), new InstrumentCatalog(), ["LTC", "ADA"], ["USDT"], out var symbols, out _).ShouldBeTrue();

        symbols!.Instruments.Select(i => i.Symbol).ToArray().ShouldBe(["ADAUSDT"]);
        symbols.Markets.Count.ShouldBe(5); // BTC, ETH, ADA, XRP, DOGE; LTCUSDT is Closed
        symbols.Markets.TryGet("LTCUSDT", out _, out _).ShouldBeFalse();
        symbols.Markets.TryGet("ADAUSDT", out var ada, out var usdt).ShouldBeTrue();
        (ada, usdt).ShouldBe((Asset.Of("ADA"), Asset.Usdt));
    }

    [Fact]
    public void TryParse_OtherQuote_NothingWatched()
    {
        BybitSymbols.TryParse(Fixture.Read("bybit-instruments-info-spot.json"), new InstrumentCatalog(), ["BTC"], ["USDC"], out var symbols, out _).ShouldBeTrue();

        symbols!.Instruments.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[")]
    [InlineData("""{"retCode":10001,"retMsg":"params error","result":{},"retExtInfo":{},"time":1}""")]
    [InlineData("""{"retCode":0,"retMsg":"OK","result":{"category":"spot"}}""")]
    public void TryParse_NotASuccessfulMarketList_FalseWithError(string json)
    {
        BybitSymbols.TryParse(Encoding.UTF8.GetBytes(json), new InstrumentCatalog(), ["BTC"], ["USDT"], out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void TryParse_BadTickSize_MarketListedButNotWatched()
    {
        var json = """{"retCode":0,"retMsg":"OK","result":{"category":"spot","list":[{"symbol":"BTCUSDT","baseCoin":"BTC","quoteCoin":"USDT","status":"Trading","lotSizeFilter":{"basePrecision":"0.000001"},"priceFilter":{"tickSize":"0"}}]}}""";

        BybitSymbols.TryParse(Encoding.UTF8.GetBytes(json), new InstrumentCatalog(), ["BTC"], ["USDT"], out var symbols, out _).ShouldBeTrue();

        symbols!.Instruments.ShouldBeEmpty();
        symbols.Markets.Count.ShouldBe(1);
    }
}
