using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

/// <summary>Shared fault-injection runs and truth checks for the per-venue simulator tests.</summary>
internal static class SimFaultRun
{
    /// <summary>
    /// Steps <paramref name="sim"/> from step 1, injecting <paramref name="kind"/> on <paramref name="symbol"/> of <paramref name="venue"/>
    /// <paramref name="count"/> times, one every <paramref name="spacing"/> steps (at the second step of each group), then one more group of
    /// <paramref name="spacing"/> steps without a fault; returns the outputs for that symbol and the number of steps taken.
    /// </summary>
    public static (List<SimOutput> Outputs, int Steps) Collect(Simulation sim, VenueId venue, string symbol, FaultKind kind, int count, int spacing = 4)
    {
        var outputs = new List<SimOutput>();
        var steps = Run(sim, venue, symbol, kind, count, spacing, stepOutputs => outputs.AddRange(stepOutputs.Where(o => o.Symbol == symbol)));
        return (outputs, steps);
    }

    /// <summary>The same stepping as <see cref="Collect"/>, handing each step's outputs of <paramref name="venue"/> to <paramref name="onStep"/>; returns the number of steps taken.</summary>
    public static int Run(Simulation sim, VenueId venue, string symbol, FaultKind kind, int count, int spacing, Action<IReadOnlyList<SimOutput>> onStep)
    {
        var target = sim.Venue(venue);
        var step = 0;
        for (var i = 0; i <= count; i++)
        {
            for (var k = 0; k < spacing; k++)
            {
                if (k == 1 && i < count)
                {
                    target.InjectFault(kind, symbol);
                }

                onStep(sim.Step(SimClock.At(++step)).For(venue));
            }
        }

        Assert.Equal(0, target.PendingFaultCount);
        return step;
    }

    /// <summary>How many outputs repeat the bytes of the one before; each such repeat is asserted to be tagged <see cref="FaultKind.Duplicate"/>.</summary>
    public static int CountRepeats(IReadOnlyList<SimOutput> frames)
    {
        var duplicates = 0;
        for (var i = 1; i < frames.Count; i++)
        {
            if (frames[i].Bytes.AsSpan().SequenceEqual(frames[i - 1].Bytes))
            {
                duplicates++;
                Assert.Equal(FaultKind.Duplicate, frames[i].Fault);
            }
        }

        return duplicates;
    }

    /// <summary>A book holding the venue's truth for <paramref name="symbol"/> at <paramref name="id"/> (asserted to be kept).</summary>
    public static LocalBook TruthSnapshot(SimVenue venue, string symbol, long id)
    {
        Assert.True(venue.TryGetTruth(symbol, id, out var bids, out var asks));
        var book = new LocalBook { LastUpdateId = id };
        book.Apply(bids.Select(b => (b.Price, b.Quantity)), bid: true);
        book.Apply(asks.Select(a => (a.Price, a.Quantity)), bid: false);
        return book;
    }
}
