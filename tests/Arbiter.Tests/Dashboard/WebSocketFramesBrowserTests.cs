using System.Globalization;
using Microsoft.Playwright;

namespace Arbiter.Tests.Dashboard;

/// <summary>
/// The page's side of the /ws protocol, against a hand-written server (Playwright answers the page's WebSocket itself):
/// batch frames are applied in order, and a 1008 close shows its reason in the status bar.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class WebSocketFramesBrowserTests(DashboardFixture fixture)
{
    private const string Reason = "client too slow: more than 1024 messages pending";

    [Fact]
    public async Task Frames_BatchAppliedInOrderAndA1008Close_ShowsTheServersReason()
    {
        var page = await fixture.Browser.NewPageAsync();
        var connections = 0;
        var first = new TaskCompletionSource<IWebSocketRoute>(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteWebSocketAsync("**/ws", ws =>
        {
            if (Interlocked.Increment(ref connections) > 1)
            {
                _ = ws.CloseAsync(new() { Code = 1008, Reason = Reason });
                return;
            }

            ws.Send("""{"type":"snapshot","time":"2026-11-21T12:00:00Z","venues":[],"books":[],"opportunities":[],"stats":{"openOpportunities":0,"opportunitiesSeen":0,"clients":1,"frames":0},"fx":{"rates":[],"tether":[],"source":null},"premiums":[],"quality":[],"wallets":[],"walletChanges":[]}""");

            // One frame: 1 and 2 open, 1 closes, 2 is updated, 3 opens: the table ends with 2 (updated) and 3.
            ws.Send("{\"type\":\"batch\",\"messages\":[" + string.Join(',',
                Message("opportunity.opened", 1, "10.5"), Message("opportunity.opened", 2, "20.25"), Closed(1),
                Message("opportunity.updated", 2, "42.75"), Message("opportunity.opened", 3, "7")) + "]}");
            first.TrySetResult(ws);
        });
        await page.GotoAsync(new Uri(fixture.Demo.ApiAddress, "/#opportunities").ToString());

        var route = await first.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await Assertions.Expect(page.Locator("#opps tbody tr[data-id]")).ToHaveCountAsync(2, new() { Timeout = 10_000 });
        Assert.Equal(["2", "3"], await page.Locator("#opps tbody tr[data-id]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));
        await Assertions.Expect(page.Locator("#opps tbody tr[data-id='2'] td").Nth(6)).ToHaveTextAsync("42.75");
        await Assertions.Expect(page.Locator("#closed-opps tbody tr[data-id='1']")).ToContainTextAsync("unprofitable");

        await route.CloseAsync(new() { Code = 1008, Reason = Reason });
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync($"closed by the server: {Reason} (1008)", new() { Timeout = 10_000 });
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
