using System.Text.Json;
using Microsoft.Playwright;

namespace Arbiter.Tests.Dashboard;

/// <summary>The History view over the SQLite store (which also holds earlier runs): filtered by venue, this run's opportunity is listed.</summary>
[Collection(DashboardCollection.Name)]
public sealed class HistoryBrowserTests(DashboardFixture fixture)
{
    [Fact]
    public async Task History_FilteredByTheDislocatedVenue_ListsThisRunsOpportunity()
    {
        var dislocated = fixture.Venues[^1];
        JsonElement? first = null;
        await DashboardFixture.EventuallyAsync(TimeSpan.FromSeconds(30), async () =>
        {
            var api = await fixture.GetJsonAsync("/api/opportunities");
            first = api.GetProperty("open").EnumerateArray().Concat(api.GetProperty("recentClosed").EnumerateArray().Select(e => e.GetProperty("opportunity")))
                .Cast<JsonElement?>()
                .FirstOrDefault(o => o!.Value.GetProperty("buy").GetProperty("venue").GetString() == dislocated || o!.Value.GetProperty("sell").GetProperty("venue").GetString() == dislocated);
            return first is null ? $"no opportunity on {dislocated} yet" : null;
        });

        var page = await fixture.OpenAsync("history");
        await page.Locator("#history-venue").FillAsync(dislocated);
        var o = first!.Value;
        var history = page.Locator("#history-opps tbody tr", new() { HasText = dislocated })
            .Filter(new() { HasText = o.GetProperty("asset").GetString()! })
            .Filter(new() { HasText = o.GetProperty("buy").GetProperty("symbol").GetString()! })
            .Filter(new() { HasText = o.GetProperty("sell").GetProperty("symbol").GetString()! });
        for (var attempt = 0; attempt < 40 && await history.CountAsync() == 0; attempt++)
        {
            // The store writes in batches (≤ 100 ms): ask again until the row is there.
            await page.Locator("#history-form button").ClickAsync();
            await page.WaitForTimeoutAsync(250);
        }

        Assert.True(await history.CountAsync() > 0, await page.Locator("#history-opps").InnerTextAsync());
        await Assertions.Expect(page.Locator("#history-status")).ToContainTextAsync("opportunities");
        await DashboardFixture.ScreenshotsAsync(page, "history");
    }
}
