using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Simulator;
using Arbiter.Tests.Support;

namespace Arbiter.Tests;

/// <summary>A simulated Upbit sending one bad tick in five (well-formed, in sequence, wrong prices) through the real adapter.</summary>
public sealed class DataQualityScenarioTests
{
    [Fact]
    public void UpbitWithTwentyPercentBadTicks_IsExcludedCountedExactlyAndReturnsWhenClean()
    {
        var sim = new SimulatorOptions { Seed = 44 }.Only(VenueId.Binance, VenueId.Upbit);
        sim.Upbit.BadTickEvery = 5;
        sim.AutoDislocation.MinBps = 150;
        sim.AutoDislocation.MaxBps = 200;
        var harness = new FaultHarness(sim, new EngineOptions { MaxBookAge = TimeSpan.FromSeconds(2) });
        var upbit = harness.Simulation.Venue(VenueId.Upbit);

        harness.Run(1500);

        // Every bad tick the adapter received was rejected on arrival, and nothing else was (a bad tick's best bid is 40 %
        // and best ask 160 % of the true top: a 120 % spread, over the 50 % limit). The simulator also builds a few before
        // the adapter has subscribed; those reach no one.
        var badTicks = harness.BadTicksDelivered;
        var quality = harness.Engine.QualityOf(VenueId.Upbit);
        Assert.True(badTicks > 500 && badTicks <= upbit.Faults[FaultKind.BadTick], $"{badTicks} bad ticks delivered of {upbit.Faults[FaultKind.BadTick]}");
        Assert.Equal(badTicks, harness.BadTicksRejected);
        Assert.Equal((badTicks, 0L, 0L, 0L, 0L), (quality.WideSpread, quality.Crossed, quality.NonPositivePrice, quality.OutsideBounds, quality.ExchangeTimeTooOld));
        Assert.Equal(badTicks, harness.RejectedUpdates);
        Assert.True(quality.Excluded, $"score {quality.Score}");
        Assert.InRange(quality.Score, 70, 90);
        Assert.Equal(0, harness.SyncedMismatches);
        Assert.Equal(0, harness.OpportunityMismatches);
        Assert.Equal(0, harness.OpportunitiesFromUnusableBooks);
        Assert.DoesNotContain(harness.Engine.OpenOpportunities, o => o.Buy.Venue == VenueId.Upbit || o.Sell.Venue == VenueId.Upbit);
        Assert.Equal(0, harness.Engine.QualityOf(VenueId.Binance).Rejected);

        // Clean again: after the window has turned over the venue is back.
        sim.Upbit.BadTickEvery = 0;
        harness.Run(600);
        var recovered = harness.Engine.QualityOf(VenueId.Upbit);
        Assert.Equal(badTicks, harness.BadTicksDelivered);
        Assert.Equal(badTicks, recovered.WideSpread);
        Assert.False(recovered.Excluded, $"score {recovered.Score}");
        Assert.Equal(100.0, recovered.Score);
        Assert.Equal(0, harness.OpportunityMismatches);
    }
}
