using System.Text.Json;
using Arbiter.Core;
using static Arbiter.Simulator.Tests.KrakenSimVenueTests;

namespace Arbiter.Simulator.Tests;

public sealed class KrakenFaultTests
{
    private const int Injections = 25;

    [Fact]
    public void SequenceGap_Injected_LeavesExactlyThatUpdateUnsentWhileTheTruthHasIt()
    {
        var sim = Kraken(71);
        var missing = 0;
        var sent = 0;
        for (var step = 1; step <= Injections * 4; step++)
        {
            if (step % 4 == 1)
            {
                sim.Kraken.InjectFault(FaultKind.SequenceGap, Btc);
            }

            var before = sim.Kraken.CurrentBook(Btc).Sequence;
            var frames = sim.Step(SimClock.At(step)).Kraken.Where(o => o.Symbol == Btc).ToList();
            var latest = sim.Kraken.CurrentBook(Btc).Sequence;
            if (latest != before && frames.All(f => KrakenMessage.Parse(f.Bytes).Timestamp != latest))
            {
                missing++;
            }

            sent += frames.Count;
        }

        Assert.Equal(Injections, missing);
        Assert.Equal(Injections, sim.Kraken.Faults[FaultKind.SequenceGap]);
        Assert.True(sent > Injections * 2);
    }

    [Fact]
    public void SequenceGap_NextUpdate_FailsTheChecksumOfABookThatMissedOne()
    {
        var sim = Kraken(73);
        var (session, books) = Subscribe(sim, 10, Btc);
        var caught = 0;
        for (var round = 0; round < Injections; round++)
        {
            sim.Kraken.InjectFault(FaultKind.SequenceGap, Btc);
            for (var k = 0; k < 4; k++)
            {
                foreach (var output in sim.Step(SimClock.At((round * 4) + k + 1)).Kraken)
                {
                    if (output.Symbol == Btc && session.Select(output) is { } bytes)
                    {
                        var message = KrakenMessage.Parse(bytes);
                        books[Btc].Apply(message);
                        if (books[Btc].Checksum() != message.Checksum)
                        {
                            caught++;
                            (session, books) = Subscribe(sim, 10, Btc); // resync
                        }
                    }
                }
            }
        }

        Assert.True(caught >= Injections * 8 / 10, $"only {caught} of {Injections} gaps showed in the checksum");
    }

    [Fact]
    public void Duplicate_Injected_RepeatsTheExactBytes()
    {
        var (sim, frames) = Run(FaultKind.Duplicate, Injections);
        var duplicates = SimFaultRun.CountRepeats(frames);

        Assert.Equal(Injections, duplicates);
        Assert.Equal(Injections, sim.Kraken.Faults[FaultKind.Duplicate]);
    }

    [Fact]
    public void Reorder_Injected_DeliversTheOlderTimestampLast()
    {
        var (sim, frames) = Run(FaultKind.Reorder, Injections);
        var late = 0;
        for (var i = 1; i < frames.Count; i++)
        {
            var previous = KrakenMessage.Parse(frames[i - 1].Bytes).Timestamp;
            var current = KrakenMessage.Parse(frames[i].Bytes).Timestamp;
            if (current < previous)
            {
                late++;
                Assert.Equal(FaultKind.Reorder, frames[i].Fault);
                Assert.True(sim.Kraken.TryGetTruth(Btc, current, out _, out _));
            }
        }

        Assert.Equal(Injections, late);
        Assert.Equal(Injections, sim.Kraken.Faults[FaultKind.Reorder]);
    }

    [Fact]
    public void MalformedFrame_Injected_SendsGarbageBeforeTheStillSentRealUpdate()
    {
        var (sim, frames) = Run(FaultKind.MalformedFrame, 60);
        var garbage = 0;
        var variants = new HashSet<MalformedVariant>();
        for (var i = 0; i < frames.Count; i++)
        {
            if (KrakenMessage.TryParse(frames[i].Bytes, out var message))
            {
                Assert.Null(frames[i].Malformation);
                continue;
            }

            garbage++;
            Assert.Equal(FaultKind.MalformedFrame, frames[i].Fault);
            variants.Add(frames[i].Malformation!.Value);
            Assert.Equal(frames[i].Sequence, KrakenMessage.Parse(frames[i + 1].Bytes).Timestamp);
        }

        Assert.Equal(60, garbage);
        Assert.Equal(Enum.GetValues<MalformedVariant>(), variants.Order());
        Assert.Equal(60, sim.Kraken.Faults[FaultKind.MalformedFrame]);
    }

