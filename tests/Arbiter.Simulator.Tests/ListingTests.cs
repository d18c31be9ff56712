using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class ListingTests
{
    [Fact]
    public void DefaultAssets_Usdt_IsListedOnCoinbaseKrakenUpbitBithumbOnly()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        Assert.Equal(["BTC-USD", "ETH-USD", "XRP-USD", "USDT-USD"], sim.Coinbase.Symbols);
        Assert.Equal(["BTC/USD", "ETH/USD", "XRP/USD", "USDT/USD"], sim.Kraken.Symbols);
        Assert.Equal(["KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-USDT"], sim.Upbit.Symbols);
        Assert.Equal(["KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-USDT"], sim.Bithumb.Symbols);
        Assert.Equal(["BTCUSDT", "ETHUSDT", "XRPUSDT"], sim.Binance.Symbols);
        Assert.Equal(["BTCUSDT", "ETHUSDT", "XRPUSDT"], sim.Bybit.Symbols);
        Assert.Equal(["BTC_USDT", "ETH_USDT", "XRP_USDT"], sim.GateIo.Symbols);
        Assert.Equal(["BTC-USDT", "ETH-USDT", "XRP-USDT"], sim.Okx.Symbols);
        Assert.True(sim.Model.IsListed(VenueId.Upbit, "USDT"));
        Assert.False(sim.Model.IsListed(VenueId.Binance, "USDT"));
    }

    [Fact]
    public void Usdt_Books_AreOnTheirGridsAroundTheStablecoinRate()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 4 }, SimClock.Start);
        for (var step = 1; step <= 50; step++)
        {
            sim.Step(SimClock.At(step));
        }

        var coinbase = sim.Coinbase.CurrentBook("USDT-USD");
        Assert.InRange(coinbase.Bids[0].Price, 0.999m, 1.0005m);
        Assert.InRange(coinbase.Asks[0].Price, 1.0005m, 1.002m);
        Assert.All(coinbase.Bids.Concat(coinbase.Asks), l => Assert.Equal(0m, l.Price % 0.0001m));
        var upbit = sim.Upbit.CurrentBook("KRW-USDT");
        Assert.InRange(upbit.Bids[0].Price, 1375m, 1382m); // 1.0005 × 1380 = 1380.69 KRW, tick 1
        Assert.All(upbit.Bids.Concat(upbit.Asks), l => Assert.Equal(0m, l.Price % 1m));
    }

    [Fact]
    public void TetherPremiumBps_MovesOnlyTheKrwVenuesUsdtPrice()
    {
        BookPair Mids(double premium)
        {
            var sim = new Simulation(new SimulatorOptions { Seed = 5, TetherPremiumBps = premium, PriceStepBps = 0 }, SimClock.Start);
            return new BookPair(Mid(sim.Upbit.CurrentBook("KRW-USDT")), Mid(sim.Coinbase.CurrentBook("USDT-USD")), Mid(sim.Upbit.CurrentBook("KRW-BTC")));
        }

        var flat = Mids(0);
        var rich = Mids(200);
        Assert.InRange((rich.UpbitUsdt / flat.UpbitUsdt) - 1, 0.019m, 0.021m); // +2 %, within the noise of a tick
        Assert.Equal(flat.CoinbaseUsdt, rich.CoinbaseUsdt);
        Assert.Equal(flat.UpbitBtc, rich.UpbitBtc);
    }

    [Fact]
    public void Venues_CustomListing_LimitsSymbolsMarketListsAndFrames()
    {
        var options = new SimulatorOptions { Assets = SimulatorOptions.DefaultAssets() };
        options.Assets[2].Venues = ["upbit", "binance"]; // XRP on two venues only
        var sim = new Simulation(options, SimClock.Start);
        Assert.Equal(["BTC-USD", "ETH-USD", "USDT-USD"], sim.Coinbase.Symbols);
        Assert.Equal(["BTCUSDT", "ETHUSDT", "XRPUSDT"], sim.Binance.Symbols);
        using var products = JsonDocument.Parse(sim.Coinbase.HandleRest("/api/v3/brokerage/market/products").Body);
        Assert.DoesNotContain(products.RootElement.GetProperty("products").EnumerateArray(), p => p.GetProperty("product_id").GetString() == "XRP-USD");
        using var instruments = JsonDocument.Parse(sim.Okx.HandleRest("/api/v5/public/instruments?instType=SPOT").Body);
        Assert.DoesNotContain(instruments.RootElement.GetProperty("data").EnumerateArray(), p => p.GetProperty("instId").GetString() == "XRP-USDT");
        Assert.Equal(404, sim.Coinbase.HandleControl("GET", "/_sim/books?symbol=XRP-USD", SimClock.Start).StatusCode);
        for (var step = 1; step <= 20; step++)
        {
            var result = sim.Step(SimClock.At(step));
            Assert.DoesNotContain(result.For(VenueId.Kraken), o => o.Symbol == "XRP/USD");
            Assert.DoesNotContain(result.For(VenueId.Bybit), o => o.Symbol == "XRPUSDT");
        }
    }

    [Theory]
    [InlineData("binance")]
    [InlineData("okx")]
    public void Validate_UsdtOnAUsdtQuotedVenue_ThrowsNamingTheKey(string venue)
    {
        var options = new SimulatorOptions { Assets = SimulatorOptions.DefaultAssets() };
        options.Assets[3].Venues = ["coinbase", venue];
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal("Assets[3].Venues", error.ParamName);
    }

    [Fact]
    public void Validate_UnknownVenueName_ThrowsNamingTheKey()
    {
        var options = new SimulatorOptions { Assets = SimulatorOptions.DefaultAssets() };
        options.Assets[0].Venues = ["binance", "nasdaq"];
        Assert.Equal("Assets[0].Venues[1]", Assert.Throws<ArgumentException>(options.Validate).ParamName);
    }

    private static decimal Mid(TruthBook book) => (book.Bids[0].Price + book.Asks[0].Price) / 2;

    private sealed record BookPair(decimal UpbitUsdt, decimal CoinbaseUsdt, decimal UpbitBtc);
}
