using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Kraken;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.Kraken;

public sealed class KrakenSymbolsTests
{
    [Fact]
    public void TryParse_AssetPairs_OnlineUsdPairsAsV2SymbolsInConfigurationOrder()
    {
        var catalog = new InstrumentCatalog();
        string[] assets = ["BTC", "ETH", "XRP", "SOL", "DOGE", "MATIC", "ADA", "DOT", "LINK", "LTC"];

        KrakenSymbols.TryParse(Fixture.Read("kraken-assetpairs.json"), catalog, assets, ["USD"], out var symbols, out var error).ShouldBeTrue(error);

        // ADA (cancel_only), DOT (post_only), LINK (limit_only) and LTC (reduce_only) are not online: skipped.
        symbols!.Instruments.Select(i => (i.Symbol, i.PriceScale, i.QuantityScale)).ShouldBe(
        [
            ("BTC/USD", 1, 8), // wsname XBT/USD
            ("ETH/USD", 2, 8),
            ("XRP/USD", 5, 8),
            ("SOL/USD", 2, 8),
            ("DOGE/USD", 7, 8), // wsname XDG/USD
            ("MATIC/USD", 4, 8),
        ]);
        symbols.Instruments.ShouldAllBe(i => i.Venue == VenueId.Kraken && i.Quote == Asset.Usd);
        symbols.Instruments[0].Base.ShouldBe(Asset.Btc);
        symbols.Instruments[4].Base.ShouldBe(Asset.Of("DOGE"));
        catalog.Count.ShouldBe(6);
        symbols.Markets.Count.ShouldBe(7); // the online pairs, ETH/BTC included
        symbols.Markets.TryGet("ETH/BTC", out var eth, out var btc).ShouldBeTrue();
        (eth, btc).ShouldBe((Asset.Of("ETH"), Asset.Btc));
        symbols.Markets.TryGet("ADA/USD", out _, out _).ShouldBeFalse();
        symbols.BySymbol.TryGet("DOGE/USD"u8, out var doge).ShouldBeTrue();
        doge.ShouldBeSameAs(symbols.Instruments[4]);
        symbols.BySymbol.TryGet("XDG/USD"u8, out _).ShouldBeFalse();
    }

    [Fact]
    public void TryParse_BtcQuote_LegacyXbtQuoteMapped()
    {
        KrakenSymbols.TryParse(Fixture.Read("kraken-assetpairs.json"), new InstrumentCatalog(), ["ETH"], ["BTC"], out var symbols, out _).ShouldBeTrue();

        symbols!.Instruments.ShouldHaveSingleItem().Symbol.ShouldBe("ETH/BTC"); // wsname ETH/XBT, pair_decimals 5
        symbols.Instruments[0].PriceScale.ShouldBe(5);
    }

    [Theory]
    [InlineData("""{"error":["EGeneral:Internal error"]}""")]
    [InlineData("""{"error":[]}""")]
    [InlineData("[]")]
    [InlineData("{")]
    public void TryParse_NotAMarketList_FalseWithReason(string json)
    {
        KrakenSymbols.TryParse(Encoding.UTF8.GetBytes(json), new InstrumentCatalog(), ["BTC"], ["USD"], out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void TryParse_PairWithoutDecimalsOrWsname_Skipped()
    {
        const string Json = """{"error":[],"result":{"A":{"wsname":"XBT/USD","status":"online","lot_decimals":8},"B":{"status":"online","pair_decimals":1,"lot_decimals":8},"C":{"wsname":"ETH/USD","status":"online","pair_decimals":"2","lot_decimals":8}}}""";

        KrakenSymbols.TryParse(Encoding.UTF8.GetBytes(Json), new InstrumentCatalog(), ["BTC", "ETH"], ["USD"], out var symbols, out _).ShouldBeTrue();

        symbols!.Instruments.ShouldBeEmpty();
        symbols.Markets.Count.ShouldBe(0);
    }
}
