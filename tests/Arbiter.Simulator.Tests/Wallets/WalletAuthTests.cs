using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

/// <summary>Keyed wallet endpoints accept a correctly computed signature and refuse the way each venue does.</summary>
public sealed class WalletAuthTests
{
    private static readonly long Now = SimClock.At(10);
    private static readonly long NowMs = ClientSigner.Millis(Now);

    [Fact]
    public void Binance_ReferenceVector_IsAccepted()
    {
        // REFERENCE §1's official vector: this secret signs this query to c8db5682…6b71; the endpoint checks the query only.
        var options = new SimulatorOptions { ApiKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A", ApiSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j" };
        var sim = new Simulation(options.Only(VenueId.Binance), SimClock.Start);
        const string Query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        Assert.Equal(Query + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", ClientSigner.BinanceQuery(Query, options.ApiSecret));
        var at = 1_499_827_319_559_000L + 1_000_000; // one second after the vector's timestamp, inside recvWindow 5000
        var response = sim.Binance.HandleHttp(SimHttpRequest.Get("/sapi/v1/capital/config/getall?" + Query + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", at, ("X-MBX-APIKEY", options.ApiKey)));
        Assert.Equal(200, response.StatusCode);
    }

    [Theory]
    [InlineData("no key", 401, -2014)]
    [InlineData("wrong key", 401, -2015)]
    [InlineData("no timestamp", 400, -1102)]
    [InlineData("no signature", 400, -1102)]
    [InlineData("bad signature", 400, -1022)]
    [InlineData("old timestamp", 400, -1021)]
    [InlineData("future timestamp", 400, -1021)]
    public void Binance_Refusals(string scenario, int status, int code)
    {
        var sim = new Simulation(new SimulatorOptions().Only(VenueId.Binance), SimClock.Start);
        var good = ClientSigner.BinanceQuery($"timestamp={NowMs}");
        var (query, key) = scenario switch
        {
            "no key" => (good, (string?)null),
            "wrong key" => (good, "other"),
            "no timestamp" => (ClientSigner.BinanceQuery("recvWindow=5000"), ClientSigner.Key),
            "no signature" => ($"timestamp={NowMs}", ClientSigner.Key),
            "bad signature" => (ClientSigner.BinanceQuery($"timestamp={NowMs}", "wrong-secret"), ClientSigner.Key),
            "old timestamp" => (ClientSigner.BinanceQuery($"timestamp={NowMs - 5001}"), ClientSigner.Key),
            _ => (ClientSigner.BinanceQuery($"timestamp={NowMs + 1000}"), ClientSigner.Key),
        };
        var headers = key is null ? [] : new[] { ("X-MBX-APIKEY", key) };
        var response = sim.Binance.HandleHttp(SimHttpRequest.Get("/sapi/v1/capital/config/getall?" + query, Now, headers));
        Assert.Equal(status, response.StatusCode);
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal(code, body.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(200, sim.Binance.HandleHttp(SimHttpRequest.Get("/sapi/v1/capital/config/getall?" + ClientSigner.BinanceQuery($"timestamp={NowMs - 5000}&recvWindow=5000"), Now, ("X-MBX-APIKEY", ClientSigner.Key))).StatusCode);
    }

    [Theory]
    [InlineData("wrong key", 401, 10003)]
    [InlineData("bad sign", 401, 10004)]
    [InlineData("stale", 200, 10002)]
    [InlineData("ahead", 200, 10002)]
    public void Bybit_Refusals(string scenario, int status, int retCode)
    {
        var sim = new Simulation(new SimulatorOptions().Only(VenueId.Bybit), SimClock.Start);
        var headers = scenario switch
        {
            "wrong key" => ClientSigner.BybitHeaders("", NowMs, key: "other"),
            "bad sign" => ClientSigner.BybitHeaders("", NowMs, secret: "wrong"),
            "stale" => ClientSigner.BybitHeaders("", NowMs - 5001),
            _ => ClientSigner.BybitHeaders("", NowMs + 1000),
        };
        var response = sim.Bybit.HandleHttp(SimHttpRequest.Get("/v5/asset/coin/query-info", Now, headers));
        Assert.Equal(status, response.StatusCode);
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal(retCode, body.RootElement.GetProperty("retCode").GetInt32());
        Assert.Equal(200, sim.Bybit.HandleHttp(SimHttpRequest.Get("/v5/asset/coin/query-info", Now, ClientSigner.BybitHeaders("", NowMs - 5000))).StatusCode);
        Assert.Equal(0, JsonDocument.Parse(sim.Bybit.HandleHttp(SimHttpRequest.Get("/v5/asset/coin/query-info", Now, ClientSigner.BybitHeaders("", NowMs + 999))).Body).RootElement.GetProperty("retCode").GetInt32());
    }

    [Theory]
    [InlineData("no key", "50103")]
    [InlineData("wrong passphrase", "50105")]
    [InlineData("bad sign", "50113")]
    [InlineData("signed other path", "50113")]
    [InlineData("expired", "50102")]
    [InlineData("bad timestamp", "50112")]
    public void Okx_Refusals(string scenario, string code)
    {
        var sim = new Simulation(new SimulatorOptions().Only(VenueId.Okx), SimClock.Start);
        const string Path = "/api/v5/asset/currencies";
        var headers = scenario switch
        {
            "no key" => ClientSigner.OkxHeaders(Path, Now).Where(h => h.Item1 != "OK-ACCESS-KEY").ToArray(),
            "wrong passphrase" => ClientSigner.OkxHeaders(Path, Now, passphrase: "nope"),
            "bad sign" => ClientSigner.OkxHeaders(Path, Now, secret: "wrong"),
            "signed other path" => ClientSigner.OkxHeaders(Path + "?ccy=BTC", Now),
            "expired" => ClientSigner.OkxHeaders(Path, Now - 31_000_000),
            _ => [.. ClientSigner.OkxHeaders(Path, Now).Where(h => h.Item1 != "OK-ACCESS-TIMESTAMP"), ("OK-ACCESS-TIMESTAMP", "1767225601000")],
        };
        var response = sim.Okx.HandleHttp(SimHttpRequest.Get(Path, Now, headers));
        Assert.Equal(401, response.StatusCode);
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal(code, body.RootElement.GetProperty("code").GetString());
        Assert.Equal(200, sim.Okx.HandleHttp(SimHttpRequest.Get(Path, Now, ClientSigner.OkxHeaders(Path, Now - 29_000_000))).StatusCode);
    }

    [Theory]
    [InlineData("none", "jwt_verification")]
    [InlineData("wrong secret", "jwt_verification")]
    [InlineData("wrong key", "invalid_access_key")]
    [InlineData("no query_hash", "invalid_query_payload")]
    [InlineData("wrong query_hash", "invalid_query_payload")]
    [InlineData("reused nonce", "nonce_used")]
    public void Upbit_Refusals(string scenario, string name)
    {
        var sim = new Simulation(new SimulatorOptions().Only(VenueId.Upbit), SimClock.Start);
        const string Query = "currency=XRP&net_type=XRP";
        var hash = ClientSigner.Sha512Hex(Query);
        var token = scenario switch
        {
            "none" => null,
            "wrong secret" => ClientSigner.Jwt($$"""{"access_key":"sim-demo-key","nonce":"a","query_hash":"{{hash}}"}""", secret: "wrong"),
            "wrong key" => ClientSigner.Jwt($$"""{"access_key":"other","nonce":"a","query_hash":"{{hash}}"}"""),
            "no query_hash" => ClientSigner.Jwt("""{"access_key":"sim-demo-key","nonce":"a"}"""),
            "wrong query_hash" => ClientSigner.Jwt($$"""{"access_key":"sim-demo-key","nonce":"a","query_hash":"{{ClientSigner.Sha512Hex("currency=BTC&net_type=BTC")}}"}"""),
            _ => ClientSigner.Jwt($$"""{"access_key":"sim-demo-key","nonce":"a","query_hash":"{{hash}}"}"""),
        };
        if (scenario == "reused nonce")
        {
            Assert.Equal(200, sim.Upbit.HandleHttp(SimHttpRequest.Get("/v1/withdraws/chance?" + Query, Now, ClientSigner.Bearer(token!))).StatusCode);
        }

        var headers = token is null ? [] : new[] { ClientSigner.Bearer(token) };
        var response = sim.Upbit.HandleHttp(SimHttpRequest.Get("/v1/withdraws/chance?" + Query, Now, headers));
        Assert.Equal(401, response.StatusCode);
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal(name, body.RootElement.GetProperty("error").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("no timestamp", 401, "jwt_verification")]
    [InlineData("old timestamp", 401, "expired_jwt")]
    [InlineData("wrong key", 401, "invalid_access_key")]
    [InlineData("good", 200, null)]
    public void Bithumb_StatusWallet_RequiresATimestampedJwt(string scenario, int status, string? name)
    {
        var sim = new Simulation(new SimulatorOptions().Only(VenueId.Bithumb), SimClock.Start);
        var claims = scenario switch
        {
            "no timestamp" => """{"access_key":"sim-demo-key","nonce":"x"}""",
            "old timestamp" => $$"""{"access_key":"sim-demo-key","nonce":"x","timestamp":{{NowMs - 61_000}}}""",
            "wrong key" => $$"""{"access_key":"other","nonce":"x","timestamp":{{NowMs}}}""",
            _ => $$"""{"access_key":"sim-demo-key","nonce":"x","timestamp":{{NowMs - 59_000}}}""",
        };
        var response = sim.Bithumb.HandleHttp(SimHttpRequest.Get("/v1/status/wallet", Now, ClientSigner.Bearer(ClientSigner.Jwt(claims))));
        Assert.Equal(status, response.StatusCode);
        if (name is not null)
        {
            Assert.Equal(name, JsonDocument.Parse(response.Body).RootElement.GetProperty("error").GetProperty("name").GetString());
        }
    }

    [Fact]
    public void Wallet_OtherMethodOrPath_IsNotAWalletAnswer()
    {
        var sim = new Simulation(new SimulatorOptions().Only(VenueId.Binance), SimClock.Start);
        Assert.Equal(405, sim.Binance.HandleHttp(new SimHttpRequest("POST", "/sapi/v1/capital/config/getall", new Dictionary<string, string>(), Now)).StatusCode);
        Assert.Equal(200, sim.Binance.HandleHttp(SimHttpRequest.Get("/api/v3/ping", Now)).StatusCode); // REST still answers
    }
}
