using Arbiter.Core;
using static Arbiter.Engine.Tests.Events;

namespace Arbiter.Engine.Tests;

public sealed class OpportunityLifecycleTests
{
    // One level each side: buy on Binance at 60000 USDT (fee 0.001), sell on Upbit at 83,300,000 KRW (fee 0.0005), UsdKrw 1380.
    // Per BTC: sellUsd = 83,300,000 / 1380 = 60362.318840579710…; gross = 362.318840579710…;
    // net = 60362.318840579710… × 0.9995 − 60000 × 1.001 = 60332.137681159420… − 60060 = 272.137681159420…;
    // bps = 272.137681159420… / 60060 × 10000 = 45.310969224012… → 45.3110 for every size.
    [Fact]
    public void Process_OpenUpdateOnlyPastThresholdClose_PublishesExactStates()
    {
        var f = new EngineFixture();
        f.Process(
            Snapshot(f.Binance, 10, At(1), Levels(("59990.00", "1")), Levels(("60000.00", "2"))),
            Snapshot(f.Upbit, 20, At(2), Levels(("83300000", "1")), Levels(("83400000", "1"))));

        var opened = Assert.Single(f.Sink.Opportunities);
        Assert.Equal(OpportunityEventKind.Opened, opened.Kind);
        Assert.Equal(At(2), opened.Time);
        Assert.Null(opened.CloseReason);
        Assert.Equal(1, opened.Opportunity.Id);
        Assert.Equal(1m, opened.Opportunity.Size);
        Assert.Equal(362.31884058m, opened.Opportunity.GrossProfitUsd); // 362.318840579710… rounded to 8 dp
        Assert.Equal(272.13768116m, opened.Opportunity.NetProfitUsd);   // 272.137681159420… rounded to 8 dp
        Assert.Equal(45.3110m, opened.Opportunity.NetPremiumBps);
        Assert.Equal(0, opened.Opportunity.DurationMicros);

        // Size 1 → 1.03: a 3 % move, below the 5 % threshold: nothing published.
        f.Process(Delta(f.Upbit, 21, At(3), Levels(("83300000", "1.03")), Levels()));
        Assert.Single(f.Sink.Opportunities);
        Assert.Equal(1m, Assert.Single(f.Engine.OpenOpportunities).Size);

        // Size 1.06: 6 % from the last published 1 → Updated. Net = 1.06 × 272.137681159420… = 288.465942028985… → 288.46594203.
        f.Process(Delta(f.Upbit, 22, At(4), Levels(("83300000", "1.06")), Levels()));
        var updated = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Updated, updated.Kind);
        Assert.Equal(1, updated.Opportunity.Id);
        Assert.Equal(1.06m, updated.Opportunity.Size);
        Assert.Equal(288.46594203m, updated.Opportunity.NetProfitUsd);
        Assert.Equal(384.05797101m, updated.Opportunity.GrossProfitUsd); // 1.06 × 362.318840579710… = 384.057971014492…
        Assert.Equal(22, updated.Opportunity.SellSequence);
        Assert.Equal(10, updated.Opportunity.BuySequence);
        Assert.Equal(At(2), updated.Opportunity.FirstSeen);
        Assert.Equal(At(4), updated.Opportunity.LastUpdated);
        Assert.Equal(2 * Second, updated.Opportunity.DurationMicros);
        Assert.Equal(288.46594203m, updated.Opportunity.PeakNetProfitUsd);

