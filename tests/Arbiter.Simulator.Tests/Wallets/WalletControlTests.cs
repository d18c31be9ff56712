using System.Net;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

/// <summary>Suspending and reopening networks (C# and /_sim/wallet) shows on the next fetch; contract overrides stage a ticker collision.</summary>
public sealed class WalletControlTests
{
    private static readonly long Now = SimClock.At(10);

    [Fact]
    public void SetOpen_XrpWithdrawals_VisibleOnTheNextFetchThenReopened()
    {
        var sim = new Simulation(new SimulatorOptions().Only(VenueId.GateIo, VenueId.Bithumb), SimClock.Start);
        Assert.Equal(0, XrpFlag(sim.GateIo.HandleHttp(SimHttpRequest.Get("/api/v4/wallet/currency_chains?currency=XRP", Now)), "is_withdraw_disabled"));
        var changed = sim.GateIo.Wallets.SetOpen("XRP", "XRP", withdraw: false);
        Assert.Equal((true, false), (changed.DepositOpen, changed.WithdrawOpen));
        Assert.Equal(1, XrpFlag(sim.GateIo.HandleHttp(SimHttpRequest.Get("/api/v4/wallet/currency_chains?currency=XRP", Now)), "is_withdraw_disabled"));
        Assert.Equal(0, XrpFlag(sim.GateIo.HandleHttp(SimHttpRequest.Get("/api/v4/wallet/currency_chains?currency=XRP", Now)), "is_disabled"));
        sim.GateIo.Wallets.SetOpen("XRP", "XRP", withdraw: true);
        Assert.Equal(0, XrpFlag(sim.GateIo.HandleHttp(SimHttpRequest.Get("/api/v4/wallet/currency_chains?currency=XRP", Now)), "is_withdraw_disabled"));
        Assert.True(sim.Bithumb.Wallets.Find("XRP", "XRP")!.WithdrawOpen); // each venue has its own wallet
    }

    [Fact]
    public void ControlEndpoint_SuspendsByVenueSpellingOrCode_AndRefusesUnknownOnes()
    {
        var sim = new Simulation(new SimulatorOptions().Only(VenueId.Okx), SimClock.Start);
        var ok = sim.Okx.HandleControl("POST", "/_sim/wallet?asset=USDT&network=USDT-TRC20&deposit=false&withdraw=false", Now);
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal(
            """{"venue":"okx","wallets":[{"asset":"USDT","network":"TRX","venueNetwork":"USDT-TRC20","deposit":false,"withdraw":false,"withdrawFee":"1","withdrawMin":"10","confirmations":20,"contract":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"}]}""",
            ok.BodyText);
        Assert.False(sim.Okx.Wallets.Find("USDT", "TRX")!.DepositOpen);
        Assert.Equal(200, sim.Okx.HandleControl("POST", "/_sim/wallet?asset=usdt&network=TRX&deposit=true", Now).StatusCode);
        Assert.Equal((true, false), (sim.Okx.Wallets.Find("USDT", "TRX")!.DepositOpen, sim.Okx.Wallets.Find("USDT", "TRX")!.WithdrawOpen));

        var unknownAsset = sim.Okx.HandleControl("POST", "/_sim/wallet?asset=DOGE&network=DOGE&withdraw=false", Now);
        Assert.Equal(400, unknownAsset.StatusCode);
        Assert.Contains("no wallet for asset 'DOGE'", unknownAsset.BodyText, StringComparison.Ordinal);
        var unknownNetwork = sim.Okx.HandleControl("POST", "/_sim/wallet?asset=XRP&network=ETH&withdraw=false", Now);
        Assert.Equal(400, unknownNetwork.StatusCode);
        Assert.Contains("no XRP network 'ETH' (has XRP)", unknownNetwork.BodyText, StringComparison.Ordinal);
        Assert.Equal(400, sim.Okx.HandleControl("POST", "/_sim/wallet?asset=XRP&network=XRP", Now).StatusCode);
        Assert.Equal(400, sim.Okx.HandleControl("POST", "/_sim/wallet?asset=XRP&network=XRP&withdraw=maybe", Now).StatusCode);
        Assert.Throws<ArgumentException>(() => sim.Okx.Wallets.SetOpen("XRP", "TRX", withdraw: false));
    }

    [Fact]
    public async Task ControlEndpoint_OverHttp_NextKeyedFetchShowsTheSuspension()
    {
        await using var server = new SimulatorServer(new SimulatorOptions().Only(VenueId.Upbit));
        await server.StartAsync();
        using var http = new HttpClient();
        var post = await http.PostAsync(new Uri(server.RestBase(VenueId.Upbit), "/_sim/wallet?asset=XRP&network=XRP&withdraw=false"), null);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var bad = await http.PostAsync(new Uri(server.RestBase(VenueId.Upbit), "/_sim/wallet?asset=XRP&network=SOL&withdraw=false"), null);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.RestBase(VenueId.Upbit), "/v1/status/wallet"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ClientSigner.Jwt("""{"access_key":"sim-demo-key","nonce":"http-1"}"""));
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("deposit_only", body.RootElement.EnumerateArray().Single(e => e.GetProperty("currency").GetString() == "XRP").GetProperty("wallet_state").GetString());

