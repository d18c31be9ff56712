using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class GateIoFaultTests
{
    private const string Pair = "BTC_USDT";
    private const int Injections = 25;
    private const string Subscribe = "{\"time\":1,\"channel\":\"spot.order_book_update\",\"event\":\"subscribe\",\"payload\":[\"BTC_USDT\",\"100ms\"]}";

    /// <summary>The kinds that act on the step's outputs (ConnectionRefused acts on handshakes, SubscribeRefused on requests).</summary>
    private static readonly FaultKind[] FrameAndFeedKinds =
        [FaultKind.SequenceGap, FaultKind.Duplicate, FaultKind.Reorder, FaultKind.DroppedConnection, FaultKind.SilentStall, FaultKind.MalformedFrame, FaultKind.CrossedBook];

    [Fact]
    public void SequenceGap_Injected_SkipsExactlyThatNotificationsIds()
    {
        var (sim, start, frames) = Run(FaultKind.SequenceGap, Injections);
        var gaps = 0;
        var previous = start;
        foreach (var output in frames)
        {
            var message = GateIoMessage.Parse(output.Bytes);
            if (message.FirstId != previous + 1)
            {
                gaps++;
                Assert.True(message.FirstId > previous + 1);
                Assert.True(sim.GateIo.TryGetTruth(Pair, message.FirstId - 1, out _, out _), "the skipped notification's u is in the truth");
            }

            previous = message.LastId;
        }

        Assert.Equal(Injections, gaps);
        Assert.Equal(Injections, sim.GateIo.Faults[FaultKind.SequenceGap]);
        Assert.Equal(Injections, sim.GateIo.Faults.Total);
    }

    [Fact]
    public void Duplicate_Injected_RepeatsTheExactBytes()
    {
        var (sim, _, frames) = Run(FaultKind.Duplicate, Injections);
        var duplicates = SimFaultRun.CountRepeats(frames);

        Assert.Equal(Injections, duplicates);
        Assert.Equal(Injections, sim.GateIo.Faults[FaultKind.Duplicate]);
    }

    [Fact]
    public void Reorder_Injected_SwapsTwoConsecutiveNotifications()
    {
        var (sim, start, frames) = Run(FaultKind.Reorder, Injections);
        var swaps = 0;
        var previous = GateIoMessage.Parse(frames[0].Bytes);
        Assert.Equal(start + 1, previous.FirstId);
        for (var i = 1; i < frames.Count; i++)
        {
            var message = GateIoMessage.Parse(frames[i].Bytes);
            if (message.LastId < previous.FirstId)
            {
                swaps++;
                Assert.Equal(FaultKind.Reorder, frames[i].Fault);
                Assert.Equal(previous.FirstId, message.LastId + 1); // the late notification is the one just before
            }

            previous = message;
        }

        Assert.Equal(Injections, swaps);
        Assert.Equal(Injections, sim.GateIo.Faults[FaultKind.Reorder]);
    }

    [Fact]
    public void MalformedFrame_Injected_SendsGarbageBeforeTheStillSentRealNotification()
    {
        var (sim, start, frames) = Run(FaultKind.MalformedFrame, 60);
        var book = Snapshot(sim, start);
        var garbage = 0;
        var variants = new HashSet<MalformedVariant>();
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].Fault == FaultKind.MalformedFrame)
            {
                garbage++;
                Assert.False(Usable(frames[i].Bytes), $"{frames[i].Malformation} garbage must not read as a valid notification");
                variants.Add(frames[i].Malformation!.Value);
                Assert.Null(frames[i + 1].Fault);
                Assert.Equal(frames[i].Sequence, frames[i + 1].Sequence);
                continue;
            }

            var message = GateIoMessage.Parse(frames[i].Bytes);
            Assert.Equal(book.LastUpdateId + 1, message.FirstId); // no real data lost
            if (message.Full)
            {
                book = new LocalBook();
            }

            book.Apply(message.Bids, bid: true);
            book.Apply(message.Asks, bid: false);
            book.LastUpdateId = message.LastId;
            Assert.True(sim.GateIo.TryGetTruth(Pair, message.LastId, out var bids, out var asks));
            Assert.Equal(bids, book.Bids);
            Assert.Equal(asks, book.Asks);
        }

        Assert.Equal(60, garbage);
        Assert.Equal(Enum.GetValues<MalformedVariant>(), variants.Order());
        Assert.Equal(60, sim.GateIo.Faults[FaultKind.MalformedFrame]);
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
                sim.GateIo.InjectFault(FaultKind.DroppedConnection);
            }

            var outputs = sim.Step(SimClock.At(step)).GateIo;
            disconnects += outputs.Count(o => o.Kind == SimOutputKind.Disconnect);
            Assert.True(outputs.Skip(1).All(o => o.Kind == SimOutputKind.Frame));
            Assert.Equal(step % 5 == 0, outputs[0].Kind == SimOutputKind.Disconnect);
        }

        Assert.Equal(10, disconnects);
        Assert.Equal(10, sim.GateIo.Faults[FaultKind.DroppedConnection]);
    }

    [Fact]
    public void SilentStall_Injected_SendsNothingForThreeSecondsWhileTheTruthMoves()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 43 }, SimClock.Start);
        var lastSeen = sim.Step(SimClock.At(1)).GateIo.Single(o => o.Symbol == Pair).Sequence;
        sim.GateIo.InjectFault(FaultKind.SilentStall);
        var stall = sim.Step(SimClock.At(2)).GateIo;
        Assert.Equal(SimOutputKind.Stall, Assert.Single(stall).Kind);
        Assert.Equal(TimeSpan.FromSeconds(3), stall[0].StallDuration);
        for (var step = 3; step < 32; step++)
        {
            Assert.Empty(sim.Step(SimClock.At(step)).GateIo);
        }

        Assert.True(sim.GateIo.CurrentBook(Pair).Sequence > lastSeen + 50, "the true book kept moving");
        var resumed = GateIoMessage.Parse(sim.Step(SimClock.At(32)).GateIo.Single(o => o.Symbol == Pair).Bytes);
        Assert.True(resumed.FirstId > lastSeen + 1);
        Assert.Equal(1, sim.GateIo.Faults[FaultKind.SilentStall]);
    }

    [Fact]
    public void CrossedBook_Injected_CrossesTheTruthUntilALaterStepRemovesIt()
    {
        var (sim, _, frames) = Run(FaultKind.CrossedBook, Injections, spacing: 6);
        var crossed = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.True(sim.GateIo.TryGetTruthBook(Pair, frames[i].Sequence, out var truth));
            if (frames[i].Fault != FaultKind.CrossedBook)
            {
                continue;
            }

            crossed++;
            Assert.True(truth.IsCrossed);
            var message = GateIoMessage.Parse(frames[i].Bytes);
            Assert.Contains(message.Bids, b => b.Price >= truth.Asks[0].Price && b.Quantity > 0);
            var cleared = frames.Skip(i + 1).Take(4).Any(f => sim.GateIo.TryGetTruthBook(Pair, f.Sequence, out var later) && !later.IsCrossed);
            Assert.True(cleared, "a later step removes the crossing level within a few steps");
        }

        Assert.Equal(Injections, crossed);
        Assert.Equal(Injections, sim.GateIo.Faults[FaultKind.CrossedBook]);
    }

    [Fact]
    public void SubscribeRefused_Injected_RefusesTheNextSubscribeOnceWithGatesError()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var session = (GateIoSimSession)sim.GateIo.OpenSession("/ws/v4/", out _)!;
        sim.GateIo.InjectFault(FaultKind.SubscribeRefused, Pair);
        sim.Step(SimClock.At(1)); // a step does not use it up: it waits for a subscribe
        Assert.Equal(1, sim.GateIo.PendingFaultCount);

        var refusal = JsonDocument.Parse(Assert.Single(session.Receive(Subscribe))).RootElement;
        Assert.Equal("subscribe", refusal.GetProperty("event").GetString());
        Assert.Equal(["BTC_USDT", "100ms"], refusal.GetProperty("payload").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(3, refusal.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("Server side error happened", refusal.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("fail", refusal.GetProperty("result").GetProperty("status").GetString());
        Assert.Empty(session.Pairs);
        Assert.All(sim.Step(SimClock.At(2)).GateIo, o => Assert.Null(session.Select(o)));
        Assert.Equal(1, sim.GateIo.Faults[FaultKind.SubscribeRefused]);
        Assert.Equal(0, sim.GateIo.PendingFaultCount);

        var ack = JsonDocument.Parse(Assert.Single(session.Receive(Subscribe))).RootElement;
        Assert.Equal("success", ack.GetProperty("result").GetProperty("status").GetString());
        Assert.False(ack.TryGetProperty("error", out _));
        Assert.Equal([Pair], session.Pairs);
    }

    [Fact]
    public void SupportedFaults_GateIo_AreTheCommonKindsAndSubscribeRefused()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        Assert.Equal([.. FrameAndFeedKinds, FaultKind.SubscribeRefused, FaultKind.ConnectionRefused], sim.GateIo.SupportedFaults.Order());
        Assert.Throws<ArgumentException>(() => sim.GateIo.InjectFault(FaultKind.ChecksumCorruption));
        Assert.Throws<ArgumentException>(() => sim.GateIo.InjectFault(FaultKind.SequenceReset));
        Assert.Throws<ArgumentException>(() => sim.GateIo.InjectFault(FaultKind.Duplicate, "BTCUSDT"));
    }

    [Fact]
    public void RandomRates_EveryKind_CountsMatchTheTaggedOutputs()
    {
        var options = new SimulatorOptions { Seed = 47 };
        options.GateIo.Faults = new FaultRates { SequenceGap = 0.02, Duplicate = 0.02, Reorder = 0.02, DroppedConnection = 0.01, SilentStall = 0.002, MalformedFrame = 0.02, CrossedBook = 0.01 };
        var sim = new Simulation(options, SimClock.Start);
        var tags = new Dictionary<FaultKind, int>();
        for (var step = 1; step <= 3000; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).GateIo)
            {
                if (output.Fault is { } fault)
                {
                    tags[fault] = tags.GetValueOrDefault(fault) + 1;
                }
            }
        }

        var faults = sim.GateIo.Faults;
        Assert.All(FrameAndFeedKinds, kind => Assert.True(faults[kind] > 0, $"{kind} never injected"));
        Assert.Equal(faults[FaultKind.Duplicate], tags[FaultKind.Duplicate]);
        Assert.Equal(faults[FaultKind.MalformedFrame], tags[FaultKind.MalformedFrame]);
        Assert.Equal(faults[FaultKind.DroppedConnection], tags[FaultKind.DroppedConnection]);
        Assert.Equal(faults[FaultKind.SilentStall], tags[FaultKind.SilentStall]);
        Assert.InRange(tags[FaultKind.Reorder], faults[FaultKind.Reorder] - 3, faults[FaultKind.Reorder]);
        Assert.Equal(0, sim.Binance.Faults.Total);
    }

    /// <summary>True when the bytes read as a notification whose values all lie on BTC_USDT's grid (tick 0.01, lot 0.00001).</summary>
    private static bool Usable(byte[] bytes) =>
        GateIoMessage.TryParse(bytes, out var message)
        && message!.Bids.Concat(message.Asks).All(l => l.Price % 0.01m == 0 && l.Quantity % 0.00001m == 0);

    /// <summary>Injects <paramref name="count"/> faults on BTC_USDT, one every <paramref name="spacing"/> steps, and returns its frames.</summary>
    private static (Simulation Sim, long StartId, List<SimOutput> Frames) Run(FaultKind kind, int count, int spacing = 4)
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 31 + (int)kind }, SimClock.Start);
        var start = sim.GateIo.LastUpdateId(Pair);
        var (frames, _) = SimFaultRun.Collect(sim, VenueId.GateIo, Pair, kind, count, spacing);
        return (sim, start, frames);
    }

    private static LocalBook Snapshot(Simulation sim, long id) => SimFaultRun.TruthSnapshot(sim.GateIo, Pair, id);
}