        // Size 0.5: −53 % → Updated; net 0.5 × 272.137681159420… = 136.068840579710… → 136.06884058; the peak stays.
        f.Process(Delta(f.Upbit, 23, At(5), Levels(("83300000", "0.5")), Levels()));
        updated = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Updated, updated.Kind);
        Assert.Equal(0.5m, updated.Opportunity.Size);
        Assert.Equal(136.06884058m, updated.Opportunity.NetProfitUsd);
        Assert.Equal(288.46594203m, updated.Opportunity.PeakNetProfitUsd);
        Assert.Equal(45.3110m, updated.Opportunity.PeakNetPremiumBps);

        // Best bid falls to 82,900,000: 82,900,000 / 1380 × 0.9995 = 60043.09 < 60060 → Closed, unprofitable.
        f.Process(Delta(f.Upbit, 24, At(6), Levels(("83300000", "0"), ("82900000", "1")), Levels()));
        var closed = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Closed, closed.Kind);
        Assert.Equal("unprofitable", closed.CloseReason);
        Assert.Equal(At(6), closed.Time);
        Assert.Equal(1, closed.Opportunity.Id);
        Assert.Equal(0.5m, closed.Opportunity.Size);              // the last published state
        Assert.Equal(136.06884058m, closed.Opportunity.NetProfitUsd);
        Assert.Equal(At(2), closed.Opportunity.FirstSeen);
        Assert.Equal(At(6), closed.Opportunity.LastUpdated);
        Assert.Equal(4 * Second, closed.Opportunity.DurationMicros);
        Assert.Equal(288.46594203m, closed.Opportunity.PeakNetProfitUsd);
        Assert.Empty(f.Engine.OpenOpportunities);

        // The gap returns: a new opportunity with the next id.
        f.Process(Delta(f.Upbit, 25, At(7), Levels(("83300000", "1")), Levels()));
        var reopened = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Opened, reopened.Kind);
        Assert.Equal(2, reopened.Opportunity.Id);
        Assert.Equal(At(7), reopened.Opportunity.FirstSeen);

        Assert.Equal(new EngineStats(7, 0, 2, 2, 1, 0), f.Engine.Stats);
        Assert.Equal(
            [OpportunityEventKind.Opened, OpportunityEventKind.Updated, OpportunityEventKind.Updated, OpportunityEventKind.Closed, OpportunityEventKind.Opened],
            f.Sink.Opportunities.Select(e => e.Kind));
    }

    [Fact]
    public void Process_NetPremiumRises_UpdatesPeakPremium()
    {
        var f = new EngineFixture();
        f.Process(
            Snapshot(f.Binance, 1, At(1), Levels(("59990.00", "1")), Levels(("60000.00", "1"))),
            Snapshot(f.Upbit, 1, At(1), Levels(("83300000", "1")), Levels(("83400000", "1"))));

        // Ask 59000 (the bid moves to 58990 so that the book stays uncrossed):
        // net = 60332.137681159420… − 59000 × 1.001 = 60332.137681159420… − 59059 = 1273.137681159420… → Updated (+368 %).
        // bps = 1273.137681159420… / 59059 × 10000 = 215.570477176962… → 215.5705
        f.Process(Delta(f.Binance, 2, At(2), Levels(("59990.00", "0"), ("58990.00", "1")), Levels(("59000.00", "1"))));
        var updated = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Updated, updated.Kind);
        Assert.Equal(1273.13768116m, updated.Opportunity.NetProfitUsd);
        Assert.Equal(215.5705m, updated.Opportunity.NetPremiumBps);
        Assert.Equal(215.5705m, updated.Opportunity.PeakNetPremiumBps);
        Assert.Equal(59000m, updated.Opportunity.AverageBuyPrice);
    }

    [Fact]
    public void Process_TwoPairsOfOneAsset_GetDistinctIncreasingIds()
    {
        var f = new EngineFixture();
        var bybit = f.Instruments.BybitBtcUsdt;
        f.Process(
            Snapshot(f.Upbit, 1, At(1), Levels(("83300000", "1")), Levels(("83400000", "1"))),
            Snapshot(f.Binance, 1, At(2), Levels(("59990.00", "1")), Levels(("60000.00", "1"))),
            Snapshot(bybit, 1, At(3), Levels(("59980.00", "1")), Levels(("60010.00", "1"))));

        Assert.Equal(2, f.Sink.Opportunities.Count);
        Assert.Equal((1, f.Binance, f.Upbit), (f.Sink.Opportunities[0].Opportunity.Id, f.Sink.Opportunities[0].Opportunity.Buy, f.Sink.Opportunities[0].Opportunity.Sell));
        Assert.Equal((2, bybit, f.Upbit), (f.Sink.Opportunities[1].Opportunity.Id, f.Sink.Opportunities[1].Opportunity.Buy, f.Sink.Opportunities[1].Opportunity.Sell));
        Assert.Equal([1L, 2L], f.Engine.OpenOpportunities.Select(o => o.Id));

        // Invalidating Upbit closes both, in the order they opened.
        f.Process(Invalidated(f.Upbit, At(4), BookInvalidReason.Disconnected));
        Assert.Equal(
            [(1L, "upbit:KRW-BTC Unsynced(Disconnected)"), (2L, "upbit:KRW-BTC Unsynced(Disconnected)")],
            f.Sink.Opportunities.Skip(2).Select(e => (e.Opportunity.Id, e.CloseReason!)));
    }

    [Fact]
    public void Process_ZeroThreshold_PublishesEveryChangeButNotRepeats()
    {
        var options = new EngineOptions { UpdateThreshold = 0 };
        var f = new EngineFixture(options);
        f.Process(
            Snapshot(f.Binance, 1, At(1), Levels(("59990.00", "1")), Levels(("60000.00", "2"))),
            Snapshot(f.Upbit, 1, At(1), Levels(("83300000", "1")), Levels(("83400000", "1"))),
            Delta(f.Upbit, 2, At(2), Levels(("83300000", "1.00000001")), Levels()),
            Delta(f.Upbit, 3, At(3), Levels(("83200000", "1")), Levels()));

        // Size 1 → 1.00000001 (a change of 1e-8, published at threshold 0) → 2 (a deeper bid, 83,200,000, still profitable against the 2 BTC ask).
        Assert.Equal(
            [OpportunityEventKind.Opened, OpportunityEventKind.Updated, OpportunityEventKind.Updated],
            f.Sink.Opportunities.Select(e => e.Kind));
        Assert.Equal(1.00000001m, f.Sink.Opportunities[1].Opportunity.Size);
        Assert.Equal(2m, f.Sink.Opportunities[2].Opportunity.Size);

        // Re-evaluating an unchanged book publishes nothing.
        f.Process(Delta(f.Upbit, 4, At(4), Levels(), Levels(("83400000", "1"))));
        Assert.Equal(3, f.Sink.Opportunities.Count);
    }
}
