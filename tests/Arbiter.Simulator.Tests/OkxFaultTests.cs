using System.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class OkxFaultTests
{
    private const string Symbol = "BTC-USDT";
    private const int Injections = 25;

    [Fact]
    public void SequenceGap_Injected_LeavesExactlyThatUpdateUnsentAndTheNextOneDoesNotChain()
    {
        var (sim, pushes) = Run(FaultKind.SequenceGap, Injections);
        var broken = 0;
        for (var i = 1; i < pushes.Count; i++)
        {
            if (pushes[i].Push.PrevSeqId != pushes[i - 1].Push.SeqId)
            {
                broken++;
                Assert.True(sim.Okx.TryGetTruth(Symbol, pushes[i].Push.PrevSeqId!.Value, out _, out _), "the missing update's book is in the truth");
            }
        }

        // A keep-alive uses no id, so dropping one is invisible: only dropped updates break the chain.
        Assert.InRange(broken, Injections * 3 / 4, Injections);
        Assert.Equal(Injections, sim.Okx.Faults[FaultKind.SequenceGap]);
    }

    [Fact]
    public void Duplicate_Injected_RepeatsTheExactBytes()
    {
        var (sim, pushes) = Run(FaultKind.Duplicate, Injections);
        var duplicates = 0;
        for (var i = 1; i < pushes.Count; i++)
        {
            if (pushes[i].Output.Bytes.AsSpan().SequenceEqual(pushes[i - 1].Output.Bytes))
            {
                duplicates++;
                Assert.Equal(FaultKind.Duplicate, pushes[i].Output.Fault);
            }
        }

        Assert.Equal(Injections, duplicates);
        Assert.Equal(Injections, sim.Okx.Faults[FaultKind.Duplicate]);
    }

    [Fact]
    public void Reorder_Injected_DeliversTheOlderPushLast()
    {
        var (sim, pushes) = Run(FaultKind.Reorder, Injections);
        var late = 0;
        for (var i = 1; i < pushes.Count; i++)
        {
            if (pushes[i].Output.Fault == FaultKind.Reorder)
            {
                late++;
                Assert.Equal(pushes[i].Push.SeqId, pushes[i - 1].Push.PrevSeqId); // the one that came first chains from the late one
                Assert.True(pushes[i].Push.Ts < pushes[i - 1].Push.Ts);
            }
        }

        Assert.Equal(Injections, late);
        Assert.Equal(Injections, sim.Okx.Faults[FaultKind.Reorder]);
    }

    [Fact]
    public void MalformedFrame_Injected_SendsGarbageBeforeTheStillSentRealPush()
    {
        var (sim, outputs) = RunOutputs(FaultKind.MalformedFrame, 60);
        var garbage = 0;
        var variants = new HashSet<MalformedVariant>();
        for (var i = 0; i < outputs.Count; i++)
        {
            if (outputs[i].Malformation is not { } variant)
            {
                Assert.True(sim.Okx.TryGetTruth(Symbol, OkxPush.Parse(outputs[i].Bytes).SeqId, out _, out _));
                continue;
            }

            garbage++;
            variants.Add(variant);
            Assert.Equal(FaultKind.MalformedFrame, outputs[i].Fault);
            Assert.Null(outputs[i + 1].Malformation);
            Assert.Equal(outputs[i].Sequence, OkxPush.Parse(outputs[i + 1].Bytes).SeqId);
            if (variant == MalformedVariant.ExcessDecimals)
            {
                Assert.Contains(OkxPush.Parse(outputs[i].Bytes).Bids.Concat(OkxPush.Parse(outputs[i].Bytes).Asks), l => l.Size.Split('.').ElementAtOrDefault(1)?.Length == 10);
            }
            else
            {
                Assert.False(OkxPush.TryParse(outputs[i].Bytes, out _), variant.ToString());
            }
        }

        Assert.Equal(60, garbage);
        Assert.Equal(Enum.GetValues<MalformedVariant>(), variants.Order());
        Assert.Equal(60, sim.Okx.Faults[FaultKind.MalformedFrame]);
    }

    [Fact]
    public void CrossedBook_Injected_PublishesAnUpdateWithBidAtOrAboveAsk()
    {
        var (sim, pushes) = Run(FaultKind.CrossedBook, Injections, spacing: 6);
        var crossed = pushes.Where(p => p.Output.Fault == FaultKind.CrossedBook).ToList();
        Assert.Equal(Injections, crossed.Count);
        Assert.All(crossed, p => Assert.True(sim.Okx.TryGetTruthBook(Symbol, p.Push.SeqId, out var truth) && truth.IsCrossed));
        Assert.Equal(Injections, sim.Okx.Faults[FaultKind.CrossedBook]);
    }

    [Fact]
    public void ChecksumCorruption_Injected_OneTopLevelDiffersFromTheTruthWhoseChecksumThePushCarries()
    {
        var (sim, pushes) = Run(FaultKind.ChecksumCorruption, Injections, apply: true);
        var corrupted = pushes.Where(p => p.Output.Fault == FaultKind.ChecksumCorruption).ToList();
        Assert.Equal(Injections, corrupted.Count);
        foreach (var (output, push, bookAfter) in corrupted)
        {
            Assert.True(sim.Okx.TryGetTruth(Symbol, push.SeqId, out var bids, out var asks));
            Assert.NotEqual(push.Checksum, bookAfter!.Checksum);
            Assert.Equal(push.Checksum, bookAfter.TruthChecksum);
            var differing = bids.Zip(bookAfter.Bids).Count(p => p.First != p.Second) + asks.Zip(bookAfter.Asks).Count(p => p.First != p.Second);
            Assert.Equal(1, differing);
            Assert.Equal((bids.Length, asks.Length), (bookAfter.Bids.Length, bookAfter.Asks.Length));
            var index = Array.FindIndex(bids, l => !bookAfter.Bids.Contains(l));
            index = index >= 0 ? index : Array.FindIndex(asks, l => !bookAfter.Asks.Contains(l));
            Assert.InRange(index, 0, 24);
        }

        Assert.Equal(Injections, sim.Okx.Faults[FaultKind.ChecksumCorruption]);
    }

    [Fact]
    public void ChecksumZero_Injected_TruePushWithChecksumZero()
    {
        var (sim, pushes) = Run(FaultKind.ChecksumZero, Injections, apply: true);
        var zero = pushes.Where(p => p.Output.Fault == FaultKind.ChecksumZero).ToList();
        Assert.Equal(Injections, zero.Count);
        Assert.All(zero, p => Assert.Equal(0, p.Push.Checksum));
        Assert.All(zero, p => Assert.Equal(p.Book!.TruthChecksum, p.Book.Checksum));
        Assert.Equal(Injections, pushes.Count(p => p.Push.Checksum == 0));
        Assert.Equal(Injections, sim.Okx.Faults[FaultKind.ChecksumZero]);
    }

    [Fact]
    public void SequenceReset_Injected_NextPushDropsBelowItsPrevSeqIdAndTheChainGoesOnFromThere()
    {
        var (sim, pushes) = Run(FaultKind.SequenceReset, 5, apply: true);
        var resets = 0;
        for (var i = 0; i < pushes.Count; i++)
        {
            var push = pushes[i].Push;
            if (push.SeqId < push.PrevSeqId)
            {
                resets++;
                Assert.Null(pushes[i].Output.Fault); // an ordinary push: nothing tags it
                Assert.Equal(push.SeqId, pushes[i + 1].Push.PrevSeqId);
            }
            else
            {
                Assert.True(i == 0 || push.PrevSeqId == pushes[i - 1].Push.SeqId);
            }
        }

        Assert.Equal(5, resets);
        Assert.Equal(5, sim.Okx.Faults[FaultKind.SequenceReset]);
        Assert.Equal(pushes[^1].Push.SeqId, sim.Okx.CurrentBook(Symbol).Sequence);
        Assert.False(sim.Okx.TryGetTruth(Symbol, pushes[0].Push.SeqId, out _, out _), "the history before the reset before last is gone");
        var lastReset = pushes.FindLastIndex(p => p.Push.SeqId < p.Push.PrevSeqId);
        Assert.True(sim.Okx.TryGetTruth(Symbol, pushes[lastReset].Push.PrevSeqId!.Value, out _, out _), "a client may still cite its book of just before the reset");
    }

    [Fact]
    public void SubscribeRefused_Injected_NextSubscribeGetsError60014AndTheOneAfterWorks()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        sim.Okx.InjectFault(FaultKind.SubscribeRefused);
        sim.Step(SimClock.At(1));
        Assert.Equal(0, sim.Okx.Faults[FaultKind.SubscribeRefused]); // waits for a subscribe
        var session = OkxSimVenueTests.Open(sim);
        var request = """{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}""";

        var refused = JsonDocument.Parse(Assert.Single(session.Receive(request))).RootElement;
        Assert.Equal(("error", "60014", "Requests too frequent."), (refused.GetProperty("event").GetString(), refused.GetProperty("code").GetString(), refused.GetProperty("msg").GetString()));
        Assert.Empty(session.Subscriptions);
        Assert.Null(session.Select(sim.Step(SimClock.At(2)).For(VenueId.Okx)[0]));
        Assert.Equal(1, sim.Okx.Faults[FaultKind.SubscribeRefused]);

        Assert.Equal(2, session.Receive(request).Count);
        Assert.Equal([Symbol], session.Subscriptions);
    }

    [Fact]
    public void SilentStall_Injected_SendsNothingWhileTheSeqIdMovesOn()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 53 }, SimClock.Start);
        sim.Step(SimClock.At(1));
        var before = sim.Okx.LastSeqId(Symbol);
        sim.Okx.InjectFault(FaultKind.SilentStall);
        Assert.Equal(SimOutputKind.Stall, Assert.Single(sim.Step(SimClock.At(2)).For(VenueId.Okx)).Kind);
        for (var step = 3; step < 32; step++)
        {
            Assert.Empty(sim.Step(SimClock.At(step)).For(VenueId.Okx));
        }

        Assert.True(sim.Okx.LastSeqId(Symbol) > before);
        var next = OkxPush.Parse(sim.Step(SimClock.At(32)).For(VenueId.Okx).Single(o => o.Symbol == Symbol).Bytes);
        Assert.True(next.PrevSeqId > before);
        Assert.Equal(0, sim.Binance.Faults.Total);
    }

    [Fact]
    public void DroppedAndRefusedConnections_Injected_AreCountedOncePerInjection()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        sim.Okx.InjectFault(FaultKind.DroppedConnection);
        var outputs = sim.Step(SimClock.At(1)).For(VenueId.Okx);
        Assert.Equal(1, outputs.Count(o => o.Kind == SimOutputKind.Disconnect));
        Assert.Equal(3, outputs.Count(o => o.Kind == SimOutputKind.Frame));

        sim.Okx.InjectFault(FaultKind.ConnectionRefused);
        Assert.False(sim.Okx.TryAdmitConnection(SimClock.At(1), out var rejection));
        Assert.Equal(429, rejection.StatusCode);
        Assert.True(sim.Okx.TryAdmitConnection(SimClock.At(1), out _));
        Assert.Equal((1, 1), (sim.Okx.Faults[FaultKind.DroppedConnection], sim.Okx.Faults[FaultKind.ConnectionRefused]));
    }

    [Fact]
    public void TryAdmitConnection_FourthWithinASecond_IsABreach()
    {
        var venue = new Simulation(new SimulatorOptions(), SimClock.Start).Okx;
        for (var i = 0; i < 3; i++)
        {
            Assert.True(venue.TryAdmitConnection(SimClock.Start + (i * 100_000), out _));
        }

        Assert.False(venue.TryAdmitConnection(SimClock.Start + 300_000, out var rejection));
        Assert.Equal(429, rejection.StatusCode);
        Assert.True(venue.TryAdmitConnection(SimClock.Start + 1_000_001, out _));
        Assert.Equal(1, venue.Limits.ConnectBreaches);
    }

    /// <summary>Every push of <see cref="Symbol"/>; with <paramref name="apply"/>, also the book a client holding the truth at its prevSeqId has after applying it.</summary>
    private static (Simulation Sim, List<Delivered> Pushes) Run(FaultKind kind, int count, int spacing = 4, bool apply = false)
    {
        var (sim, outputs) = RunOutputs(kind, count, spacing);
        var pushes = new List<Delivered>();
        foreach (var output in outputs)
        {
            var push = OkxPush.Parse(output.Bytes);
            BookAfter? after = null;
            if (apply && sim.Okx.TryGetTruthBook(Symbol, push.PrevSeqId!.Value, out var before))
            {
                var book = new OkxTestBook();
                book.Apply(SnapshotOf(before));
                book.Apply(push);
                after = new BookAfter(book.Bids, book.Asks, book.Checksum(), TruthChecksum(sim, push.SeqId));
            }

            pushes.Add(new Delivered(output, push, after));
        }

        return (sim, pushes);
    }

    private static OkxPush SnapshotOf(TruthBook truth)
    {
        static string Levels(TruthLevel[] levels) => string.Join(",", levels.Select(l => $"[\"{Plain(l.Price)}\",\"{Plain(l.Quantity)}\",\"0\",\"1\"]"));
        var json = $$"""{"arg":{"channel":"books","instId":"{{truth.Symbol}}"},"action":"snapshot","data":[{"asks":[{{Levels(truth.Asks)}}],"bids":[{{Levels(truth.Bids)}}],"ts":"1","checksum":0,"prevSeqId":-1,"seqId":{{truth.Sequence}}}]}""";
        return OkxPush.Parse(Encoding.UTF8.GetBytes(json));
    }

    private static string Plain(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int TruthChecksum(Simulation sim, long seq)
    {
        if (!sim.Okx.TryGetTruthBook(Symbol, seq, out var truth))
        {
            return 0;
        }

        var book = new OkxTestBook();
        book.Apply(SnapshotOf(truth));
        return book.Checksum();
    }

    private static (Simulation Sim, List<SimOutput> Outputs) RunOutputs(FaultKind kind, int count, int spacing = 4)
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 161 + (int)kind }, SimClock.Start);
        return (sim, SimFaultRun.Collect(sim, VenueId.Okx, Symbol, kind, count, spacing).Outputs);
    }

    private sealed record BookAfter(TruthLevel[] Bids, TruthLevel[] Asks, int Checksum, int TruthChecksum);

    private sealed record Delivered(SimOutput Output, OkxPush Push, BookAfter? Book);
}
