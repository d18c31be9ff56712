using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Bithumb;
using Arbiter.Venues.Tests.TestSupport;

namespace Arbiter.Venues.Tests.Bithumb;

public sealed class BithumbSymbolsTests
{
    [Fact]
    public void TryParse_MarketAll_KrwMarketsOfConfiguredAssetsInConfigurationOrder()
    {
        var catalog = new InstrumentCatalog();

        var ok = BithumbSymbols.TryParse(Fixture.Read("bithumb-market-all.json"), catalog, ["DOGE", "BTC", "ETH", "XRP", "SOL"], "KRW", out var symbols, out var error);

        Assert.True(ok, error);
        Assert.Equal(["KRW-DOGE", "KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL"], symbols!.Instruments.Select(i => i.Symbol).ToArray());
        Assert.All(symbols.Instruments, i =>
        {
            Assert.Equal(VenueId.Bithumb, i.Venue);
            Assert.Equal(Asset.Krw, i.Quote);
            Assert.Equal((8, 8), (i.PriceScale, i.QuantityScale));
        });
        Assert.Equal(Asset.Of("DOGE"), symbols.Instruments[0].Base);
        Assert.Equal(5, catalog.Count);
        Assert.True(symbols.BySymbol.TryGet("KRW-SOL"u8, out var sol));
        Assert.Same(symbols.Instruments[4], sol);
    }

    [Fact]
    public void TryParse_CautionMarkets_SkippedFromMarketsAndInstruments()
    {
        var ok = BithumbSymbols.TryParse(Fixture.Read("bithumb-market-all.json"), new InstrumentCatalog(), ["BTC", "PEPE"], "KRW", out var symbols, out var error);

        Assert.True(ok, error);
        Assert.Equal(["KRW-BTC"], symbols!.Instruments.Select(i => i.Symbol).ToArray()); // KRW-PEPE is CAUTION
        Assert.Equal(7, symbols.Markets.Count); // 9 rows, 2 CAUTION
        Assert.False(symbols.Markets.TryGet("KRW-PEPE", out _, out _));
        Assert.False(symbols.Markets.TryGet("BTC-XRP", out _, out _));
        Assert.True(symbols.Markets.TryGet("BTC-ETH", out var eth, out var btc));
        Assert.Equal((Asset.Of("ETH"), Asset.Btc), (eth, btc));
    }

    [Theory]
    [InlineData("""[{"market":"KRW-BTC","korean_name":"비트코인","english_name":"Bitcoin"}]""", true)]
    [InlineData("""[{"market":"KRW-BTC","market_warning":null}]""", true)]
    [InlineData("""[{"market":"KRW-BTC","market_warning":""}]""", true)]
    [InlineData("""[{"market":"KRW-BTC","market_warning":"NONE"}]""", true)]
    [InlineData("""[{"market":"KRW-BTC","market_warning":"CAUTION"}]""", false)]
    [InlineData("""[{"market":"KRW-BTC","market_warning":"WARNING"}]""", false)]
    public void TryParse_MarketWarning_OnlyNoneOrAbsentIsTradable(string json, bool watched)
    {
        var ok = BithumbSymbols.TryParse(Encoding.UTF8.GetBytes(json), new InstrumentCatalog(), ["BTC"], "KRW", out var symbols, out var error);

        Assert.True(ok, error);
        Assert.Equal(watched ? 1 : 0, symbols!.Instruments.Count);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[")]
    [InlineData("""{"error":{"name":404,"message":"Code not found"}}""")]
    public void TryParse_NotAMarketList_False(string json)
    {
        Assert.False(BithumbSymbols.TryParse(Encoding.UTF8.GetBytes(json), new InstrumentCatalog(), ["BTC"], "KRW", out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
