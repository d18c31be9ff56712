using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Arbiter.Tests.Dashboard;

/// <summary>The Opportunities view against the demo's injected dislocations: latency, sorting, filters and the row detail.</summary>
[Collection(DashboardCollection.Name)]
public sealed class OpportunitiesBrowserTests(DashboardFixture fixture)
{
    private const string RowIds = "rows => rows.map(r => r.dataset.id)";

    private static readonly string[] Sides = ["buy", "sell"];

    [Fact]
    public async Task Opportunities_InjectedDislocation_AppearsWithinOneSecondOfTheEngine()
    {
        var page = await fixture.OpenAsync("opportunities");

        // The page records, by opportunity id, when its row first appears (its own clock, the same machine's as the demo's engine).
        var installed = await page.EvaluateAsync<double>(@"() => {
            window.__rowAppeared = {};
            const body = document.querySelector('#opps tbody');
            const note = () => { const now = Date.now(); for (const tr of body.querySelectorAll('tr[data-id]')) if (!(tr.dataset.id in window.__rowAppeared)) window.__rowAppeared[tr.dataset.id] = now; };
            new MutationObserver(note).observe(body, { childList: true });
            return Date.now(); }");
        var since = DateTimeOffset.FromUnixTimeMilliseconds((long)installed);

        // Opportunities first seen by the engine after the observer was installed (the next injected dislocation, ≤ 20 s away).
        var measured = new Dictionary<long, double>();
        await DashboardFixture.EventuallyAsync(TimeSpan.FromSeconds(45), async () =>
        {
            var api = await fixture.GetJsonAsync("/api/opportunities");
            var appeared = await page.EvaluateAsync<Dictionary<string, double>>("() => window.__rowAppeared");
            var all = api.GetProperty("open").EnumerateArray().Concat(api.GetProperty("recentClosed").EnumerateArray().Select(e => e.GetProperty("opportunity")));
            foreach (var o in all)
            {
                var firstSeen = DateTimeOffset.Parse(o.GetProperty("firstSeen").GetString()!, CultureInfo.InvariantCulture);
                var id = o.GetProperty("id").GetInt64();
                if (firstSeen > since && appeared.TryGetValue(id.ToString(CultureInfo.InvariantCulture), out var at))
                {
                    measured[id] = at - firstSeen.ToUnixTimeMilliseconds() - (firstSeen.Ticks % TimeSpan.TicksPerMillisecond) / (double)TimeSpan.TicksPerMillisecond;
                }
            }

            return measured.Count >= 1 ? null : "no new opportunity has appeared in the table yet";
        });

        Assert.All(measured, m => Assert.InRange(m.Value, 0, 1000));
    }

