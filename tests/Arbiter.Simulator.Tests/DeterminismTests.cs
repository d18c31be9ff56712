using System.Security.Cryptography;

namespace Arbiter.Simulator.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void Step_SameSeed_GivesByteIdenticalFrames()
    {
        Assert.Equal(Fingerprint(seed: 5), Fingerprint(seed: 5));
    }

    [Fact]
    public void Step_DifferentSeed_GivesDifferentFrames()
    {
        Assert.NotEqual(Fingerprint(seed: 5), Fingerprint(seed: 6));
    }

    [Fact]
    public void Step_FrameFaultRates_LeaveTheMarketPathUnchanged()
    {
        var plain = new Simulation(new SimulatorOptions { Seed = 9 }, SimClock.Start);
        var faulty = new Simulation(WithFaults(9, crossed: 0), SimClock.Start);
        for (var step = 1; step <= 500; step++)
        {
            plain.Step(SimClock.At(step));
            faulty.Step(SimClock.At(step));
        }

        Assert.All(faulty.Venues, v => Assert.True(v.Faults.Total > 0, $"{v.Venue}: no faults"));
        foreach (var venue in plain.Venues)
        {
            foreach (var symbol in venue.Symbols)
            {
                var a = venue.CurrentBook(symbol);
                var b = faulty.Venue(venue.Venue).CurrentBook(symbol);
                Assert.Equal(a.Sequence, b.Sequence);
                Assert.Equal(a.Bids, b.Bids);
                Assert.Equal(a.Asks, b.Asks);
            }
        }
    }

    private static string Fingerprint(int seed)
    {
        var sim = new Simulation(WithFaults(seed, crossed: 0.01), SimClock.Start);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var step = 1; step <= 1000; step++)
        {
            var result = sim.Step(SimClock.At(step));
            foreach (var output in sim.Venues.SelectMany(v => result.For(v.Venue)))
            {
                hash.AppendData([(byte)output.Kind, (byte)output.Venue]);
                hash.AppendData(output.Bytes);
                hash.AppendData(output.RawBytes);
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static SimulatorOptions WithFaults(int seed, double crossed)
    {
        var options = new SimulatorOptions { Seed = seed };
        foreach (var venue in options.EnabledVenues.Select(options.For))
        {
            venue.Faults = new FaultRates { SequenceGap = 0.01, Duplicate = 0.01, Reorder = 0.01, DroppedConnection = 0.005, SilentStall = 0.001, MalformedFrame = 0.01, CrossedBook = crossed };
        }

        return options;
    }
}
