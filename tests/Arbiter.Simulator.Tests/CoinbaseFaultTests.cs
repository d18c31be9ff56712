using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class CoinbaseFaultTests
{
    private const string Btc = "BTC-USD";
    private const int Injections = 25;

    [Fact]
    public void SequenceGap_Injected_MessageUnsentButItsSequenceNumUsedUpOnEveryConnectionWithTheProduct()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 61 }, SimClock.Start);
        var all = new CoinbaseClient(sim);
        var alsoBtc = new CoinbaseClient(sim, true, Btc, "XRP-USD");
        var noBtc = new CoinbaseClient(sim, true, "ETH-USD");
        Run(sim, FaultKind.SequenceGap, Injections, [all, alsoBtc, noBtc]);

        foreach (var client in new[] { all, alsoBtc })
        {
            var jumps = Jumps(client);
            Assert.Equal(Injections, jumps.Count);
            Assert.All(jumps, j => Assert.Equal(2, j.Step)); // exactly one number skipped
            Assert.All(jumps, j => Assert.Equal(Btc, j.Product)); // on the product's next message
        }

        Assert.Empty(Jumps(noBtc));
        Assert.Equal(Injections, sim.Coinbase.Faults[FaultKind.SequenceGap]);

        // The truth has every skipped version; the client never saw them.
        var seen = all.Received.Where(r => r.Output?.Symbol == Btc).Select(r => r.Output!.FirstSequence).ToHashSet();
        var missing = Enumerable.Range(1, (int)sim.Coinbase.MessageNumber(Btc)).Count(n => !seen.Contains(n));
        Assert.Equal(Injections, missing);
    }

    [Fact]
    public void Duplicate_Injected_RepeatsTheMessageWithItsSequenceNum()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 62 }, SimClock.Start);
        var client = new CoinbaseClient(sim);
        Run(sim, FaultKind.Duplicate, Injections, [client]);

        var duplicates = 0;
        for (var i = 1; i < client.Received.Count; i++)
        {
            if (client.Received[i].Bytes.AsSpan().SequenceEqual(client.Received[i - 1].Bytes))
            {
                duplicates++;
                Assert.Equal(FaultKind.Duplicate, client.Received[i].Output!.Fault);
            }
        }

        Assert.Equal(Injections, duplicates);
        Assert.Equal(Injections, sim.Coinbase.Faults[FaultKind.Duplicate]);
    }

    [Fact]
    public void Reorder_Injected_OlderMessageArrivesLastWithTheLowerSequenceNumItWasDue()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 63 }, SimClock.Start);
        var client = new CoinbaseClient(sim);
        Run(sim, FaultKind.Reorder, Injections, [client]);

        var messages = client.Received.Select(r => CoinbaseMessage.Parse(r.Bytes)).ToList();
        var late = 0;
        for (var i = 2; i < messages.Count; i++)
        {
            if (client.Received[i].Output?.Fault != FaultKind.Reorder)
            {
                continue;
            }

            late++;
            Assert.Equal(Btc, client.Received[i - 1].Output!.Symbol);
            Assert.True(messages[i].TimestampMicros < messages[i - 1].TimestampMicros);
            Assert.Equal(messages[i - 1].SequenceNum - 1, messages[i].SequenceNum); // the number it was due
            Assert.Equal(messages[i - 2].SequenceNum + 2, messages[i - 1].SequenceNum); // so the newer one shows a gap
        }

        Assert.Equal(Injections, late);
        Assert.Equal(Injections, sim.Coinbase.Faults[FaultKind.Reorder]);
    }

    [Fact]
    public void MalformedFrame_Injected_GarbageWithItsOwnNumberBeforeTheStillSentRealMessage()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 64 }, SimClock.Start);
        var client = new CoinbaseClient(sim);
        Run(sim, FaultKind.MalformedFrame, 60, [client]);

        var garbage = 0;
        var variants = new HashSet<MalformedVariant>();
        for (var i = 0; i < client.Received.Count; i++)
        {
            var (bytes, output) = client.Received[i];
            if (output?.Fault != FaultKind.MalformedFrame)
            {
                var message = CoinbaseMessage.Parse(bytes);
                if (message.Channel == "l2_data")
                {
                    Assert.All(message.L2Events().SelectMany(e => e.Updates), u => Assert.True(Scale(u.Quantity) <= 8 && Scale(u.Price) <= 8));
                }

                continue;
            }

            garbage++;
            variants.Add(output.Malformation!.Value);
            Assert.True(!CoinbaseMessage.TryParse(bytes, out var parsed) || parsed!.L2Events().SelectMany(e => e.Updates).Any(u => Scale(u.Quantity) > 8), "garbage must not read as a valid message");
            var real = client.Received[i + 1];
            Assert.Null(real.Output!.Fault);
            Assert.Equal(output.Sequence, real.Output.Sequence);
            var before = CoinbaseMessage.Parse(client.Received[i - 1].Bytes).SequenceNum;
            Assert.Equal(before + 2, CoinbaseMessage.Parse(real.Bytes).SequenceNum); // the garbage took a number
            if (parsed is not null)
            {
                Assert.Equal(before + 1, parsed.SequenceNum);
            }
        }

        Assert.Equal(60, garbage);
        Assert.Equal(Enum.GetValues<MalformedVariant>(), variants.Order());
        Assert.Equal(60, sim.Coinbase.Faults[FaultKind.MalformedFrame]);
    }

    [Fact]
    public void CrossedBook_Injected_AnUpdateCrossesTheBookAndALaterOneUncrossesIt()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 65 }, SimClock.Start);
        var client = new CoinbaseClient(sim);
        Run(sim, FaultKind.CrossedBook, Injections, [client], spacing: 6);

        var states = new List<(bool Tagged, bool Crossed)>();
        foreach (var (bytes, output) in client.Received)
        {
            var message = CoinbaseMessage.Parse(bytes);
            if (message.Channel != "l2_data")
            {
                continue;
            }

            client.Apply(message);
            if (message.L2Events().Single().ProductId != Btc)
            {
                continue;
            }

            var book = client.Books[Btc];
            var crossed = book.Bids[0].Price >= book.Asks[0].Price;
            states.Add((output?.Fault == FaultKind.CrossedBook, crossed));
            if (output?.Fault == FaultKind.CrossedBook)
            {
                Assert.True(crossed);
                Assert.True(sim.Coinbase.TryGetTruthBook(Btc, message.TimestampMicros, out var truth) && truth.IsCrossed);
            }
        }

        Assert.Equal(Injections, states.Count(s => s.Tagged));
        for (var i = 0; i < states.Count; i++)
        {
            if (states[i].Tagged)
            {
                Assert.True(states.Skip(i + 1).Take(4).Any(s => !s.Crossed), "a later update uncrosses the book within a few steps");
            }
        }

        Assert.Equal(Injections, sim.Coinbase.Faults[FaultKind.CrossedBook]);
    }

    [Fact]
    public void SilentStall_Injected_NothingSentThenTheWithheldMessagesShowAsSequenceGaps()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 66 }, SimClock.Start);
        var client = new CoinbaseClient(sim);
        for (var step = 1; step <= 20; step++)
        {
            client.Step(step);
        }

        var before = client.Received.Count;
        var lastBefore = sim.Coinbase.Symbols.ToDictionary(s => s, sim.Coinbase.MessageNumber);
        sim.Coinbase.InjectFault(FaultKind.SilentStall);
        var stall = client.Step(21);
        Assert.Equal(SimOutputKind.Stall, Assert.Single(stall).Kind);
        for (var step = 22; step <= 50; step++)
        {
            Assert.Empty(client.Step(step)); // 3 s: no updates, no heartbeats
        }

        Assert.Equal(before, client.Received.Count);
        var withheld = sim.Coinbase.Symbols.Sum(s => sim.Coinbase.MessageNumber(s) - lastBefore[s]);
        Assert.True(withheld > 50);
        var lastSequence = CoinbaseMessage.Parse(client.Received[^1].Bytes).SequenceNum;
        for (var step = 51; step <= 55; step++)
        {
            client.Step(step);
        }

        // Every withheld message used up its number: the sequence_num jumps add up to exactly those messages.
        var after = client.Received.Skip(before).Select(r => CoinbaseMessage.Parse(r.Bytes).SequenceNum).Prepend(lastSequence).ToList();
        var skipped = after.Zip(after.Skip(1), (a, b) => b - a - 1).Sum();
        Assert.Equal(withheld, skipped);
        Assert.Equal(1, sim.Coinbase.Faults[FaultKind.SilentStall]);
    }

    [Fact]
    public void SilentStall_SubscribeDuringStall_SnapshotOfTheLatestTruthAndOnlyTheLaterWithheldMessagesShowAsGaps()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 67 }, SimClock.Start);
        sim.Step(SimClock.At(1));
        sim.Coinbase.InjectFault(FaultKind.SilentStall);
        sim.Step(SimClock.At(2));
        sim.Step(SimClock.At(3));
        var client = new CoinbaseClient(sim); // replies are still sent during a stall
        var subscribedAt = sim.Coinbase.Symbols.ToDictionary(s => s, sim.Coinbase.MessageNumber);
        foreach (var (bytes, _) in client.Received.Where(r => CoinbaseMessage.Parse(r.Bytes).Channel == "l2_data"))
        {
            var snapshot = CoinbaseMessage.Parse(bytes);
            client.Apply(snapshot);
            var product = snapshot.L2Events().Single().ProductId;
            var truth = sim.Coinbase.CurrentBook(product); // moved on during the stall
            Assert.Equal(truth.Sequence, snapshot.TimestampMicros);
            Assert.Equal(truth.Bids, client.Books[product].Bids);
            Assert.Equal(truth.Asks, client.Books[product].Asks);
        }

        for (var step = 4; step <= 31; step++)
        {
            Assert.Empty(client.Step(step));
        }

        var withheld = sim.Coinbase.Symbols.ToDictionary(s => s, s => sim.Coinbase.MessageNumber(s) - subscribedAt[s]);
        for (var step = 32; step <= 60; step++)
        {
            client.Step(step);
        }

        var jumps = Jumps(client);
        Assert.Equal(sim.Coinbase.Symbols.Order(), jumps.Select(j => j.Product!).Order());
        Assert.All(jumps, j => Assert.Equal(withheld[j.Product!] + 1, j.Step)); // messages withheld after the snapshot only
    }

    [Fact]
    public void DroppedConnection_Injected_DisconnectLeadsTheStep()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 68 }, SimClock.Start);
        sim.Coinbase.InjectFault(FaultKind.DroppedConnection);
        var outputs = sim.Step(SimClock.At(1)).Coinbase;
        Assert.Equal(SimOutputKind.Disconnect, outputs[0].Kind);
        Assert.Equal(1, sim.Coinbase.Faults[FaultKind.DroppedConnection]);
    }

    [Fact]
    public void ConnectionRefused_Injected_NextHandshakeGets429Once()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        sim.Coinbase.InjectFault(FaultKind.ConnectionRefused);
        Assert.False(sim.Coinbase.TryAdmitConnection(SimClock.Start, out var refused));
        Assert.Equal(429, refused!.StatusCode);
        Assert.True(sim.Coinbase.TryAdmitConnection(SimClock.Start + 1, out _));
        Assert.Equal(1, sim.Coinbase.Faults[FaultKind.ConnectionRefused]);
        Assert.Equal(0, sim.Coinbase.Limits.ConnectBreaches);
    }

    [Fact]
    public void SubscribeRefused_Injected_NextSubscribeGetsCoinbasesErrorAndSubscribesNothing()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var session = (CoinbaseSimSession)sim.Coinbase.OpenSession("/", out _)!;
        session.Receive(CoinbaseClient.Unsubscribe("level2", Btc)); // an unsubscribe is not refused
        sim.Coinbase.InjectFault(FaultKind.SubscribeRefused);
        var beforeRefusal = session.NextSequenceNum;

        var refused = CoinbaseMessage.Parse(Assert.Single(session.Receive(CoinbaseClient.Subscribe("level2", Btc))));

        Assert.Equal("error", refused.Type);
        Assert.Equal("failure to subscribe", refused.Message);
        Assert.Equal(-1, refused.SequenceNum);
        Assert.Equal(beforeRefusal, session.NextSequenceNum);
        Assert.Empty(session.Level2Products);
        Assert.Equal(1, sim.Coinbase.Faults[FaultKind.SubscribeRefused]);

        var replies = session.Receive(CoinbaseClient.Subscribe("level2", Btc)).Select(CoinbaseMessage.Parse).ToList();
        Assert.Equal(["l2_data", "subscriptions"], replies.Select(r => r.Channel));
        Assert.Equal([Btc], session.Level2Products);
    }

    private static int Scale(decimal value) => (decimal.GetBits(value)[3] >> 16) & 0xFF;

    /// <summary>Places where the connection's sequence_num did not go up by one: the step and the product of the message after it.</summary>
    private static List<(long Step, string? Product)> Jumps(CoinbaseClient client)
    {
        var result = new List<(long, string?)>();
        var previous = -1L;
        foreach (var (bytes, output) in client.Received)
        {
            var sequence = CoinbaseMessage.Parse(bytes).SequenceNum;
            if (sequence != previous + 1)
            {
                result.Add((sequence - previous, output?.Symbol));
            }

            previous = sequence;
        }

        return result;
    }

    /// <summary>Steps the clients, injecting <paramref name="kind"/> on BTC-USD every <paramref name="spacing"/> steps, <paramref name="count"/> times.</summary>
    private static void Run(Simulation sim, FaultKind kind, int count, CoinbaseClient[] clients, int spacing = 4) =>
        SimFaultRun.Run(sim, VenueId.Coinbase, Btc, kind, count, spacing, outputs =>
        {
            foreach (var client in clients)
            {
                foreach (var output in outputs)
                {
                    if (client.Session.Select(output) is { } bytes)
                    {
                        client.Received.Add((bytes, output));
                    }
                }
            }
        });
}
