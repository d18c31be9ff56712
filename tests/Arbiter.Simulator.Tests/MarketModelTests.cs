using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class MarketModelTests
{
    private const decimal UsdKrw = 1380m;
    private const decimal FeesBps = 15m; // Binance 10 bps taker + Upbit 5 bps

    [Fact]
    public void Step_TenThousandStepsWithoutFaults_NeverCrossesABook()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 71 }, SimClock.Start);
        for (var step = 1; step <= 10_000; step++)
        {
            sim.Step(SimClock.At(step));
            foreach (var venue in sim.Venues)
            {
                foreach (var symbol in venue.Symbols)
                {
                    var book = venue.CurrentBook(symbol);
                    Assert.False(book.IsCrossed, $"{venue.Venue} {symbol} crossed at step {step}");
                }
            }
        }
    }

    [Fact]
    public void Step_NoDislocation_CrossVenueGapStaysWellBelowFees()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 73 }, SimClock.Start);
        var worst = decimal.MinValue;
        for (var step = 1; step <= 10_000; step++)
        {
            sim.Step(SimClock.At(step));
            foreach (var asset in sim.Model.Listed(VenueId.Binance).Select(a => a.Code)) // the assets both Binance and Upbit list (not USDT)
            {
                worst = Math.Max(worst, BestEdgeBps(sim, asset));
            }
        }

        Assert.True(worst < FeesBps / 2, $"largest gap {worst:F2} bps must stay well below {FeesBps} bps of fees");
    }

    [Theory]
    [InlineData(VenueId.Upbit, 60)]
    [InlineData(VenueId.Upbit, -60)]
    [InlineData(VenueId.Binance, 60)]
    [InlineData(VenueId.Binance, -60)]
    public void Step_SixtyBpsDislocation_TopThreeLevelsCrossTheOtherVenueByMoreThanFees(VenueId venue, double bps)
    {
        var options = new SimulatorOptions { Seed = 79 };
        options.Dislocations.Add(new SimDislocation { Venue = venue, Asset = "XRP", Bps = bps, Start = TimeSpan.FromSeconds(1), Length = TimeSpan.FromSeconds(2) });
        var sim = new Simulation(options, SimClock.Start);
        for (var step = 1; step <= 40; step++)
        {
            sim.Step(SimClock.At(step));
            var during = step is >= 10 and < 30; // active from Start + 1 s (step 10) until Start + 3 s (step 30), exclusive
            var upbitRich = (venue == VenueId.Upbit) == (bps > 0);
            var edge = ThirdLevelEdgeBps(sim, "XRP", upbitRich);
            if (during)
            {
                Assert.True(edge > FeesBps, $"step {step}: third level crosses by only {edge:F2} bps");
            }
            else
            {
                Assert.True(BestEdgeBps(sim, "XRP") < FeesBps, $"step {step}: no opportunity outside the dislocation");
            }
        }
    }

    [Fact]
    public void DislocationBps_AutoSchedule_AlternatesVenueAndSignAndRotatesAssets()
    {
        var options = new SimulatorOptions { Seed = 83 }.Only(VenueId.Binance, VenueId.Upbit); // the schedule rotates over the enabled venues
        options.AutoDislocation.Enabled = true;
        var model = new Simulation(options, SimClock.Start).Model;
        long At(double seconds) => SimClock.Start + (long)(seconds * 1_000_000);

        Assert.Equal(0, model.DislocationBps(VenueId.Upbit, "BTC", At(1.9)));
        var first = model.DislocationBps(VenueId.Upbit, "BTC", At(2.0));
        Assert.InRange(first, 60, 120);
        Assert.Equal(first, model.DislocationBps(VenueId.Upbit, "BTC", At(6.99)));
        Assert.Equal(0, model.DislocationBps(VenueId.Upbit, "BTC", At(7.0)));
        Assert.Equal(0, model.DislocationBps(VenueId.Binance, "BTC", At(3)));
        Assert.InRange(model.DislocationBps(VenueId.Binance, "ETH", At(18)), 60, 120);
        Assert.InRange(model.DislocationBps(VenueId.Upbit, "XRP", At(33)), -120, -60);
        Assert.InRange(model.DislocationBps(VenueId.Binance, "BTC", At(48)), -120, -60);
        Assert.InRange(model.DislocationBps(VenueId.Upbit, "ETH", At(63)), 60, 120);
        Assert.Equal(0, model.DislocationBps(VenueId.Upbit, "ETH", At(12)));
    }

    [Fact]
    public void Step_AutoSchedule_EveryEventOpensAnOpportunityBeyondFees()
    {
        var options = new SimulatorOptions { Seed = 89 }.Only(VenueId.Binance, VenueId.Upbit); // the schedule rotates over the enabled venues
        options.AutoDislocation.Enabled = true;
        var sim = new Simulation(options, SimClock.Start);
        var events = new[] { ("BTC", true, 45), ("ETH", false, 195), ("XRP", false, 345), ("BTC", true, 495) }; // (asset, upbit rich, step 2.5 s into the event)
        var last = events[^1].Item3;
        for (var step = 1; step <= last; step++)
        {
            sim.Step(SimClock.At(step));
            foreach (var (asset, upbitRich, at) in events)
            {
                if (step == at)
                {
                    var edge = ThirdLevelEdgeBps(sim, asset, upbitRich);
                    Assert.True(edge > FeesBps, $"{asset} event at step {at}: third level crosses by only {edge:F2} bps");
                }
            }
        }
    }

    [Fact]
    public void Dislocate_UnknownAssetOrVenue_Throws()
    {
        var model = new Simulation(new SimulatorOptions().Only(VenueId.Binance, VenueId.Upbit), SimClock.Start).Model;
        Assert.Throws<ArgumentException>(() => model.Dislocate(VenueId.Upbit, "DOGE", 50, SimClock.Start, 1_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Dislocate(VenueId.Okx, "BTC", 50, SimClock.Start, 1_000_000));
    }

    [Fact]
    public void TrueUsdPrice_OverTenThousandSteps_WandersOnlyALittle()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 97 }, SimClock.Start);
        for (var step = 1; step <= 10_000; step++)
        {
            sim.Step(SimClock.At(step));
        }

        Assert.InRange(sim.Model.TrueUsdPrice("BTC"), 95_000, 105_000);
        Assert.NotEqual(100_000, sim.Model.TrueUsdPrice("BTC"));
    }

    /// <summary>The better of the two directions: Upbit bid over Binance ask, or Binance bid over Upbit ask, in bps (negative = no cross).</summary>
    private static decimal BestEdgeBps(Simulation sim, string asset) => Math.Max(ThirdLevelEdgeBps(sim, asset, upbitRich: true, level: 0), ThirdLevelEdgeBps(sim, asset, upbitRich: false, level: 0));

    /// <summary>How far the rich venue's <paramref name="level"/>-th bid is above the cheap venue's best ask, in USD bps.</summary>
    private static decimal ThirdLevelEdgeBps(Simulation sim, string asset, bool upbitRich, int level = 2)
    {
        var binance = sim.Binance.CurrentBook(asset + "USDT");
        var upbit = sim.Upbit.CurrentBook("KRW-" + asset);
        var (bid, ask) = upbitRich ? (upbit.Bids[level].Price / UsdKrw, binance.Asks[0].Price) : (binance.Bids[level].Price, upbit.Asks[0].Price / UsdKrw);
        return (bid - ask) / ask * 10_000m;
    }
}
