using Arbiter.Core;
using static Arbiter.Engine.Tests.Events;

namespace Arbiter.Engine.Tests;

public sealed class FxTests
{
    private static readonly InstrumentCatalog Catalog = new();
    private static readonly Instrument Binance = Catalog.Add(new Instrument(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5));
    private static readonly Instrument Upbit = Catalog.Add(new Instrument(VenueId.Upbit, "KRW-BTC", Asset.Btc, Asset.Krw, 0, 8));
    private static readonly Instrument UpbitUsdt = Catalog.Add(new Instrument(VenueId.Upbit, "KRW-USDT", Asset.Usdt, Asset.Krw, 0, 2));

    private static EngineFixture Fixture(bool derive)
    {
        var options = new EngineOptions { MaxBookAge = TimeSpan.FromHours(1) };
        options.Fx.UsdtUsd = 1.0m;
        options.Fx.DeriveUsdKrw = derive;
        return new EngineFixture(options, fixedFx: false);
    }

    private static MarketEvent[] Books(double at) =>
    [
        Snapshot(Binance, 1, At(at), Levels(("59990.00", "1")), Levels(("60000.00", "1"))),
        Snapshot(Upbit, 1, At(at), Levels(("83300000", "1")), Levels(("83400000", "1"))),
    ];

    [Fact]
    public void Process_NoFxQuote_NoKrwOpportunity()
    {
        var f = Fixture(derive: false);
        f.Process(Books(1));
        f.Process(Tick(At(1.1)));

        Assert.Empty(f.Sink.Opportunities);
        Assert.Equal((FxRateStatus.Missing, "none"), (f.Engine.Fx.UsdKrw.Status, f.Engine.Fx.UsdKrw.Source));
    }

    [Fact]
    public void Process_SourcePastMaxAge_ClosesWithFxStaleAndReopensOnNextQuote()
    {
        var f = Fixture(derive: false);
        f.Process(Fx(1380m, At(1)));
        f.Process(Books(1));
        var opened = Assert.Single(f.Sink.Opportunities);

        // Priced at the quote: 83,300,000 ÷ 1380 × 0.9995 − 60,000 × 1.001 = 60,332.13768115… − 60,060 = 272.13768116.
        Assert.Equal(272.13768116m, opened.Opportunity.NetProfitUsd);
        Assert.Equal((1m, 1380m), (opened.Opportunity.BuyFxRate, opened.Opportunity.SellFxRate));

        // Exactly MaxAge (15 min) old: still live.
        f.Process(Tick(At(901)));
        Assert.Single(f.Sink.Opportunities);
        Assert.Equal(FxRateStatus.Live, f.Engine.Fx.UsdKrw.Status);

        // One microsecond older: stale, the KRW-cross opportunity closes and the old number is shown as Stale, not used.
        f.Process(Tick(At(901) + 1));
        var closed = f.Sink.Opportunities[^1];
        Assert.Equal((OpportunityEventKind.Closed, Engine.MarketEngine.FxStaleReason), (closed.Kind, closed.CloseReason));
        Assert.Equal((1380m, FxRateStatus.Stale, At(1)), (f.Engine.Fx.UsdKrw.Rate, f.Engine.Fx.UsdKrw.Status, f.Engine.Fx.UsdKrw.Time));
        Assert.Equal(FxRateStatus.Stale, f.Sink.Fx[^1].UsdKrw.Status);

        // Book updates while stale open nothing.
        f.Process(Delta(Upbit, 2, At(902), Levels(("83300000", "2")), Levels()));
        Assert.Equal(2, f.Sink.Opportunities.Count);

        // The source recovers: the pair comes back at once, as a new opportunity at the new rate.
        f.Process(Fx(1370m, At(903)));
        var reopened = f.Sink.Opportunities[^1];
        Assert.Equal((OpportunityEventKind.Opened, 2L, 1370m), (reopened.Kind, reopened.Opportunity.Id, reopened.Opportunity.SellFxRate));
    }

    [Fact]
    public void Process_SourceStaleWithDerivation_UsesMarketRateLabelledDerived()
    {
        var f = Fixture(derive: true);
        f.Process(Fx(1380m, At(1)));
        f.Process(Snapshot(UpbitUsdt, 1, At(1), Levels(("1369", "1000")), Levels(("1371", "1000"))));
        f.Process(Books(1));
        Assert.Equal(1380m, Assert.Single(f.Sink.Opportunities).Opportunity.SellFxRate);

        f.Process(Tick(At(902)));

        // KRW per USD = mid(KRW-USDT) 1,370 ÷ USDT/USD 1.0 (configured) = 1,370; the opportunity stays open, re-priced.
        var fx = f.Engine.Fx.UsdKrw;
        Assert.Equal((1370m, FxRateStatus.Derived, "derived: upbit:KRW-USDT ÷ USDT/USD"), (fx.Rate, fx.Status, fx.Source));
        Assert.DoesNotContain(f.Sink.Opportunities, o => o.Kind == OpportunityEventKind.Closed);
        Assert.Equal(1370m, f.Engine.OpenOpportunities.Single().SellFxRate);
    }

    [Fact]
    public void Process_ConfiguredRate_IsUsedAndLabelled()
    {
        var options = new EngineOptions();
        options.Fx.UsdKrw = 1380m;
        options.Fx.UsdtUsd = 1.0m;
        var f = new EngineFixture(options, fixedFx: false);
        f.Process(Books(1));

        Assert.Single(f.Sink.Opportunities);
        Assert.Equal((FxRateStatus.Configured, "configured: Engine:Fx:UsdKrw"), (f.Engine.Fx.UsdKrw.Status, f.Engine.Fx.UsdKrw.Source));
        Assert.Equal((FxRateStatus.Configured, "configured: Engine:Fx:UsdtUsd"), (f.Engine.Fx.UsdtUsd.Status, f.Engine.Fx.UsdtUsd.Source));
    }
}
