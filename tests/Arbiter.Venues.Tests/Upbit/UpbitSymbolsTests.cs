using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Tests.TestSupport;
using Arbiter.Venues.Upbit;

namespace Arbiter.Venues.Tests.Upbit;

public sealed class UpbitSymbolsTests
{
    [Fact]
    public void TryParse_MarketAll_KrwMarketsOfConfiguredAssetsInConfigurationOrder()
    {
        var catalog = new InstrumentCatalog();

        var ok = UpbitSymbols.TryParse(Fixture.Read("upbit-market-all.json"), catalog, ["BTC", "ETH", "XRP", "SOL", "DOGE", "PEPE"], "KRW", out var symbols, out var error);

        Assert.True(ok, error);
        Assert.Equal(8, symbols!.Markets.Count);
        Assert.Equal(["KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL", "KRW-DOGE"], symbols.Instruments.Select(i => i.Symbol).ToArray());
        Assert.All(symbols.Instruments, i =>
        {
            Assert.Equal(VenueId.Upbit, i.Venue);
            Assert.Equal(Asset.Krw, i.Quote);
            Assert.Equal((8, 8), (i.PriceScale, i.QuantityScale));
        });
        Assert.Equal(Asset.Of("DOGE"), symbols.Instruments[4].Base);
        Assert.Equal(5, catalog.Count);
        Assert.True(symbols.Markets.TryGet("BTC-ETH", out var eth, out var btc));
        Assert.Equal((Asset.Of("ETH"), Asset.Btc), (eth, btc));
        Assert.True(symbols.BySymbol.TryGet("KRW-SOL"u8, out var sol));
        Assert.Same(symbols.Instruments[3], sol);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[")]
    public void TryParse_NotAMarketList_False(string json)
    {
        Assert.False(UpbitSymbols.TryParse(Encoding.UTF8.GetBytes(json), new InstrumentCatalog(), ["BTC"], "KRW", out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
