using System.Diagnostics;
using System.Text.Json;
using Arbiter.Core;
using Arbiter.Tests.Support;

namespace Arbiter.Tests.Intelligence;

/// <summary>
/// Market intelligence end to end: the simulated venues and FX quote on real sockets, the live pipeline with short
/// schedules, and the API. The test moves the market (dislocations), the wallets (suspend, contracts) and the FX source itself.
/// </summary>
public sealed class IntelligenceEndToEndTests
{
    private static readonly TimeSpan WalletInterval = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task SuspendedWithdrawals_OnTheBuyVenue_MakeTheTransferModeUnavailableWithinOneRefresh_ReopeningRestoresIt()
    {
        await using var run = new SimPipelineRun(Schedules());
        await run.StartAsync();
        await WaitWalletsFetchedAsync(run);

        // Binance's XRP 300 bps cheaper: buy there, sell anywhere; XRP has one network (XRP), open everywhere.
        run.Simulator.Simulation.Dislocate(VenueId.Binance, "XRP", -300, TimeSpan.FromSeconds(60));
        var (opened, openedAt) = await run.WaitForAsync(
            m => SimPipelineRun.IsOpportunity(m, "opportunity.opened", "XRP", buy: "binance") && Transfer(m).GetProperty("available").GetBoolean(),
            TimeSpan.FromSeconds(10),
            "XRP opportunity buying on binance with an open transfer route");
        var id = Id(opened);
        Assert.Equal("XRP", Transfer(opened).GetProperty("network").GetString());
        Assert.Equal("0.2", Transfer(opened).GetProperty("withdrawFee").GetString()); // Binance's XRP fee (base 0.2 × factor 1)

        var clock = Stopwatch.StartNew();
        run.Simulator.Simulation.Binance.Wallets.SetOpen("XRP", "XRP", withdraw: false);
        var (changed, changedAt) = await run.WaitForAsync(
            m => SimPipelineRun.Type(m) == "opportunity.transferChanged" && Id(m) == id,
            TimeSpan.FromSeconds(5),
            "transferChanged after the suspension",
            openedAt);
        var withinOneRefresh = clock.Elapsed;
        Assert.False(Transfer(changed).GetProperty("available").GetBoolean());
        Assert.Equal("no-route", Transfer(changed).GetProperty("unavailable").GetString());
        Assert.Equal(JsonValueKind.Null, Transfer(changed).GetProperty("network").ValueKind);
        Assert.True(withinOneRefresh < WalletInterval + TimeSpan.FromSeconds(1.5), $"took {withinOneRefresh}");

        var (walletChange, _) = await run.WaitForAsync(
            m => SimPipelineRun.Type(m) == "wallet" && Change(m, "binance", "XRP", "XRP"),
            TimeSpan.FromSeconds(2),
            "wallet change of binance XRP",
            openedAt);
        Assert.True(walletChange.GetProperty("change").GetProperty("previous").GetProperty("withdrawOpen").GetBoolean());
        Assert.False(walletChange.GetProperty("change").GetProperty("current").GetProperty("withdrawOpen").GetBoolean());
        Assert.True(walletChange.GetProperty("change").GetProperty("current").GetProperty("depositOpen").GetBoolean());

        // The REST views agree: the opportunity is still open (inventory mode is unaffected), its transfer unavailable; the wallet shows the suspension.
        var open = await run.GetAsync("/api/opportunities");
        var same = open.GetProperty("open").EnumerateArray().Single(o => o.GetProperty("id").GetInt64() == id);
        Assert.Equal("no-route", same.GetProperty("transfer").GetProperty("unavailable").GetString());
        var wallets = await run.GetAsync("/api/wallets?venue=binance&asset=XRP");
        var xrp = wallets.GetProperty("wallets")[0].GetProperty("assets")[0].GetProperty("networks")[0];
        Assert.Equal((false, true), (xrp.GetProperty("withdrawOpen").GetBoolean(), xrp.GetProperty("depositOpen").GetBoolean()));
        Assert.Contains(wallets.GetProperty("walletChanges").EnumerateArray(), c => c.GetProperty("current").GetProperty("withdrawOpen").GetBoolean() == false);

        run.Simulator.Simulation.Binance.Wallets.SetOpen("XRP", "XRP", withdraw: true);
        var (restored, _) = await run.WaitForAsync(
            m => SimPipelineRun.Type(m) == "opportunity.transferChanged" && Id(m) == id && Transfer(m).GetProperty("available").GetBoolean(),
            TimeSpan.FromSeconds(5),
            "transferChanged after reopening",
            changedAt);
        Assert.Equal("XRP", Transfer(restored).GetProperty("network").GetString());
        await run.WaitForAsync(
            m => SimPipelineRun.Type(m) == "wallet" && Change(m, "binance", "XRP", "XRP") && m.GetProperty("change").GetProperty("current").GetProperty("withdrawOpen").GetBoolean(),
            TimeSpan.FromSeconds(2),
            "wallet change reopening binance XRP",
            changedAt);
    }

