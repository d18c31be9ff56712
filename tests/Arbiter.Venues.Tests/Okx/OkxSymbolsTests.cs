using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Okx;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.Okx;

public sealed class OkxSymbolsTests
{
    [Fact]
    public void TryParse_InstrumentsFixture_LiveMarketsWithTickAndLotScales()
    {
        var catalog = new InstrumentCatalog();

        OkxSymbols.TryParse(Fixture.Read("okx-instruments-spot.json"), catalog, ["BTC", "ETH", "DOGE", "XRP", "ADA"], ["USDT"], out var parsed, out var error).ShouldBeTrue(error);

        var instruments = parsed!.Instruments;
        instruments.Select(i => (i.Symbol, i.PriceScale, i.QuantityScale)).ShouldBe(
        [
            ("BTC-USDT", 1, 8), // tickSz 0.1, lotSz 0.00000001
            ("ETH-USDT", 2, 6), // 0.01, 0.000001
            ("DOGE-USDT", 5, 6), // 0.00001, 0.000001
            ("XRP-USDT", 4, 6), // 0.0001, 0.000001
            ("ADA-USDT", 4, 4), // 0.0001, 0.0001
        ]);
        instruments[0].Venue.ShouldBe(VenueId.Okx);
        instruments[0].Base.ShouldBe(Asset.Btc);
        instruments[0].Quote.ShouldBe(Asset.Usdt);
        instruments[0].Id.ShouldBeGreaterThanOrEqualTo(0);
        catalog.Count.ShouldBe(5);
        parsed.BySymbol.TryGet("DOGE-USDT"u8, out var doge).ShouldBeTrue();
        doge.ShouldBeSameAs(instruments[2]);
    }

    [Fact]
    public void TryParse_SuspendedAndPreopenMarkets_Skipped()
    {
        OkxSymbols.TryParse(Fixture.Read("okx-instruments-spot.json"), new InstrumentCatalog(), ["TRX", "NEW", "LTC"], ["USDT"], out var parsed, out _).ShouldBeTrue();

        parsed!.Instruments.Select(i => i.Symbol).ShouldBe(["LTC-USDT"]); // TRX-USDT is "suspend", NEW-USDT "preopen"
        parsed.Markets.TryGet("TRX-USDT", out _, out _).ShouldBeFalse();
        parsed.Markets.TryGet("NEW-USDT", out _, out _).ShouldBeFalse();
        parsed.Markets.Count.ShouldBe(6);
    }

    [Fact]
    public void TryParse_OtherQuote_NothingWatched()
    {
        OkxSymbols.TryParse(Fixture.Read("okx-instruments-spot.json"), new InstrumentCatalog(), ["BTC"], ["USDC"], out var parsed, out _).ShouldBeTrue();

        parsed!.Instruments.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"code":"51000","msg":"Parameter instType error","data":[]}""", "instruments answered code 51000: Parameter instType error")]
    [InlineData("""{"code":"0","msg":""}""", "instruments has no \"data\" array")]
    [InlineData("""{"code":"0","data":[""", "instruments is not valid JSON")]
    public void TryParse_NotAnInstrumentsAnswer_ErrorNamesTheProblem(string body, string expected)
    {
        OkxSymbols.TryParse(Encoding.UTF8.GetBytes(body), new InstrumentCatalog(), ["BTC"], ["USDT"], out var parsed, out var error).ShouldBeFalse();

        parsed.ShouldBeNull();
        error.ShouldStartWith(expected);
    }

    [Fact]
    public void TryParse_BadTickOrLot_MarketListedButNotWatched()
    {
        var body = """{"code":"0","msg":"","data":[{"instId":"BTC-USDT","instType":"SPOT","state":"live","tickSz":"0","lotSz":"0.00000001"},{"instId":"ETH-USDT","instType":"SPOT","state":"live","tickSz":"0.01","lotSz":""}]}"""u8;

        OkxSymbols.TryParse(body, new InstrumentCatalog(), ["BTC", "ETH"], ["USDT"], out var parsed, out _).ShouldBeTrue();

        parsed!.Instruments.ShouldBeEmpty();
        parsed.Markets.Count.ShouldBe(2);
    }
}
