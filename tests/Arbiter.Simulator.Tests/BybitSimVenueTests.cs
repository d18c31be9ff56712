using System.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class BybitSimVenueTests
{
    private const string Btc = "orderbook.50.BTCUSDT";

    [Fact]
    public void Stream_SnapshotThenDeltas_ReproduceTheTop50TruthAtEveryU()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 17 }, SimClock.Start);
        var session = Open(sim);
        var replies = session.Receive("""{"req_id":"1","op":"subscribe","args":["orderbook.50.BTCUSDT","orderbook.50.ETHUSDT","orderbook.50.XRPUSDT"]}""");
        Assert.Equal(4, replies.Count);
        var books = new Dictionary<string, LocalBook>();
        var seqs = new Dictionary<string, long>();
        foreach (var snapshot in replies.Skip(1).Select(BybitMessage.Parse))
        {
            Assert.Equal("snapshot", snapshot.Type);
            Assert.Equal("orderbook.50." + snapshot.Symbol, snapshot.Topic);
            Assert.Equal(sim.Bybit.LastUpdateId(snapshot.Symbol), snapshot.U);
            var book = new LocalBook { LastUpdateId = snapshot.U };
            book.Apply(snapshot.Bids, bid: true);
            book.Apply(snapshot.Asks, bid: false);
            AssertTruth(sim, snapshot.Symbol, book);
            books[snapshot.Symbol] = book;
            seqs[snapshot.Symbol] = snapshot.Seq;
        }

        var checkedFrames = 0;
        var entered = 0;
        for (var step = 1; step <= 1500; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Bybit)
            {
                var bytes = session.Select(output)!;
                Assert.Same(output.Bytes, bytes);
                var delta = BybitMessage.Parse(bytes);
                var book = books[delta.Symbol];
                Assert.Equal("delta", delta.Type);
                Assert.Equal(output.Stream, delta.Topic);
                Assert.Equal(book.LastUpdateId + 1, delta.U); // u steps by exactly 1 per message
                Assert.Equal(delta.U, output.Sequence);
                Assert.True(delta.Seq > seqs[delta.Symbol], "seq grows");
                Assert.Equal(SimClock.At(step) / 1000, delta.Ts);
                Assert.InRange(delta.Cts, delta.Ts - 40, delta.Ts);
                var worstBid = book.Bids[^1].Price;
                entered += delta.Bids.Count(l => l.Quantity > 0 && l.Price < worstBid);
                book.Apply(delta.Bids, bid: true);
                book.Apply(delta.Asks, bid: false);
                book.LastUpdateId = delta.U;
                seqs[delta.Symbol] = delta.Seq;
                var (bids, _) = AssertTruth(sim, delta.Symbol, book);
                Assert.Equal(BybitSimVenue.Depth, bids.Length);
                checkedFrames++;
            }
        }

        Assert.True(checkedFrames >= 1500 * 3 * 9 / 10, $"only {checkedFrames} frames");
        Assert.True(entered > 100, $"only {entered} levels entered the top 50 from below");
    }

    [Fact]
    public void Step_LevelsKeptBeyondTheDepth_TheStreamCarriesTheTop50Only()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 19 }, SimClock.Start);
        for (var step = 1; step <= 50; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Bybit)
            {
                var book = sim.Model.Book(VenueId.Bybit, sim.Bybit.SymbolIndex(output.Symbol));
                var fiftieth = book.BidsArray(60)[49].Price;
                var message = BybitMessage.Parse(output.Bytes);
                var scale = book.PriceScale;
                Assert.All(message.Bids.Where(l => l.Quantity > 0), l => Assert.True(l.Price >= FixedPoint.ToDecimal(fiftieth, scale), "no level beyond the 50th is sent"));
            }
        }

        Assert.Equal(60, sim.Model.Book(VenueId.Bybit, 0).BidsArray(100).Length);
        Assert.Equal(50, sim.Bybit.CurrentBook("BTCUSDT").Bids.Length);
    }

    [Fact]
    public void Step_PricesAndQuantities_OnTheGridAndSpelledWithoutTrailingZeros()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 23 }, SimClock.Start);
        var grid = new Dictionary<string, (decimal Tick, decimal Lot)> { ["BTCUSDT"] = (0.01m, 0.00001m), ["ETHUSDT"] = (0.01m, 0.0001m), ["XRPUSDT"] = (0.0001m, 0.1m) };
        var levels = 0;
        for (var step = 1; step <= 300; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Bybit)
            {
                var message = BybitMessage.Parse(output.Bytes); // rejects "0.50", "1.0", "1e5"
                var (tick, lot) = grid[message.Symbol];
                foreach (var (price, quantity) in message.Bids.Concat(message.Asks))
                {
                    Assert.Equal(0m, price % tick);
                    Assert.Equal(0m, quantity % lot);
                    levels++;
                }
            }
        }

        Assert.True(levels > 3000, $"only {levels} levels checked");
    }

    [Fact]
    public void Step_FirstDelta_ExactBytes()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var output = sim.Step(SimClock.At(1)).Bybit[0];
        var text = Encoding.UTF8.GetString(output.Bytes);
        Assert.StartsWith("{\"topic\":\"orderbook.50.BTCUSDT\",\"ts\":1767225600100,\"type\":\"delta\",\"data\":{\"s\":\"BTCUSDT\",\"b\":[", text, StringComparison.Ordinal);
        Assert.Contains($"],\"u\":{output.Sequence},\"seq\":", text, StringComparison.Ordinal);
        Assert.Equal(Btc, output.Stream);
        Assert.Equal("delta", output.StreamType);
    }

    [Fact]
    public void HandleRest_InstrumentsInfo_ListsTheMarketsAndOneClosedOne()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var response = sim.Bybit.HandleRest("/v5/market/instruments-info?category=spot");
        Assert.Equal(200, response.StatusCode);
        var root = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(0, root.GetProperty("retCode").GetInt32());
        Assert.Equal("OK", root.GetProperty("retMsg").GetString());
        Assert.Equal(SimClock.Start / 1000, root.GetProperty("time").GetInt64());
        var result = root.GetProperty("result");
        Assert.Equal("spot", result.GetProperty("category").GetString());
        var list = result.GetProperty("list").EnumerateArray().ToList();
        Assert.Equal(["BTCUSDT", "ETHUSDT", "XRPUSDT", "LUNAUSDT"], list.Select(s => s.GetProperty("symbol").GetString()));
        Assert.Equal(["Trading", "Trading", "Trading", "Closed"], list.Select(s => s.GetProperty("status").GetString()));
        var xrp = list[2];
        Assert.Equal("XRP", xrp.GetProperty("baseCoin").GetString());
        Assert.Equal("USDT", xrp.GetProperty("quoteCoin").GetString());
        Assert.Equal("0.0001", xrp.GetProperty("priceFilter").GetProperty("tickSize").GetString());
        Assert.Equal("0.1", xrp.GetProperty("lotSizeFilter").GetProperty("basePrecision").GetString());
        var btc = list[0];
        Assert.Equal("0.01", btc.GetProperty("priceFilter").GetProperty("tickSize").GetString());
        Assert.Equal("0.00001", btc.GetProperty("lotSizeFilter").GetProperty("basePrecision").GetString());

        var one = JsonDocument.Parse(sim.Bybit.HandleRest("/v5/market/instruments-info?category=spot&symbol=ETHUSDT").Body).RootElement;
        Assert.Equal(["ETHUSDT"], one.GetProperty("result").GetProperty("list").EnumerateArray().Select(s => s.GetProperty("symbol").GetString()));
    }

    [Fact]
    public void HandleRest_Orderbook_TopLimitLevelsAtTheLatestU()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        sim.Step(SimClock.At(1));
        var root = JsonDocument.Parse(sim.Bybit.HandleRest("/v5/market/orderbook?category=spot&symbol=ETHUSDT&limit=5").Body).RootElement;
        Assert.Equal(0, root.GetProperty("retCode").GetInt32());
        var result = root.GetProperty("result");
        Assert.Equal(["s", "a", "b", "ts", "u", "seq", "cts"], result.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ETHUSDT", result.GetProperty("s").GetString());
        var truth = sim.Bybit.CurrentBook("ETHUSDT");
        Assert.Equal(truth.Sequence, result.GetProperty("u").GetInt64());
        Assert.Equal(sim.Bybit.LastUpdateId("ETHUSDT"), truth.Sequence);
        Assert.Equal(truth.Bids.Take(5), BybitMessage.Levels(result.GetProperty("b")).Select(l => new TruthLevel(l.Price, l.Quantity)));
        Assert.Equal(truth.Asks.Take(5), BybitMessage.Levels(result.GetProperty("a")).Select(l => new TruthLevel(l.Price, l.Quantity)));

        var single = JsonDocument.Parse(sim.Bybit.HandleRest("/v5/market/orderbook?category=spot&symbol=BTCUSDT").Body).RootElement.GetProperty("result");
        Assert.Equal(1, single.GetProperty("b").GetArrayLength()); // the default limit is 1
        Assert.Equal(1, single.GetProperty("a").GetArrayLength());
    }

    [Theory]
    [InlineData("/v5/market/orderbook?category=linear&symbol=BTCUSDT", 200, 10001, "Illegal category")]
    [InlineData("/v5/market/orderbook?category=spot", 200, 10001, "params error: symbol is required")]
    [InlineData("/v5/market/orderbook?category=spot&symbol=DOGEUSDT", 200, 10001, "params error: symbol invalid")]
    [InlineData("/v5/market/orderbook?category=spot&symbol=BTCUSDT&limit=0", 200, 10001, "params error: limit invalid")]
    [InlineData("/v5/market/orderbook?category=spot&symbol=BTCUSDT&limit=1001", 200, 10001, "params error: limit invalid")]
    [InlineData("/v5/market/instruments-info", 200, 10001, "Illegal category")]
    [InlineData("/v5/market/tickers?category=spot", 404, 404, "Not Found")]
    [InlineData("/api/v3/depth?symbol=BTCUSDT", 404, 404, "Not Found")]
    public void HandleRest_BadRequest_AnswersBybitRetCode(string path, int status, int retCode, string message)
    {
        var response = new Simulation(new SimulatorOptions(), SimClock.Start).Bybit.HandleRest(path);
        Assert.Equal(status, response.StatusCode);
        var root = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(retCode, root.GetProperty("retCode").GetInt32());
        Assert.Equal(message, root.GetProperty("retMsg").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("result").ValueKind);
    }

    [Fact]
    public void HandleRest_Time_TheLastStepsTime()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        sim.Step(SimClock.At(3));
        var result = JsonDocument.Parse(sim.Bybit.HandleRest("/v5/market/time").Body).RootElement.GetProperty("result");
        Assert.Equal(((SimClock.At(3) / 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture)), result.GetProperty("timeSecond").GetString());
        Assert.Equal(((SimClock.At(3) / 1000 * 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture)), result.GetProperty("timeNano").GetString());
    }

    [Fact]
    public void OpenSession_OnlyThePublicSpotPath()
    {
        var venue = new Simulation(new SimulatorOptions(), SimClock.Start).Bybit;
        var session = Assert.IsType<BybitSimSession>(venue.OpenSession("/v5/public/spot", out var rejection));
        Assert.Null(rejection);
        Assert.Empty(session.Topics);
        Assert.False(session.SendsBinaryFrames);
        Assert.NotEqual(session.ConnectionId, ((BybitSimSession)venue.OpenSession("/v5/public/spot", out _)!).ConnectionId);
        foreach (var path in (string[])["/v5/public/linear", "/ws", "/v5/private", "/"])
        {
            Assert.Null(venue.OpenSession(path, out rejection));
            Assert.Equal(404, rejection!.StatusCode);
        }
    }

    [Fact]
    public void Receive_PingAndSubscribe_AnsweredLikeTheDocs()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var session = Open(sim);
        var id = session.ConnectionId;

        Assert.Equal($$"""{"success":true,"ret_msg":"pong","conn_id":"{{id}}","op":"ping"}""", Text(Assert.Single(session.Receive("""{"op":"ping"}"""))));
        Assert.Equal($$"""{"success":true,"ret_msg":"pong","conn_id":"{{id}}","req_id":"100001","op":"ping"}""", Text(Assert.Single(session.Receive("""{"req_id":"100001","op":"ping"}"""))));

        var replies = session.Receive("""{"req_id":"10001","op":"subscribe","args":["orderbook.50.BTCUSDT"]}""");
        Assert.Equal($$"""{"success":true,"ret_msg":"subscribe","conn_id":"{{id}}","req_id":"10001","op":"subscribe"}""", Text(replies[0]));
        var snapshot = BybitMessage.Parse(replies[1]);
        Assert.Equal(("snapshot", Btc, sim.Bybit.LastUpdateId("BTCUSDT")), (snapshot.Type, snapshot.Topic, snapshot.U));
        Assert.Equal([Btc], session.Topics);

        var step = sim.Step(SimClock.At(1)).Bybit;
        Assert.NotNull(session.Select(step.Single(o => o.Symbol == "BTCUSDT")));
        Assert.Null(session.Select(step.Single(o => o.Symbol == "ETHUSDT")));

        Assert.Equal($$"""{"success":true,"ret_msg":"unsubscribe","conn_id":"{{id}}","req_id":"2","op":"unsubscribe"}""", Text(Assert.Single(session.Receive("""{"req_id":"2","op":"unsubscribe","args":["orderbook.50.BTCUSDT"]}"""))));
        Assert.Empty(session.Topics);
        Assert.All(sim.Step(SimClock.At(2)).Bybit, o => Assert.Null(session.Select(o)));
    }

    [Theory]
    [InlineData("""{"req_id":"3","op":"subscribe","args":["orderbook.50.DOGEUSDT"]}""", "error:handler not found,topic:orderbook.50.DOGEUSDT", "3", "subscribe")]
    [InlineData("""{"req_id":"4","op":"subscribe","args":["orderbook.200.BTCUSDT"]}""", "error:handler not found,topic:orderbook.200.BTCUSDT", "4", "subscribe")]
    [InlineData("""{"req_id":"5","op":"subscribe","args":["orderbook.50.ETHUSDT","orderbook.50.ETHUSDT"]}""", "error:already subscribed,topic:orderbook.50.ETHUSDT", "5", "subscribe")]
    [InlineData("""{"req_id":"6","op":"subscribe","args":[]}""", "error:args is empty", "6", "subscribe")]
    [InlineData("""{"op":"subscribe","args":["a","b","c","d","e","f","g","h","i","j","k"]}""", "args size >10", "", "subscribe")]
    [InlineData("""{"req_id":"7","op":"auth","args":[]}""", "error:unsupported op 'auth'", "7", "auth")]
    public void Receive_BadRequest_FailureReplyAndNothingSubscribed(string request, string message, string reqId, string op)
    {
        var session = Open(new Simulation(new SimulatorOptions(), SimClock.Start));

        var reply = BybitMessage.Reply(Assert.Single(session.Receive(request)));

        Assert.Equal((false, message, session.ConnectionId, reqId, op), reply);
        Assert.Empty(session.Topics);
    }

    [Fact]
    public void Receive_TopicAlreadySubscribed_Refused()
    {
        var session = Open(new Simulation(new SimulatorOptions(), SimClock.Start));
        Assert.Equal(2, session.Receive("""{"req_id":"1","op":"subscribe","args":["orderbook.50.BTCUSDT"]}""").Count);

        var reply = BybitMessage.Reply(Assert.Single(session.Receive("""{"req_id":"2","op":"subscribe","args":["orderbook.50.ETHUSDT","orderbook.50.BTCUSDT"]}""")));

        Assert.Equal((false, "error:already subscribed,topic:orderbook.50.BTCUSDT"), (reply.Success, reply.Message));
        Assert.Equal([Btc], session.Topics);
    }

    [Fact]
    public void Receive_NotJson_DecodeFailure()
    {
        var session = Open(new Simulation(new SimulatorOptions(), SimClock.Start));
        var reply = BybitMessage.Reply(Assert.Single(session.Receive("{nope")));
        Assert.False(reply.Success);
        Assert.StartsWith("Failed to decode incoming data:", reply.Message, StringComparison.Ordinal);
        Assert.Equal(("", ""), (reply.ReqId, reply.Op));
        Assert.False(BybitMessage.Reply(Assert.Single(session.Receive("[1]"))).Success);
    }

    [Fact]
    public void RateLimitedReply_FailureNamingTheRequest()
    {
        var session = Open(new Simulation(new SimulatorOptions(), SimClock.Start));
        var reply = BybitMessage.Reply(Assert.Single(session.RateLimitedReply("""{"req_id":"9","op":"subscribe","args":["orderbook.50.BTCUSDT"]}""")!));
        Assert.Equal((false, "Too many visits!", session.ConnectionId, "9", "subscribe"), reply);
        Assert.Empty(session.Topics);
        var unreadable = BybitMessage.Reply(Assert.Single(session.RateLimitedReply("garbage")!));
        Assert.Equal((false, "Too many visits!", "", ""), (unreadable.Success, unreadable.Message, unreadable.ReqId, unreadable.Op));
    }

    [Fact]
    public void Limits_DocumentedConnectionsAndTheAdaptersMessageRate()
    {
        var venue = new Simulation(new SimulatorOptions(), SimClock.Start).Bybit;
        Assert.Equal(new SimRateLimit(500, TimeSpan.FromMinutes(5)), venue.ConnectLimit);
        Assert.Equal(new SimRateLimit(10, TimeSpan.FromSeconds(1)), venue.MessageLimit);
        Assert.Equal(
            [FaultKind.SequenceGap, FaultKind.Duplicate, FaultKind.Reorder, FaultKind.DroppedConnection, FaultKind.SilentStall, FaultKind.MalformedFrame, FaultKind.CrossedBook, FaultKind.SequenceReset, FaultKind.SubscribeRefused, FaultKind.ConnectionRefused],
            venue.SupportedFaults.Order());
        Assert.Throws<ArgumentException>(() => venue.InjectFault(FaultKind.ChecksumCorruption));
    }

    [Fact]
    public void TryAdmitConnection_Over500In5Minutes_RefusedAndCounted()
    {
        var venue = new Simulation(new SimulatorOptions(), SimClock.Start).Bybit;
        for (var i = 0; i < 500; i++)
        {
            Assert.True(venue.TryAdmitConnection(SimClock.Start + (i * 1000L), out _));
        }

        Assert.False(venue.TryAdmitConnection(SimClock.Start + 600_000, out var rejection));
        Assert.Equal(429, rejection!.StatusCode);
        Assert.Equal(1, venue.Limits.ConnectBreaches);
        Assert.True(venue.TryAdmitConnection(SimClock.Start + 300_000_000 + 1, out _)); // the first has left the window
    }

    [Fact]
    public void TryGetTruth_UnknownSequenceOrSymbol_ReturnsFalse()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var u = sim.Step(SimClock.At(1)).Bybit[0].Sequence;
        Assert.True(sim.Bybit.TryGetTruth("BTCUSDT", u, out _, out _));
        Assert.False(sim.Bybit.TryGetTruth("BTCUSDT", u + 1, out _, out _));
        Assert.False(sim.Bybit.TryGetTruth("BTC-USDT", u, out _, out _));
    }

    [Fact]
    public async Task Server_RealSocket_SubscribeSnapshotDeltasAndTheMessageLimit()
    {
        await using var server = new SimulatorServer(new SimulatorOptions { Seed = 107, StepInterval = TimeSpan.FromMilliseconds(20) }.Only(VenueId.Bybit));
        await server.StartAsync();
        using var http = new HttpClient();
        var info = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.RestBase(VenueId.Bybit), "/v5/market/instruments-info?category=spot"))).RootElement;
        Assert.Equal("BTCUSDT", info.GetProperty("result").GetProperty("list")[0].GetProperty("symbol").GetString());

        using var socket = await WebSocketText.ConnectAsync(new Uri(server.WsBase(VenueId.Bybit), "/v5/public/spot"));
        await WebSocketText.SendAsync(socket, """{"req_id":"1","op":"subscribe","args":["orderbook.50.XRPUSDT"]}""");
        var (type, ack) = await WebSocketText.ReceiveMessageAsync(socket);
        Assert.Equal(System.Net.WebSockets.WebSocketMessageType.Text, type);
        Assert.True(BybitMessage.Reply(ack).Success);
        var snapshot = BybitMessage.Parse(await WebSocketText.ReceiveAsync(socket));
        Assert.Equal("snapshot", snapshot.Type);
        var u = snapshot.U;
        for (var i = 0; i < 5; i++)
        {
            var delta = BybitMessage.Parse(await WebSocketText.ReceiveAsync(socket));
            Assert.Equal(("delta", u + 1), (delta.Type, delta.U));
            u = delta.U;
        }

        // Ten messages in a second are allowed; the eleventh is refused with a failure reply and counted.
        for (var i = 0; i < 11; i++)
        {
            await WebSocketText.SendAsync(socket, "{\"req_id\":\"p" + i + "\",\"op\":\"ping\"}");
        }

        var refused = 0;
        var pongs = 0;
        while (refused + pongs < 11)
        {
            var bytes = await WebSocketText.ReceiveAsync(socket);
            if (!BybitMessage.TryParse(bytes, out _))
            {
                var reply = BybitMessage.Reply(bytes);
                pongs += reply.Success ? 1 : 0;
                refused += reply.Success ? 0 : 1;
                Assert.Equal(reply.Success ? "pong" : "Too many visits!", reply.Message);
            }
        }

        Assert.True(refused >= 1, "the eleventh message within a second is refused");
        Assert.Equal(refused, server.Simulation.Bybit.Limits.MessageBreaches);
        Assert.Null(server.Simulation.Bybit.OpenSession("/v5/public/linear", out _));
    }

    internal static BybitSimSession Open(Simulation sim) => (BybitSimSession)sim.Bybit.OpenSession("/v5/public/spot", out _)!;

    private static (TruthLevel[] Bids, TruthLevel[] Asks) AssertTruth(Simulation sim, string symbol, LocalBook book)
    {
        Assert.True(sim.Bybit.TryGetTruth(symbol, book.LastUpdateId, out var bids, out var asks));
        Assert.Equal(bids, book.Bids);
        Assert.Equal(asks, book.Asks);
        return (bids, asks);
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
