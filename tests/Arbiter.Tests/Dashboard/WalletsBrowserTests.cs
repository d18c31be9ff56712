using System.Text.Json;
using Arbiter.Tests.Support;
using Microsoft.Playwright;

namespace Arbiter.Tests.Dashboard;

/// <summary>The Wallets view: one row per venue, asset and network, equal to /api/wallets; the asset filter; the sources with masked keys.</summary>
[Collection(DashboardCollection.Name)]
public sealed class WalletsBrowserTests(DashboardFixture fixture)
{
    private const string ReadRows = "rows => rows.map(r => [...r.cells].slice(0, 9).map(c => c.textContent).join(' | '))";

    [Fact]
    public async Task Wallets_View_RowsEqualApiWalletsAndTheAssetFilterNarrowsThem()
    {
        var page = await fixture.OpenAsync("wallets");
        await Assertions.Expect(page.Locator("#wallets tbody tr[data-network]").First).ToBeVisibleAsync(new() { Timeout = 10_000 });

        await DashboardFixture.EventuallyAsync(TimeSpan.FromSeconds(10), async () =>
        {
            var expected = Expected(await fixture.GetJsonAsync("/api/wallets"), null);
            var shown = await page.Locator("#wallets tbody tr[data-network]").EvaluateAllAsync<string[]>(ReadRows);
            return expected.Order(StringComparer.Ordinal).SequenceEqual(shown.Order(StringComparer.Ordinal))
                ? null : $"shown:\n{string.Join('\n', shown)}\nexpected:\n{string.Join('\n', expected)}";
        });

        // By hand from the simulator's Binance wallet: XRP on the XRP network, both open, fee 0.2, min 1, 1 confirmation.
        await Assertions.Expect(page.Locator("#wallets tr[data-venue='binance'][data-asset='XRP'][data-network='XRP']"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^binanceXRPXRPXRPopenopen0\\.211"));

        await page.Locator("#w-asset").SelectOptionAsync("XRP");
        var xrp = Expected(await fixture.GetJsonAsync("/api/wallets?asset=XRP"), "XRP");
        Assert.NotEmpty(xrp);
        await Assertions.Expect(page.Locator("#wallets tbody tr[data-network]")).ToHaveCountAsync(xrp.Count);
        Assert.All(await page.Locator("#wallets tbody tr[data-network]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.asset)"), a => Assert.Equal("XRP", a));

        // Sources: one row per venue, keys only as masked (never the simulator's key or secret).
        var sources = (await fixture.GetJsonAsync("/api/wallets")).GetProperty("wallets").EnumerateArray().ToArray();
        await Assertions.Expect(page.Locator("#wallet-sources tbody tr[data-venue]")).ToHaveCountAsync(sources.Length);
        await Assertions.Expect(page.Locator("#wallet-sources tr[data-venue='binance']")).ToContainTextAsync(SuiteCanary.MaskedKey);
        var html = await page.ContentAsync();
        Assert.All(SuiteCanary.Forbidden, secret => Assert.DoesNotContain(secret, html, StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#view-wallets")).ToContainTextAsync("Balances appear once trading keys exist.");
        await page.Locator("#w-asset").SelectOptionAsync("");
        await DashboardFixture.ScreenshotsAsync(page, "wallets");
    }

    /// <summary>The rows the page should show, built from the API's JSON independently of the page's code.</summary>
    private static List<string> Expected(JsonElement api, string? asset)
    {
        static string Open(JsonElement e) => e.ValueKind == JsonValueKind.True ? "open" : e.ValueKind == JsonValueKind.False ? "closed" : "unknown";
        static string Text(JsonElement e) => e.ValueKind == JsonValueKind.Null ? "–" : e.ValueKind == JsonValueKind.Number ? e.GetRawText() : e.GetString()!;
        var rows = new List<string>();
        foreach (var source in api.GetProperty("wallets").EnumerateArray())
        {
            foreach (var wallet in source.GetProperty("assets").EnumerateArray())
            {
                if (asset is not null && wallet.GetProperty("asset").GetString() != asset)
                {
                    continue;
                }

                if (wallet.GetProperty("networks").GetArrayLength() == 0)
                {
                    // An asset-level status only (no per-network detail from this venue): one row saying so.
                    rows.Add(string.Join(" | ", source.GetProperty("venue").GetString(), wallet.GetProperty("asset").GetString(), "–", "",
                        Open(wallet.GetProperty("depositOpen")), Open(wallet.GetProperty("withdrawOpen")), "–", "–", "–"));
                }

                foreach (var n in wallet.GetProperty("networks").EnumerateArray())
                {
                    rows.Add(string.Join(" | ", source.GetProperty("venue").GetString(), wallet.GetProperty("asset").GetString(), n.GetProperty("network").GetString(),
                        n.GetProperty("venueNetwork").GetString(), Open(n.GetProperty("depositOpen")), Open(n.GetProperty("withdrawOpen")),
                        Text(n.GetProperty("withdrawFee")), Text(n.GetProperty("withdrawMin")), Text(n.GetProperty("confirmations"))));
                }
            }
        }

        return rows;
    }
}