        var unsigned = await http.GetAsync(new Uri(server.RestBase(VenueId.Upbit), "/v1/status/wallet"));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }

    [Fact]
    public async Task KeyedEndpoint_OverHttp_SignatureCoversTheQueryAsSent()
    {
        await using var server = new SimulatorServer(new SimulatorOptions().Only(VenueId.Bybit, VenueId.Binance));
        await server.StartAsync();
        using var http = new HttpClient();
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var bybit = new HttpRequestMessage(HttpMethod.Get, new Uri(server.RestBase(VenueId.Bybit), "/v5/asset/coin/query-info?coin=USDT"));
        foreach (var (name, value) in ClientSigner.BybitHeaders("coin=USDT", nowMs))
        {
            bybit.Headers.Add(name, value);
        }

        var response = await http.SendAsync(bybit);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"chain\":\"TRX\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var binance = new HttpRequestMessage(HttpMethod.Get, new Uri(server.RestBase(VenueId.Binance), "/sapi/v1/capital/config/getall?" + ClientSigner.BinanceQuery($"timestamp={nowMs}&recvWindow=10000")));
        binance.Headers.Add("X-MBX-APIKEY", ClientSigner.Key);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(binance)).StatusCode);
    }

    [Fact]
    public void VenueContracts_Override_StagesATickerCollisionOnOneVenue()
    {
        const string Fake = "0x1111111111111111111111111111111111111111";
        var options = new SimulatorOptions { Assets = SimulatorOptions.DefaultAssets() };
        options.Assets[3].Networks =
        [
            new() { Network = "ETH", VenueContracts = new() { ["gateio"] = Fake } },
            new() { Network = "TRX" },
        ];
        var sim = new Simulation(options.Only(VenueId.Binance, VenueId.GateIo, VenueId.Upbit), SimClock.Start);
        Assert.Equal(SimWalletDefaults.UsdtErc20, sim.Binance.Wallets.Find("USDT", "ETH")!.Contract);
        Assert.Equal(Fake, sim.GateIo.Wallets.Find("USDT", "ETH")!.Contract);
        using var gate = JsonDocument.Parse(sim.GateIo.HandleHttp(SimHttpRequest.Get("/api/v4/wallet/currency_chains?currency=USDT", Now)).Body);
        Assert.Equal([Fake, SimWalletDefaults.UsdtTrc20], gate.RootElement.EnumerateArray().Select(c => c.GetProperty("contract_address").GetString()));

        var usdt = Asset.Of("USDT");
        var binance = sim.Binance.Wallets.Truth().Single(w => w.Asset == usdt);
        var gateio = sim.GateIo.Wallets.Truth().Single(w => w.Asset == usdt);
        var upbit = sim.Upbit.Wallets.Truth().Single(w => w.Asset == usdt);
        var collision = TickerCollision.Find(VenueId.GateIo, gateio, VenueId.Binance, binance);
        Assert.NotNull(collision);
        Assert.Equal(("ETH", SimWalletDefaults.UsdtErc20, Fake), (collision.Network, collision.FirstContract, collision.SecondContract));
        Assert.Null(TickerCollision.Find(VenueId.Binance, binance, VenueId.Upbit, upbit));

        sim.Upbit.Wallets.SetContract("USDT", "TRX", "TFakeTronContract");
        Assert.Equal("TRX", TickerCollision.Find(VenueId.Binance, binance, VenueId.Upbit, sim.Upbit.Wallets.Truth().Single(w => w.Asset == usdt))!.Network);
    }

    [Fact]
    public void Networks_Override_ReplacesTheDefaultsWithTheGivenFees()
    {
        var options = new SimulatorOptions { Assets = SimulatorOptions.DefaultAssets() };
        options.Assets[0].Networks = [new() { Network = "BTC", WithdrawFee = 0.0001m, WithdrawMin = 0.002m, Confirmations = 3 }, new() { Network = "Lightning" }];
        var sim = new Simulation(options.Only(VenueId.Upbit), SimClock.Start);
        var btc = sim.Upbit.Wallets.Networks("BTC");
        Assert.Equal(["BTC", "LIGHTNING"], btc.Select(n => n.Network));
        Assert.Equal((0.0001m, 0.002m, 3), (btc[0].WithdrawFee, btc[0].WithdrawMin, btc[0].Confirmations));
    }

    private static int XrpFlag(SimHttpResponse response, string name) =>
        JsonDocument.Parse(response.Body).RootElement.EnumerateArray().Single().GetProperty(name).GetInt32();
}
