using System.Globalization;
using Arbiter.Api;
using Arbiter.Tests.Api;
using Microsoft.Playwright;

namespace Arbiter.Tests.Dashboard;

/// <summary>
/// The page's side of the /ws protocol: a batch frame's messages are applied in order (hand-written frames, which Playwright
/// answers the page's WebSocket with, so that one frame holds an open, a close and an update of the same rows); and a real
/// server closing the page with 1008 for being too far behind shows the reason, after which the page reconnects.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class WebSocketFramesBrowserTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Frames_BatchAppliedInOrder()
    {
        var page = await fixture.Browser.NewPageAsync();
        var first = new TaskCompletionSource<IWebSocketRoute>(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteWebSocketAsync("**/ws", ws =>
        {
            ws.Send("""{"type":"snapshot","time":"2026-11-21T12:00:00Z","venues":[],"books":[],"opportunities":[],"stats":{"openOpportunities":0,"opportunitiesSeen":0,"clients":1,"frames":0},"fx":{"rates":[],"tether":[],"source":null},"premiums":[],"quality":[],"wallets":[],"walletChanges":[]}""");

            // One frame: 1 and 2 open, 1 closes, 2 is updated, 3 opens: the table ends with 2 (updated) and 3.
            ws.Send("{\"type\":\"batch\",\"messages\":[" + string.Join(',',
                Message("opportunity.opened", 1, "10.5"), Message("opportunity.opened", 2, "20.25"), Closed(1),
                Message("opportunity.updated", 2, "42.75"), Message("opportunity.opened", 3, "7")) + "]}");
            first.TrySetResult(ws);
        });
        await page.GotoAsync(new Uri(fixture.Demo.ApiAddress, "/#opportunities").ToString());

        await first.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await Assertions.Expect(page.Locator("#opps tbody tr[data-id]")).ToHaveCountAsync(2, new() { Timeout = 10_000 });
        Assert.Equal(["2", "3"], await page.Locator("#opps tbody tr[data-id]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));
        await Assertions.Expect(page.Locator("#opps tbody tr[data-id='2'] td").Nth(6)).ToHaveTextAsync("42.75");
        await Assertions.Expect(page.Locator("#closed-opps tbody tr[data-id='1']")).ToContainTextAsync("unprofitable");
        await page.CloseAsync();
    }

    [Fact]
    public async Task RealServer_PageMoreThanItsLimitBehind_IsClosedWith1008_ShowsTheReason_ThenReconnects()
    {
        // One frame a second at most, and a limit of 16 messages: a burst of broadcasts leaves the page's connection more
        // than 16 behind before its next frame may go, however fast the browser reads.
        await using var api = await StandaloneApi.StartAsync(new ApiOptions { Url = "http://127.0.0.1:0", ClientQueueCapacity = 16, ClientFlushInterval = TimeSpan.FromSeconds(1) });
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(api.Address, "/#dashboard").ToString());
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("live", new() { Timeout = 15_000 });
        await DashboardFixture.EventuallyAsync(TimeSpan.FromSeconds(10), () => Task.FromResult(api.Hub.ClientCount == 1 ? null : $"{api.Hub.ClientCount} clients, expected the page's one"));

        // The page reconnects a second after a close: every status it shows from now on is kept, so none is missed.
        await page.EvaluateAsync("""
            () => {
              const status = document.getElementById("status");
              window.__statuses = [];
              new MutationObserver(() => window.__statuses.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
            }
            """);
        // The page may take one frame during the burst; the next may not go for a second, so it falls behind at once
        // (bounded, in case this thread is descheduled for longer than the flush interval).
        for (var i = 0; api.Hub.ClientsDroppedQueueFull == 0; i++)
        {
            Assert.True(i < 10_000, "the page was not dropped after 10,000 broadcasts");
            api.Hub.Apply(WebSocketFanoutTests.Wallet($"F{i}"));
        }

        Assert.Equal(1, api.Hub.ClientsDroppedQueueFull);
        await DashboardFixture.EventuallyAsync(TimeSpan.FromSeconds(10), async () =>
        {
            var statuses = await page.EvaluateAsync<string[]>("() => window.__statuses");
            return statuses.Contains("closed by the server: client too slow: more than 16 messages behind (1008) — retrying in 1 s")
                ? null
                : "statuses shown: " + string.Join(" | ", statuses);
        });
        await page.WaitForFunctionAsync("() => window.__statuses.at(-1) === 'live'", null, new() { Timeout = 10_000 });
        await DashboardFixture.EventuallyAsync(TimeSpan.FromSeconds(10), () => Task.FromResult(api.Hub.ClientCount == 1 ? null : $"{api.Hub.ClientCount} clients after the reconnect"));
        await page.CloseAsync();
    }

    private static string Opportunity(long id, string net) =>
        "{\"id\":" + id.ToString(CultureInfo.InvariantCulture) + ",\"asset\":\"BTC\","
        + "\"buy\":{\"venue\":\"binance\",\"symbol\":\"BTCUSDT\",\"quote\":\"USDT\",\"averagePrice\":\"100000\",\"levels\":1,\"feeRate\":\"0.001\",\"fxRate\":\"1\",\"sequence\":1,\"fills\":[{\"price\":\"100000\",\"quantity\":\"0.5\"}]},"
        + "\"sell\":{\"venue\":\"kraken\",\"symbol\":\"BTC/USD\",\"quote\":\"USD\",\"averagePrice\":\"100500\",\"levels\":1,\"feeRate\":\"0.0026\",\"fxRate\":\"1\",\"sequence\":1,\"fills\":[{\"price\":\"100500\",\"quantity\":\"0.5\"}]},"
        + "\"size\":\"0.5\",\"grossProfitUsd\":\"250\",\"netProfitUsd\":\"" + net + "\",\"netPremiumBps\":\"10\",\"peakNetProfitUsd\":\"" + net + "\",\"peakNetPremiumBps\":\"10\","
        + "\"firstSeen\":\"2026-11-21T12:00:00Z\",\"lastUpdated\":\"2026-11-21T12:00:00Z\",\"durationMs\":0,"
        + "\"transfer\":{\"available\":false,\"unavailable\":\"no-wallet-status\",\"network\":null,\"withdrawFee\":null,\"feeUsd\":null,\"netProfitUsd\":null,\"netPremiumBps\":null,\"minProfitableSize\":null}}";

    private static string Message(string type, long id, string net) =>
        $"{{\"type\":\"{type}\",\"time\":\"2026-11-21T12:00:00Z\",\"opportunity\":{Opportunity(id, net)}}}";

    private static string Closed(long id) =>
        $"{{\"type\":\"opportunity.closed\",\"time\":\"2026-11-21T12:00:01Z\",\"opportunity\":{Opportunity(id, "10.5")},\"closeReason\":\"unprofitable\"}}";
}
