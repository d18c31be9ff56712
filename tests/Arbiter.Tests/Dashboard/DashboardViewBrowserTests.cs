using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Arbiter.Tests.Dashboard;

/// <summary>The Dashboard view against the demo: venue health, FX, the premium heatmap (cell for cell equal to /api/premiums) and the chart.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardViewBrowserTests(DashboardFixture fixture)
{
    [Fact]
    public async Task DashboardView_Demo_ShowsVenueHealthAndFx()
    {
        var page = await fixture.OpenAsync("dashboard");

        // Every simulated venue, connected, with its synced/total books as /api/venues counts them (all synced by now).
        var venues = await fixture.GetJsonAsync("/api/venues");
        await Assertions.Expect(page.Locator("#venues tbody tr[data-venue]")).ToHaveCountAsync(fixture.Venues.Count, new() { Timeout = 10_000 });
        foreach (var v in venues.GetProperty("venues").EnumerateArray())
        {
            var name = v.GetProperty("venue").GetString()!;
            var cells = page.Locator($"#venues tbody tr[data-venue='{name}'] td");
            await Assertions.Expect(cells.Nth(0)).ToHaveTextAsync(name);
            await Assertions.Expect(cells.Nth(1)).ToHaveTextAsync("Connected", new() { Timeout = 10_000 });
            await Assertions.Expect(cells.Nth(2)).ToHaveTextAsync($"{v.GetProperty("booksSynced").GetInt32()}/{v.GetProperty("books").GetInt32()}", new() { Timeout = 10_000 });
            await Assertions.Expect(cells.Nth(3)).ToHaveTextAsync("100", new() { Timeout = 15_000 }); // a clean simulated feed scores 100
        }

        // FX: USD/KRW from the simulated FX quote (1,380 KRW), live, with its age; USDT/USD from the books.
        var usdKrw = page.Locator("#fx tbody tr[data-pair='USD/KRW'] td");
        await Assertions.Expect(usdKrw.Nth(1)).ToHaveTextAsync("1,380", new() { Timeout = 10_000 });
        await Assertions.Expect(usdKrw.Nth(2)).ToHaveTextAsync("live");
        await Assertions.Expect(usdKrw.Nth(3)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ (s|min)$"));
        await Assertions.Expect(page.Locator("#fx tbody tr[data-pair='USDT/USD']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#tether tbody")).ToContainTextAsync("KRW-USDT");
        await Assertions.Expect(page.Locator("#top-premiums tbody tr")).ToHaveCountAsync(8, new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task DashboardView_Heatmap_EqualsApiPremiumsAndTheChartDrawsTheHistory()
    {
        var page = await fixture.OpenAsync("dashboard");
        await Assertions.Expect(page.Locator("#matrix-asset")).ToHaveValueAsync("BTC", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#heatmap td[data-bps]").First).ToBeVisibleAsync(new() { Timeout = 10_000 });

        // A new matrix is published every sweep (100 ms) and the page gets the latest every 250 ms: record the API's
        // matrices by time while sampling the page, then compare the page with the API's matrix of the same time.
        var api = new ConcurrentDictionary<string, Dictionary<string, string>>();
        using var stop = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var body = await fixture.GetJsonAsync("/api/premiums?asset=BTC");
                foreach (var m in body.GetProperty("premiums").EnumerateArray())
                {
                    api.TryAdd(m.GetProperty("time").GetString()!, m.GetProperty("cells").EnumerateArray().ToDictionary(
                        c => Key(c.GetProperty("buy")) + ">" + Key(c.GetProperty("sell")), c => c.GetProperty("bps").GetString()!));
                }

                await Task.Delay(30);
            }
        });
        var matched = 0;
        try
        {
            for (var attempt = 0; attempt < 100 && matched < 3; attempt++)
            {
                var shown = await page.EvaluateAsync<JsonElement>(@"() => ({
                    time: document.querySelector('#heatmap').dataset.time,
                    cells: [...document.querySelectorAll('#heatmap td[data-bps]')].map(td => [td.dataset.buy + '>' + td.dataset.sell, td.dataset.bps, td.firstChild.textContent]) })");
                await Task.Delay(100);
                if (!api.TryGetValue(shown.GetProperty("time").GetString()!, out var expected))
                {
                    continue;
                }

                matched++;
                var cells = shown.GetProperty("cells").EnumerateArray().ToArray();
                Assert.Equal(expected.Count, cells.Length);
                foreach (var cell in cells)
                {
                    var key = cell[0].GetString()!;
                    Assert.Equal(expected[key], cell[1].GetString());

                    // The cell shows the bps to two decimals.
                    Assert.True(Math.Abs(DashboardFixture.Dec(cell[2].GetString()!) - DashboardFixture.Dec(expected[key])) <= 0.005m, $"{key}: shows {cell[2]} for {expected[key]}");
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await poller;
        }

        Assert.True(matched >= 3, $"the page's matrix matched one of the API's {api.Count} matrices only {matched} times");

        // One row per buy instrument and one column per sell instrument of the matrix.
        var last = api.Values.Last().Keys;
        await Assertions.Expect(page.Locator("#heatmap tbody tr")).ToHaveCountAsync(last.Select(k => k.Split('>')[0]).Distinct().Count());
        await Assertions.Expect(page.Locator("#heatmap thead th[scope='col']")).ToHaveCountAsync(last.Select(k => k.Split('>')[1]).Distinct().Count());

        // The chart: /api/premiums/history's samples drawn as the best-cell line, extended live.
        await Assertions.Expect(page.Locator("#chart polyline[data-series='best']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#chart-legend")).ToContainTextAsync("BTC, bps");
        await DashboardFixture.ScreenshotsAsync(page, "dashboard");
    }

    private static string Key(JsonElement instrument) => instrument.GetProperty("venue").GetString() + ":" + instrument.GetProperty("symbol").GetString();
}
