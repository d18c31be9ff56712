using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

/// <summary>The BadTick data-quality fault of the full-book venues: a nonsense but well-formed top, the truth untouched.</summary>
public sealed class BadTickTests
{
    [Fact]
    public void InjectFault_BadTick_ReplacesTheTopOnceAndKeepsTheTruth()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 3 }.Only(VenueId.Upbit), SimClock.Start);
        sim.Upbit.InjectFault(FaultKind.BadTick, "KRW-BTC");
        var bad = sim.Step(SimClock.At(1)).Upbit.Single(o => o.Symbol == "KRW-BTC");
        Assert.Equal(FaultKind.BadTick, bad.Fault);
        Assert.Equal(1, sim.Upbit.Faults[FaultKind.BadTick]);
        var message = UpbitMessage.Parse(bad.Bytes); // well-formed: parses strictly
        Assert.True(sim.Upbit.TryGetTruth("KRW-BTC", message.Timestamp, out var bids, out var asks));
        Assert.Equal(bids.Length, message.Units.Count);
        Assert.InRange(message.Bids[0].Price / bids[0].Price, 0.39m, 0.41m); // best bid at 40 % of the true one
        Assert.InRange(message.Asks[0].Price / asks[0].Price, 1.59m, 1.61m);
        Assert.True(message.Bids.Zip(message.Bids.Skip(1)).All(p => p.First.Price > p.Second.Price), "bids strictly descending");
        Assert.True(message.Asks.Zip(message.Asks.Skip(1)).All(p => p.First.Price < p.Second.Price), "asks strictly ascending");
        Assert.Equal(bids.Select(b => b.Quantity), message.Bids.Select(b => b.Quantity));

        for (var step = 2; step <= 20; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Upbit.Where(o => o.Symbol == "KRW-BTC"))
            {
                Assert.Null(output.Fault);
                var next = UpbitMessage.Parse(output.Bytes);
                Assert.True(sim.Upbit.TryGetTruth("KRW-BTC", next.Timestamp, out var trueBids, out var trueAsks));
                Assert.Equal(trueBids, next.Bids);
                Assert.Equal(trueAsks, next.Asks);
            }
        }
    }

    [Fact]
    public void BadTickEvery_Five_EveryFifthFrameOfEachSymbolExactly()
    {
        var options = new SimulatorOptions { Seed = 12 }.Only(VenueId.Bithumb);
        options.Bithumb.BadTickEvery = 5;
        var sim = new Simulation(options, SimClock.Start);
        var frames = sim.Bithumb.Symbols.ToDictionary(s => s, _ => new List<bool>());
        for (var step = 1; step <= 400; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Bithumb)
            {
                frames[output.Symbol].Add(output.Fault == FaultKind.BadTick);
                if (output.Fault == FaultKind.BadTick)
                {
                    var message = BithumbMessage.Parse(output.Bytes);
                    Assert.True(sim.Bithumb.TryGetTruth(output.Symbol, message.Timestamp, out var bids, out _));
                    Assert.True(message.Bids[0].Price < bids[0].Price / 2, $"{output.Symbol}: the bad best bid is far below the true one");
                }
            }
        }

        var total = 0;
        foreach (var (symbol, flags) in frames)
        {
            var positions = flags.Select((isBad, i) => (isBad, i)).Where(p => p.isBad).Select(p => p.i).ToList();
            Assert.True(flags.Count > 100, $"{symbol} sent {flags.Count} frames");
            Assert.InRange(positions[0], 0, 4); // the seeded phase
            Assert.All(positions.Zip(positions.Skip(1)), p => Assert.Equal(5, p.Second - p.First)); // exactly every fifth frame
            Assert.Equal(((flags.Count - 1 - positions[0]) / 5) + 1, positions.Count);
            total += positions.Count;
        }

        Assert.Equal(total, sim.Bithumb.Faults[FaultKind.BadTick]);

        var again = new Simulation(options, SimClock.Start); // deterministic by seed
        var firstBad = new List<string>();
        for (var step = 1; step <= 10; step++)
        {
            firstBad.AddRange(again.Step(SimClock.At(step)).Bithumb.Where(o => o.Fault == FaultKind.BadTick).Select(o => $"{step}:{o.Symbol}"));
        }

        var sameSeed = new Simulation(options, SimClock.Start);
        var secondBad = new List<string>();
        for (var step = 1; step <= 10; step++)
        {
            secondBad.AddRange(sameSeed.Step(SimClock.At(step)).Bithumb.Where(o => o.Fault == FaultKind.BadTick).Select(o => $"{step}:{o.Symbol}"));
        }

        Assert.NotEmpty(firstBad);
        Assert.Equal(firstBad, secondBad);
    }

    [Fact]
    public void BadTick_OnlyTheFullBookVenues()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        Assert.Equal([FaultKind.BadTick], sim.Upbit.DataQualityFaults);
        Assert.Equal([FaultKind.BadTick], sim.Bithumb.DataQualityFaults);
        Assert.DoesNotContain(FaultKind.BadTick, sim.Upbit.SupportedFaults); // not a feed fault: a book sync rightly accepts it
        Assert.Empty(sim.Binance.DataQualityFaults);
        Assert.Throws<ArgumentException>(() => sim.Binance.InjectFault(FaultKind.BadTick));
        Assert.Throws<ArgumentException>(() => sim.Kraken.InjectFault(FaultKind.BadTick));
    }

    [Fact]
    public void FaultRates_BadTick_IsDrawnAndCounted()
    {
        var options = new SimulatorOptions { Seed = 2 }.Only(VenueId.Upbit);
        options.Upbit.Faults.BadTick = 0.2;
        var sim = new Simulation(options, SimClock.Start);
        var seen = 0;
        for (var step = 1; step <= 200; step++)
        {
            seen += sim.Step(SimClock.At(step)).Upbit.Count(o => o.Fault == FaultKind.BadTick);
        }

        Assert.InRange(seen, 20, 60);
        Assert.Equal(seen, sim.Upbit.Faults[FaultKind.BadTick]);
    }
}
