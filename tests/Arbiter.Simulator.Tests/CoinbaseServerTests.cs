using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

/// <summary>The simulated Coinbase over real sockets: its root WebSocket path, its REST paths, the subscribe deadline and the per-IP message limit.</summary>
public sealed class CoinbaseServerTests
{
    [Fact]
    public async Task WebSocket_SubscribeOverTheRootPath_SnapshotThenSubscriptionsThenUpdatesInSequence()
    {
        await using var server = new SimulatorServer(new SimulatorOptions { Seed = 111, StepInterval = TimeSpan.FromMilliseconds(20) }.Only(VenueId.Coinbase));
        await server.StartAsync();
        using var socket = await WebSocketText.ConnectAsync(server.WsBase(VenueId.Coinbase));
        await WebSocketText.SendAsync(socket, CoinbaseClient.Subscribe("level2", "ETH-USD"));

        var snapshot = CoinbaseMessage.Parse(await WebSocketText.ReceiveAsync(socket));
        Assert.Equal("snapshot", snapshot.L2Events().Single().Type);
        Assert.Equal(0, snapshot.SequenceNum);
        Assert.True(server.Simulation.Coinbase.TryGetTruth("ETH-USD", snapshot.TimestampMicros, out _, out _));
        var answer = CoinbaseMessage.Parse(await WebSocketText.ReceiveAsync(socket));
        Assert.Equal("subscriptions", answer.Channel);
        Assert.Equal(1, answer.SequenceNum);
        for (var expected = 2; expected < 12; expected++)
        {
            var update = CoinbaseMessage.Parse(await WebSocketText.ReceiveAsync(socket));
            Assert.Equal(expected, update.SequenceNum);
            Assert.Equal("update", update.L2Events().Single().Type);
            Assert.True(server.Simulation.Coinbase.TryGetTruth("ETH-USD", update.TimestampMicros, out _, out _));
        }

        await Assert.ThrowsAnyAsync<WebSocketException>(() => WebSocketText.ConnectAsync(new Uri(server.WsBase(VenueId.Coinbase), "/ws"))); // 404: only the root
    }

    [Fact]
    public async Task Rest_OverHttp_ProductsAndProductBook()
    {
        await using var server = new SimulatorServer(new SimulatorOptions { Seed = 112 }.Only(VenueId.Coinbase));
        await server.StartAsync();
        using var http = new HttpClient();
        var products = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.RestBase(VenueId.Coinbase), "/api/v3/brokerage/market/products?product_type=SPOT"))).RootElement;
        Assert.Contains(products.GetProperty("products").EnumerateArray(), p => p.GetProperty("product_id").GetString() == "BTC-USD" && p.GetProperty("status").GetString() == "online");
        var book = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.RestBase(VenueId.Coinbase), "/api/v3/brokerage/market/product_book?product_id=BTC-USD&limit=3"))).RootElement;
        Assert.Equal(3, book.GetProperty("pricebook").GetProperty("bids").GetArrayLength());
        var missing = await http.GetAsync(new Uri(server.RestBase(VenueId.Coinbase), "/api/v3/brokerage/nothing"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task WebSocket_NoSubscribeWithin5Seconds_ClosedByTheVenue()
    {
        var clock = new ManualTimeProvider(UnixMicros.ToDateTimeOffset(SimClock.Start));
        await using var server = new SimulatorServer(new SimulatorOptions { Seed = 113 }.Only(VenueId.Coinbase), clock);
        await server.StartAsync();
        using var idle = await WebSocketText.ConnectAsync(server.WsBase(VenueId.Coinbase));
        using var subscribed = await WebSocketText.ConnectAsync(server.WsBase(VenueId.Coinbase));
        await WebSocketText.SendAsync(subscribed, CoinbaseClient.Subscribe("heartbeats", "BTC-USD"));
        Assert.Equal("subscriptions", CoinbaseMessage.Parse(await WebSocketText.ReceiveAsync(subscribed)).Channel);
        await WaitUntilAsync(() => server.ConnectionCount(VenueId.Coinbase) == 2);

        clock.Advance(TimeSpan.FromSeconds(4)); // a step at 4 s: heartbeat, still within the deadline
        Assert.Equal("heartbeats", CoinbaseMessage.Parse(await WebSocketText.ReceiveAsync(subscribed)).Channel);
        Assert.Equal(2, server.ConnectionCount(VenueId.Coinbase));

        clock.Advance(TimeSpan.FromSeconds(1)); // 5 s: the idle one is closed
        await Assert.ThrowsAnyAsync<Exception>(() => WebSocketText.ReceiveAsync(idle));
        Assert.Equal("heartbeats", CoinbaseMessage.Parse(await WebSocketText.ReceiveAsync(subscribed)).Channel);
        await WaitUntilAsync(() => server.ConnectionCount(VenueId.Coinbase) == 1);
    }

    [Fact]
    public async Task WebSocket_MoreThan8MessagesPerSecondOverTwoConnections_RefusedWithAnErrorAndCounted()
    {
        await using var server = new SimulatorServer(new SimulatorOptions { Seed = 114, StepInterval = TimeSpan.FromSeconds(10) }.Only(VenueId.Coinbase));
        await server.StartAsync();
        using var a = await WebSocketText.ConnectAsync(server.WsBase(VenueId.Coinbase));
        using var b = await WebSocketText.ConnectAsync(server.WsBase(VenueId.Coinbase));
        var errors = 0;
        for (var i = 0; i < 5; i++)
        {
            foreach (var socket in new[] { a, b })
            {
                await WebSocketText.SendAsync(socket, CoinbaseClient.Subscribe("heartbeats", "BTC-USD"));
                var reply = CoinbaseMessage.Parse(await WebSocketText.ReceiveAsync(socket));
                errors += reply.Type == "error" ? 1 : 0;
            }
        }

        var venue = server.Simulation.Coinbase;
        Assert.True(errors >= 2, $"{errors} refusals"); // 10 messages, 8 allowed per second per IP (unless a second passed)
        Assert.Equal(errors, venue.Limits.MessageBreaches);
        Assert.Equal(10 - errors, venue.Limits.MessagesAccepted);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(5), "condition not met within 5 s");
            await Task.Delay(10);
        }
    }
}
