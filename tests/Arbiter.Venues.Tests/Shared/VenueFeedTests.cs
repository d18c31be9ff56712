using System.Collections.Concurrent;
using Arbiter.Core;
using Arbiter.Venues.Binance;
using Arbiter.Venues.Tests.Binance;
using Arbiter.Venues.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Arbiter.Venues.Tests.Shared;

public sealed class VenueFeedTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static VenueFeedOptions FastOptions() => new()
    {
        Connection = new VenueConnectionOptions
        {
            Resilience = new ConnectionResilienceOptions { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200) },
        },
    };

    private static BinanceOptions BinanceFor(LoopbackServer server) => new()
    {
        Assets = ["BTC"],
        Quotes = ["USDT"],
        WsBaseUrl = $"ws://127.0.0.1:{server.Port}",
        RestBaseUrl = server.HttpBase.ToString(),
        AllowInsecureUrls = true,
    };

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for " + what);
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task RunAsync_BinanceAgainstLocalServer_MarketListStreamAndSnapshotBecomeBookEvents()
    {
        var paths = new ConcurrentQueue<string>();
        await using var server = await LoopbackServer.StartAsync(
            async s =>
            {
                await s.SendAsync(System.Text.Encoding.UTF8.GetString(BinanceHarness.Depth(95, 100, bids: """["100.00","1"]""")));
                await s.SendAsync(System.Text.Encoding.UTF8.GetString(BinanceHarness.Depth(101, 105, asks: """["101.00","2"]""")));
                await s.SendAsync(System.Text.Encoding.UTF8.GetString(BinanceHarness.Depth(106, 110, bids: """["100.00","0"]""")));
                await Task.Delay(300, s.Token);
                await s.SendAsync(System.Text.Encoding.UTF8.GetString(BinanceHarness.Depth(111, 112, bids: """["99.00","4"]""")));
                await s.HoldAsync();
            },
            app =>
            {
                app.MapGet("/api/v3/exchangeInfo", (HttpContext c) =>
                {
                    paths.Enqueue(c.Request.Path + c.Request.QueryString);
                    return Results.Bytes(Fixture.Read("binance-exchangeInfo.json"), "application/json");
                });
                app.MapGet("/api/v3/depth", (HttpContext c) =>
                {
                    paths.Enqueue(c.Request.Path + c.Request.QueryString);
                    return Results.Bytes(BinanceHarness.Snapshot(103, """["100.00","1"],["99.00","3"]""", """["101.00","1"]"""), "application/json");
                });
            });
        var sink = new RecordingSink();
        using var http = new HttpClient { BaseAddress = server.HttpBase };
        var feed = new VenueFeed(a => new BinanceProtocol(BinanceFor(server), new InstrumentCatalog(), sink, a), new IngestGate(TimeProvider.System), http, sink, FastOptions());
        using var cts = new CancellationTokenSource();

        var run = feed.RunAsync(cts.Token);
        await WaitForAsync(() => sink.BookEvents.Count >= 5, "five book events");
        await cts.CancelAsync();
        await run.WaitAsync(Timeout);

        Assert.Equal(
            [(MarketEventKind.BookSyncing, 0L), (MarketEventKind.BookSnapshot, 103L), (MarketEventKind.BookDelta, 105L), (MarketEventKind.BookDelta, 110L), (MarketEventKind.BookDelta, 112L)],
            sink.BookEvents.Take(5).Select(e => (e.Kind, e.Sequence)).ToArray());
        Assert.Equal(["/api/v3/exchangeInfo", "/api/v3/depth?symbol=BTCUSDT&limit=1000"], paths.ToArray());
        Assert.Equal("/stream?streams=btcusdt@depth@100ms", feed.Protocol.Connections[0].Url.PathAndQuery);
        Assert.Equal(
            [ConnectionState.Connecting, ConnectionState.Connected],
            sink.Events.Where(e => e.Kind == MarketEventKind.ConnectionChanged).Select(e => e.Connection).Take(2).ToArray());
        Assert.Equal(0, feed.Protocol.Counters.MalformedFrames);
    }

    [Fact]
    public async Task RunAsync_Http429WithRetryAfter_NoRequestInsideTheBanWindow()
    {
        var times = new ConcurrentQueue<DateTimeOffset>();
        await using var server = await LoopbackServer.StartAsync(
            s => s.HoldAsync(),
            app => app.MapGet("/api/v3/exchangeInfo", (HttpContext c) =>
            {
                times.Enqueue(DateTimeOffset.UtcNow);
                if (times.Count == 1)
                {
                    c.Response.Headers.RetryAfter = "1";
                    return Results.StatusCode(429);
                }

                return Results.Bytes(Fixture.Read("binance-exchangeInfo.json"), "application/json");
            }));
        var sink = new RecordingSink();
        using var http = new HttpClient { BaseAddress = server.HttpBase };
        var feed = new VenueFeed(a => new BinanceProtocol(BinanceFor(server), new InstrumentCatalog(), sink, a), new IngestGate(TimeProvider.System), http, sink, FastOptions());
        using var cts = new CancellationTokenSource();

        var run = feed.RunAsync(cts.Token);
        await WaitForAsync(() => feed.Protocol.Connections.Count == 1, "the market list");
        await cts.CancelAsync();
        await run.WaitAsync(Timeout);

        var requests = times.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.True(requests[1] - requests[0] >= TimeSpan.FromMilliseconds(950), $"second request after {(requests[1] - requests[0]).TotalMilliseconds} ms");
        Assert.Equal(1, feed.Protocol.Counters.RestFailures);
        Assert.True(feed.BannedUntil > requests[0]);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileLoadingMarketList_CompletesWithoutThrowing()
    {
        await using var server = await LoopbackServer.StartAsync(
            s => s.HoldAsync(),
            app => app.MapGet("/api/v3/exchangeInfo", () => Results.StatusCode(503)));
        var sink = new RecordingSink();
        using var http = new HttpClient { BaseAddress = server.HttpBase };
        var feed = new VenueFeed(a => new BinanceProtocol(BinanceFor(server), new InstrumentCatalog(), sink, a), new IngestGate(TimeProvider.System), http, sink, FastOptions());
        using var cts = new CancellationTokenSource();

        var run = feed.RunAsync(cts.Token);
        await WaitForAsync(() => feed.Protocol.Counters.RestFailures >= 2, "two failed market-list requests");
        await cts.CancelAsync();
        await run.WaitAsync(Timeout);

        Assert.Empty(feed.Connections);
        Assert.Empty(sink.Events);
    }
}
