using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Arbiter.Core;
using Arbiter.Tests.Support;
using Microsoft.Playwright;

namespace Arbiter.Tests.Dashboard;

/// <summary>
/// One `arbiter demo` (in-process, all eight simulated venues) and one headless Chromium (Debian's package) shared by
/// the dashboard's browser tests, with the helpers they have in common: open a view, take the desktop and phone
/// screenshots, read the REST API, poll for a condition.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The phone viewport of the acceptance criteria (an iPhone 12-14 in CSS pixels).</summary>
    public const int PhoneWidth = 390;

    public const int PhoneHeight = 844;

    private IPlaywright? playwright;

    internal DemoRun Demo { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The simulated venues, in the simulator's order (the last one gets the injected dislocations).</summary>
    public IReadOnlyList<string> Venues { get; private set; } = [];

    public static string Artifacts { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium package (.ci/run does).");

        // Dislocations every 20 s lasting 12 s: long enough to change a threshold and see rows close and come back
        // within one, frequent enough that a test waiting for a new one waits at most 20 s.
        Demo.Settings.Simulator.AutoDislocation.Every = TimeSpan.FromSeconds(20);
        Demo.Settings.Simulator.AutoDislocation.Length = TimeSpan.FromSeconds(12);
        await Demo.StartAsync(seed: 9);
        await Demo.WaitAllSyncedAsync(TimeSpan.FromSeconds(30));
        Venues = [.. Demo.Simulator.Simulation.Venues.Select(v => v.Venue.Name())];
        Http = new HttpClient { BaseAddress = Demo.ApiAddress };
        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(Artifacts);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        Http?.Dispose();
        await Demo.DisposeAsync();
    }

    /// <summary>A new page (desktop size) on <paramref name="view"/>, once its WebSocket is live.</summary>
    public async Task<IPage> OpenAsync(string view)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(new Uri(Demo.ApiAddress, "/#" + view).ToString());
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("live", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#view-" + view)).ToBeVisibleAsync();
        return page;
    }

    /// <summary>
    /// Saves <c>artifacts/{name}.png</c> (desktop) and <c>artifacts/{name}-phone.png</c> (390×844), and checks at phone
    /// width that the navigation is usable and nothing scrolls the page sideways (tables scroll inside their panel).
    /// </summary>
    public static async Task ScreenshotsAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, name + ".png"), FullPage = true });
        var desktop = page.ViewportSize!;
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await page.WaitForTimeoutAsync(300); // a paint or two at the new width
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[2] && widths[1] <= widths[2], $"{name} at {PhoneWidth} px: the page is {widths[0]}/{widths[1]} px wide in a {widths[2]} px window");
        foreach (var link in await page.Locator("nav a").AllAsync())
        {
            await Assertions.Expect(link).ToBeInViewportAsync();
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, name + "-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(desktop.Width, desktop.Height);
    }

    public async Task<JsonElement> GetJsonAsync(string path) => await Http.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));

    /// <summary>Polls <paramref name="check"/> until it returns null (success) or fails with its last explanation after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(TimeSpan timeout, Func<Task<string?>> check)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? problem;
        while ((problem = await check()) is not null)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not within {timeout.TotalSeconds} s: {problem}");
            }

            await Task.Delay(150);
        }
    }

    public static decimal Dec(string text) => decimal.Parse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static decimal Dec(JsonElement e) => Dec(e.GetString()!);
}
