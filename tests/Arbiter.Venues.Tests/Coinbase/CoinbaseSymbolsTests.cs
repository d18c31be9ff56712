using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Coinbase;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.Coinbase;

public sealed class CoinbaseSymbolsTests
{
    [Fact]
    public void TryParse_Products_UsdMarketsOfConfiguredAssetsWithIncrementScales()
    {
        var catalog = new InstrumentCatalog();

        var ok = CoinbaseSymbols.TryParse(Fixture.Read("coinbase-products.json"), catalog, ["BTC", "ETH", "XRP", "SOL", "DOGE", "PEPE"], ["USD"], out var symbols, out var error);

        ok.ShouldBeTrue(error);
        symbols!.Instruments.Select(i => (i.Symbol, i.PriceScale, i.QuantityScale)).ShouldBe(
        [
            ("BTC-USD", 2, 8), // 0.01 / 0.00000001
            ("ETH-USD", 2, 8),
            ("XRP-USD", 4, 6), // 0.0001 / 0.000001
            ("SOL-USD", 2, 8),
            ("DOGE-USD", 5, 1), // 0.00001 / 0.1
        ]);
        symbols.Instruments.ShouldAllBe(i => i.Venue == VenueId.Coinbase && i.Quote == Asset.Usd);
        symbols.Instruments[4].Base.ShouldBe(Asset.Of("DOGE"));
        catalog.Count.ShouldBe(5);
        symbols.BySymbol.TryGet("SOL-USD"u8, out var sol).ShouldBeTrue();
        sol.ShouldBeSameAs(symbols.Instruments[3]);
    }

    [Fact]
    public void TryParse_NonTradingProducts_LeftOutOfMarketsAndInstruments()
    {
        var ok = CoinbaseSymbols.TryParse(Fixture.Read("coinbase-products.json"), new InstrumentCatalog(), ["BTC", "ETH", "XRP", "SOL", "DOGE"], ["EUR", "GBP"], out var symbols, out _);

        ok.ShouldBeTrue();

        // ETH-EUR delisted, XRP-EUR trading_disabled, SOL-EUR cancel_only, DOGE-EUR limit_only, ETH-GBP post_only,
        // BTC-GBP is_disabled: only BTC-EUR is left.
        symbols!.Instruments.Select(i => i.Symbol).ShouldBe(["BTC-EUR"]);
        symbols.Markets.Count.ShouldBe(8); // 5 USD, BTC-USDC, BTC-EUR, TONE-USD; the future BIT-26APR24-CDE is not spot
        foreach (var skipped in new[] { "ETH-EUR", "XRP-EUR", "SOL-EUR", "DOGE-EUR", "ETH-GBP", "BTC-GBP", "BIT-26APR24-CDE" })
        {
            symbols.Markets.TryGet(skipped, out _, out _).ShouldBeFalse(skipped);
        }

        symbols.Markets.TryGet("BTC-USDC", out var btc, out var usdc).ShouldBeTrue();
        (btc, usdc).ShouldBe((Asset.Btc, Asset.Usdc));
    }

    [Fact]
    public void TryParse_NoPriceIncrement_ScaleFromQuoteIncrement()
    {
        // TONE-USD as ccxt quotes it (js/src/coinbase.js, parseSpotMarket): quote_increment "0.00001", base_increment "1", no price_increment.
        CoinbaseSymbols.TryParse(Fixture.Read("coinbase-products.json"), new InstrumentCatalog(), ["TONE"], ["USD"], out var symbols, out _).ShouldBeTrue();

        var tone = symbols!.Instruments.ShouldHaveSingleItem();
        (tone.PriceScale, tone.QuantityScale).ShouldBe((5, 0));
    }

    [Fact]
    public void TryParse_BadIncrement_ListedButNotWatched()
    {
        var body = Encoding.UTF8.GetBytes("""
            {"products":[
             {"product_id":"BTC-USD","status":"online","price_increment":"0","base_increment":"0.00000001"},
             {"product_id":"ETH-USD","status":"online","price_increment":"0.01"},
             {"product_id":"SOL-USD","status":"online","price_increment":"0.01","base_increment":"0.0000000000000000001"}]}
            """);

        CoinbaseSymbols.TryParse(body, new InstrumentCatalog(), ["BTC", "ETH", "SOL"], ["USD"], out var symbols, out _).ShouldBeTrue();

        symbols!.Instruments.ShouldBeEmpty();
        symbols.Markets.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"products":{}}""")]
    [InlineData("{")]
    public void TryParse_NotAProductList_FalseWithReason(string json)
    {
        CoinbaseSymbols.TryParse(Encoding.UTF8.GetBytes(json), new InstrumentCatalog(), ["BTC"], ["USD"], out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrEmpty();
    }
}
