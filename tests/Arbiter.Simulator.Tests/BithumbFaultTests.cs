using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class BithumbFaultTests
{
    private const string Code = "KRW-BTC";
    private const int Injections = 25;
    private const string Subscribe = "[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\",\"KRW-ETH\"]},{\"format\":\"DEFAULT\"}]";

    [Fact]
    public void SequenceGap_Injected_LeavesExactlyThatBookUnsentButInTheTruth()
    {
        var (sim, steps, frames) = Run(FaultKind.SequenceGap, Injections);
        var sent = frames.Select(f => BithumbMessage.Parse(f.Bytes).Timestamp).ToHashSet();
        var missing = 0;
        for (var step = 1; step <= steps; step++)
        {
            var timestamp = SimClock.At(step);
            if (sim.Bithumb.TryGetTruth(Code, timestamp, out _, out _) && !sent.Contains(timestamp))
            {
                missing++;
            }
        }

        Assert.Equal(Injections, missing);
        Assert.Equal(Injections, sim.Bithumb.Faults[FaultKind.SequenceGap]);
    }

    [Fact]
    public void Duplicate_Injected_RepeatsTheExactBytes()
    {
        var (sim, _, frames) = Run(FaultKind.Duplicate, Injections);
        var duplicates = SimFaultRun.CountRepeats(frames);

        Assert.Equal(Injections, duplicates);
        Assert.Equal(Injections, sim.Bithumb.Faults[FaultKind.Duplicate]);
    }

    [Fact]
    public void Reorder_Injected_DeliversTheOlderTimestampLast()
    {
        var (sim, _, frames) = Run(FaultKind.Reorder, Injections);
        var late = 0;
        for (var i = 1; i < frames.Count; i++)
        {
            var previous = BithumbMessage.Parse(frames[i - 1].Bytes).Timestamp;
            var current = BithumbMessage.Parse(frames[i].Bytes).Timestamp;
            if (current < previous)
            {
                late++;
                Assert.Equal(FaultKind.Reorder, frames[i].Fault);
                Assert.Equal(previous - SimClock.StepMicros, current); // the step just before (100 ms in µs)
            }
        }

        Assert.Equal(Injections, late);
        Assert.Equal(Injections, sim.Bithumb.Faults[FaultKind.Reorder]);
    }

    [Fact]
    public void MalformedFrame_Injected_SendsGarbageBeforeTheStillSentRealBook()
    {
        var (sim, _, frames) = Run(FaultKind.MalformedFrame, 60);
        var garbage = 0;
        var variants = new HashSet<MalformedVariant>();
        for (var i = 0; i < frames.Count; i++)
        {
            if (BithumbMessage.TryParse(frames[i].Bytes, out var message))
            {
                Assert.Null(frames[i].Fault);
                Assert.True(sim.Bithumb.TryGetTruth(Code, message!.Timestamp, out var bids, out var asks));
                Assert.Equal(bids, message.Bids);
                Assert.Equal(asks, message.Asks);
                continue;
            }

            garbage++;
            Assert.Equal(FaultKind.MalformedFrame, frames[i].Fault);
            variants.Add(frames[i].Malformation!.Value);
            Assert.Equal(frames[i].Sequence, BithumbMessage.Parse(frames[i + 1].Bytes).Timestamp);
        }

        Assert.Equal(60, garbage);
        Assert.Equal(Enum.GetValues<MalformedVariant>(), variants.Order());
        Assert.Equal(60, sim.Bithumb.Faults[FaultKind.MalformedFrame]);
    }

    [Fact]
    public void CrossedBook_Injected_PublishesABookWithBidAtOrAboveAsk()
    {
        var (sim, _, frames) = Run(FaultKind.CrossedBook, Injections, spacing: 6);
        var crossed = frames.Where(f => f.Fault == FaultKind.CrossedBook).Select(f => BithumbMessage.Parse(f.Bytes)).ToList();
        Assert.Equal(Injections, crossed.Count);
        Assert.All(crossed, m => Assert.True(m.Units[0].BidPrice >= m.Units[0].AskPrice));
        Assert.All(crossed, m => Assert.True(sim.Bithumb.TryGetTruthBook(Code, m.Timestamp, out var truth) && truth.IsCrossed));
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].Fault == FaultKind.CrossedBook)
            {
                var cleared = frames.Skip(i + 1).Take(4).Select(f => BithumbMessage.Parse(f.Bytes)).Any(m => m.Units[0].BidPrice < m.Units[0].AskPrice);
                Assert.True(cleared, "a later book is uncrossed within a few steps");
            }
        }

        Assert.Equal(Injections, sim.Bithumb.Faults[FaultKind.CrossedBook]);
    }

    [Fact]
    public void SilentStall_Injected_SendsNothingWhileTheTimestampsMoveOn()
    {
        var sim = new Simulation(Pinned(new SimulatorOptions { Seed = 57 }), SimClock.Start);
        sim.Step(SimClock.At(1));
        var session = sim.Bithumb.OpenSession("/websocket/v1", out _)!;
        sim.Bithumb.InjectFault(FaultKind.SilentStall);
        Assert.Equal(SimOutputKind.Stall, Assert.Single(sim.Step(SimClock.At(2)).Bithumb).Kind);
        for (var step = 3; step < 32; step++)
        {
            Assert.Empty(sim.Step(SimClock.At(step)).Bithumb);
        }

        // Replies to the client still go out during a stall, with the latest (moved-on) book.
        var snapshot = BithumbMessage.Parse(session.Receive(Subscribe)[0]);
        Assert.Equal(SimClock.At(31), snapshot.Timestamp);
        Assert.Equal(SimClock.At(31), sim.Bithumb.CurrentBook(Code).Sequence);
        Assert.Equal(SimClock.At(32), BithumbMessage.Parse(sim.Step(SimClock.At(32)).Bithumb.Single(o => o.Symbol == Code).Bytes).Timestamp);
        Assert.Equal(0, sim.Binance.Faults.Total);
    }

    [Fact]
    public void DroppedConnection_Injected_IsCountedOncePerInjection()
    {
        var sim = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start);
        sim.Bithumb.InjectFault(FaultKind.DroppedConnection);
        sim.Bithumb.InjectFault(FaultKind.DroppedConnection);
        var outputs = sim.Step(SimClock.At(1)).Bithumb;
        Assert.Equal(2, outputs.Count(o => o.Kind == SimOutputKind.Disconnect));
        Assert.Equal(2, sim.Bithumb.Faults[FaultKind.DroppedConnection]);
        Assert.Equal(sim.Bithumb.Symbols.Count, outputs.Count(o => o.Kind == SimOutputKind.Frame)); // every listed book, KRW-USDT included
    }

    [Fact]
    public void SubscribeRefused_Injected_RefusesTheNextValidRequestOnceThenCloses()
    {
        var sim = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start);
        sim.Bithumb.InjectFault(FaultKind.SubscribeRefused);
        var session = sim.Bithumb.OpenSession("/websocket/v1", out _)!;
        Assert.Single(session.Receive("PING")); // not a subscription: the fault waits
        Assert.Equal("NO_TICKET", ErrorName(Assert.Single(session.Receive("[{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"]}]"))));
        Assert.Equal(0, sim.Bithumb.Faults[FaultKind.SubscribeRefused]); // an invalid request is not what was refused
        Assert.Equal(1, sim.Bithumb.PendingFaultCount);

        var refused = sim.Bithumb.OpenSession("/websocket/v1", out _)!;
        Assert.Equal(BithumbSimSession.TooManyRequests, ErrorName(Assert.Single(refused.Receive(Subscribe))));
        Assert.True(refused.CloseRequested);
        Assert.Empty(((BithumbSimSession)refused).Subscriptions);
        Assert.Equal(1, sim.Bithumb.Faults[FaultKind.SubscribeRefused]);
        Assert.Equal(0, sim.Bithumb.PendingFaultCount);

        var next = sim.Bithumb.OpenSession("/websocket/v1", out _)!;
        Assert.Equal(2, next.Receive(Subscribe).Count); // once only: the reconnect's request gets its snapshots
        Assert.False(next.CloseRequested);
    }

    [Fact]
    public void ConnectionRefused_Injected_RefusesOneHandshakeWith429()
    {
        var sim = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start);
        sim.Bithumb.InjectFault(FaultKind.ConnectionRefused);
        Assert.False(sim.Bithumb.TryAdmitConnection(SimClock.Start, out var rejection));
        Assert.Equal(429, rejection.StatusCode);
        Assert.True(sim.Bithumb.TryAdmitConnection(SimClock.Start, out _));
        Assert.Equal(1, sim.Bithumb.Faults[FaultKind.ConnectionRefused]);
        Assert.Equal(0, sim.Bithumb.Limits.ConnectBreaches);
    }

    [Fact]
    public void Rates_DrawOnlyTheSupportedKinds()
    {
        var options = new SimulatorOptions { Seed = 3 }.Only(VenueId.Bithumb);
        var rates = options.Bithumb.Faults;
        (rates.Duplicate, rates.ChecksumCorruption, rates.ChecksumZero, rates.SequenceReset) = (0.05, 0.05, 0.05, 0.05);

        var sim = new Simulation(Pinned(options), SimClock.Start);
        for (var step = 1; step <= 400; step++)
        {
            sim.Step(SimClock.At(step));
        }

        Assert.True(sim.Bithumb.Faults[FaultKind.Duplicate] > 0);
        Assert.Equal(0, sim.Bithumb.Faults[FaultKind.ChecksumCorruption] + sim.Bithumb.Faults[FaultKind.ChecksumZero] + sim.Bithumb.Faults[FaultKind.SequenceReset]);
    }

    private static string? ErrorName(byte[] reply) => JsonDocument.Parse(reply).RootElement.GetProperty("error").GetProperty("name").GetString();

    private static (Simulation Sim, int Steps, List<SimOutput> Frames) Run(FaultKind kind, int count, int spacing = 4)
    {
        var sim = new Simulation(Pinned(new SimulatorOptions { Seed = 71 + (int)kind }), SimClock.Start);
        var (frames, steps) = SimFaultRun.Collect(sim, VenueId.Bithumb, Code, kind, count, spacing);
        return (sim, steps, frames);
    }

    /// <summary>Binance and Bithumb only: the seeded market path then does not change as other venues are enabled by default.</summary>
    private static SimulatorOptions Pinned(SimulatorOptions options) => options.Only(VenueId.Binance, VenueId.Bithumb);
}
