using Arbiter.Alerts;
using Arbiter.Core;
using Arbiter.Engine;
using static Arbiter.Tests.Alerts.AlertFixtures;

namespace Arbiter.Tests.Alerts;

/// <summary>Webhooks against a loopback server: exact payloads per format, the profit minimum, failures and a full queue counted.</summary>
public sealed class WebhookSinkTests
{
    private readonly ManualTimeProvider clock = new(Start);
    private readonly RecordingLogger logger = new();

    [Fact]
    public async Task Post_EachFormat_ExactPayload()
    {
        await using var server = await RecordingWebhookServer.StartAsync();
        using var http = new HttpClient();
        var ages = new BookAgeTracker();
        ages.Observe([new BookTop(BinanceBtc, BookSyncState.Synced, default, 0, 0, 0, 0, 1, T0 - 150_000), new BookTop(UpbitBtc, BookSyncState.Synced, default, 0, 0, 0, 0, 1, T0 - 40_000)]);
        var sink = new WebhookSink(
        [
            new WebhookOptions { Url = new Uri(server.BaseAddress, "json").ToString(), Format = WebhookFormat.Json },
            new WebhookOptions { Url = new Uri(server.BaseAddress, "api/webhooks/1/SECRET").ToString(), Format = WebhookFormat.Discord },
            new WebhookOptions { Url = new Uri(server.BaseAddress, "services/T/B/SECRET").ToString(), Format = WebhookFormat.Slack },
        ], http, clock, logger, ages);
        using var stop = new CancellationTokenSource();
        var run = sink.RunAsync(stop.Token);

        sink.Post(Opened(Opportunity(12, 85.1234m, 1234.5m, Route)));
        sink.Complete();
        await run;

        var requests = server.Requests.OrderBy(r => r.Path, StringComparer.Ordinal).ToList();
        Assert.Equal(["/api/webhooks/1/SECRET", "/json", "/services/T/B/SECRET"], requests.Select(r => r.Path));
        Assert.All(requests, r => Assert.Equal(("POST", "application/json"), (r.Method, r.ContentType)));
        const string text = "BTC opened #12\\nbuy binance BTCUSDT \\u2192 sell upbit KRW-BTC\\npremium 85.12 bps \\u00B7 size 0.5 BTC\\nnet profit $1,234.50 (inventory)\\nroute: BTC, fee 0.0002 BTC ($19.40), net $600.60\\nbooks: buy 150 ms, sell 40 ms old";
        Assert.Equal("{\"content\":\"" + text + "\"}", requests[0].Body);
        Assert.Equal(
            $"{{\"kind\":\"opened\",\"time\":{T0},\"id\":12,\"asset\":\"BTC\",\"buyVenue\":\"binance\",\"buySymbol\":\"BTCUSDT\",\"sellVenue\":\"upbit\",\"sellSymbol\":\"KRW-BTC\"," +
            "\"size\":0.5,\"averageBuyPrice\":97000,\"averageSellPrice\":142000000,\"grossProfitUsd\":1244.5,\"netProfitUsd\":1234.5,\"netPremiumBps\":85.1234," +
            "\"transfer\":{\"available\":true,\"unavailable\":null,\"network\":\"BTC\",\"withdrawFee\":0.0002,\"feeUsd\":19.4,\"netProfitUsd\":600.6},\"closeReason\":null}",
            requests[1].Body);
        Assert.Equal("{\"text\":\"" + text + "\"}", requests[2].Body);
        Assert.All(sink.Counts, c => Assert.Equal((1L, 0L, 0L), (c.Posted, c.Failed, c.Dropped)));
        Assert.Equal(server.BaseAddress.GetLeftPart(UriPartial.Authority), sink.Counts[1].Target);
    }

    [Fact]
    public async Task Post_BelowMinimum_NotPostedAndFailuresCountedWithoutTheSecretPath()
    {
        await using var server = await RecordingWebhookServer.StartAsync();
        server.Status = 500;
        using var http = new HttpClient();
        var sink = new WebhookSink([new WebhookOptions { Url = new Uri(server.BaseAddress, "hook/SECRET").ToString(), Format = WebhookFormat.Slack, MinNetProfitUsd = 100m }], http, clock, logger);
        using var stop = new CancellationTokenSource();
        var run = sink.RunAsync(stop.Token);

        sink.Post(Opened(Opportunity(1, 50m, 99.99m)));
        sink.Post(Opened(Opportunity(2, 50m, 100m)));
        sink.Post(Closed(Opportunity(2, 50m, 100m)));
        sink.Complete();
        await run;

        Assert.Equal(2, server.Requests.Count);
        Assert.StartsWith("{\"text\":\"BTC opened #2\\n", server.Requests[0].Body, StringComparison.Ordinal);
        Assert.StartsWith("{\"text\":\"BTC closed #2 (gone)\\n", server.Requests[1].Body, StringComparison.Ordinal);
        Assert.Equal((0L, 2L, 0L), (sink.Counts[0].Posted, sink.Counts[0].Failed, sink.Counts[0].Dropped));
        Assert.Equal($"Warning 6007 Webhook {server.BaseAddress.GetLeftPart(UriPartial.Authority)} failed: HTTP 500 Internal Server Error", logger.Lines[0]);
        Assert.DoesNotContain(logger.Lines, l => l.Contains("SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public void Post_QueueFull_NeverBlocksAndDropsTheOldestCounted()
    {
        using var http = new HttpClient();
        var sink = new WebhookSink([new WebhookOptions { Url = "http://127.0.0.1:9/hook", QueueCapacity = 2 }], http, clock, logger);

        for (var i = 1; i <= 5; i++)
        {
            sink.Post(Opened(Opportunity(i, 50m, 100m))); // nothing runs the queue
        }

        Assert.Equal(3, sink.Counts[0].Dropped);
        Assert.Equal("Warning 6008 Webhook http://127.0.0.1:9 queue full: oldest event dropped (3 so far)", logger.Lines[^1]);
    }
}
