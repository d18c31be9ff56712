using System.Text.Json;
using Microsoft.Playwright;

namespace Arbiter.Tests.Dashboard;

/// <summary>The Markets view: the asset × venue matrix equals /api/markets; hostile names are shown as text.</summary>
[Collection(DashboardCollection.Name)]
public sealed class MarketsBrowserTests(DashboardFixture fixture)
{
    private static readonly string[] CollidingVenues = ["binance", "okx"];

    [Fact]
    public async Task Markets_View_EveryCellEqualsApiMarkets()
    {
        var page = await fixture.OpenAsync("markets");
        var api = await fixture.GetJsonAsync("/api/markets");
        var venues = api.GetProperty("venues").EnumerateArray().Select(v => v.GetString()!).ToArray();
        Assert.Equal(fixture.Venues.Order(StringComparer.Ordinal), venues.Order(StringComparer.Ordinal));
        var assets = api.GetProperty("assets").EnumerateArray().ToArray();
        await Assertions.Expect(page.Locator("#markets tbody tr[data-asset]")).ToHaveCountAsync(assets.Length, new() { Timeout = 10_000 });

        var shown = await page.Locator("#markets td[data-asset]").EvaluateAllAsync<string[][]>(
            "cells => cells.map(c => [c.dataset.asset, c.dataset.venue, [...c.querySelectorAll('div')].map(d => d.textContent).join('|')])");
        var expected = assets.SelectMany(a => venues.Select(v => new[]
        {
            a.GetProperty("asset").GetString()!,
            v,
            string.Join('|', a.GetProperty("listings").EnumerateArray().Where(l => l.GetProperty("venue").GetString() == v)
                .Select(l => $"{l.GetProperty("symbol").GetString()} · {l.GetProperty("quote").GetString()}")),
        })).ToArray();
        Assert.Equal(expected.Select(e => string.Join(' ', e)), shown.Select(e => string.Join(' ', e)));

        // Spot checks written by hand from the simulator's listings.
        await Assertions.Expect(page.Locator("#markets td[data-asset='BTC'][data-venue='upbit']")).ToHaveTextAsync("KRW-BTC · KRWUSDT-BTC · USDT");
        await Assertions.Expect(page.Locator("#markets td[data-asset='ETH'][data-venue='kraken']")).ToHaveTextAsync("ETH/USD · USD");
        await Assertions.Expect(page.Locator("#collisions tbody")).ToContainTextAsync("No ticker collisions.");
        await DashboardFixture.ScreenshotsAsync(page, "markets");
    }

    [Fact]
    public async Task Markets_HostileSymbolNames_AreShownAsTextNeverAsMarkup()
    {
        const string hostile = "<img src=x onerror=\"window.__xss=1\">";
        var page = await fixture.Browser.NewPageAsync();
        var body = JsonSerializer.Serialize(new
        {
            venues = new[] { "binance", hostile },
            assets = new[] { new { asset = hostile, listings = new[] { new { venue = "binance", symbol = hostile, quote = "<b>Q</b>" } } } },
            collisions = new[] { new { asset = hostile, venues = CollidingVenues, network = hostile, contracts = new[] { "0x1", hostile }, reason = hostile } },
            discovery = Array.Empty<object>(),
        });
        await page.RouteAsync("**/api/markets", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = body }));
        await page.GotoAsync(new Uri(fixture.Demo.ApiAddress, "/#markets").ToString());

        var cell = page.Locator("#markets td[data-venue='binance']");
        await Assertions.Expect(cell).ToHaveTextAsync($"{hostile} · <b>Q</b>", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#collisions tbody")).ToContainTextAsync(hostile);
        Assert.Equal(0, await page.Locator("main img, main b").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        await page.CloseAsync();
    }
}
