using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Binance;
using Arbiter.Venues.Tests.TestSupport;

namespace Arbiter.Venues.Tests.Binance;

public sealed class BinanceSymbolsTests
{
    [Fact]
    public void TryParse_ExchangeInfo_TradingSymbolsOnlyWithListedAssets()
    {
        var catalog = new InstrumentCatalog();

        var ok = BinanceSymbols.TryParse(Fixture.Read("binance-exchangeInfo.json"), catalog, ["BTC", "ETH", "XRP", "SOL", "DOGE"], ["USDT"], out var symbols, out var error);

        Assert.True(ok, error);
        Assert.Equal(6, symbols!.Markets.Count); // XRPUSDT (BREAK) and BTCFDUSD (HALT) left out
        Assert.True(symbols.Markets.TryGet("BNBBTC", out var bnb, out var btc));
        Assert.Equal(("BNB", "BTC"), (bnb.Code, btc.Code));
        Assert.False(symbols.Markets.TryGet("XRPUSDT", out _, out _));
        Assert.False(symbols.Markets.TryGet("BTCFDUSD", out _, out _));
    }

    [Fact]
    public void TryParse_ExchangeInfo_WatchedInstrumentsInConfigurationOrderWithScalesFromFilters()
    {
        var catalog = new InstrumentCatalog();

        BinanceSymbols.TryParse(Fixture.Read("binance-exchangeInfo.json"), catalog, ["BTC", "ETH", "XRP", "SOL", "DOGE"], ["USDT"], out var symbols, out _);

        var instruments = symbols!.Instruments;
        Assert.Equal(["BTCUSDT", "ETHUSDT", "SOLUSDT", "DOGEUSDT"], instruments.Select(i => i.Symbol).ToArray());
        Assert.Equal([(2, 5), (2, 4), (2, 3), (5, 0)], instruments.Select(i => (i.PriceScale, i.QuantityScale)).ToArray());
        Assert.All(instruments, i => Assert.Equal(VenueId.Binance, i.Venue));
        Assert.Equal(Asset.Btc, instruments[0].Base);
        Assert.Equal(Asset.Usdt, instruments[0].Quote);
        Assert.Equal(4, catalog.Count);
        Assert.Equal([0, 1, 2, 3], instruments.Select(i => i.Id).ToArray());
        Assert.True(symbols.BySymbol.TryGet("DOGEUSDT"u8, out var doge));
        Assert.Same(instruments[3], doge);
    }

    [Fact]
    public void TryParse_TickSizeOfSixDecimals_PriceScaleSix()
    {
        var catalog = new InstrumentCatalog();

        BinanceSymbols.TryParse(Fixture.Read("binance-exchangeInfo.json"), catalog, ["BNB", "ETH"], ["BTC"], out var symbols, out _);

        Assert.Equal(["BNBBTC", "ETHBTC"], symbols!.Instruments.Select(i => i.Symbol).ToArray());
        Assert.All(symbols.Instruments, i => Assert.Equal((6, 3), (i.PriceScale, i.QuantityScale))); // "0.00000100", "0.00100000"
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"symbols":{}}""")]
    [InlineData("""{"symbols":[""")]
    [InlineData("[]")]
    public void TryParse_NotExchangeInfo_FalseWithError(string json)
    {
        var ok = BinanceSymbols.TryParse(Encoding.UTF8.GetBytes(json), new InstrumentCatalog(), ["BTC"], ["USDT"], out var symbols, out var error);

        Assert.False(ok);
        Assert.Null(symbols);
        Assert.False(string.IsNullOrEmpty(error));
    }
}
