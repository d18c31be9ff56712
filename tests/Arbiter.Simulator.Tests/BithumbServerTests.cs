using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

/// <summary>The simulated Bithumb over real sockets: binary frames, REST paths, and the server's close after an error.</summary>
public sealed class BithumbServerTests
{
    private const string Subscribe = "[{\"ticket\":\"test\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"]},{\"format\":\"DEFAULT\"}]";

    [Fact]
    public async Task Socket_Subscription_SnapshotThenRealtimeAsBinaryFramesEqualToTruth()
    {
        await using var server = await StartAsync();
        using var socket = await WebSocketText.ConnectAsync(new Uri(server.WsBase(VenueId.Bithumb), "/websocket/v1"));
        await WebSocketText.SendAsync(socket, Subscribe);
        var (type, first) = await WebSocketText.ReceiveMessageAsync(socket);
        Assert.Equal(WebSocketMessageType.Binary, type); // Bithumb sends binary frames of UTF-8 JSON
        var snapshot = BithumbMessage.Parse(first);
        Assert.Equal(("KRW-BTC", "SNAPSHOT", 15), (snapshot.Code, snapshot.StreamType, snapshot.Units.Count));
        var (realtimeType, next) = await WebSocketText.ReceiveMessageAsync(socket);
        Assert.Equal(WebSocketMessageType.Binary, realtimeType);
        var realtime = BithumbMessage.Parse(next);
        Assert.Equal("REALTIME", realtime.StreamType);
        Assert.True(realtime.Timestamp > snapshot.Timestamp);
        Assert.True(server.Simulation.Bithumb.TryGetTruth("KRW-BTC", realtime.Timestamp, out var bids, out var asks));
        Assert.Equal(bids, realtime.Bids);
        Assert.Equal(asks, realtime.Asks);

        await WebSocketText.SendAsync(socket, "PING");
        var up = false;
        for (var i = 0; i < 200 && !up; i++)
        {
            up = await WebSocketText.ReceiveTextAsync(socket) == "{\"status\":\"UP\"}";
        }

        Assert.True(up, "no {\"status\":\"UP\"} after PING");
    }

    [Fact]
    public async Task Socket_BadRequest_ErrorThenTheServerClosesWith1000()
    {
        await using var server = await StartAsync();
        using var socket = await WebSocketText.ConnectAsync(new Uri(server.WsBase(VenueId.Bithumb), "/websocket/v1"));
        await WebSocketText.SendAsync(socket, "[{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"]}]");
        Assert.Equal("{\"error\":{\"name\":\"NO_TICKET\",\"message\":\"티켓이 존재하지 않거나, 유효하지 않습니다.\"}}", await WebSocketText.ReceiveTextAsync(socket));
        await ExpectCloseAsync(socket);
        await WaitUntilAsync(() => server.ConnectionCount(VenueId.Bithumb) == 0);
    }

    [Fact]
    public async Task Socket_OverFiveMessagesPerSecond_RefusedThenClosedAndCounted()
    {
        await using var server = await StartAsync();
        using var socket = await WebSocketText.ConnectAsync(new Uri(server.WsBase(VenueId.Bithumb), "/websocket/v1"));
        for (var i = 0; i < 6; i++)
        {
            await WebSocketText.SendAsync(socket, "PING");
        }

        string? refusal = null;
        for (var i = 0; i < 10 && refusal is null; i++)
        {
            var text = await WebSocketText.ReceiveTextAsync(socket);
            refusal = text.Contains("error", StringComparison.Ordinal) ? text : null;
        }

        Assert.Equal(BithumbSimSession.TooManyRequests, JsonDocument.Parse(refusal!).RootElement.GetProperty("error").GetProperty("name").GetString());
        await ExpectCloseAsync(socket);
        Assert.Equal(1, server.Simulation.Bithumb.Limits.MessageBreaches);
        Assert.Equal(5, server.Simulation.Bithumb.Limits.MessagesAccepted);
    }

    [Fact]
    public async Task Http_RealPaths_AnswerAsBithumbAndOtherWebSocketPathsAre404()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient();
        var markets = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.RestBase(VenueId.Bithumb), "/v1/market/all?isDetails=true"))).RootElement;
        Assert.Contains(markets.EnumerateArray(), m => m.GetProperty("market_warning").GetString() == "CAUTION");
        var book = BithumbMessage.Parse(JsonDocument.Parse(await http.GetStringAsync(new Uri(server.RestBase(VenueId.Bithumb), "/v1/orderbook?markets=KRW-ETH"))).RootElement[0]);
        Assert.Equal("KRW-ETH", book.Code);
        var missing = await http.GetAsync(new Uri(server.RestBase(VenueId.Bithumb), "/v1/ticker?markets=KRW-BTC"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(server.WsBase(VenueId.Bithumb), "/websocket/v2/private"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, socket.HttpStatusCode);
    }

    private static async Task<SimulatorServer> StartAsync()
    {
        var server = new SimulatorServer(new SimulatorOptions { Seed = 107, StepInterval = TimeSpan.FromMilliseconds(20) }.Only(VenueId.Bithumb));
        await server.StartAsync();
        return server;
    }

    /// <summary>Reads until the server's close frame (skipping books still in flight) and checks it is a normal closure.</summary>
    private static async Task ExpectCloseAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                Assert.Equal(WebSocketCloseStatus.NormalClosure, result.CloseStatus);
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
                return;
            }

            Assert.DoesNotContain("\"stream_type\"", Encoding.UTF8.GetString(buffer, 0, result.Count), StringComparison.Ordinal);
        }
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
