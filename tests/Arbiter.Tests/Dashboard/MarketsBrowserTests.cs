using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Intelligence;
using Microsoft.Playwright;

namespace Arbiter.Tests.Dashboard;

/// <summary>The Markets view: the asset × venue matrix equals /api/markets; hostile names from venues are shown as text.</summary>
[Collection(DashboardCollection.Name)]
public sealed class MarketsBrowserTests(DashboardFixture fixture)
{
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
    public async Task Markets_HostileNamesFromVenues_AreShownAsTextNeverAsMarkup()
    {
        // What a venue controls reaches the page through the real server: symbols, asset and quote codes (upper-cased),
        // wallet network names and contract addresses (a collision shows them).
        const string symbol = "<img src=x onerror=\"window.__xss=1\">";
        const string script = "<script>window.__xss=2</script>";
        const string network = "<svg onload=\"window.__xss=3\">";
        var asset = Asset.Of("<b>x</b>");
        var quote = Asset.Of("<i>q</i>");
        var binance = new MarketList();
        binance.Add(symbol, asset, Asset.Usdt);
        var okx = new MarketList();
        okx.Add(script, asset, quote);
        WalletSnapshot Wallet(VenueId venue, string contract) =>
            new(venue, 1, [new AssetWallet(asset, [new NetworkStatus(network, network, true, true, null, null, null, contract)])], "test");
        WalletSourceStatus[] wallets =
        [
            new(VenueId.Binance, null, false, null, 1, null, null, 1, 0, Wallet(VenueId.Binance, "0x1")),
            new(VenueId.Okx, null, false, null, 1, null, null, 1, 0, Wallet(VenueId.Okx, symbol)),
        ];
        await using var api = await StandaloneApi.StartAsync(
            new ApiOptions { Url = "http://127.0.0.1:0" },
            () => [(VenueId.Binance, binance), (VenueId.Upbit, null), (VenueId.Okx, okx)],
            () => wallets);
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(api.Address, "/#markets").ToString());

        await Assertions.Expect(page.Locator("#markets td[data-venue='binance']")).ToHaveTextAsync($"{symbol} · USDT", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#markets td[data-venue='okx']")).ToHaveTextAsync($"{script} · <I>Q</I>");
        await Assertions.Expect(page.Locator("#markets tbody tr[data-asset]")).ToContainTextAsync("<B>X</B>");
        await Assertions.Expect(page.Locator("#collisions tbody")).ToContainTextAsync(network);
        await Assertions.Expect(page.Locator("#collisions tbody")).ToContainTextAsync(symbol);
        Assert.Equal(0, await page.Locator("#view-markets img, #view-markets script, #view-markets svg, #view-markets b, #view-markets i").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        await page.CloseAsync();
    }
}
