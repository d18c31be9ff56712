using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class GateIoSimVenueTests
{
    [Fact]
    public void Step_UpdatesAppliedToRestBook_ReproduceTruthAtEveryU()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 11 }, SimClock.Start);
        var books = new Dictionary<string, LocalBook>();
        foreach (var pair in sim.GateIo.Symbols)
        {
            var body = JsonDocument.Parse(sim.GateIo.HandleRest($"/api/v4/spot/order_book?currency_pair={pair}&limit=100&with_id=true").Body).RootElement;
            var book = new LocalBook { LastUpdateId = body.GetProperty("id").GetInt64() };
            book.Apply(GateIoMessage.Levels(body.GetProperty("bids")), bid: true);
            book.Apply(GateIoMessage.Levels(body.GetProperty("asks")), bid: false);
            Assert.True(sim.GateIo.TryGetTruth(pair, book.LastUpdateId, out var bids, out var asks));
            Assert.Equal(bids, book.Bids);
            Assert.Equal(asks, book.Asks);
            books[pair] = book;
        }

        var checkedFrames = 0;
        var fullFrames = 0;
        var spans = new HashSet<long>();
        for (var step = 1; step <= 1500; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).GateIo)
            {
                var message = GateIoMessage.Parse(output.Bytes);
                Assert.Same(output.Bytes, output.RawBytes);
                Assert.Equal(message.Pair, output.Symbol);
                Assert.Equal((message.FirstId, message.LastId), (output.FirstSequence, output.Sequence));
                Assert.Equal(SimClock.At(step) / 1000, message.T);
                Assert.Equal(message.T, message.TimeMs);
                Assert.Equal(message.T / 1000, message.Time);
                var book = books[message.Pair];
                Assert.Equal(book.LastUpdateId + 1, message.FirstId); // u rises by one per change, with no hole between notifications
                if (message.Full)
                {
                    fullFrames++;
                    Assert.Equal("100", message.Depth);
                    Assert.DoesNotContain(message.Bids.Concat(message.Asks), l => l.Quantity == 0);
                    book = books[message.Pair] = new LocalBook();
                }
                else
                {
                    Assert.Null(message.Depth);
                    spans.Add(message.LastId - message.FirstId - (message.Bids.Count + message.Asks.Count - 1));
                }

                book.Apply(message.Bids, bid: true);
                book.Apply(message.Asks, bid: false);
                book.LastUpdateId = message.LastId;
                Assert.True(sim.GateIo.TryGetTruth(message.Pair, message.LastId, out var bids, out var asks));
                Assert.Equal(bids, book.Bids);
                Assert.Equal(asks, book.Asks);
                Assert.Equal(50, bids.Length);
                Assert.Equal(50, asks.Length);
                checkedFrames++;
            }
        }

        Assert.True(checkedFrames >= 1500 * 3 * 9 / 10, $"only {checkedFrames} frames");
        Assert.InRange(fullFrames, 30, 180); // 2 % of the notifications, now and then
        Assert.Contains(0L, spans); // u - U + 1 == levels in some notifications
        Assert.True(spans.Count > 3, "u - U must vary beyond the number of levels");
    }

    [Fact]
    public void Step_Notification_HasGatesFieldsInGatesOrder()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var output = sim.Step(SimClock.At(1)).GateIo[0];
        Assert.Equal("BTC_USDT", output.Stream);
        Assert.StartsWith(
            "{\"time\":1767225600,\"time_ms\":1767225600100,\"channel\":\"spot.order_book_update\",\"event\":\"update\",\"result\":{\"t\":1767225600100,\"e\":\"depthUpdate\",\"E\":1767225600,\"s\":\"BTC_USDT\",\"U\":",
            Encoding.UTF8.GetString(output.Bytes),
            StringComparison.Ordinal);
        Assert.EndsWith("]]}}", Encoding.UTF8.GetString(output.Bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Step_PricesAndAmounts_AreOnTheTickAndLotGrid()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 3 }, SimClock.Start);
        var grid = new Dictionary<string, (decimal Tick, decimal Lot)> { ["BTC_USDT"] = (0.01m, 0.00001m), ["ETH_USDT"] = (0.01m, 0.0001m), ["XRP_USDT"] = (0.0001m, 0.1m) };
        var levels = 0;
        for (var step = 1; step <= 500; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).GateIo)
            {
                var message = GateIoMessage.Parse(output.Bytes);
                var (tick, lot) = grid[message.Pair];
                foreach (var (price, quantity) in message.Bids.Concat(message.Asks))
                {
                    Assert.Equal(0m, price % tick);
                    Assert.Equal(0m, quantity % lot);
                    levels++;
                }
            }
        }

        Assert.True(levels > 5000, $"only {levels} levels checked");
    }

    [Fact]
    public void LevelsPerSide_Above100_PublishesTheStreamsTop100()
    {
        var options = new SimulatorOptions { Seed = 4 };
        options.GateIo.LevelsPerSide = 150;
        var sim = new Simulation(options, SimClock.Start);
        Assert.Equal(100, sim.GateIo.PublishedLevels);
        for (var step = 1; step <= 20; step++)
        {
            sim.Step(SimClock.At(step));
        }

        var truth = sim.GateIo.CurrentBook("ETH_USDT");
        Assert.Equal(100, truth.Bids.Length);
        Assert.Equal(100, truth.Asks.Length);
    }

    [Fact]
    public void HandleRest_OrderBookWithId_ReturnsTopNBestFirstAtTheLatestId()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        sim.Step(SimClock.At(1));
        var response = sim.GateIo.HandleRest("/api/v4/spot/order_book?currency_pair=ETH_USDT&limit=5&with_id=true");
        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("{\"id\":", response.BodyText, StringComparison.Ordinal);
        var root = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(["id", "current", "update", "asks", "bids"], root.EnumerateObject().Select(p => p.Name));
        var id = root.GetProperty("id").GetInt64();
        Assert.Equal(sim.GateIo.LastUpdateId("ETH_USDT"), id);
        Assert.Equal(SimClock.At(1) / 1000, root.GetProperty("current").GetInt64());
        Assert.Equal(SimClock.At(1) / 1000, root.GetProperty("update").GetInt64());
        var truth = sim.GateIo.CurrentBook("ETH_USDT");
        Assert.Equal(id, truth.Sequence);
        Assert.Equal(truth.Bids.Take(5), GateIoMessage.Levels(root.GetProperty("bids")).Select(b => new TruthLevel(b.Price, b.Quantity)));
        Assert.Equal(truth.Asks.Take(5), GateIoMessage.Levels(root.GetProperty("asks")).Select(a => new TruthLevel(a.Price, a.Quantity)));

        var plain = JsonDocument.Parse(sim.GateIo.HandleRest("/api/v4/spot/order_book?currency_pair=ETH_USDT").Body).RootElement;
        Assert.False(plain.TryGetProperty("id", out _)); // only with_id=true carries the id
        Assert.Equal(10, plain.GetProperty("bids").GetArrayLength()); // Gate's default limit
        var deep = JsonDocument.Parse(sim.GateIo.HandleRest("/api/v4/spot/order_book?currency_pair=ETH_USDT&limit=1000&with_id=true").Body).RootElement;
        Assert.Equal(50, deep.GetProperty("asks").GetArrayLength()); // every published level, no more
    }

    [Theory]
    [InlineData("/api/v4/spot/order_book?currency_pair=DOGE_USDT", 400, "{\"label\":\"INVALID_CURRENCY_PAIR\",\"message\":\"Invalid currency pair DOGE_USDT\"}")]
    [InlineData("/api/v4/spot/order_book", 400, "{\"label\":\"MISSING_REQUIRED_PARAM\",\"message\":\"Missing required parameter: currency_pair\"}")]
    [InlineData("/api/v4/spot/order_book?currency_pair=BTC_USDT&limit=abc", 400, "{\"label\":\"INVALID_PARAM_VALUE\",\"message\":\"Invalid limit abc\"}")]
    [InlineData("/api/v4/spot/tickers", 404, "{\"label\":\"NOT_FOUND\",\"message\":\"Unknown path /api/v4/spot/tickers\"}")]
    public void HandleRest_BadRequest_AnswersGateError(string path, int status, string body)
    {
        var response = new Simulation(new SimulatorOptions(), SimClock.Start).GateIo.HandleRest(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(body, response.BodyText);
    }

    [Fact]
    public void HandleRest_CurrencyPairs_ListsPrecisionsAndOneUntradablePair()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var pairs = JsonDocument.Parse(sim.GateIo.HandleRest("/api/v4/spot/currency_pairs").Body).RootElement.EnumerateArray().ToList();
        Assert.Equal(["BTC_USDT", "ETH_USDT", "XRP_USDT", "LUNA_USDT"], pairs.Select(p => p.GetProperty("id").GetString()));
        Assert.Equal(["tradable", "tradable", "tradable", "untradable"], pairs.Select(p => p.GetProperty("trade_status").GetString()));
        Assert.Equal([2, 2, 4, 4], pairs.Select(p => p.GetProperty("precision").GetInt32()));
        Assert.Equal([5, 4, 1, 2], pairs.Select(p => p.GetProperty("amount_precision").GetInt32()));
        var xrp = pairs[2];
        Assert.Equal("XRP", xrp.GetProperty("base").GetString());
        Assert.Equal("USDT", xrp.GetProperty("quote").GetString());
        Assert.Equal("0.1", xrp.GetProperty("min_base_amount").GetString());
        Assert.Equal("0.2", xrp.GetProperty("fee").GetString());
    }

    [Fact]
    public void OpenSession_OnlyTheRealPath_IsAccepted()
    {
        var venue = new Simulation(new SimulatorOptions(), SimClock.Start).GateIo;
        Assert.IsType<GateIoSimSession>(venue.OpenSession("/ws/v4/", out var rejection));
        Assert.Null(rejection);
        Assert.Null(venue.OpenSession("/v4/ws/spot", out rejection));
        Assert.Equal(404, rejection!.StatusCode);
        Assert.Null(venue.OpenSession("/ws", out rejection));
        Assert.Equal(404, rejection!.StatusCode);
    }

    [Fact]
    public void Receive_SubscribeThenUnsubscribe_AcksAndRoutesThePair()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var session = (GateIoSimSession)sim.GateIo.OpenSession("/ws/v4/", out _)!;
        var step = sim.Step(SimClock.At(1)).GateIo;
        Assert.All(step, o => Assert.Null(session.Select(o)));

        Assert.Equal(
            "{\"time\":1767225600,\"time_ms\":1767225600100,\"channel\":\"spot.order_book_update\",\"event\":\"subscribe\",\"payload\":[\"ETH_USDT\",\"100ms\"],\"result\":{\"status\":\"success\"}}",
            Text(session.Receive("{\"time\":1767225600,\"channel\":\"spot.order_book_update\",\"event\":\"subscribe\",\"payload\":[\"ETH_USDT\",\"100ms\"]}")));
        Assert.Equal(["ETH_USDT"], session.Pairs);
        step = sim.Step(SimClock.At(2)).GateIo;
        var eth = step.Single(o => o.Symbol == "ETH_USDT");
        Assert.Same(eth.Bytes, session.Select(eth));
        Assert.Null(session.Select(step.Single(o => o.Symbol == "BTC_USDT")));

        var reply = JsonDocument.Parse(Text(session.Receive("{\"time\":1,\"id\":42,\"channel\":\"spot.order_book_update\",\"event\":\"unsubscribe\",\"payload\":[\"ETH_USDT\",\"100ms\"]}"))).RootElement;
        Assert.Equal(42, reply.GetProperty("id").GetInt64());
        Assert.Equal("unsubscribe", reply.GetProperty("event").GetString());
        Assert.Equal("success", reply.GetProperty("result").GetProperty("status").GetString());
        Assert.Empty(session.Pairs);
    }

    [Fact]
    public void Receive_SpotPing_AnswersSpotPong()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var session = sim.GateIo.OpenSession("/ws/v4/", out _)!;
        Assert.Equal(
            "{\"time\":1767225600,\"time_ms\":1767225600000,\"channel\":\"spot.pong\",\"event\":\"\",\"error\":null,\"result\":null}",
            Text(session.Receive("{\"time\":0,\"channel\":\"spot.ping\"}")));
    }

    [Theory]
    [InlineData("{\"time\":1,\"channel\":\"spot.order_book_update\",\"event\":\"subscribe\",\"payload\":[\"DOGE_USDT\",\"100ms\"]}", 2, "unknown currency pair DOGE_USDT")]
    [InlineData("{\"time\":1,\"channel\":\"spot.order_book_update\",\"event\":\"subscribe\",\"payload\":[\"BTC_USDT\",\"20ms\"]}", 2, "Invalid argument provided: interval 20ms is not simulated (only 100ms)")]
    [InlineData("{\"time\":1,\"channel\":\"spot.order_book_update\",\"event\":\"subscribe\",\"payload\":[\"BTC_USDT\"]}", 2, "Invalid argument provided: payload must be [currency_pair, interval]")]
    [InlineData("{\"time\":1,\"channel\":\"spot.trades\",\"event\":\"subscribe\",\"payload\":[\"BTC_USDT\"]}", 2, "channel spot.trades is not simulated")]
    [InlineData("{\"time\":1,\"channel\":\"spot.order_book_update\",\"payload\":[\"BTC_USDT\",\"100ms\"]}", 1, "Invalid request body format")]
    [InlineData("{nope", 1, "Invalid request body format")]
    public void Receive_BadRequest_AnswersGateError(string request, int code, string message)
    {
        var session = new Simulation(new SimulatorOptions(), SimClock.Start).GateIo.OpenSession("/ws/v4/", out _)!;
        var reply = JsonDocument.Parse(Text(session.Receive(request))).RootElement;
        Assert.Equal(code, reply.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(message, reply.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("fail", reply.GetProperty("result").GetProperty("status").GetString());
        Assert.Empty(((GateIoSimSession)session).Pairs);
    }

    [Fact]
    public void RateLimitedReply_RefusesTheRequestAndKeepsTheConnection()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var session = (GateIoSimSession)sim.GateIo.OpenSession("/ws/v4/", out _)!;
        var refusal = session.RateLimitedReply("{\"time\":1,\"channel\":\"spot.order_book_update\",\"event\":\"subscribe\",\"payload\":[\"BTC_USDT\",\"100ms\"]}");
        var reply = JsonDocument.Parse(Text(Assert.IsAssignableFrom<IReadOnlyList<byte[]>>(refusal))).RootElement;
        Assert.Equal(3, reply.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("BTC_USDT", reply.GetProperty("payload")[0].GetString());
        Assert.Empty(session.Pairs);
        Assert.Equal(new SimRateLimit(10, TimeSpan.FromSeconds(1)), sim.GateIo.MessageLimit);
        Assert.Equal(new SimRateLimit(10, TimeSpan.FromSeconds(10)), sim.GateIo.ConnectLimit);
    }

    [Fact]
    public async Task Socket_SubscribePingAndMessageLimit_AnswerLikeGate()
    {
        await using var server = new SimulatorServer(new SimulatorOptions { Seed = 101, StepInterval = TimeSpan.FromMilliseconds(20) });
        await server.StartAsync();
        using var http = new HttpClient();
        var pairs = await http.GetAsync(new Uri(server.RestBase(VenueId.GateIo), "/api/v4/spot/currency_pairs"));
        Assert.Equal(HttpStatusCode.OK, pairs.StatusCode);

        using var socket = await WebSocketText.ConnectAsync(new Uri(server.WsBase(VenueId.GateIo), "/ws/v4/"));
        var subscribed = System.Diagnostics.Stopwatch.StartNew();
        await WebSocketText.SendAsync(socket, "{\"time\":1,\"channel\":\"spot.order_book_update\",\"event\":\"subscribe\",\"payload\":[\"BTC_USDT\",\"100ms\"]}");
        var (type, ack) = await WebSocketText.ReceiveMessageAsync(socket);
        Assert.Equal(WebSocketMessageType.Text, type);
        Assert.Equal("success", JsonDocument.Parse(ack).RootElement.GetProperty("result").GetProperty("status").GetString());
        long? last = null;
        for (var i = 0; i < 5; i++)
        {
            var message = GateIoMessage.Parse(await WebSocketText.ReceiveAsync(socket));
            Assert.Equal("BTC_USDT", message.Pair);
            Assert.True(last is null || message.FirstId == last + 1);
            last = message.LastId;
            Assert.True(server.Simulation.GateIo.TryGetTruth("BTC_USDT", message.LastId, out _, out _));
        }

        // 10 messages per second are accepted; the 11th is refused and the socket stays open. The subscribe is first let
        // out of the one-second window (the wall clock decides it), so exactly the pings count.
        var outOfWindow = TimeSpan.FromMilliseconds(1100) - subscribed.Elapsed;
        if (outOfWindow > TimeSpan.Zero)
        {
            await Task.Delay(outOfWindow);
        }

        for (var i = 0; i < 11; i++)
        {
            await WebSocketText.SendAsync(socket, "{\"time\":1,\"channel\":\"spot.ping\"}");
        }

        var pongs = 0;
        var refused = 0;
        while (pongs + refused < 11)
        {
            var root = JsonDocument.Parse(await WebSocketText.ReceiveAsync(socket)).RootElement;
            var channel = root.GetProperty("channel").GetString();
            pongs += channel == "spot.pong" ? 1 : 0;
            refused += channel == "spot.ping" && root.GetProperty("error").GetProperty("code").GetInt32() == 3 ? 1 : 0;
        }

        Assert.Equal((10, 1), (pongs, refused));
        Assert.Equal(1, server.Simulation.GateIo.Limits.MessageBreaches);
        Assert.Equal("BTC_USDT", GateIoMessage.Parse(await ReceiveUpdateAsync(socket)).Pair);
    }

    private static async Task<byte[]> ReceiveUpdateAsync(ClientWebSocket socket)
    {
        while (true)
        {
            var bytes = await WebSocketText.ReceiveAsync(socket);
            if (GateIoMessage.TryParse(bytes, out _))
            {
                return bytes;
            }
        }
    }

    private static string Text(IReadOnlyList<byte[]> replies) => Encoding.UTF8.GetString(Assert.Single(replies));
}
