using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class UpbitFaultTests
{
    private const string Code = "KRW-BTC";
    private const int Injections = 25;

    [Fact]
    public void SequenceGap_Injected_LeavesExactlyThatSnapshotUnsent()
    {
        var (sim, steps, frames) = Run(FaultKind.SequenceGap, Injections);
        var sent = frames.Select(f => UpbitMessage.Parse(f.Bytes).Timestamp).ToHashSet();
        var missing = 0;
        for (var step = 1; step <= steps; step++)
        {
            var timestamp = SimClock.At(step) / 1000;
            if (sim.Upbit.TryGetTruth(Code, timestamp, out _, out _) && !sent.Contains(timestamp))
            {
                missing++;
            }
        }

        Assert.Equal(Injections, missing);
        Assert.Equal(Injections, sim.Upbit.Faults[FaultKind.SequenceGap]);
    }

    [Fact]
    public void Duplicate_Injected_RepeatsTheExactBytes()
    {
        var (sim, _, frames) = Run(FaultKind.Duplicate, Injections);
        var duplicates = SimFaultRun.CountRepeats(frames);

        Assert.Equal(Injections, duplicates);
        Assert.Equal(Injections, sim.Upbit.Faults[FaultKind.Duplicate]);
    }

    [Fact]
    public void Reorder_Injected_DeliversTheOlderTimestampLast()
    {
        var (sim, _, frames) = Run(FaultKind.Reorder, Injections);
        var late = 0;
        for (var i = 1; i < frames.Count; i++)
        {
            var previous = UpbitMessage.Parse(frames[i - 1].Bytes).Timestamp;
            var current = UpbitMessage.Parse(frames[i].Bytes).Timestamp;
            if (current < previous)
            {
                late++;
                Assert.Equal(FaultKind.Reorder, frames[i].Fault);
                Assert.Equal(previous - 100, current); // the step just before (100 ms)
            }
        }

        Assert.Equal(Injections, late);
        Assert.Equal(Injections, sim.Upbit.Faults[FaultKind.Reorder]);
    }

    [Fact]
    public void MalformedFrame_Injected_SendsGarbageBeforeTheStillSentRealSnapshot()
    {
        var (sim, _, frames) = Run(FaultKind.MalformedFrame, 60);
        var garbage = 0;
        var variants = new HashSet<MalformedVariant>();
        for (var i = 0; i < frames.Count; i++)
        {
            if (UpbitMessage.TryParse(frames[i].Bytes, out var message))
            {
                Assert.True(sim.Upbit.TryGetTruth(Code, message!.Timestamp, out var bids, out var asks));
                Assert.Equal(bids, message.Bids);
                Assert.Equal(asks, message.Asks);
                continue;
            }

            garbage++;
            Assert.Equal(FaultKind.MalformedFrame, frames[i].Fault);
            variants.Add(frames[i].Malformation!.Value);
            Assert.Equal(frames[i].Sequence, UpbitMessage.Parse(frames[i + 1].Bytes).Timestamp);
        }

        Assert.Equal(60, garbage);
        Assert.Equal(Enum.GetValues<MalformedVariant>(), variants.Order());
        Assert.Equal(60, sim.Upbit.Faults[FaultKind.MalformedFrame]);
    }

    [Fact]
    public void CrossedBook_Injected_PublishesASnapshotWithBidAtOrAboveAsk()
    {
        var (sim, _, frames) = Run(FaultKind.CrossedBook, Injections, spacing: 6);
        var crossed = frames.Where(f => f.Fault == FaultKind.CrossedBook).Select(f => UpbitMessage.Parse(f.Bytes)).ToList();
        Assert.Equal(Injections, crossed.Count);
        Assert.All(crossed, m => Assert.True(m.Units[0].BidPrice >= m.Units[0].AskPrice));
        Assert.All(crossed, m => Assert.True(sim.Upbit.TryGetTruthBook(Code, m.Timestamp, out var truth) && truth.IsCrossed));
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].Fault == FaultKind.CrossedBook)
            {
                var cleared = frames.Skip(i + 1).Take(4).Select(f => UpbitMessage.Parse(f.Bytes)).Any(m => m.Units[0].BidPrice < m.Units[0].AskPrice);
                Assert.True(cleared, "a later snapshot is uncrossed within a few steps");
            }
        }

        Assert.Equal(Injections, sim.Upbit.Faults[FaultKind.CrossedBook]);
    }

    [Fact]
    public void SilentStall_Injected_SendsNothingWhileTheTimestampsMoveOn()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 53 }, SimClock.Start);
        sim.Step(SimClock.At(1));
        sim.Upbit.InjectFault(FaultKind.SilentStall);
        Assert.Equal(SimOutputKind.Stall, Assert.Single(sim.Step(SimClock.At(2)).Upbit).Kind);
        for (var step = 3; step < 32; step++)
        {
            Assert.Empty(sim.Step(SimClock.At(step)).Upbit);
        }

        Assert.Equal(SimClock.At(31) / 1000, sim.Upbit.CurrentBook(Code).Sequence);
        Assert.Equal(SimClock.At(32) / 1000, UpbitMessage.Parse(sim.Step(SimClock.At(32)).Upbit.Single(o => o.Symbol == Code).Bytes).Timestamp);
        Assert.Equal(0, sim.Binance.Faults.Total);
    }

    [Fact]
    public void DroppedConnection_Injected_IsCountedOncePerInjection()
    {
        var sim = new Simulation(new SimulatorOptions().Only(VenueId.Binance, VenueId.Upbit), SimClock.Start); // a market path where every book moves at step 1
        sim.Upbit.InjectFault(FaultKind.DroppedConnection);
        sim.Upbit.InjectFault(FaultKind.DroppedConnection);
        var outputs = sim.Step(SimClock.At(1)).Upbit;
        Assert.Equal(2, outputs.Count(o => o.Kind == SimOutputKind.Disconnect));
        Assert.Equal(2, sim.Upbit.Faults[FaultKind.DroppedConnection]);
        Assert.Equal(sim.Upbit.Symbols.Count, outputs.Count(o => o.Kind == SimOutputKind.Frame)); // every listed book, KRW-USDT included
    }

    private static (Simulation Sim, int Steps, List<SimOutput> Frames) Run(FaultKind kind, int count, int spacing = 4)
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 61 + (int)kind }.Only(VenueId.Binance, VenueId.Upbit), SimClock.Start); // the seeds were chosen for this market
        var (frames, steps) = SimFaultRun.Collect(sim, VenueId.Upbit, Code, kind, count, spacing);
        return (sim, steps, frames);
    }
}