    [Fact]
    public async Task Opportunities_SortAndFilters_MatchTheApi()
    {
        var page = await fixture.OpenAsync("opportunities");
        await Assertions.Expect(page.Locator("#opps tbody tr[data-id]").Nth(1)).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Default: net profit, largest first. Then by asset (A→Z), by net again (largest first), and reversed.
        await ExpectOrderAsync(page, open => open.OrderByDescending(o => DashboardFixture.Dec(o.GetProperty("netProfitUsd"))).ThenBy(Id));
        await Assertions.Expect(page.Locator("#opps th[data-sort='net']")).ToHaveAttributeAsync("aria-sort", "descending");
        await page.Locator("#opps th[data-sort='asset'] button").ClickAsync();
        await Assertions.Expect(page.Locator("#opps th[data-sort='asset']")).ToHaveAttributeAsync("aria-sort", "ascending");
        await ExpectOrderAsync(page, open => open.OrderBy(o => o.GetProperty("asset").GetString(), StringComparer.Ordinal).ThenBy(Id));
        await page.Locator("#opps th[data-sort='sell'] button").ClickAsync();
        await ExpectOrderAsync(page, open => open.OrderBy(o => Leg(o, "sell"), StringComparer.Ordinal).ThenBy(Id));
        await page.Locator("#opps th[data-sort='sell'] button").ClickAsync();
        await Assertions.Expect(page.Locator("#opps th[data-sort='sell']")).ToHaveAttributeAsync("aria-sort", "descending");
        await ExpectOrderAsync(page, open => open.OrderByDescending(o => Leg(o, "sell"), StringComparer.Ordinal).ThenBy(Id));
        await page.Locator("#opps th[data-sort='size'] button").ClickAsync();
        await ExpectOrderAsync(page, open => open.OrderByDescending(o => DashboardFixture.Dec(o.GetProperty("size"))).ThenBy(Id));
        await page.Locator("#opps th[data-sort='bps'] button").ClickAsync();
        await page.Locator("#opps th[data-sort='bps'] button").ClickAsync();
        await Assertions.Expect(page.Locator("#opps th[data-sort='bps']")).ToHaveAttributeAsync("aria-sort", "ascending");
        await ExpectOrderAsync(page, open => open.OrderBy(o => DashboardFixture.Dec(o.GetProperty("netPremiumBps"))).ThenBy(Id));

        // Filters, each against the same filter applied here to /api/opportunities (order: bps ascending, as chosen above).
        // The venue and asset filtered on are those of a row on screen (the periodic dislocations hit different venues);
        // if the rows are gone before the comparison (a dislocation ended), the next dislocation's rows are used.
        await FilterAsync(page, "#f-venue", o => Venue(o, "sell"), (o, venue) => Venue(o, "buy") == venue || Venue(o, "sell") == venue);
        await FilterAsync(page, "#f-asset", o => o.GetProperty("asset").GetString()!, (o, asset) => o.GetProperty("asset").GetString() == asset);

        // Minimum net profit: the median of what is open now, so that some rows pass and some do not.
        var nets = (await fixture.GetJsonAsync("/api/opportunities")).GetProperty("open").EnumerateArray().Select(o => DashboardFixture.Dec(o.GetProperty("netProfitUsd"))).Order().ToArray();
        var min = nets.Length > 0 ? decimal.Round(nets[nets.Length / 2], 0) : 100m;
        await page.Locator("#f-min").FillAsync(min.ToString(CultureInfo.InvariantCulture));
        await ExpectOrderAsync(page, open => open.Where(o => DashboardFixture.Dec(o.GetProperty("netProfitUsd")) >= min)
            .OrderBy(o => DashboardFixture.Dec(o.GetProperty("netPremiumBps"))).ThenBy(Id), minRows: 0);
        await page.Locator("#f-min").FillAsync("");

        // Transfer mode: only opportunities whose transfer route is available, with the net after transfer.
        await page.Locator("#f-mode").SelectOptionAsync("transfer");
        await Assertions.Expect(page.Locator("#net-header")).ToHaveTextAsync("Transfer net USD");
        await ExpectOrderAsync(page, open => open.Where(o => o.GetProperty("transfer").GetProperty("available").GetBoolean())
            .OrderBy(o => DashboardFixture.Dec(o.GetProperty("transfer").GetProperty("netPremiumBps"))).ThenBy(Id), minRows: 0);
    }

