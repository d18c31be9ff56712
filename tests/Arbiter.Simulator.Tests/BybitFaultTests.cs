using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class BybitFaultTests
{
    private const string Symbol = "BTCUSDT";
    private const int Injections = 25;

    [Fact]
    public void SequenceGap_Injected_SkipsExactlyOneUWhoseTruthExists()
    {
        var (sim, _, frames) = Run(FaultKind.SequenceGap, Injections);
        var skipped = 0;
        for (var i = 1; i < frames.Count; i++)
        {
            var gap = frames[i].Sequence - frames[i - 1].Sequence;
            Assert.InRange(gap, 1, 2);
            if (gap == 2)
            {
                skipped++;
                Assert.True(sim.Bybit.TryGetTruth(Symbol, frames[i].Sequence - 1, out _, out _), "the unsent message is in the truth");
            }
        }

        Assert.Equal(Injections, skipped);
        Assert.Equal(Injections, sim.Bybit.Faults[FaultKind.SequenceGap]);
    }

    [Fact]
    public void Duplicate_Injected_RepeatsTheExactBytes()
    {
        var (sim, _, frames) = Run(FaultKind.Duplicate, Injections);
        var duplicates = SimFaultRun.CountRepeats(frames);

        Assert.Equal(Injections, duplicates);
        Assert.Equal(Injections, sim.Bybit.Faults[FaultKind.Duplicate]);
    }

    [Fact]
    public void Reorder_Injected_DeliversTheOlderULast()
    {
        var (sim, _, frames) = Run(FaultKind.Reorder, Injections);
        var late = 0;
        for (var i = 1; i < frames.Count; i++)
        {
            var previous = BybitMessage.Parse(frames[i - 1].Bytes).U;
            var current = BybitMessage.Parse(frames[i].Bytes).U;
            if (current < previous)
            {
                late++;
                Assert.Equal(FaultKind.Reorder, frames[i].Fault);
                Assert.Equal(previous - 1, current);
            }
        }

        Assert.Equal(Injections, late);
        Assert.Equal(Injections, sim.Bybit.Faults[FaultKind.Reorder]);
    }

    [Fact]
    public void MalformedFrame_Injected_SendsGarbageBeforeTheStillSentRealDelta()
    {
        var (sim, _, frames) = Run(FaultKind.MalformedFrame, 60);
        var garbage = 0;
        var variants = new HashSet<MalformedVariant>();
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].Malformation is not { } variant)
            {
                BybitMessage.Parse(frames[i].Bytes);
                continue;
            }

            if (variant == MalformedVariant.ExcessDecimals)
            {
                Assert.Matches("\"[0-9]+\\.[0-9]{10}\"", System.Text.Encoding.UTF8.GetString(frames[i].Bytes)); // finer than any lot
            }
            else
            {
                Assert.False(BybitMessage.TryParse(frames[i].Bytes, out _));
            }

            garbage++;
            Assert.Equal(FaultKind.MalformedFrame, frames[i].Fault);
            variants.Add(frames[i].Malformation!.Value);
            var real = BybitMessage.Parse(frames[i + 1].Bytes);
            Assert.Equal(frames[i].Sequence, real.U);
            Assert.Null(frames[i + 1].Fault);
        }

        Assert.Equal(60, garbage);
        Assert.Equal(Enum.GetValues<MalformedVariant>(), variants.Order());
        Assert.Equal(60, sim.Bybit.Faults[FaultKind.MalformedFrame]);
    }

    [Fact]
    public void MalformedFrame_ValueVariants_OnlyTheFirstLevelDiffers()
    {
        var (_, _, frames) = Run(FaultKind.MalformedFrame, 60);
        var checkedVariants = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].Malformation is not (MalformedVariant.NotANumber or MalformedVariant.Negative or MalformedVariant.Huge or MalformedVariant.ExcessDecimals))
            {
                continue;
            }

            var bad = System.Text.Encoding.UTF8.GetString(frames[i].Bytes);
            var good = System.Text.Encoding.UTF8.GetString(frames[i + 1].Bytes);
            var badAt = bad.IndexOf("[[\"", StringComparison.Ordinal);
            Assert.Equal(good[..badAt], bad[..badAt]);
            Assert.Equal(good[good.IndexOf(']', good.IndexOf("[[\"", StringComparison.Ordinal))..], bad[bad.IndexOf(']', badAt)..]);
            checkedVariants++;
        }

        Assert.True(checkedVariants > 20, $"only {checkedVariants} value corruptions");
    }

    [Fact]
    public void CrossedBook_Injected_PublishesADeltaThatCrossesTheTruth()
    {
        var (sim, _, frames) = Run(FaultKind.CrossedBook, Injections, spacing: 6);
        var crossed = frames.Where(f => f.Fault == FaultKind.CrossedBook).ToList();
        Assert.Equal(Injections, crossed.Count);
        Assert.All(crossed, f => Assert.True(sim.Bybit.TryGetTruthBook(Symbol, f.Sequence, out var truth) && truth.IsCrossed));
        Assert.Equal(Injections, sim.Bybit.Faults[FaultKind.CrossedBook]);
    }

    [Fact]
    public void SilentStall_Injected_SendsNothingWhileUMovesOn()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 53 }, SimClock.Start);
        sim.Step(SimClock.At(1));
        var before = sim.Bybit.LastUpdateId(Symbol);
        sim.Bybit.InjectFault(FaultKind.SilentStall);
        Assert.Equal(SimOutputKind.Stall, Assert.Single(sim.Step(SimClock.At(2)).Bybit).Kind);
        for (var step = 3; step < 32; step++)
        {
            Assert.Empty(sim.Step(SimClock.At(step)).Bybit);
        }

        var during = sim.Bybit.LastUpdateId(Symbol);
        Assert.True(during > before + 20, "the book kept moving");
        var next = sim.Step(SimClock.At(32)).Bybit.Single(o => o.Symbol == Symbol);
        Assert.Equal(during + 1, BybitMessage.Parse(next.Bytes).U);
    }

    [Fact]
    public void DroppedConnection_Injected_LeadsTheStepAndIsCounted()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        sim.Bybit.InjectFault(FaultKind.DroppedConnection);
        var outputs = sim.Step(SimClock.At(1)).Bybit;
        Assert.Equal(SimOutputKind.Disconnect, outputs[0].Kind);
        Assert.Equal(1, sim.Bybit.Faults[FaultKind.DroppedConnection]);
    }

    [Fact]
    public void SequenceReset_Injected_SnapshotWithU1ThenDeltasFrom2_TruthStartsAgain()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 29 }, SimClock.Start);
        var session = BybitSimVenueTests.Open(sim);
        session.Receive("""{"req_id":"1","op":"subscribe","args":["orderbook.50.BTCUSDT"]}""");
        for (var step = 1; step <= 10; step++)
        {
            sim.Step(SimClock.At(step));
        }

        var before = sim.Bybit.LastUpdateId(Symbol);
        var seqBefore = System.Text.Json.JsonDocument.Parse(sim.Bybit.HandleRest("/v5/market/orderbook?category=spot&symbol=BTCUSDT").Body).RootElement.GetProperty("result").GetProperty("seq").GetInt64();
        sim.Bybit.InjectFault(FaultKind.SequenceReset, Symbol);
        var restart = sim.Step(SimClock.At(11)).Bybit.Single(o => o.Symbol == Symbol);
        var snapshot = BybitMessage.Parse(session.Select(restart)!);
        Assert.Equal(("snapshot", 1L), (snapshot.Type, snapshot.U));
        Assert.Null(restart.Fault); // an ordinary message of the venue, not a tagged copy
        Assert.Equal(50, snapshot.Bids.Count);
        Assert.Equal(50, snapshot.Asks.Count);
        Assert.True(sim.Bybit.TryGetTruth(Symbol, 1, out var bids, out var asks));
        Assert.Equal(bids, snapshot.Bids.Select(l => new TruthLevel(l.Price, l.Quantity)));
        Assert.Equal(asks, snapshot.Asks.Select(l => new TruthLevel(l.Price, l.Quantity)));
        Assert.True(sim.Bybit.TryGetTruth(Symbol, before, out _, out _)); // clients hold it until the restart reaches them
        Assert.Equal(1, sim.Bybit.OldestTruthSequence(Symbol));
        Assert.Equal(1, sim.Bybit.Faults[FaultKind.SequenceReset]);
        Assert.True(snapshot.Seq > seqBefore, "the cross sequence continues across the restart");

        var book = new LocalBook { LastUpdateId = 1 };
        book.Apply(snapshot.Bids, bid: true);
        book.Apply(snapshot.Asks, bid: false);
        for (var step = 12; step <= 60; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Bybit.Where(o => o.Symbol == Symbol))
            {
                var delta = BybitMessage.Parse(output.Bytes);
                Assert.Equal(("delta", book.LastUpdateId + 1), (delta.Type, delta.U));
                book.Apply(delta.Bids, bid: true);
                book.Apply(delta.Asks, bid: false);
                book.LastUpdateId = delta.U;
                Assert.True(sim.Bybit.TryGetTruth(Symbol, delta.U, out bids, out asks));
                Assert.Equal(bids, book.Bids);
                Assert.Equal(asks, book.Asks);
            }
        }

        // A new subscription after the restart starts from the restarted numbering.
        var late = BybitSimVenueTests.Open(sim).Receive("""{"req_id":"1","op":"subscribe","args":["orderbook.50.BTCUSDT"]}""");
        Assert.Equal(book.LastUpdateId, BybitMessage.Parse(late[1]).U);

        // The next restart forgets the numbering before the first one.
        sim.Bybit.InjectFault(FaultKind.SequenceReset, Symbol);
        sim.Step(SimClock.At(61));
        Assert.False(sim.Bybit.TryGetTruth(Symbol, before, out _, out _));
        Assert.True(sim.Bybit.TryGetTruth(Symbol, book.LastUpdateId, out _, out _));
    }

    [Theory]
    [InlineData(FaultKind.SequenceGap)]
    [InlineData(FaultKind.Duplicate)]
    [InlineData(FaultKind.Reorder)]
    [InlineData(FaultKind.MalformedFrame)]
    public void SequenceReset_WithAFrameFaultQueued_TheRestartSnapshotArrivesIntact(FaultKind kind)
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 31 }, SimClock.Start);
        sim.Step(SimClock.At(1));
        if (kind == FaultKind.Reorder)
        {
            sim.Bybit.InjectFault(kind, Symbol); // a delta held back just before the restart
            sim.Step(SimClock.At(2));
        }
        else
        {
            sim.Bybit.InjectFault(kind, Symbol);
        }

        sim.Bybit.InjectFault(FaultKind.SequenceReset, Symbol);
        var step = sim.Step(SimClock.At(3)).Bybit.Where(o => o.Symbol == Symbol).ToList();
        var restart = step[^1];
        Assert.Equal(("snapshot", 1L), (BybitMessage.Parse(restart.Bytes).Type, BybitMessage.Parse(restart.Bytes).U));
        Assert.Null(restart.Fault);
        if (kind == FaultKind.Reorder)
        {
            Assert.Equal(2, step.Count); // the held delta first, in order, then the restart
            Assert.Equal(FaultKind.Reorder, step[0].Fault);
        }
        else
        {
            Assert.Single(step);
            Assert.Equal(0, sim.Bybit.Faults[kind]); // still queued: it waits for the next delta
            var next = sim.Step(SimClock.At(4)).Bybit.Where(o => o.Symbol == Symbol).ToList();
            Assert.Equal(1, sim.Bybit.Faults[kind]);
            if (kind == FaultKind.SequenceGap)
            {
                Assert.Empty(next); // u = 2 is the one not sent
            }
            else
            {
                Assert.Contains(next, o => o.Fault == kind);
            }
        }
    }

    [Fact]
    public void SequenceReset_WhileStalled_WaitsForTheStallToEnd()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 37 }, SimClock.Start);
        sim.Step(SimClock.At(1));
        sim.Bybit.InjectFault(FaultKind.SilentStall);
        sim.Step(SimClock.At(2));
        sim.Bybit.InjectFault(FaultKind.SequenceReset, Symbol);
        for (var step = 3; step < 32; step++)
        {
            Assert.Empty(sim.Step(SimClock.At(step)).Bybit);
            Assert.True(sim.Bybit.LastUpdateId(Symbol) > 1, "no restart while nobody would see it");
        }

        var restart = sim.Step(SimClock.At(32)).Bybit.Single(o => o.Symbol == Symbol);
        Assert.Equal(("snapshot", 1L), (restart.StreamType, restart.Sequence));
    }

    [Fact]
    public void SubscribeRefused_Injected_NextSubscribeRefusedWithTheFailureReply()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var session = BybitSimVenueTests.Open(sim);
        sim.Bybit.InjectFault(FaultKind.SubscribeRefused);
        Assert.Equal(1, sim.Bybit.PendingFaultCount);
        session.Receive("""{"op":"ping"}""");
        session.Receive("""{"req_id":"0","op":"subscribe","args":["orderbook.50.DOGEUSDT"]}"""); // invalid: does not take it
        Assert.Equal(0, sim.Bybit.Faults[FaultKind.SubscribeRefused]);

        var refused = BybitMessage.Reply(Assert.Single(session.Receive("""{"req_id":"1","op":"subscribe","args":["orderbook.50.BTCUSDT","orderbook.50.ETHUSDT"]}""")));

        Assert.Equal((false, "Too many visits!", session.ConnectionId, "1", "subscribe"), refused);
        Assert.Empty(session.Topics);
        Assert.Equal(1, sim.Bybit.Faults[FaultKind.SubscribeRefused]);
        Assert.Equal(0, sim.Bybit.PendingFaultCount);
        Assert.Equal(3, session.Receive("""{"req_id":"2","op":"subscribe","args":["orderbook.50.BTCUSDT","orderbook.50.ETHUSDT"]}""").Count);
    }

    [Fact]
    public void ConnectionRefused_Injected_NextHandshakeGets429()
    {
        var venue = new Simulation(new SimulatorOptions(), SimClock.Start).Bybit;
        venue.InjectFault(FaultKind.ConnectionRefused);
        Assert.False(venue.TryAdmitConnection(SimClock.Start, out var rejection));
        Assert.Equal(429, rejection!.StatusCode);
        Assert.True(venue.TryAdmitConnection(SimClock.Start, out _));
        Assert.Equal(1, venue.Faults[FaultKind.ConnectionRefused]);
        Assert.Equal(0, venue.Limits.ConnectBreaches);
    }

    [Fact]
    public void Run_SameSeed_ByteIdenticalFrames()
    {
        static List<byte[]> Frames()
        {
            var options = new SimulatorOptions { Seed = 41 };
            options.Bybit.Faults.SequenceReset = 0.05;
            options.Bybit.Faults.MalformedFrame = 0.05;
            options.Bybit.Faults.SequenceGap = 0.05;
            var sim = new Simulation(options, SimClock.Start);
            return [.. Enumerable.Range(1, 300).SelectMany(step => sim.Step(SimClock.At(step)).Bybit).Select(o => o.Bytes)];
        }

        var first = Frames();
        var second = Frames();
        Assert.Equal(first.Count, second.Count);
        Assert.All(first.Zip(second), p => Assert.Equal(p.First, p.Second));
    }

    private static (Simulation Sim, int Steps, List<SimOutput> Frames) Run(FaultKind kind, int count, int spacing = 4)
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 61 + (int)kind }, SimClock.Start);
        var (frames, steps) = SimFaultRun.Collect(sim, VenueId.Bybit, Symbol, kind, count, spacing);
        return (sim, steps, frames);
    }
}
