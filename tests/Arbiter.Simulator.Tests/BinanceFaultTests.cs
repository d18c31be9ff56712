using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class BinanceFaultTests
{
    private const string Symbol = "BTCUSDT";
    private const int Injections = 25;

    [Fact]
    public void SequenceGap_Injected_SkipsExactlyThatDiffsIds()
    {
        var (sim, start, frames) = Run(FaultKind.SequenceGap, Injections);
        var gaps = 0;
        var previous = start;
        foreach (var output in frames)
        {
            var frame = BinanceDiffFrame.Parse(output.RawBytes);
            if (frame.FirstId != previous + 1)
            {
                gaps++;
                Assert.True(frame.FirstId > previous + 1);
                Assert.True(sim.Binance.TryGetTruth(Symbol, frame.FirstId - 1, out _, out _), "the skipped diff's u is in the truth");
            }

            previous = frame.LastId;
        }

        Assert.Equal(Injections, gaps);
        Assert.Equal(Injections, sim.Binance.Faults[FaultKind.SequenceGap]);
        Assert.Equal(Injections, sim.Binance.Faults.Total);
    }

    [Fact]
    public void Duplicate_Injected_RepeatsTheExactBytes()
    {
        var (sim, _, frames) = Run(FaultKind.Duplicate, Injections);
        var duplicates = 0;
        for (var i = 1; i < frames.Count; i++)
        {
            if (frames[i].Bytes.AsSpan().SequenceEqual(frames[i - 1].Bytes))
            {
                duplicates++;
                Assert.Equal(FaultKind.Duplicate, frames[i].Fault);
                Assert.True(frames[i].RawBytes.AsSpan().SequenceEqual(frames[i - 1].RawBytes));
            }
        }

        Assert.Equal(Injections, duplicates);
        Assert.Equal(Injections, sim.Binance.Faults[FaultKind.Duplicate]);
    }

    [Fact]
    public void Reorder_Injected_SwapsTwoConsecutiveDiffs()
    {
        var (sim, start, frames) = Run(FaultKind.Reorder, Injections);
        var swaps = 0;
        var previous = BinanceDiffFrame.Parse(frames[0].RawBytes);
        Assert.Equal(start + 1, previous.FirstId);
        for (var i = 1; i < frames.Count; i++)
        {
            var frame = BinanceDiffFrame.Parse(frames[i].RawBytes);
            if (frame.LastId < previous.FirstId)
            {
                swaps++;
                Assert.Equal(FaultKind.Reorder, frames[i].Fault);
                Assert.Equal(previous.FirstId, frame.LastId + 1); // the late diff is the one just before
            }

            previous = frame;
        }

        Assert.Equal(Injections, swaps);
        Assert.Equal(Injections, sim.Binance.Faults[FaultKind.Reorder]);
    }

    [Fact]
    public void MalformedFrame_Injected_SendsGarbageBeforeTheStillSentRealDiff()
    {
        var (sim, start, frames) = Run(FaultKind.MalformedFrame, 60);
        var book = Snapshot(sim, start);
        var garbage = 0;
        var variants = new HashSet<MalformedVariant>();
        for (var i = 0; i < frames.Count; i++)
        {
            var rawOk = BinanceDiffFrame.TryParse(frames[i].RawBytes, out var frame);
            var combinedOk = BinanceDiffFrame.TryParse(frames[i].Bytes, out _);
            Assert.Equal(rawOk, combinedOk);
            if (!rawOk)
            {
                garbage++;
                Assert.Equal(FaultKind.MalformedFrame, frames[i].Fault);
                variants.Add(frames[i].Malformation!.Value);
                Assert.Null(frames[i + 1].Fault);
                Assert.Equal(frames[i].Sequence, frames[i + 1].Sequence);
                continue;
            }

            Assert.Equal(book.LastUpdateId + 1, frame!.FirstId); // no real data lost
            book.Apply(frame.Bids, bid: true);
            book.Apply(frame.Asks, bid: false);
            book.LastUpdateId = frame.LastId;
            Assert.True(sim.Binance.TryGetTruth(Symbol, frame.LastId, out var bids, out var asks));
            Assert.Equal(bids, book.Bids);
            Assert.Equal(asks, book.Asks);
        }

        Assert.Equal(60, garbage);
        Assert.Equal(Enum.GetValues<MalformedVariant>(), variants.Order());
        Assert.Equal(60, sim.Binance.Faults[FaultKind.MalformedFrame]);
    }

    [Fact]
    public void DroppedConnection_Injected_LeadsTheStepWithADisconnect()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 41 }, SimClock.Start);
        var disconnects = 0;
        for (var step = 1; step <= 50; step++)
        {
            if (step % 5 == 0)
            {
                sim.Binance.InjectFault(FaultKind.DroppedConnection);
            }

            var outputs = sim.Step(SimClock.At(step)).Binance;
            disconnects += outputs.Count(o => o.Kind == SimOutputKind.Disconnect);
            Assert.True(outputs.Skip(1).All(o => o.Kind == SimOutputKind.Frame));
            Assert.Equal(step % 5 == 0, outputs[0].Kind == SimOutputKind.Disconnect);
        }

        Assert.Equal(10, disconnects);
        Assert.Equal(10, sim.Binance.Faults[FaultKind.DroppedConnection]);
    }

    [Fact]
    public void SilentStall_Injected_SendsNothingForThreeSecondsWhileTheTruthMoves()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 43 }, SimClock.Start);
        var lastSeen = sim.Step(SimClock.At(1)).Binance.Single(o => o.Symbol == Symbol).Sequence;
        sim.Binance.InjectFault(FaultKind.SilentStall);
        var stall = sim.Step(SimClock.At(2)).Binance;
        Assert.Equal(SimOutputKind.Stall, Assert.Single(stall).Kind);
        Assert.Equal(TimeSpan.FromSeconds(3), stall[0].StallDuration);
        Assert.Equal(SimClock.At(2) + 3_000_000, sim.Binance.StalledUntilMicros);
        for (var step = 3; step < 32; step++)
        {
            Assert.Empty(sim.Step(SimClock.At(step)).Binance); // 2.9 s later still silent
        }

        Assert.True(sim.Binance.CurrentBook(Symbol).Sequence > lastSeen + 50, "the true book kept moving");
        var resumed = BinanceDiffFrame.Parse(sim.Step(SimClock.At(32)).Binance.Single(o => o.Symbol == Symbol).RawBytes);
        Assert.True(resumed.FirstId > lastSeen + 1);
        Assert.Equal(1, sim.Binance.Faults[FaultKind.SilentStall]);
    }

    [Fact]
    public void CrossedBook_Injected_CrossesTheTruthUntilALaterStepRemovesIt()
    {
        var (sim, _, frames) = Run(FaultKind.CrossedBook, Injections, spacing: 6);
        var crossed = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.True(sim.Binance.TryGetTruthBook(Symbol, frames[i].Sequence, out var truth));
            if (frames[i].Fault != FaultKind.CrossedBook)
            {
                continue;
            }

            crossed++;
            Assert.True(truth.IsCrossed);
            var frame = BinanceDiffFrame.Parse(frames[i].RawBytes);
            Assert.Contains(frame.Bids, b => b.Price >= truth.Asks[0].Price && b.Quantity > 0);
            var cleared = frames.Skip(i + 1).Take(4).Any(f => sim.Binance.TryGetTruthBook(Symbol, f.Sequence, out var later) && !later.IsCrossed);
            Assert.True(cleared, "a later step removes the crossing level within a few steps");
        }

        Assert.Equal(Injections, crossed);
        Assert.Equal(Injections, sim.Binance.Faults[FaultKind.CrossedBook]);
    }

    /// <summary>The kinds that act on the step's outputs (ConnectionRefused acts on handshakes and is tested with the listener).</summary>
    private static readonly FaultKind[] FrameAndFeedKinds =
        [FaultKind.SequenceGap, FaultKind.Duplicate, FaultKind.Reorder, FaultKind.DroppedConnection, FaultKind.SilentStall, FaultKind.MalformedFrame, FaultKind.CrossedBook];

    [Fact]
    public void SupportedFaults_Binance_HasNoChecksumResetOrSubscribeKinds()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        Assert.Equal([.. FrameAndFeedKinds, FaultKind.ConnectionRefused], sim.Binance.SupportedFaults.Order());
        Assert.Throws<ArgumentException>(() => sim.Binance.InjectFault(FaultKind.ChecksumCorruption));
    }

    [Fact]
    public void RandomRates_EveryKind_CountsMatchTheTaggedOutputs()
    {
        var options = new SimulatorOptions { Seed = 47 };
        options.Binance.Faults = new FaultRates { SequenceGap = 0.02, Duplicate = 0.02, Reorder = 0.02, DroppedConnection = 0.01, SilentStall = 0.002, MalformedFrame = 0.02, CrossedBook = 0.01 };
        var sim = new Simulation(options, SimClock.Start);
        var tags = new Dictionary<FaultKind, int>();
        for (var step = 1; step <= 3000; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Binance)
            {
                if (output.Fault is { } fault)
                {
                    tags[fault] = tags.GetValueOrDefault(fault) + 1;
                }
            }
        }

        var faults = sim.Binance.Faults;
        Assert.All(FrameAndFeedKinds, kind => Assert.True(faults[kind] > 0, $"{kind} never injected"));
        Assert.Equal(faults[FaultKind.Duplicate], tags[FaultKind.Duplicate]);
        Assert.Equal(faults[FaultKind.MalformedFrame], tags[FaultKind.MalformedFrame]);
        Assert.Equal(faults[FaultKind.DroppedConnection], tags[FaultKind.DroppedConnection]);
        Assert.Equal(faults[FaultKind.SilentStall], tags[FaultKind.SilentStall]);
        Assert.InRange(tags[FaultKind.Reorder], faults[FaultKind.Reorder] - 3, faults[FaultKind.Reorder]); // a held frame may be withheld by a stall
        Assert.Equal(0, sim.Upbit.Faults.Total);
    }

    [Fact]
    public void InjectFault_UnknownSymbol_Throws()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var error = Assert.Throws<ArgumentException>(() => sim.Binance.InjectFault(FaultKind.Duplicate, "DOGEUSDT"));
        Assert.Contains("DOGEUSDT", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Injects <paramref name="count"/> faults on BTCUSDT, one every <paramref name="spacing"/> steps, and returns its frames.</summary>
    private static (Simulation Sim, long StartId, List<SimOutput> Frames) Run(FaultKind kind, int count, int spacing = 4)
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 31 + (int)kind }, SimClock.Start);
        var start = sim.Binance.LastUpdateId(Symbol);
        var (frames, _) = SimFaultRun.Collect(sim, VenueId.Binance, Symbol, kind, count, spacing);
        return (sim, start, frames);
    }

    private static LocalBook Snapshot(Simulation sim, long id) => SimFaultRun.TruthSnapshot(sim.Binance, Symbol, id);
}