    [Fact]
    public async Task Opportunities_RowDetail_FillsSumToTheSizeAndTheAveragePriceIsTheirWeightedMean()
    {
        var page = await fixture.OpenAsync("opportunities");
        var first = page.Locator("#opps tbody tr[data-id]").First;
        await Assertions.Expect(first).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var id = long.Parse((await first.GetAttributeAsync("data-id"))!, CultureInfo.InvariantCulture);
        await first.ClickAsync();
        await Assertions.Expect(page.Locator("#opp-detail")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#detail-title")).ToContainTextAsync($"#{id} ");

        await DashboardFixture.EventuallyAsync(TimeSpan.FromSeconds(10), async () =>
        {
            // The detail as painted, and the same opportunity from the API (equal once both show the same update).
            var shown = await page.EvaluateAsync<JsonElement>(@"() => ({
                size: [...document.querySelectorAll('#detail-body dt')].find(d => d.textContent === 'Size').nextElementSibling.textContent.split(' ')[0],
                buy: [...document.querySelectorAll('#detail-buy-fills tbody tr')].map(r => [r.cells[1].textContent, r.cells[2].textContent]),
                sell: [...document.querySelectorAll('#detail-sell-fills tbody tr')].map(r => [r.cells[1].textContent, r.cells[2].textContent]),
                buyAvg: document.getElementById('detail-buy-avg').textContent.split(' ')[0],
                sellAvg: document.getElementById('detail-sell-avg').textContent.split(' ')[0],
                buyFee: document.getElementById('detail-buy-fee').textContent.split(' ')[0] })");
            var api = Find(await fixture.GetJsonAsync("/api/opportunities"), id);
            if (api is null || api.Value.GetProperty("size").GetString() != shown.GetProperty("size").GetString())
            {
                return $"the page shows size {shown.GetProperty("size")}, the API {api?.GetProperty("size")}";
            }

            var size = DashboardFixture.Dec(api.Value.GetProperty("size"));
            foreach (var side in Sides)
            {
                var fills = shown.GetProperty(side).EnumerateArray().Select(f => (Price: DashboardFixture.Dec(f[0].GetString()!), Quantity: DashboardFixture.Dec(f[1].GetString()!))).ToArray();
                Assert.Equal(api.Value.GetProperty(side).GetProperty("levels").GetInt32(), fills.Length);
                Assert.Equal(size, fills.Sum(f => f.Quantity));
                var average = fills.Sum(f => f.Price * f.Quantity) / fills.Sum(f => f.Quantity);
                var avgText = shown.GetProperty(side + "Avg").GetString()!;
                var lastPlace = avgText.Contains('.', StringComparison.Ordinal) ? avgText.Length - avgText.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
                Assert.True(Math.Abs(DashboardFixture.Dec(avgText) - average) <= Pow10(-lastPlace), $"{side}: average shown {avgText}, Σp×q/Σq = {average}");
                if (side == "buy")
                {
                    // Fee amount in the quote currency: Σ price × quantity × fee rate, shown to 8 decimals.
                    var fee = fills.Sum(f => f.Price * f.Quantity) * DashboardFixture.Dec(api.Value.GetProperty("buy").GetProperty("feeRate"));
                    Assert.True(Math.Abs(DashboardFixture.Dec(shown.GetProperty("buyFee").GetString()!) - fee) <= 0.00000001m + (fee * 0.000000000001m), $"fee shown {shown.GetProperty("buyFee")}, computed {fee}");
                }
            }

            return null;
        });
        await Assertions.Expect(page.Locator("#detail-transfer")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#detail-status")).ToHaveTextAsync("open");
        await DashboardFixture.ScreenshotsAsync(page, "opportunities");

        // The dislocation lasts 12 s: the detail stays open and says so when the opportunity closes.
        await Assertions.Expect(page.Locator("#detail-status")).ToContainTextAsync("closed (", new() { Timeout = 40_000 });
        await Assertions.Expect(page.Locator($"#closed-opps tbody tr[data-id='{id}']")).ToBeVisibleAsync();
    }

    /// <summary>Selects in <paramref name="select"/> the value of the first open opportunity and compares the filtered table with the API.</summary>
    private async Task FilterAsync(IPage page, string select, Func<JsonElement, string> valueOf, Func<JsonElement, string, bool> keeps)
    {
        for (var attempt = 1; ; attempt++)
        {
            Assert.True(attempt <= 4, $"filtering {select}: the rows were gone each time before the comparison");
            await Assertions.Expect(page.Locator("#opps tbody tr[data-id]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var open = (await fixture.GetJsonAsync("/api/opportunities")).GetProperty("open").EnumerateArray().ToArray();
            if (open.Length == 0)
            {
                continue;
            }

            var value = valueOf(open[0]);
            await page.Locator(select).SelectOptionAsync(value);
            var rows = await ExpectOrderAsync(page, all => all.Where(o => keeps(o, value))
                .OrderBy(o => DashboardFixture.Dec(o.GetProperty("netPremiumBps"))).ThenBy(Id), minRows: 0);
            await page.Locator(select).SelectOptionAsync("");
            if (rows > 0)
            {
                return;
            }
        }
    }

    private static decimal Pow10(int exponent)
    {
        var value = 1m;
        for (var i = 0; i < -exponent; i++)
        {
            value /= 10m;
        }

        return value;
    }

    private static JsonElement? Find(JsonElement api, long id)
    {
        foreach (var o in api.GetProperty("open").EnumerateArray())
        {
            if (o.GetProperty("id").GetInt64() == id)
            {
                return o;
            }
        }

        foreach (var e in api.GetProperty("recentClosed").EnumerateArray())
        {
            if (e.GetProperty("opportunity").GetProperty("id").GetInt64() == id)
            {
                return e.GetProperty("opportunity");
            }
        }

        return null;
    }

    private static long Id(JsonElement o) => o.GetProperty("id").GetInt64();

    private static string Venue(JsonElement o, string side) => o.GetProperty(side).GetProperty("venue").GetString()!;

    private static string Leg(JsonElement o, string side) => Venue(o, side) + " " + o.GetProperty(side).GetProperty("symbol").GetString();

    /// <summary>The table's rows are the API's open opportunities put through <paramref name="expected"/> (polled: both move with the market).</summary>
    /// <remarks>
    /// With <paramref name="minRows"/>, an empty table (between two dislocations) does not count: the check waits for
    /// the next dislocation (at most 8 s after one ends) so that an order is really compared.
    /// </remarks>
    private async Task<int> ExpectOrderAsync(IPage page, Func<IEnumerable<JsonElement>, IEnumerable<JsonElement>> expected, int minRows = 2)
    {
        var compared = 0;
        await DashboardFixture.EventuallyAsync(TimeSpan.FromSeconds(30), async () =>
        {
            var api = await fixture.GetJsonAsync("/api/opportunities");
            var want = expected(api.GetProperty("open").EnumerateArray()).Select(o => Id(o).ToString(CultureInfo.InvariantCulture)).ToArray();
            var shown = await page.Locator("#opps tbody tr[data-id]").EvaluateAllAsync<string[]>(RowIds);
            if (shown.Length < minRows)
            {
                return $"{shown.Length} rows shown; waiting for at least {minRows}";
            }

            compared = shown.Length;
            return shown.SequenceEqual(want) ? null : $"table [{string.Join(", ", shown)}], API [{string.Join(", ", want)}]";
        });
        return compared;
    }
}
