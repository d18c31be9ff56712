using Arbiter.Core;
using static Arbiter.Engine.Tests.Events;

namespace Arbiter.Engine.Tests;

public sealed class PremiumTests
{
    private static readonly InstrumentCatalog Catalog = new();
    private static readonly Instrument Binance = Catalog.Add(new Instrument(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5));
    private static readonly Instrument Bybit = Catalog.Add(new Instrument(VenueId.Bybit, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 6));
    private static readonly Instrument Coinbase = Catalog.Add(new Instrument(VenueId.Coinbase, "BTC-USD", Asset.Btc, Asset.Usd, 2, 8));
    private static readonly Instrument Upbit = Catalog.Add(new Instrument(VenueId.Upbit, "KRW-BTC", Asset.Btc, Asset.Krw, 0, 8));
    private static readonly Instrument KrakenUsdt = Catalog.Add(new Instrument(VenueId.Kraken, "USDT/USD", Asset.Usdt, Asset.Usd, 4, 2));
    private static readonly Instrument UpbitUsdt = Catalog.Add(new Instrument(VenueId.Upbit, "KRW-USDT", Asset.Usdt, Asset.Krw, 0, 2));

    [Fact]
    public void Premiums_EachKind_MatchHandComputedBasisPoints()
    {
        var f = new EngineFixture(new EngineOptions(), fixedFx: false);
        f.Process(
            Fx(1400m, At(1)),

            // USDT/USD mid (1.0005 + 1.0015) ÷ 2 = 1.001.
            Snapshot(KrakenUsdt, 1, At(1), Levels(("1.0005", "100000")), Levels(("1.0015", "100000"))),
            Snapshot(Binance, 1, At(1), Levels(("99990.00", "1")), Levels(("100000.00", "1"))),
            Snapshot(Bybit, 1, At(1), Levels(("100500.00", "1")), Levels(("100510.00", "1"))),
            Snapshot(Coinbase, 1, At(1), Levels(("100300.00", "1")), Levels(("100310.00", "1"))),
            Snapshot(Upbit, 1, At(1), Levels(("150000000", "1")), Levels(("150100000", "1"))),
            Snapshot(UpbitUsdt, 1, At(1), Levels(("1419", "1000")), Levels(("1421", "1000"))),
            Tick(At(1.1)));

        var matrix = f.Sink.Premiums.Last(m => m.Asset == Asset.Btc);
        PremiumCell Cell(Instrument buy, Instrument sell) => Assert.Single(matrix.Cells, c => c.Buy == buy && c.Sell == sell);

        // Raw, same quote: 100,500 ÷ 100,000 − 1 = 0.005 → 50 bps.
        Assert.Equal((PremiumKind.Raw, 50.0000m), (Cell(Binance, Bybit).Kind, Cell(Binance, Bybit).Bps));

        // USD-like: 100,300 USD ÷ (100,000 USDT × 1.001 USD/USDT) − 1 = 100,300 ÷ 100,100 − 1 = 0.001998001998… → 19.9800 bps.
        Assert.Equal((PremiumKind.UsdLike, 19.9800m), (Cell(Binance, Coinbase).Kind, Cell(Binance, Coinbase).Bps));

        // Kimchi: (150,000,000 KRW ÷ 1,400 KRW/USD) ÷ (100,000 × 1.001) − 1 = 107,142.857142… ÷ 100,100 − 1
        //         = 0.07035821321… → 703.5821 bps.
        Assert.Equal((PremiumKind.Kimchi, 703.5821m), (Cell(Binance, Upbit).Kind, Cell(Binance, Upbit).Bps));

        // The other direction of the kimchi pair: buy Upbit at 150,100,000 KRW, sell Binance at 99,990 USDT:
        // (99,990 × 1.001) ÷ (150,100,000 ÷ 1,400) − 1 = 100,089.99 ÷ 107,214.285714… − 1 = −0.06644912725… → −664.4913 bps.
        Assert.Equal(-664.4913m, Cell(Upbit, Binance).Bps);

        // Tether premium: mid(KRW-USDT) = 1,420; 1,420 ÷ 1,400 − 1 = 0.0142857… → 142.8571 bps.
        var fx = f.Sink.Fx[^1];
        Assert.Equal(142.8571m, Assert.Single(fx.Tether).Bps);
        Assert.Equal((1400m, FxRateStatus.Live, "http: test"), (fx.UsdKrw.Rate, fx.UsdKrw.Status, fx.UsdKrw.Source));
        Assert.Equal((1.001m, FxRateStatus.Live, "books: kraken:USDT/USD"), (fx.UsdtUsd.Rate, fx.UsdtUsd.Status, fx.UsdtUsd.Source));
        Assert.Equal(FxRateStatus.Missing, fx.UsdcUsd.Status);
    }

    [Fact]
    public void Premiums_StablecoinWithoutBookOrFallback_LeavesThoseLegsOut()
    {
        var f = new EngineFixture(new EngineOptions(), fixedFx: false);
        f.Process(
            Fx(1400m, At(1)),
            Snapshot(Binance, 1, At(1), Levels(("99990.00", "1")), Levels(("100000.00", "1"))),
            Snapshot(Bybit, 1, At(1), Levels(("100500.00", "1")), Levels(("100510.00", "1"))),
            Snapshot(Coinbase, 1, At(1), Levels(("100300.00", "1")), Levels(("100310.00", "1"))),
            Tick(At(1.1)));

        // No USDT/USD book and no Engine:Fx:UsdtUsd: USDT is not assumed to be a dollar. Same-quote cells remain.
        var matrix = f.Engine.Premiums(Asset.Btc);
        Assert.Equal(
            [(Binance, Bybit, PremiumKind.Raw, 50.0000m), (Bybit, Binance, PremiumKind.Raw, -51.7361m)],
            matrix.Cells.Select(c => (c.Buy, c.Sell, c.Kind, c.Bps)));
        Assert.Equal(FxRateStatus.Missing, f.Engine.Fx.UsdtUsd.Status);
        Assert.DoesNotContain(f.Sink.Opportunities, o => o.Opportunity.Buy == Coinbase || o.Opportunity.Sell == Coinbase);
    }
}
