using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class SimulatorServerTests
{
    [Fact]
    public async Task StartAsync_TwoListeners_BindLoopbackQuicklyOnDistinctPorts()
    {
        var watch = Stopwatch.StartNew();
        await using var server = await StartAsync();
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"start took {watch.ElapsedMilliseconds} ms");
        Assert.Equal("127.0.0.1", server.BinanceRestBase.Host);
        Assert.Equal("127.0.0.1", server.UpbitRestBase.Host);
        Assert.Equal("ws", server.BinanceWsBase.Scheme);
        Assert.Equal(server.BinanceRestBase.Port, server.BinanceWsBase.Port);
        Assert.NotEqual(server.BinanceRestBase.Port, server.UpbitRestBase.Port);
    }

    [Fact]
    public async Task HandleRest_RealPathsOverHttp_AnswerBothVenues()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient();
        var depth = await http.GetAsync(new Uri(server.BinanceRestBase, "/api/v3/depth?symbol=BTCUSDT&limit=10"));
        Assert.Equal(HttpStatusCode.OK, depth.StatusCode);
        Assert.Equal("application/json", depth.Content.Headers.ContentType!.MediaType);
        var root = JsonDocument.Parse(await depth.Content.ReadAsByteArrayAsync()).RootElement;
        Assert.Equal(10, root.GetProperty("bids").GetArrayLength());
        Assert.True(server.Simulation.Binance.TryGetTruth("BTCUSDT", root.GetProperty("lastUpdateId").GetInt64(), out var bids, out _));
        Assert.Equal(bids.Take(10), BinanceDiffFrame.Levels(root.GetProperty("bids")).Select(l => new TruthLevel(l.Price, l.Quantity)));

        var bad = await http.GetAsync(new Uri(server.BinanceRestBase, "/api/v3/depth?symbol=NOPE"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", await bad.Content.ReadAsStringAsync());

        var info = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.BinanceRestBase, "/api/v3/exchangeInfo"))).RootElement;
        Assert.Contains(info.GetProperty("symbols").EnumerateArray(), s => s.GetProperty("status").GetString() == "BREAK");

        var markets = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.UpbitRestBase, "/v1/market/all?is_details=true"))).RootElement;
        Assert.Equal("KRW-BTC", markets[0].GetProperty("market").GetString());
        Assert.Equal("비트코인", markets[0].GetProperty("korean_name").GetString());
        var orderbook = UpbitMessage.Parse(JsonDocument.Parse(await http.GetStringAsync(new Uri(server.UpbitRestBase, "/v1/orderbook?markets=KRW-ETH"))).RootElement[0]);
        Assert.Equal("KRW-ETH", orderbook.Code);
        Assert.Equal(15, orderbook.Units.Count);
        Assert.True(server.Simulation.Upbit.TryGetTruth("KRW-ETH", orderbook.Timestamp, out var upbitBids, out _));
        Assert.Equal(upbitBids, orderbook.Bids);
    }

    [Fact]
    public async Task SimEndpoints_OverHttp_ReportBooksFaultsAndInject()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient();
        var books = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.BinanceRestBase, "/_sim/books"))).RootElement;
        Assert.Equal("binance", books.GetProperty("venue").GetString());
        Assert.Equal(["BTCUSDT", "ETHUSDT", "XRPUSDT"], books.GetProperty("books").EnumerateArray().Select(b => b.GetProperty("symbol").GetString()));

        var sequence = server.Simulation.Upbit.CurrentBook("KRW-BTC").Sequence;
        var one = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.UpbitRestBase, $"/_sim/books?symbol=KRW-BTC&seq={sequence}"))).RootElement.GetProperty("books")[0];
        Assert.Equal(sequence, one.GetProperty("sequence").GetInt64());
        Assert.Equal(15, one.GetProperty("bids").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(server.UpbitRestBase, "/_sim/books?symbol=KRW-BTC&seq=1"))).StatusCode);

        var inject = await http.PostAsync(new Uri(server.UpbitRestBase, "/_sim/fault?kind=Duplicate&symbol=KRW-XRP"), null);
        Assert.Equal(HttpStatusCode.OK, inject.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync(new Uri(server.UpbitRestBase, "/_sim/fault?kind=Nope"), null)).StatusCode);
        await WaitUntilAsync(() => server.Simulation.Upbit.Faults[FaultKind.Duplicate] == 1);
        var faults = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.UpbitRestBase, "/_sim/faults"))).RootElement;
        Assert.Equal(1, faults.GetProperty("faults").GetProperty("Duplicate").GetInt64());
        Assert.Equal(0, faults.GetProperty("faults").GetProperty("SequenceGap").GetInt64());

        var dislocate = await http.PostAsync(new Uri(server.BinanceRestBase, "/_sim/dislocate?asset=ETH&bps=-80&seconds=5"), null);
        Assert.Equal(HttpStatusCode.OK, dislocate.StatusCode);
        Assert.Equal(-80, server.Simulation.Model.DislocationBps(VenueId.Binance, "ETH", UnixMicros.Now(TimeProvider.System)));
    }

    [Fact]
    public async Task CombinedStream_OverClientWebSocket_StreamsWrappedContinuousDiffs()
    {
        await using var server = await StartAsync();
        using var socket = await WebSocketText.ConnectAsync(new Uri(server.BinanceWsBase, "/stream?streams=btcusdt@depth@100ms/ethusdt@depth@100ms"));
        var last = new Dictionary<string, long>();
        for (var i = 0; i < 12; i++)
        {
            var frame = BinanceDiffFrame.Parse(await WebSocketText.ReceiveAsync(socket));
            Assert.Equal(frame.Symbol.ToLowerInvariant() + "@depth@100ms", frame.Stream);
            Assert.True(frame.Symbol is "BTCUSDT" or "ETHUSDT", frame.Symbol);
            if (last.TryGetValue(frame.Symbol, out var previous))
            {
                Assert.Equal(previous + 1, frame.FirstId);
            }

            last[frame.Symbol] = frame.LastId;
            Assert.True(server.Simulation.Binance.TryGetTruth(frame.Symbol, frame.LastId, out _, out _));
        }
    }

    [Fact]
    public async Task RawStream_OverClientWebSocket_StreamsUnwrappedPayloads()
    {
        await using var server = await StartAsync();
        using var socket = await WebSocketText.ConnectAsync(new Uri(server.BinanceWsBase, "/ws/xrpusdt@depth@100ms"));
        var (type, bytes) = await WebSocketText.ReceiveMessageAsync(socket);
        Assert.Equal(WebSocketMessageType.Text, type);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("{\"e\":\"depthUpdate\",", text, StringComparison.Ordinal);
        Assert.Null(BinanceDiffFrame.Parse(System.Text.Encoding.UTF8.GetBytes(text)).Stream);
    }

    [Fact]
    public async Task LiveSubscribe_OverClientWebSocket_AcksThenStreams()
    {
        await using var server = await StartAsync();
        using var socket = await WebSocketText.ConnectAsync(new Uri(server.BinanceWsBase, "/ws"));
        await WebSocketText.SendAsync(socket, "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth@100ms\"],\"id\":1}");
        Assert.Equal("{\"result\":null,\"id\":1}", await WebSocketText.ReceiveTextAsync(socket));
        Assert.Equal("BTCUSDT", BinanceDiffFrame.Parse(await WebSocketText.ReceiveAsync(socket)).Symbol);
    }

    [Fact]
    public async Task Handshake_UnknownStream_IsRejected()
    {
        await using var server = await StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(server.BinanceWsBase, "/ws/dogeusdt@depth@100ms"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
    }

    [Fact]
    public async Task UpbitSocket_RequestPingAndBadRequest_AnswerLikeUpbit()
    {
        await using var server = await StartAsync();
        using var socket = await WebSocketText.ConnectAsync(new Uri(server.UpbitWsBase, "/websocket/v1"));
        await WebSocketText.SendAsync(socket, "[{\"ticket\":\"test\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC.15\"]},{\"format\":\"DEFAULT\"}]");
        var (type, first) = await WebSocketText.ReceiveMessageAsync(socket);
        Assert.Equal(WebSocketMessageType.Binary, type); // Upbit sends binary frames of UTF-8 JSON
        var snapshot = UpbitMessage.Parse(first);
        Assert.Equal(("KRW-BTC", "SNAPSHOT", 15), (snapshot.Code, snapshot.StreamType, snapshot.Units.Count));
        var realtime = UpbitMessage.Parse(await WebSocketText.ReceiveAsync(socket));
        Assert.Equal("REALTIME", realtime.StreamType);
        Assert.True(realtime.Timestamp > snapshot.Timestamp);
        Assert.True(server.Simulation.Upbit.TryGetTruth("KRW-BTC", realtime.Timestamp, out var bids, out var asks));
        Assert.Equal(bids, realtime.Bids);
        Assert.Equal(asks, realtime.Asks);

        await WebSocketText.SendAsync(socket, "PING");
        await ReceiveUntilAsync(socket, "{\"status\":\"UP\"}");
        await WebSocketText.SendAsync(socket, "[{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"]}]");
        await ReceiveUntilAsync(socket, "{\"error\":{\"name\":\"NO_TICKET\",\"message\":\"The request has no ticket.\"}}");
    }

    [Fact]
    public async Task DroppedConnection_Injected_ClosesTheSocketAbruptly()
    {
        await using var server = await StartAsync();
        using var socket = await WebSocketText.ConnectAsync(new Uri(server.BinanceWsBase, "/ws/btcusdt@depth@100ms"));
        await WebSocketText.ReceiveAsync(socket);
        Assert.Equal(1, server.ConnectionCount(VenueId.Binance));
        server.Simulation.Binance.InjectFault(FaultKind.DroppedConnection);
        await Assert.ThrowsAsync<WebSocketException>(async () =>
        {
            while (true)
            {
                await WebSocketText.ReceiveAsync(socket);
            }
        });
        Assert.Equal(1, server.Simulation.Binance.Faults[FaultKind.DroppedConnection]);
        await WaitUntilAsync(() => server.ConnectionCount(VenueId.Binance) == 0);
    }

    [Fact]
    public async Task Pump_ManualClock_StepsOnlyWhenTheClockAdvances()
    {
        var clock = new ManualTimeProvider(UnixMicros.ToDateTimeOffset(SimClock.Start));
        await using var server = new SimulatorServer(new SimulatorOptions { Seed = 103 }, clock);
        await server.StartAsync();
        using var socket = await WebSocketText.ConnectAsync(new Uri(server.BinanceWsBase, "/ws/ethusdt@depth@100ms"));
        var pending = WebSocketText.ReceiveAsync(socket);
        await Task.Delay(200);
        Assert.False(pending.IsCompleted, "no step before the clock moves");
        clock.Advance(TimeSpan.FromMilliseconds(100));
        var frame = BinanceDiffFrame.Parse(await pending);
        Assert.Equal((SimClock.Start / 1000) + 100, frame.EventTime);
        Assert.Equal(SimClock.Start + 100_000, server.Simulation.LastStepMicros);
    }

    [Fact]
    public async Task StopAsync_OpenSockets_AreClosedAndPortsReleased()
    {
        var server = await StartAsync();
        using var socket = await WebSocketText.ConnectAsync(new Uri(server.UpbitWsBase, "/websocket/v1"));
        await server.StopAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => WebSocketText.ReceiveAsync(socket));
        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(server.UpbitRestBase, "/v1/market/all")));
        await server.DisposeAsync();
    }

    private static async Task<SimulatorServer> StartAsync()
    {
        var server = new SimulatorServer(new SimulatorOptions { Seed = 101, StepInterval = TimeSpan.FromMilliseconds(20) });
        await server.StartAsync();
        return server;
    }

    private static async Task ReceiveUntilAsync(ClientWebSocket socket, string expected)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await WebSocketText.ReceiveTextAsync(socket) == expected)
            {
                return;
            }
        }

        Assert.Fail($"never received {expected}");
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