    [Fact]
    public async Task FxSourceDownPastMaxAge_ClosesKrwCrossOpportunitiesWithFxStale_RecoveryReopensThem()
    {
        await using var run = new SimPipelineRun(Schedules(new() { ["Engine:Fx:MaxAge"] = "00:00:02", ["Engine:Fx:DeriveUsdKrw"] = "false" }));
        await run.StartAsync();

        // Upbit's BTC 300 bps dearer: buy on a USD-like venue, sell in KRW at Upbit, converted at the FX source's rate.
        run.Simulator.Simulation.Dislocate(VenueId.Upbit, "BTC", 300, TimeSpan.FromSeconds(60));
        var (opened, openedAt) = await run.WaitForAsync(m => SimPipelineRun.IsOpportunity(m, "opportunity.opened", "BTC", buy: "binance", sell: "upbit"), TimeSpan.FromSeconds(10), "binance → upbit BTC");
        Assert.Equal(run.Settings.Simulator.UsdKrw, decimal.Parse(opened.GetProperty("opportunity").GetProperty("sell").GetProperty("fxRate").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        var fx = await run.PollAsync("/api/fx", b => Rate(b, "USD/KRW").GetProperty("status").GetString() == "live", TimeSpan.FromSeconds(2), "live USD/KRW"); // the fx output may follow the opening
        Assert.Equal(("live", $"http: {run.Simulator.FxQuoteUrl}"), (Rate(fx, "USD/KRW").GetProperty("status").GetString(), Rate(fx, "USD/KRW").GetProperty("source").GetString()));

        var clock = Stopwatch.StartNew();
        run.Simulator.Simulation.Fx.Down = true;
        var (closed, closedAt) = await run.WaitForAsync(
            m => SimPipelineRun.IsOpportunity(m, "opportunity.closed", "BTC", buy: "binance", sell: "upbit"),
            TimeSpan.FromSeconds(8),
            "the KRW-cross opportunity closing",
            openedAt);
        Assert.Equal("fx-stale", closed.GetProperty("closeReason").GetString());
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"closed after {clock.Elapsed}, before the last quote could be 2 s old"); // 2 s MaxAge minus one 300 ms fetch interval
        fx = await run.PollAsync("/api/fx", b => Rate(b, "USD/KRW").GetProperty("status").GetString() == "stale", TimeSpan.FromSeconds(2), "stale USD/KRW"); // the fx output may follow the close
        Assert.False(Rate(fx, "USD/KRW").GetProperty("usable").GetBoolean());
        Assert.True(Rate(fx, "USD/KRW").GetProperty("ageSeconds").GetInt64() >= 2);
        Assert.Equal($"HTTP 503 Service Unavailable from GET {run.Simulator.FxQuoteUrl}", fx.GetProperty("source").GetProperty("lastError").GetString());
        Assert.True(fx.GetProperty("source").GetProperty("failures").GetInt64() >= 3);

        // Non-KRW pairs are unaffected while the rate is stale: no USD-like opportunity closed for fx-stale.
        Assert.DoesNotContain(run.Messages.Skip(openedAt), m => SimPipelineRun.Type(m) == "opportunity.closed"
            && m.GetProperty("closeReason").GetString() == "fx-stale"
            && m.GetProperty("opportunity").GetProperty("buy").GetProperty("quote").GetString() != "KRW"
            && m.GetProperty("opportunity").GetProperty("sell").GetProperty("quote").GetString() != "KRW");

        run.Simulator.Simulation.Fx.Down = false;
        await run.WaitForAsync(m => SimPipelineRun.IsOpportunity(m, "opportunity.opened", "BTC", buy: "binance", sell: "upbit"), TimeSpan.FromSeconds(5), "the KRW-cross opportunity reopening", closedAt);
        await run.PollAsync("/api/fx", b => Rate(b, "USD/KRW").GetProperty("status").GetString() == "live", TimeSpan.FromSeconds(2), "live USD/KRW again");
    }

    [Fact]
    public async Task FxSourceDownPastMaxAge_WithDeriveUsdKrw_UsesTheDerivedRateLabelledDerived()
    {
        await using var run = new SimPipelineRun(Schedules(new() { ["Engine:Fx:MaxAge"] = "00:00:02" }));
        await run.StartAsync();
        run.Simulator.Simulation.Dislocate(VenueId.Upbit, "BTC", 300, TimeSpan.FromSeconds(60));
        var (opened, openedAt) = await run.WaitForAsync(m => SimPipelineRun.IsOpportunity(m, "opportunity.opened", "BTC", buy: "binance", sell: "upbit"), TimeSpan.FromSeconds(10), "binance → upbit BTC");

        run.Simulator.Simulation.Fx.Down = true;
        var fx = await run.PollAsync("/api/fx", b => Rate(b, "USD/KRW").GetProperty("status").GetString() == "derived", TimeSpan.FromSeconds(8), "derived USD/KRW");
        var usdKrw = Rate(fx, "USD/KRW");
        Assert.True(usdKrw.GetProperty("usable").GetBoolean());
        Assert.StartsWith("derived", usdKrw.GetProperty("source").GetString(), StringComparison.Ordinal);
        var derived = decimal.Parse(usdKrw.GetProperty("rate").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(derived, 1370m, 1390m); // KRW-USDT (1.0005 × 1380, on a 1 KRW tick) ÷ USDT/USD (1.0005)

        // Still open (never closed for fx-stale), now priced at the derived rate.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(run.Messages.Skip(openedAt), m => SimPipelineRun.Type(m) == "opportunity.closed" && m.GetProperty("closeReason").GetString() == "fx-stale");
        var open = await run.GetAsync("/api/opportunities");
        Assert.Contains(open.GetProperty("open").EnumerateArray(), o => o.GetProperty("id").GetInt64() == Id(opened));
    }

    [Fact]
    public async Task TickerCollision_SameSymbolDifferentContract_NoOpportunityBetweenThoseVenues_AndApiMarketsSaysWhy()
    {
        await using var run = new SimPipelineRun(Schedules());
        await run.StartAsync();
        await WaitWalletsFetchedAsync(run);
        run.Simulator.Simulation.Dislocate(VenueId.Binance, "XRP", -300, TimeSpan.FromSeconds(60));
        var (_, openedAt) = await run.WaitForAsync(m => SimPipelineRun.IsOpportunity(m, "opportunity.opened", "XRP", buy: "binance", sell: "gateio"), TimeSpan.FromSeconds(10), "binance → gateio XRP");

        // Same ticker, different token: both venues publish a contract for XRP on the XRP network, and they differ.
        run.Simulator.Simulation.Binance.Wallets.SetContract("XRP", "XRP", "rBinanceXrpToken111");
        run.Simulator.Simulation.GateIo.Wallets.SetContract("XRP", "XRP", "rGateXrpToken222");
        const string reason = "ticker-collision: XRP on XRP is rBinanceXrpToken111 at binance but rGateXrpToken222 at gateio";
        var (closed, closedAt) = await run.WaitForAsync(m => SimPipelineRun.IsOpportunity(m, "opportunity.closed", "XRP", buy: "binance", sell: "gateio"), TimeSpan.FromSeconds(5), "binance → gateio XRP closing", openedAt);
        Assert.Equal(reason, closed.GetProperty("closeReason").GetString());

        var markets = await run.PollAsync("/api/markets", b => b.GetProperty("collisions").GetArrayLength() > 0, TimeSpan.FromSeconds(5), "a collision");
        var collision = Assert.Single(markets.GetProperty("collisions").EnumerateArray());
        Assert.Equal(
            "{\"asset\":\"XRP\",\"venues\":[\"binance\",\"gateio\"],\"network\":\"XRP\",\"contracts\":[\"rBinanceXrpToken111\",\"rGateXrpToken222\"],\"reason\":\"" + reason + "\"}",
            collision.GetRawText());

        // Over the next two wallet refreshes the pair stays blocked while binance's XRP still trades against the other venues.
        await Task.Delay(2 * WalletInterval + TimeSpan.FromMilliseconds(200));
        Assert.DoesNotContain(run.Messages.Skip(closedAt), m => SimPipelineRun.IsOpportunity(m, "opportunity.opened", "XRP", buy: "binance", sell: "gateio"));
        var open = (await run.GetAsync("/api/opportunities")).GetProperty("open").EnumerateArray().ToList();
        Assert.DoesNotContain(open, o => o.GetProperty("buy").GetProperty("venue").GetString() == "binance" && o.GetProperty("sell").GetProperty("venue").GetString() == "gateio");
        Assert.Contains(open, o => o.GetProperty("asset").GetString() == "XRP" && o.GetProperty("buy").GetProperty("venue").GetString() == "binance");
    }

    private static Dictionary<string, string?> Schedules(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Schedules:Wallets"] = "00:00:00.500",
            ["Schedules:Fx"] = "00:00:00.300",
            ["Schedules:Stats"] = "00:00:01",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task WaitWalletsFetchedAsync(SimPipelineRun run) =>
        await run.PollAsync(
            "/api/wallets",
            b => b.GetProperty("wallets").EnumerateArray().All(w => w.GetProperty("lastSuccess").ValueKind == JsonValueKind.String),
            TimeSpan.FromSeconds(10),
            "every venue's wallet status");

    private static readonly JsonDocument Missing = JsonDocument.Parse("{\"pair\":null,\"status\":\"missing\",\"usable\":false,\"rate\":null,\"source\":\"\"}");

    private static long Id(JsonElement message) => message.GetProperty("opportunity").GetProperty("id").GetInt64();

    private static JsonElement Transfer(JsonElement message) => message.GetProperty("opportunity").GetProperty("transfer");

    /// <summary>The rate of <paramref name="pair"/>; before the engine's first FX state the list is empty and this reads as "missing".</summary>
    private static JsonElement Rate(JsonElement fx, string pair) =>
        fx.GetProperty("rates").EnumerateArray().Where(r => r.GetProperty("pair").GetString() == pair).DefaultIfEmpty(Missing.RootElement).Single();

    private static bool Change(JsonElement message, string venue, string asset, string network)
    {
        var c = message.GetProperty("change");
        return c.GetProperty("venue").GetString() == venue && c.GetProperty("asset").GetString() == asset && c.GetProperty("network").GetString() == network;
    }
}
