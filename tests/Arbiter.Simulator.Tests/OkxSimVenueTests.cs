using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed partial class OkxSimVenueTests
{
    private const string Subscribe = """{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"},{"channel":"books","instId":"ETH-USDT"},{"channel":"books","instId":"XRP-USDT"}]}""";

    [Fact]
    public void TestCrc32_ReferenceVectors()
    {
        Assert.Equal(-1881014294, OkxTestCrc32.Signed("3366.1:7:3366.8:9:3366:6:3368:8"));
        Assert.Equal(831078360, OkxTestCrc32.Signed("3366.1:7:3366.8:9:3368:8:3372:8"));
        Assert.Equal(-1881014294, OkxSimChecksum.Crc("3366.1:7:3366.8:9:3366:6:3368:8"));
        Assert.Equal(
            "3366.1:7:3366.8:9:3368:8:3372:8",
            OkxSimChecksum.Text([new Level(33661, 7)], [new Level(33668, 9), new Level(33680, 8), new Level(33720, 8)], priceScale: 1, quantityScale: 0));
    }

    [Fact]
    public void Step_EveryPush_ChainsFromTheSnapshotAndLeavesTheTruthItsChecksumSays()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 21 }, SimClock.Start);
        var session = Open(sim);
        var books = new Dictionary<string, OkxTestBook>();
        foreach (var reply in session.Receive(Subscribe).Skip(3))
        {
            var snapshot = OkxPush.Parse(reply);
            Assert.Equal(("books", "snapshot", -1L), (snapshot.Channel, snapshot.Action, snapshot.PrevSeqId));
            var book = books[snapshot.InstId!] = new OkxTestBook();
            book.Apply(snapshot);
            Assert.Equal(snapshot.Checksum, book.Checksum());
        }

        int updates = 0, keepAlives = 0;
        for (var step = 1; step <= 1500; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).For(VenueId.Okx))
            {
                var push = OkxPush.Parse(session.Select(output)!);
                var book = books[push.InstId!];
                Assert.Equal(("books", "update"), (push.Channel, push.Action));
                Assert.Equal(book.SeqId, push.PrevSeqId);
                Assert.Equal((output.FirstSequence, output.Sequence), (push.PrevSeqId!.Value, push.SeqId));
                Assert.Equal(SimClock.At(step) / 1000, push.Ts);
                if (push.IsKeepAlive)
                {
                    keepAlives++;
                }
                else
                {
                    updates++;
                    Assert.True(push.SeqId > push.PrevSeqId, "an update moves the sequence on");
                }

                book.Apply(push);
                Assert.True(sim.Okx.TryGetTruth(push.InstId!, push.SeqId, out var bids, out var asks));
                Assert.Equal(bids, book.Bids);
                Assert.Equal(asks, book.Asks);
                Assert.Equal(50, bids.Length);
                Assert.Equal(push.Checksum, book.Checksum());
            }
        }

        Assert.Equal(1500 * 3, updates + keepAlives); // one push per symbol per step
        Assert.InRange(keepAlives, 30, 1500 * 3 / 5);
    }

    [Fact]
    public void Step_Levels_AreFourStringsInPlainDecimalsOnTheGrid()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 8 }, SimClock.Start);
        var ticks = new Dictionary<string, decimal> { ["BTC-USDT"] = 0.01m, ["ETH-USDT"] = 0.01m, ["XRP-USDT"] = 0.0001m };
        var lots = new Dictionary<string, decimal> { ["BTC-USDT"] = 0.00001m, ["ETH-USDT"] = 0.0001m, ["XRP-USDT"] = 0.1m };
        for (var step = 1; step <= 300; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).For(VenueId.Okx))
            {
                var push = OkxPush.Parse(output.Bytes);
                foreach (var level in push.Bids.Concat(push.Asks))
                {
                    Assert.Matches(PlainDecimal(), level.Price);
                    Assert.Matches(PlainDecimal(), level.Size);
                    Assert.Equal("0", level.Deprecated);
                    Assert.True(level.SizeValue == 0 ? level.Orders == "0" : int.Parse(level.Orders, System.Globalization.CultureInfo.InvariantCulture) > 0, level.Orders);
                    Assert.Equal(0m, level.PriceValue % ticks[push.InstId!]);
                    Assert.Equal(0m, level.SizeValue % lots[push.InstId!]);
                }
            }
        }

        var text = Encoding.UTF8.GetString(sim.Step(SimClock.At(301)).For(VenueId.Okx)[0].Bytes);
        Assert.StartsWith("""{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[""", text, StringComparison.Ordinal);
        Assert.Matches("""\],"ts":"1767225630100","checksum":-?[0-9]+,"prevSeqId":[0-9]+,"seqId":[0-9]+\}\]\}$""", text);
    }

    [Fact]
    public void Receive_Subscribe_AcksEveryArgThenSendsEachSnapshotAndRoutesOnlyItsBooks()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        sim.Step(SimClock.At(1));
        var session = Open(sim);
        var replies = session.Receive("""{"op":"subscribe","args":[{"channel":"books","instId":"ETH-USDT"},{"channel":"books","instId":"XRP-USDT"}]}""");

        Assert.Equal(4, replies.Count);
        Assert.Equal($$"""{"event":"subscribe","arg":{"channel":"books","instId":"ETH-USDT"},"connId":"{{session.ConnId}}"}""", Encoding.UTF8.GetString(replies[0]));
        Assert.Equal($$"""{"event":"subscribe","arg":{"channel":"books","instId":"XRP-USDT"},"connId":"{{session.ConnId}}"}""", Encoding.UTF8.GetString(replies[1]));
        Assert.Matches("^[0-9a-f]{8}$", session.ConnId);
        var xrp = OkxPush.Parse(replies[3]);
        var truth = sim.Okx.CurrentBook("XRP-USDT");
        Assert.Equal(("XRP-USDT", "snapshot", -1L, truth.Sequence), (xrp.InstId, xrp.Action, xrp.PrevSeqId, xrp.SeqId));
        Assert.Equal(truth.Bids, xrp.Bids.Select(l => l.ToTruth()));
        Assert.Equal(truth.Asks, xrp.Asks.Select(l => l.ToTruth()));
        Assert.Equal(sim.Okx.LastSeqId("XRP-USDT"), xrp.SeqId);
        Assert.Equal(["ETH-USDT", "XRP-USDT"], session.Subscriptions);

        var step = sim.Step(SimClock.At(2)).For(VenueId.Okx);
        Assert.Null(session.Select(step.Single(o => o.Symbol == "BTC-USDT")));
        Assert.Equal(xrp.SeqId, OkxPush.Parse(session.Select(step.Single(o => o.Symbol == "XRP-USDT"))!).PrevSeqId);

        var unsubscribed = session.Receive("""{"op":"unsubscribe","args":[{"channel":"books","instId":"XRP-USDT"}]}""");
        Assert.Equal($$"""{"event":"unsubscribe","arg":{"channel":"books","instId":"XRP-USDT"},"connId":"{{session.ConnId}}"}""", Encoding.UTF8.GetString(Assert.Single(unsubscribed)));
        Assert.Null(session.Select(sim.Step(SimClock.At(3)).For(VenueId.Okx).Single(o => o.Symbol == "XRP-USDT")));
        Assert.Equal(["ETH-USDT"], session.Subscriptions);
    }

    [Theory]
    [InlineData(SimWsSnapshot.Empty)]
    [InlineData(SimWsSnapshot.None)]
    public void Receive_Subscribe_WithheldSnapshot_OnlyAcksThenUpdatesThatChainFromTheRestSnapshot(SimWsSnapshot mode)
    {
        var options = new SimulatorOptions { Seed = 5 };
        options.Okx.WsSnapshot = mode;
        var sim = new Simulation(options, SimClock.Start);
        sim.Step(SimClock.At(1));
        var session = Open(sim);
        var replies = session.Receive("""{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}""");

        Assert.Equal(mode == SimWsSnapshot.Empty ? 2 : 1, replies.Count);
        if (mode == SimWsSnapshot.Empty)
        {
            var empty = OkxPush.Parse(replies[1]);
            Assert.Equal(("snapshot", -1L, 0, 0, 0), (empty.Action, empty.PrevSeqId, empty.Bids.Count, empty.Asks.Count, empty.Checksum));
        }

        var rest = OkxPush.Parse(sim.Okx.HandleRest("/api/v5/market/books?instId=BTC-USDT&sz=400").Body);
        var book = new OkxTestBook();
        book.Apply(rest);
        var first = OkxPush.Parse(session.Select(sim.Step(SimClock.At(2)).For(VenueId.Okx).Single(o => o.Symbol == "BTC-USDT"))!);
        Assert.Equal("update", first.Action);
        Assert.Equal(rest.SeqId, first.PrevSeqId);
        book.Apply(first);
        Assert.Equal(first.Checksum, book.Checksum());
    }

    [Fact]
    public void Receive_Ping_AnswersPong()
    {
        var session = Open(new Simulation(new SimulatorOptions(), SimClock.Start));
        Assert.Equal("pong", Encoding.UTF8.GetString(Assert.Single(session.Receive("ping"))));
    }

    [Theory]
    [InlineData("not json", "60012")]
    [InlineData("""{"args":[]}""", "60012")]
    [InlineData("""{"op":"subscribe"}""", "60013")]
    [InlineData("""{"op":"subscribe","args":[]}""", "60013")]
    [InlineData("""{"op":"subscribe","args":[{"channel":"books"}]}""", "60013")]
    [InlineData("""{"op":"subscribe","args":[{"channel":"books","instId":"DOGE-USDT"}]}""", "60018")]
    [InlineData("""{"op":"subscribe","args":[{"channel":"books","instId":"btc-usdt"}]}""", "60018")]
    [InlineData("""{"op":"subscribe","args":[{"channel":"books5","instId":"BTC-USDT"}]}""", "60018")]
    [InlineData("""{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"},{"channel":"books","instId":"NOPE"}]}""", "60018")]
    [InlineData("""{"op":"order","args":[]}""", "60019")]
    [InlineData("""{"op":"login","args":[]}""", "60028")]
    public void Receive_BadRequest_AnswersOkxErrorEventAndSubscribesNothing(string request, string code)
    {
        var session = Open(new Simulation(new SimulatorOptions(), SimClock.Start));
        var reply = JsonDocument.Parse(Assert.Single(session.Receive(request))).RootElement;
        Assert.Equal("error", reply.GetProperty("event").GetString());
        Assert.Equal(code, reply.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(reply.GetProperty("msg").GetString()));
        Assert.Equal(session.ConnId, reply.GetProperty("connId").GetString());
        Assert.Empty(session.Subscriptions);
    }

    [Fact]
    public void OpenSession_OtherPath_IsRejectedWith404()
    {
        var venue = new Simulation(new SimulatorOptions(), SimClock.Start).Okx;
        Assert.Null(venue.OpenSession("/ws/v5/private", out var rejection));
        Assert.Equal(404, rejection!.StatusCode);
        Assert.NotNull(venue.OpenSession("/ws/v5/public", out _));
    }

    [Fact]
    public void Limits_AreOkxsAndOnlySubscribeUnsubscribeAndLoginCount()
    {
        var venue = new Simulation(new SimulatorOptions(), SimClock.Start).Okx;
        Assert.Equal(new SimRateLimit(3, TimeSpan.FromSeconds(1)), venue.ConnectLimit);
        Assert.Equal(new SimRateLimit(480, TimeSpan.FromHours(1)), venue.MessageLimit);
        var session = venue.OpenSession("/ws/v5/public", out _)!;
        Assert.False(session.CountsTowardMessageLimit("ping"));
        Assert.True(session.CountsTowardMessageLimit(Subscribe));
        Assert.True(session.CountsTowardMessageLimit("""{"op":"unsubscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}"""));
        Assert.True(session.CountsTowardMessageLimit("""{"op":"login","args":[]}"""));
        Assert.False(session.CountsTowardMessageLimit("garbage"));
        var refusal = JsonDocument.Parse(Assert.Single(session.RateLimitedReply(Subscribe)!)).RootElement;
        Assert.Equal(("error", "60014"), (refusal.GetProperty("event").GetString(), refusal.GetProperty("code").GetString()));
        Assert.Equal(
            [FaultKind.SequenceGap, FaultKind.Duplicate, FaultKind.Reorder, FaultKind.DroppedConnection, FaultKind.SilentStall, FaultKind.MalformedFrame, FaultKind.CrossedBook,
             FaultKind.ChecksumCorruption, FaultKind.ChecksumZero, FaultKind.SequenceReset, FaultKind.SubscribeRefused, FaultKind.ConnectionRefused],
            venue.SupportedFaults.Order());
    }

    [Fact]
    public void HandleRest_Instruments_ListsLiveSpotMarketsAndOneSuspended()
    {
        var venue = new Simulation(new SimulatorOptions(), SimClock.Start).Okx;
        var root = JsonDocument.Parse(venue.HandleRest("/api/v5/public/instruments?instType=SPOT").Body).RootElement;
        Assert.Equal(("0", ""), (root.GetProperty("code").GetString(), root.GetProperty("msg").GetString()));
        var rows = root.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["BTC-USDT", "ETH-USDT", "XRP-USDT", "LUNA-USDT"], rows.Select(r => r.GetProperty("instId").GetString()));
        Assert.Equal(["live", "live", "live", "suspend"], rows.Select(r => r.GetProperty("state").GetString()));
        Assert.All(rows, r => Assert.Equal(("SPOT", "USDT"), (r.GetProperty("instType").GetString(), r.GetProperty("quoteCcy").GetString())));
        Assert.Equal(("XRP", "0.0001", "0.1"), (rows[2].GetProperty("baseCcy").GetString(), rows[2].GetProperty("tickSz").GetString(), rows[2].GetProperty("lotSz").GetString()));

        var one = JsonDocument.Parse(venue.HandleRest("/api/v5/public/instruments?instType=SPOT&instId=ETH-USDT").Body).RootElement.GetProperty("data");
        Assert.Equal("ETH-USDT", Assert.Single(one.EnumerateArray()).GetProperty("instId").GetString());
        Assert.Equal(0, JsonDocument.Parse(venue.HandleRest("/api/v5/public/instruments?instType=SWAP").Body).RootElement.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public void HandleRest_Books_TheLatestVersionAtTheAskedDepthWithItsSeqId()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        for (var step = 1; step <= 5; step++)
        {
            sim.Step(SimClock.At(step));
        }

        var response = sim.Okx.HandleRest("/api/v5/market/books?instId=ETH-USDT&sz=400");
        Assert.Equal(200, response.StatusCode);
        var root = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(("0", ""), (root.GetProperty("code").GetString(), root.GetProperty("msg").GetString()));
        Assert.Equal(["asks", "bids", "ts", "seqId"], root.GetProperty("data")[0].EnumerateObject().Select(p => p.Name));
        var books = OkxPush.Parse(response.Body);
        var truth = sim.Okx.CurrentBook("ETH-USDT");
        Assert.Equal(truth.Sequence, books.SeqId);
        Assert.Equal(truth.TimestampMicros / 1000, books.Ts);
        Assert.Equal(truth.Bids, books.Bids.Select(l => l.ToTruth()));
        Assert.Equal(truth.Asks, books.Asks.Select(l => l.ToTruth()));

        var top = OkxPush.Parse(sim.Okx.HandleRest("/api/v5/market/books?instId=ETH-USDT").Body); // sz defaults to 1
        Assert.Equal((1, 1), (top.Bids.Count, top.Asks.Count));
        Assert.Equal(5, OkxPush.Parse(sim.Okx.HandleRest("/api/v5/market/books?instId=ETH-USDT&sz=5").Body).Asks.Count);
    }

    [Theory]
    [InlineData("/api/v5/market/books?instId=DOGE-USDT&sz=400", 400, "51001")]
    [InlineData("/api/v5/market/books?sz=400", 400, "50014")]
    [InlineData("/api/v5/market/books?instId=BTC-USDT&sz=401", 400, "51000")]
    [InlineData("/api/v5/market/books?instId=BTC-USDT&sz=x", 400, "51000")]
    [InlineData("/api/v5/public/instruments", 400, "50014")]
    [InlineData("/api/v5/public/instruments?instType=spot", 400, "51000")]
    [InlineData("/api/v5/market/nothing", 404, "404")]
    public void HandleRest_BadRequest_AnswersOkxErrorCode(string path, int status, string code)
    {
        var response = new Simulation(new SimulatorOptions(), SimClock.Start).Okx.HandleRest(path);
        Assert.Equal(status, response.StatusCode);
        var root = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(code, root.GetProperty("code").GetString());
        Assert.Equal(0, root.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Socket_PingsDoNotCountAndThe481stRequestOfTheHourGetsError60014()
    {
        var options = new SimulatorOptions { Seed = 101, StepInterval = TimeSpan.FromMilliseconds(20) }.Only(VenueId.Okx);
        await using var server = new SimulatorServer(options);
        await server.StartAsync();
        using var socket = await WebSocketText.ConnectAsync(new Uri(server.WsBase(VenueId.Okx), OkxSimVenue.WsPath));
        await WebSocketText.SendAsync(socket, """{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}""");
        var (type, ack) = await WebSocketText.ReceiveMessageAsync(socket);
        Assert.Equal(System.Net.WebSockets.WebSocketMessageType.Text, type);
        Assert.StartsWith("""{"event":"subscribe","arg":{"channel":"books","instId":"BTC-USDT"},"connId":""", Encoding.UTF8.GetString(ack), StringComparison.Ordinal);
        var snapshot = OkxPush.Parse(await WebSocketText.ReceiveAsync(socket));
        Assert.Equal("snapshot", snapshot.Action);
        var update = OkxPush.Parse(await WebSocketText.ReceiveAsync(socket));
        Assert.Equal(snapshot.SeqId, update.PrevSeqId);

        for (var i = 0; i < 500; i++)
        {
            await WebSocketText.SendAsync(socket, "ping");
        }

        for (var i = 0; i < 479; i++)
        {
            await WebSocketText.SendAsync(socket, """{"op":"unsubscribe","args":[{"channel":"books","instId":"XRP-USDT"}]}""");
        }

        await WebSocketText.SendAsync(socket, """{"op":"unsubscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}""");
        var (pongs, acks, error) = (0, 0, (string?)null);
        while (error is null)
        {
            var text = await WebSocketText.ReceiveTextAsync(socket);
            if (text == "pong")
            {
                pongs++;
            }
            else if (text.StartsWith("""{"event":"unsubscribe""", StringComparison.Ordinal))
            {
                acks++;
            }
            else if (text.StartsWith("""{"event":"error""", StringComparison.Ordinal))
            {
                error = text;
            }
        }

        Assert.Equal((500, 479), (pongs, acks)); // 1 subscribe + 479 unsubscribes = 480; the BTC unsubscribe is the 481st
        Assert.Contains("\"code\":\"60014\"", error, StringComparison.Ordinal);
        Assert.Equal(1, server.Simulation.Okx.Limits.MessageBreaches);
    }

    internal static OkxSimSession Open(Simulation sim) => (OkxSimSession)sim.Okx.OpenSession(OkxSimVenue.WsPath, out _)!;

    [GeneratedRegex("^(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?$")]
    private static partial Regex PlainDecimal();
}
