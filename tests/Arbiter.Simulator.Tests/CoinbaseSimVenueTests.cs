using System.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class CoinbaseSimVenueTests
{
    private const string Btc = "BTC-USD";

    [Fact]
    public void Symbols_AreBaseDashUsd_AndCoinbaseIsEnabledByDefault()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        Assert.Equal(["BTC-USD", "ETH-USD", "XRP-USD", "USDT-USD"], sim.Coinbase.Symbols);
        Assert.Contains(VenueId.Coinbase, new SimulatorOptions().EnabledVenues);
        Assert.False(sim.Coinbase.SendsBinaryFrames);
    }

    [Fact]
    public void Subscribe_Level2_OneSnapshotMessagePerProductEqualToTruthThenTheSubscriptionsAnswer()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 3 }, SimClock.Start);
        for (var step = 1; step <= 5; step++)
        {
            sim.Step(SimClock.At(step));
        }

        var session = (CoinbaseSimSession)sim.Coinbase.OpenSession("/", out _)!;
        var replies = session.Receive(CoinbaseClient.Subscribe("level2", "BTC-USD", "XRP-USD")).Select(CoinbaseMessage.Parse).ToList();

        Assert.Equal(3, replies.Count);
        Assert.Equal([0L, 1L, 2L], replies.Select(r => r.SequenceNum));
        for (var i = 0; i < 2; i++)
        {
            var message = replies[i];
            Assert.Equal("l2_data", message.Channel);
            var e = Assert.Single(message.L2Events());
            Assert.Equal("snapshot", e.Type);
            Assert.Equal(i == 0 ? "BTC-USD" : "XRP-USD", e.ProductId);
            Assert.All(e.Updates, u => Assert.Equal("1970-01-01T00:00:00Z", u.EventTime));
            Assert.All(e.Updates, u => Assert.True(u.Quantity > 0));
            var truth = sim.Coinbase.CurrentBook(e.ProductId);
            Assert.Equal(truth.Sequence, message.TimestampMicros);
            Assert.Equal(truth.Bids, e.Side("bid").Select(l => new TruthLevel(l.Price, l.Quantity)));
            Assert.Equal(truth.Asks, e.Side("offer").Select(l => new TruthLevel(l.Price, l.Quantity)));
            Assert.Equal(50, truth.Bids.Length);
        }

        Assert.Equal("subscriptions", replies[2].Channel);
        Assert.Equal("""{"level2":["BTC-USD","XRP-USD"]}""", replies[2].Events[0].GetProperty("subscriptions").GetRawText());
        Assert.Equal(["BTC-USD", "XRP-USD"], session.Level2Products);

        var heartbeats = CoinbaseMessage.Parse(Assert.Single(session.Receive(CoinbaseClient.Subscribe("heartbeats", "BTC-USD"))));
        Assert.Equal(3, heartbeats.SequenceNum);
        Assert.Equal("""{"level2":["BTC-USD","XRP-USD"],"heartbeats":["heartbeats"]}""", heartbeats.Events[0].GetProperty("subscriptions").GetRawText());
    }

    [Fact]
    public void Step_UpdatesApplyOnTheSnapshot_ToTheTruthAtEachTimestamp_WithSequenceNumCountedPerConnection()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 21 }, SimClock.Start);
        var client = new CoinbaseClient(sim);
        for (var step = 1; step <= 1500; step++)
        {
            client.Step(step);
        }

        var lastTimestamp = new Dictionary<string, long>();
        var updates = 0;
        var heartbeats = 0;
        for (var i = 0; i < client.Received.Count; i++)
        {
            var (bytes, output) = client.Received[i];
            var message = CoinbaseMessage.Parse(bytes);
            Assert.Equal(i, message.SequenceNum); // every message of the connection, one after the other
            if (message.Channel == "heartbeats")
            {
                heartbeats++;
                continue;
            }

            if (message.Channel != "l2_data")
            {
                Assert.Equal("subscriptions", message.Channel);
                continue;
            }

            var e = Assert.Single(message.L2Events()); // one event per product per message
            Assert.True(message.TimestampMicros > lastTimestamp.GetValueOrDefault(e.ProductId), "timestamps must increase strictly per product");
            lastTimestamp[e.ProductId] = message.TimestampMicros;
            client.Apply(message);
            Assert.True(sim.Coinbase.TryGetTruth(e.ProductId, message.TimestampMicros, out var bids, out var asks));
            Assert.Equal(bids, client.Books[e.ProductId].Bids);
            Assert.Equal(asks, client.Books[e.ProductId].Asks);
            if (e.Type == "update")
            {
                updates++;
                Assert.Equal(output!.Sequence, message.TimestampMicros);
                Assert.All(e.Updates, u => Assert.Equal(message.TimestampMicros, CoinbaseMessage.ParseRfc3339Micros(u.EventTime)));
            }
        }

        Assert.True(updates >= 1500 * 3 * 9 / 10, $"only {updates} updates");
        Assert.Equal(150, heartbeats); // one per second of 150 s
    }

    [Fact]
    public void Step_UpdateMessage_HasTheDocumentedEnvelopeAndPlainDecimalStrings()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 4 }, SimClock.Start);
        var output = sim.Step(SimClock.At(1)).Coinbase.Single(o => o.Symbol == Btc);
        var text = Encoding.UTF8.GetString(output.Bytes);

        Assert.Matches("""^\{"channel":"l2_data","client_id":"","timestamp":"2026-01-01T00:00:00\.1[0-9]*Z","sequence_num":0,"events":\[\{"type":"update","product_id":"BTC-USD","updates":\[\{"side":"(bid|offer)","event_time":"2026-01-01T00:00:00\.1[0-9]*Z","price_level":"[0-9]+(\.[0-9]*[1-9])?","new_quantity":"[0-9]+(\.[0-9]*[1-9])?"\}""", text);
        Assert.EndsWith("}]}]}", text, StringComparison.Ordinal);
        Assert.Equal(1, output.FirstSequence); // the product's first message
        Assert.Equal(SimClock.At(1), output.Sequence);
    }

    [Theory]
    [InlineData(1_767_225_600_000_000, "2026-01-01T00:00:00Z")]
    [InlineData(1_767_225_600_100_000, "2026-01-01T00:00:00.1Z")]
    [InlineData(1_767_225_600_123_456, "2026-01-01T00:00:00.123456Z")]
    public void Timestamp_WithoutSubMicroDigits_IsGoRfc3339NanoTrimmed(long micros, string expectedPrefix)
    {
        var text = CoinbaseFrames.Timestamp(micros);
        if (CoinbaseFrames.SubMicroNanos(micros) == 0)
        {
            Assert.Equal(expectedPrefix, text);
        }

        Assert.Equal(micros, CoinbaseMessage.ParseRfc3339Micros(text));
    }

    [Fact]
    public void Timestamp_SubMicroDigits_VaryAndAreSometimesAbsent()
    {
        var subs = Enumerable.Range(0, 400).Select(i => CoinbaseFrames.SubMicroNanos(SimClock.At(i))).ToList();
        Assert.Contains(0L, subs);
        Assert.True(subs.Distinct().Count() > 100);
        Assert.All(subs, s => Assert.InRange(s, 0, 999));
        Assert.All(Enumerable.Range(0, 400), i => Assert.Equal(SimClock.At(i), CoinbaseMessage.ParseRfc3339Micros(CoinbaseFrames.Timestamp(SimClock.At(i)))));
    }

    [Fact]
    public void Heartbeats_EverySecondOnlyWhileSubscribed_WithAPerConnectionCounter()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 5 }, SimClock.Start);
        var client = new CoinbaseClient(sim, subscribe: false);
        client.Send(CoinbaseClient.Subscribe("heartbeats", Btc));
        for (var step = 1; step <= 35; step++)
        {
            client.Step(step);
        }

        client.Send(CoinbaseClient.Unsubscribe("heartbeats", Btc));
        for (var step = 36; step <= 60; step++)
        {
            client.Step(step);
        }

        var messages = client.Received.Select(r => CoinbaseMessage.Parse(r.Bytes)).ToList();
        var beats = messages.Where(m => m.Channel == "heartbeats").ToList();
        Assert.Equal(3, beats.Count);
        Assert.Equal([1L, 2L, 3L], beats.Select(b => b.Events[0].GetProperty("heartbeat_counter").GetInt64()));
        Assert.Equal([SimClock.At(10), SimClock.At(20), SimClock.At(30)], beats.Select(b => b.TimestampMicros));
        Assert.Matches("""^2026-01-01 00:00:01(\.[0-9]*[1-9])? \+0000 UTC m=\+1\.000000000$""", beats[0].Events[0].GetProperty("current_time").GetString()!);
        Assert.Equal(Enumerable.Range(0, messages.Count).Select(i => (long)i), messages.Select(m => m.SequenceNum));
        Assert.Equal("""{}""", messages[^1].Events[0].GetProperty("subscriptions").GetRawText());
        Assert.DoesNotContain(messages, m => m.Channel == "l2_data");
    }

    [Fact]
    public void Unsubscribe_Level2_StopsThatProductOnly()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 6 }, SimClock.Start);
        var client = new CoinbaseClient(sim);
        client.Step(1);
        var answer = CoinbaseMessage.Parse(Assert.Single(client.Send(CoinbaseClient.Unsubscribe("level2", "ETH-USD"))));
        Assert.Equal("""{"level2":["BTC-USD","XRP-USD","USDT-USD"],"heartbeats":["heartbeats"]}""", answer.Events[0].GetProperty("subscriptions").GetRawText());
        var before = client.Received.Count;
        for (var step = 2; step <= 30; step++)
        {
            client.Step(step);
        }

        var products = client.Received.Skip(before).Select(r => r.Output?.Symbol).Where(s => !string.IsNullOrEmpty(s)).ToHashSet();
        Assert.Equal(["BTC-USD", "USDT-USD", "XRP-USD"], products.Order());
    }

    [Theory]
    [InlineData("""{"type":"subscribe","product_ids":["BTC-USD"],"channels":["level2","heartbeats"]}""", "channel is required: one channel per message")]
    [InlineData("""{"type":"subscribe","product_ids":["BTC-USD"],"channel":"ticker"}""", "channel ticker is not simulated; level2 and heartbeats are")]
    [InlineData("""{"type":"subscribe","product_ids":["BTC-USDT"],"channel":"level2"}""", "invalid product_id \"BTC-USDT\"")]
    [InlineData("""{"type":"subscribe","channel":"level2"}""", "level2 requires product_ids")]
    [InlineData("""{"type":"ping"}""", "unknown message type ping")]
    [InlineData("""{"type":""", "failure to parse message")]
    public void Receive_BadRequest_CoinbaseErrorWithoutSequenceNum(string request, string message)
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var session = (CoinbaseSimSession)sim.Coinbase.OpenSession("/", out _)!;
        var reply = CoinbaseMessage.Parse(Assert.Single(session.Receive(request)));
        Assert.Equal("error", reply.Type);
        Assert.Equal(message, reply.Message);
        Assert.Equal(-1, reply.SequenceNum);
        Assert.Equal(0, session.NextSequenceNum);
        Assert.Empty(session.Level2Products);
    }

    [Fact]
    public void Select_NoSubscribeWithin5Seconds_ConnectionClosed()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var idle = new CoinbaseClient(sim, subscribe: false);
        var late = (CoinbaseSimSession)sim.Coinbase.OpenSession("/", out _)!;
        var subscribed = (CoinbaseSimSession)sim.Coinbase.OpenSession("/", out _)!;
        subscribed.Receive(CoinbaseClient.Subscribe("heartbeats", Btc));
        for (var step = 1; step <= 60; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Coinbase)
            {
                idle.Session.Select(output);
                late.Select(output);
                subscribed.Select(output);
            }

            Assert.Equal(step >= 50, idle.Session.CloseRequested);
            if (step == 49)
            {
                late.Receive(CoinbaseClient.Subscribe("level2", Btc)); // just in time
            }
        }

        Assert.False(late.CloseRequested);
        Assert.False(subscribed.CloseRequested);
    }

    [Fact]
    public void OpenSession_OnlyTheRootPath()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        Assert.NotNull(sim.Coinbase.OpenSession("/", out _));
        Assert.Null(sim.Coinbase.OpenSession("/ws", out var rejection));
        Assert.Equal(404, rejection!.StatusCode);
        Assert.Equal("NOT_FOUND", JsonDocument.Parse(rejection.Body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void Rest_Products_ListsTheOnlineProductsWithTheirIncrementsAndNonTradableOnes()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var response = sim.Coinbase.HandleRest("/api/v3/brokerage/market/products?product_type=SPOT");
        Assert.Equal(200, response.StatusCode);
        using var document = JsonDocument.Parse(response.Body);
        var products = document.RootElement.GetProperty("products").EnumerateArray().ToList();
        Assert.Equal(products.Count, document.RootElement.GetProperty("num_products").GetInt32());
        var byId = products.ToDictionary(p => p.GetProperty("product_id").GetString()!);
        Assert.Equal(["BTC-USD", "ETH-USD", "LUNA-USD", "USDT-USD", "XRP-USD", "ZEC-USD"], byId.Keys.Order());
        foreach (var (id, tick, lot) in new[] { ("BTC-USD", "0.01", "0.00001"), ("ETH-USD", "0.01", "0.0001"), ("XRP-USD", "0.0001", "0.1") })
        {
            var p = byId[id];
            Assert.Equal("online", p.GetProperty("status").GetString());
            Assert.False(p.GetProperty("trading_disabled").GetBoolean());
            Assert.Equal("SPOT", p.GetProperty("product_type").GetString());
            Assert.Equal(tick, p.GetProperty("price_increment").GetString());
            Assert.Equal(tick, p.GetProperty("quote_increment").GetString());
            Assert.Equal(lot, p.GetProperty("base_increment").GetString());
            Assert.Equal("USD", p.GetProperty("quote_currency_id").GetString());
        }

        Assert.Equal("delisted", byId["LUNA-USD"].GetProperty("status").GetString());
        Assert.True(byId["LUNA-USD"].GetProperty("trading_disabled").GetBoolean());
        Assert.Equal("offline", byId["ZEC-USD"].GetProperty("status").GetString());

        using var futures = JsonDocument.Parse(sim.Coinbase.HandleRest("/api/v3/brokerage/market/products?product_type=FUTURE").Body);
        Assert.Equal(0, futures.RootElement.GetProperty("products").GetArrayLength());
        Assert.Equal(400, sim.Coinbase.HandleRest("/api/v3/brokerage/market/products?product_type=OPTION").StatusCode);
    }

    [Fact]
    public void Rest_ProductBook_TopLevelsOfTheLatestTruth()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 12 }, SimClock.Start);
        for (var step = 1; step <= 20; step++)
        {
            sim.Step(SimClock.At(step));
        }

        var response = sim.Coinbase.HandleRest("/api/v3/brokerage/market/product_book?product_id=ETH-USD&limit=5");
        Assert.Equal(200, response.StatusCode);
        using var document = JsonDocument.Parse(response.Body);
        var book = document.RootElement.GetProperty("pricebook");
        Assert.Equal("ETH-USD", book.GetProperty("product_id").GetString());
        Assert.Equal(SimClock.At(20), CoinbaseMessage.ParseRfc3339Micros(book.GetProperty("time").GetString()!));
        var truth = sim.Coinbase.CurrentBook("ETH-USD");
        Assert.Equal(truth.Bids.Take(5), Levels(book.GetProperty("bids")));
        Assert.Equal(truth.Asks.Take(5), Levels(book.GetProperty("asks")));

        using var full = JsonDocument.Parse(sim.Coinbase.HandleRest("/api/v3/brokerage/market/product_book?product_id=ETH-USD").Body);
        Assert.Equal(truth.Bids, Levels(full.RootElement.GetProperty("pricebook").GetProperty("bids")));

        Assert.Equal(400, sim.Coinbase.HandleRest("/api/v3/brokerage/market/product_book").StatusCode);
        Assert.Equal(404, sim.Coinbase.HandleRest("/api/v3/brokerage/market/product_book?product_id=DOGE-USD").StatusCode);
        Assert.Equal(400, sim.Coinbase.HandleRest("/api/v3/brokerage/market/product_book?product_id=ETH-USD&limit=x").StatusCode);
        var unknown = sim.Coinbase.HandleRest("/api/v3/brokerage/products");
        Assert.Equal(404, unknown.StatusCode);
        Assert.Equal("NOT_FOUND", JsonDocument.Parse(unknown.Body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void Limits_750ConnectsPerSecondAnd8MessagesPerSecondPerIp()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var venue = sim.Coinbase;
        Assert.Equal(new SimRateLimit(750, TimeSpan.FromSeconds(1)), venue.ConnectLimit);
        Assert.Equal(new SimRateLimit(8, TimeSpan.FromSeconds(1)), venue.MessageLimit);
        Assert.True(venue.MessageLimitPerIp);

        // One window for every connection: the 8 per second are shared.
        var first = venue.NewMessageWindow()!;
        Assert.Same(first, venue.NewMessageWindow());
        for (var i = 0; i < 8; i++)
        {
            Assert.True(first.TryAdd(SimClock.Start + i));
        }

        Assert.False(venue.NewMessageWindow()!.TryAdd(SimClock.Start + 10));
        Assert.True(first.TryAdd(SimClock.Start + 1_000_000));

        for (var i = 0; i < 750; i++)
        {
            Assert.True(venue.TryAdmitConnection(SimClock.Start + i, out _));
        }

        Assert.False(venue.TryAdmitConnection(SimClock.Start + 999, out var refused));
        Assert.Equal(429, refused!.StatusCode);
        Assert.Equal(1, venue.Limits.ConnectBreaches);

        var session = venue.OpenSession("/", out _)!;
        var reply = CoinbaseMessage.Parse(Assert.Single(session.RateLimitedReply("{}")!));
        Assert.Equal("error", reply.Type);
    }

    [Fact]
    public void SupportedFaults_CommonKindsAndSubscribeRefused()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        Assert.Equal(
            [FaultKind.SequenceGap, FaultKind.Duplicate, FaultKind.Reorder, FaultKind.DroppedConnection, FaultKind.SilentStall, FaultKind.MalformedFrame, FaultKind.CrossedBook, FaultKind.SubscribeRefused, FaultKind.ConnectionRefused],
            sim.Coinbase.SupportedFaults.Order());
        Assert.Throws<ArgumentException>(() => sim.Coinbase.InjectFault(FaultKind.ChecksumCorruption));
        Assert.Throws<ArgumentException>(() => sim.Coinbase.InjectFault(FaultKind.SequenceReset));
    }

    [Fact]
    public void Step_SameSeed_ByteIdenticalCoinbaseMessages()
    {
        static string Run()
        {
            var sim = new Simulation(new SimulatorOptions { Seed = 77 }, SimClock.Start);
            var client = new CoinbaseClient(sim);
            for (var step = 1; step <= 200; step++)
            {
                client.Step(step);
            }

            return string.Join("\n", client.Received.Select(r => Encoding.UTF8.GetString(r.Bytes)));
        }

        Assert.Equal(Run(), Run());
    }

    private static TruthLevel[] Levels(JsonElement side) =>
        [.. side.EnumerateArray().Select(l => new TruthLevel(decimal.Parse(l.GetProperty("price").GetString()!, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(l.GetProperty("size").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))];
}
