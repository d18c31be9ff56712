using System.Globalization;
using System.Net.Http.Json;
using Arbiter.Tests.Support;
using Microsoft.Playwright;

namespace Arbiter.Tests.Dashboard;

/// <summary>The Settings view: the settings in force as served (credentials masked), and the form's writes through PUT /api/settings.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SettingsBrowserTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Settings_View_ShowsTheSettingsInForceAndCredentialsOnlyMasked()
    {
        var page = await fixture.OpenAsync("settings");
        var api = await fixture.GetJsonAsync("/api/settings");
        var engine = api.GetProperty("engine");
        await Assertions.Expect(page.Locator("#s-minNetProfitUsd")).ToHaveValueAsync(engine.GetProperty("minNetProfitUsd").GetString()!, new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#s-minNetPremiumBps")).ToHaveValueAsync(engine.GetProperty("minNetPremiumBps").GetString()!);
        await Assertions.Expect(page.Locator("#s-fee-upbit")).ToHaveValueAsync(engine.GetProperty("takerFees").GetProperty("upbit").GetString()!);
        foreach (var venue in fixture.Venues)
        {
            await Assertions.Expect(page.Locator("#s-venue-" + venue)).ToBeCheckedAsync();
        }

        var current = page.Locator("#settings-current");
        await Assertions.Expect(current.Locator("table[data-section='engine'] tr[data-key='minNetProfitUsd'] td")).ToHaveTextAsync(engine.GetProperty("minNetProfitUsd").GetString()!);
        await Assertions.Expect(current.Locator("table[data-section='schedules'] tr[data-key='sweep'] td"))
            .ToHaveTextAsync(api.GetProperty("schedules").GetProperty("sweep").GetString()!);

        // Credentials exactly as served: the key masked, secret and passphrase only as "set"; never the simulator's values.
        var credentials = api.GetProperty("credentials").EnumerateArray().ToArray();
        await Assertions.Expect(page.Locator("#credentials tbody tr")).ToHaveCountAsync(credentials.Length);
        foreach (var c in credentials)
        {
            await Assertions.Expect(page.Locator($"#credentials tr[data-venue='{c.GetProperty("venue").GetString()}']"))
                .ToHaveTextAsync($"{c.GetProperty("venue").GetString()}{c.GetProperty("apiKey").GetString()}set{c.GetProperty("passphrase").GetString()}");
        }

        // The demo signs with the suite's canary credentials: the page shows the key masked, never the key, secret or passphrase.
        await Assertions.Expect(page.Locator("#credentials tbody")).ToContainTextAsync(SuiteCanary.MaskedKey);
        var html = await page.ContentAsync();
        Assert.All(SuiteCanary.Forbidden, secret => Assert.DoesNotContain(secret, html, StringComparison.Ordinal));

        await DashboardFixture.ScreenshotsAsync(page, "settings");
    }

    [Fact]
    public async Task Settings_InvalidThreshold_ShowsEveryErrorNextToTheForm()
    {
        var page = await fixture.OpenAsync("settings");
        await Assertions.Expect(page.Locator("#s-minNetProfitUsd")).Not.ToHaveValueAsync("", new() { Timeout = 10_000 });
        await page.Locator("#s-minNetProfitUsd").FillAsync("abc");
        await page.Locator("#s-updateThreshold").FillAsync("lots");
        await page.Locator("#settings-save").ClickAsync();

        await Assertions.Expect(page.Locator("#settings-result")).ToContainTextAsync("Not saved", new() { Timeout = 10_000 });
        var errors = await page.Locator("#settings-errors li").AllTextContentsAsync();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("MinNetProfitUsd", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("UpdateThreshold", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#s-minNetProfitUsd")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#s-updateThreshold")).ToHaveAttributeAsync("aria-invalid", "true");

        // Nothing was written.
        var api = await fixture.GetJsonAsync("/api/settings");
        Assert.NotEqual("abc", api.GetProperty("engine").GetProperty("minNetProfitUsd").GetString());
    }

    [Fact]
    public async Task Settings_RaisingMinNetProfit_EmptiesTheTableAndLoweringItBringsRowsBack()
    {
        var original = (await fixture.GetJsonAsync("/api/settings")).GetProperty("engine").GetProperty("minNetProfitUsd").GetString()!;
        var page = await fixture.OpenAsync("opportunities");
        try
        {
            await Assertions.Expect(page.Locator("#opps tbody tr[data-id]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var open = (await fixture.GetJsonAsync("/api/opportunities")).GetProperty("open").EnumerateArray().Select(o => DashboardFixture.Dec(o.GetProperty("netProfitUsd"))).ToArray();
            Assert.NotEmpty(open);

            // Far above every open opportunity's net (the largest demo dislocation nets a few thousand USD).
            var above = (Math.Ceiling(open.Max()) * 100m).ToString(CultureInfo.InvariantCulture);
            await SaveMinNetProfitAsync(page, above);
            await page.GotoAsync(new Uri(fixture.Demo.ApiAddress, "/#opportunities").ToString());
            await Assertions.Expect(page.Locator("#opps tbody tr[data-id]")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
            await Assertions.Expect(page.Locator("#opps tbody")).ToContainTextAsync("No open opportunities.");
            Assert.Equal(0, (await fixture.GetJsonAsync("/api/opportunities")).GetProperty("open").GetArrayLength());

            await SaveMinNetProfitAsync(page, original);
            await page.GotoAsync(new Uri(fixture.Demo.ApiAddress, "/#opportunities").ToString());
            await Assertions.Expect(page.Locator("#opps tbody tr[data-id]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        finally
        {
            // Leave the shared demo as it was, whatever happened above.
            using var restore = await fixture.Http.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative), new { engine = new { minNetProfitUsd = original } });
        }
    }

    private async Task SaveMinNetProfitAsync(IPage page, string value)
    {
        await page.GotoAsync(new Uri(fixture.Demo.ApiAddress, "/#settings").ToString());
        await Assertions.Expect(page.Locator("#s-minNetProfitUsd")).Not.ToHaveValueAsync("", new() { Timeout = 10_000 });
        await page.Locator("#s-minNetProfitUsd").FillAsync(value);
        await page.Locator("#settings-save").ClickAsync();
        await Assertions.Expect(page.Locator("#settings-result")).ToContainTextAsync("Saved", new() { Timeout = 10_000 });
        Assert.Equal(0, await page.Locator("#settings-errors li").CountAsync());
        await Assertions.Expect(page.Locator("#s-minNetProfitUsd")).ToHaveValueAsync(value);
    }
}
