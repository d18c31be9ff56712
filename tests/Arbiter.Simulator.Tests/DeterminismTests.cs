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

        Assert.True(faulty.Binance.Faults.Total > 0 && faulty.Upbit.Faults.Total > 0);
        foreach (var symbol in plain.Binance.Symbols)
        {
            var a = plain.Binance.CurrentBook(symbol);
            var b = faulty.Binance.CurrentBook(symbol);
            Assert.Equal(a.Sequence, b.Sequence);
            Assert.Equal(a.Bids, b.Bids);
            Assert.Equal(a.Asks, b.Asks);
        }
    }

    private static string Fingerprint(int seed)
    {
        var sim = new Simulation(WithFaults(seed, crossed: 0.01), SimClock.Start);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var step = 1; step <= 1000; step++)
        {
            var result = sim.Step(SimClock.At(step));
            foreach (var output in result.Binance.Concat(result.Upbit))
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
        foreach (var venue in new[] { options.Binance, options.Upbit })
        {
            venue.Faults = new FaultRates { SequenceGap = 0.01, Duplicate = 0.01, Reorder = 0.01, DroppedConnection = 0.005, SilentStall = 0.001, MalformedFrame = 0.01, CrossedBook = crossed };
        }

        return options;
    }
}