    [Fact]
    public void CrossedBook_Injected_AnUpdateCrossesTheSubscribersBook()
    {
        var sim = Kraken(79);
        var (session, books) = Subscribe(sim, 10, Btc);
        var crossed = 0;
        for (var step = 1; step <= Injections * 6; step++)
        {
            if (step % 6 == 1)
            {
                sim.Kraken.InjectFault(FaultKind.CrossedBook, Btc);
            }

            foreach (var output in sim.Step(SimClock.At(step)).Kraken)
            {
                if (output.Symbol == Btc && session.Select(output) is { } bytes)
                {
                    var message = KrakenMessage.Parse(bytes);
                    books[Btc].Apply(message);
                    Assert.Equal(message.Checksum, books[Btc].Checksum());
                    if (output.Fault == FaultKind.CrossedBook)
                    {
                        crossed++;
                        Assert.True(books[Btc].Bids[0].Price >= books[Btc].Asks[0].Price);
                        Assert.True(sim.Kraken.TryGetTruthBook(Btc, message.Timestamp, out var truth) && truth.IsCrossed);
                    }
                }
            }
        }

        Assert.Equal(Injections, crossed);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(25)]
    public void ChecksumCorruption_Injected_OneLevelAlteredUnderTheTrueChecksum(int depth)
    {
        var sim = Kraken(83 + depth);
        var (session, books) = Subscribe(sim, depth, Btc);
        var (priceDecimals, lotDecimals) = Decimals(sim, "XXBTZUSD");
        var corrupted = 0;
        for (var step = 1; step <= Injections * 4; step++)
        {
            if (step % 4 == 1)
            {
                sim.Kraken.InjectFault(FaultKind.ChecksumCorruption, Btc);
            }

            foreach (var output in sim.Step(SimClock.At(step)).Kraken)
            {
                if (output.Symbol != Btc || session.Select(output) is not { } bytes)
                {
                    continue;
                }

                var message = KrakenMessage.Parse(bytes);
                books[Btc].Apply(message);
                Assert.True(sim.Kraken.TryGetTruth(Btc, message.Timestamp, out var bids, out var asks));
                var truth = new KrakenLocalBook(10, priceDecimals, lotDecimals);
                truth.Apply(new KrakenMessage("snapshot", Btc, [.. bids], [.. asks], 0, message.Timestamp));
                Assert.Equal(truth.Checksum(), message.Checksum); // the message always carries the true checksum
                if (output.Fault != FaultKind.ChecksumCorruption)
                {
                    Assert.Equal(message.Checksum, books[Btc].Checksum());
                    continue;
                }

                corrupted++;
                Assert.NotEqual(message.Checksum, books[Btc].Checksum());
                var top = books[Btc].Bids.Take(10).Concat(books[Btc].Asks.Take(10)).ToHashSet();
                var differing = bids.Concat(asks).Count(l => !top.Contains(l));
                Assert.Equal(1, differing);
                (session, books) = Subscribe(sim, depth, Btc); // resync
            }
        }

        Assert.Equal(Injections, corrupted);
        Assert.Equal(Injections, sim.Kraken.Faults[FaultKind.ChecksumCorruption]);
    }

    [Fact]
    public void SubscribeRefused_Injected_RefusesTheNextSubscribeWithExceededMsgRate()
    {
        var sim = Kraken(89);
        sim.Kraken.InjectFault(FaultKind.SubscribeRefused);
        var session = Open(sim);
        Assert.Single(session.Receive("""{"method":"ping","req_id":1}""")); // not a subscribe: untouched
        var refusal = JsonDocument.Parse(Assert.Single(session.Receive("""{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD","ETH/USD"],"depth":10},"req_id":2}"""))).RootElement;
        Assert.Equal("Exceeded msg rate", refusal.GetProperty("error").GetString());
        Assert.Equal("subscribe", refusal.GetProperty("method").GetString());
        Assert.Equal(2, refusal.GetProperty("req_id").GetInt64());
        Assert.False(refusal.GetProperty("success").GetBoolean());
        Assert.Empty(session.Subscriptions);
        Assert.Equal(1, sim.Kraken.Faults[FaultKind.SubscribeRefused]);
        Assert.Equal(4, session.Receive("""{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD","ETH/USD"],"depth":10},"req_id":3}""").Count);
        Assert.Equal(2, session.Subscriptions.Count);
    }

    [Fact]
    public void SilentStall_Injected_SendsNothingNotEvenHeartbeatsWhileTheTimestampsMoveOn()
    {
        var sim = Kraken(97);
        sim.Step(SimClock.At(1));
        sim.Kraken.InjectFault(FaultKind.SilentStall);
        Assert.Equal(SimOutputKind.Stall, Assert.Single(sim.Step(SimClock.At(2)).Kraken).Kind);
        for (var step = 3; step < 32; step++)
        {
            Assert.Empty(sim.Step(SimClock.At(step)).Kraken);
        }

        var before = sim.Kraken.CurrentBook(Btc).Sequence;
        Assert.True(before > SimClock.At(30));
        var after = sim.Step(SimClock.At(32)).Kraken;
        Assert.Contains(after, o => o.Symbol == Btc && KrakenMessage.Parse(o.Bytes).Timestamp > before);
        Assert.Contains(after, o => o.Symbol.Length == 0); // the first heartbeat after the silence
    }

    [Fact]
    public void DroppedConnectionAndConnectionRefused_Injected_AreCountedOncePerInjection()
    {
        var sim = Kraken(101);
        sim.Kraken.InjectFault(FaultKind.DroppedConnection);
        Assert.Equal(SimOutputKind.Disconnect, sim.Step(SimClock.At(1)).Kraken[0].Kind);
        sim.Kraken.InjectFault(FaultKind.ConnectionRefused);
        Assert.False(sim.Kraken.TryAdmitConnection(SimClock.At(2), out var refused));
        Assert.Equal(429, refused.StatusCode);
        Assert.True(sim.Kraken.TryAdmitConnection(SimClock.At(2), out _));
        Assert.Equal(1, sim.Kraken.Faults[FaultKind.DroppedConnection]);
        Assert.Equal(1, sim.Kraken.Faults[FaultKind.ConnectionRefused]);
    }

    [Theory]
    [InlineData(FaultKind.ChecksumZero)]
    [InlineData(FaultKind.SequenceReset)]
    public void Inject_KindsKrakenHasNoMechanismFor_Throws(FaultKind kind)
    {
        var sim = Kraken(1);
        Assert.DoesNotContain(kind, sim.Kraken.SupportedFaults);
        Assert.Throws<ArgumentException>(() => sim.Kraken.InjectFault(kind, Btc));
    }

    private static (Simulation Sim, List<SimOutput> Frames) Run(FaultKind kind, int count, int spacing = 4)
    {
        var sim = Kraken(61 + (int)kind);
        return (sim, SimFaultRun.Collect(sim, VenueId.Kraken, Btc, kind, count, spacing).Outputs);
    }
}
