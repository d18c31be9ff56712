using System.Net.Http.Json;
using System.Text.Json;
using Arbiter.Core;
using Arbiter.Tests.Support;
using Microsoft.Playwright;

namespace Arbiter.Tests;

/// <summary>The dashboard in a real headless Chromium (Debian's package) against `arbiter demo`.</summary>
public sealed class DashboardBrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";

    [Fact]
    public async Task Dashboard_Demo_ShowsVenueHealthAndTheInjectedOpportunity()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium package (.ci/run does).");
        await using var demo = new DemoRun();
        await demo.StartAsync(seed: 9);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await page.GotoAsync(demo.ApiAddress.ToString());

        // Venue health: every simulated venue connected, every book synced.
        var venues = demo.Simulator.Simulation.Venues.Select(v => v.Venue.Name()).ToArray();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("live", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#venues tbody tr")).ToHaveCountAsync(venues.Length, new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#venues tbody")).ToContainTextAsync("3/3", new() { Timeout = 10_000 });

        // The first injected dislocation (2 s after start, on the last simulated venue) appears as a row naming that venue and another.
        var dislocated = venues[^1];
        var row = page.Locator("#opps tbody tr", new() { HasText = dislocated });
        await Assertions.Expect(row.First).ToContainTextAsync("BTC", new() { Timeout = 10_000 });
        var text = await row.First.InnerTextAsync();
        Assert.Contains(venues, v => v != dislocated && text.Contains(v, StringComparison.Ordinal));
        using var http = new HttpClient { BaseAddress = demo.ApiAddress };
        var api = await http.GetFromJsonAsync<JsonElement>("/api/opportunities");
        var first = api.GetProperty("open").EnumerateArray().First(o => o.GetProperty("buy").GetProperty("venue").GetString() == dislocated || o.GetProperty("sell").GetProperty("venue").GetString() == dislocated);
        await Assertions.Expect(row.First).ToContainTextAsync(first.GetProperty("asset").GetString()!);

        // History (from the SQLite store, which also holds earlier runs): filtered by the dislocated venue, this
        // opportunity (its asset and both venues) is listed.
        await page.Locator("#history-venue").FillAsync(dislocated);
        var history = page.Locator("#history-opps tbody tr", new() { HasText = dislocated })
            .Filter(new() { HasText = first.GetProperty("asset").GetString()! })
            .Filter(new() { HasText = first.GetProperty("buy").GetProperty("symbol").GetString()! })
            .Filter(new() { HasText = first.GetProperty("sell").GetProperty("symbol").GetString()! });
        for (var attempt = 0; attempt < 20 && await history.CountAsync() == 0; attempt++)
        {
            // The store writes in batches (≤ 100 ms): ask again until the row is there.
            await page.Locator("#history-form button").ClickAsync();
            await page.WaitForTimeoutAsync(250);
        }

        Assert.True(await history.CountAsync() > 0, await page.Locator("#history-opps").InnerTextAsync());
        await Assertions.Expect(page.Locator("#history-status")).ToContainTextAsync("opportunities");

        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "dashboard.png"), FullPage = true });

        // Phone width still renders the tables (they scroll horizontally rather than overflow the page).
        await page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(page.Locator("#venues")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "dashboard-phone.png"), FullPage = true });
    }
}
