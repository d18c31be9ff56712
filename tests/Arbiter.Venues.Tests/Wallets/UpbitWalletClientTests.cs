using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.Tests.TestSupport;
using Arbiter.Venues.Upbit;
using Arbiter.Venues.Wallets;
using Shouldly;

namespace Arbiter.Venues.Tests.Wallets;

public sealed class UpbitWalletClientTests
{
    private static readonly VenueCredentials Keys = new("upbit-access-key-0001", "upbit-secret-key-0001");

    [Fact]
    public void Parse_StatusWalletFixture_WalletStatesExact()
    {
        using var json = JsonDocument.Parse(Fixture.Read("upbit-status-wallet.json"));

        var wallets = WalletStateList.Parse(json.RootElement, new WalletCollector(WalletAssert.Assets("BTC", "ETH", "USDT", "SOL", "DOGE", "XRP")));

        wallets.Count.ShouldBe(5);
        WalletAssert.Wallet(wallets[0], "BTC", null, null, new NetworkStatus("BTC", "BTC", true, true));
        WalletAssert.Wallet(wallets[1], "ETH", null, null, new NetworkStatus("ETH", "ETH", false, true));
        WalletAssert.Wallet(wallets[2], "USDT", null, null, new NetworkStatus("TRX", "TRX", true, true));
        WalletAssert.Wallet(wallets[3], "SOL", null, null, new NetworkStatus("SOL", "SOL", false, false));
        WalletAssert.Wallet(wallets[4], "DOGE", null, null, new NetworkStatus("DOGE", "DOGE", false, false));
    }

    [Theory]
    [InlineData("working", true, true)]
    [InlineData("withdraw_only", false, true)]
    [InlineData("deposit_only", true, false)]
    [InlineData("paused", false, false)]
    [InlineData("unsupported", false, false)]
    [InlineData(null, false, false)]
    public void Funding_EachWalletState_Directions(string? state, bool deposit, bool withdraw)
    {
        WalletStateList.Funding(state).ShouldBe((deposit, withdraw));
    }

    [Fact]
    public async Task FetchAsync_Loopback_BearerJwtHs512WithAccessKeyAndNonce()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.FromFixture("upbit-status-wallet.json"));
        using var http = new HttpClient();
        var nonce = Guid.Parse("0b7a6a52-56c1-4f0f-8f3e-6d0cb2a4d1e7");
        var client = new UpbitWalletClient(server.BaseUrl, Keys) { NewNonce = () => nonce };

        var snapshot = WalletAssert.Snapshot(await client.FetchAsync(http, WalletAssert.Assets("BTC"), WalletClock.Now, CancellationToken.None));

        snapshot.Source.ShouldBe("GET /v1/status/wallet (keyed)");
        var request = server.Requests.ShouldHaveSingleItem();
        (request.Method + " " + request.Path + request.Query).ShouldBe("GET /v1/status/wallet");
        var payload = JwtCheck.Verify(request.Header("Authorization"), Keys.ApiSecret, "HS512");
        payload.GetProperty("access_key").GetString().ShouldBe(Keys.ApiKey);
        payload.GetProperty("nonce").GetString().ShouldBe("0b7a6a52-56c1-4f0f-8f3e-6d0cb2a4d1e7");
        payload.TryGetProperty("query_hash", out _).ShouldBeFalse();
    }

    [Fact]
    public void ParseChance_Fixture_FeeAndMinimumExact()
    {
        using var json = JsonDocument.Parse(Fixture.Read("upbit-withdraws-chance-btc.json"));

        UpbitWalletClient.ParseChance(json.RootElement, new NetworkStatus("BTC", "BTC", true, true))
            .ShouldBe(new NetworkStatus("BTC", "BTC", true, true, 0.0005m, 0.001m));
    }

    [Fact]
    public async Task FetchAsync_IncludeWithdrawFees_OneChanceCallPerNetworkWithQueryHash()
    {
        await using var server = await WalletServer.StartAsync(request => request.Path == "/v1/withdraws/chance"
            ? WalletAnswer.FromFixture("upbit-withdraws-chance-btc.json")
            : WalletAnswer.FromFixture("upbit-status-wallet.json"));
        using var http = new HttpClient();
        var client = new UpbitWalletClient(server.BaseUrl, Keys) { IncludeWithdrawFees = true };

        var snapshot = WalletAssert.Snapshot(await client.FetchAsync(http, WalletAssert.Assets("BTC"), WalletClock.Now, CancellationToken.None));

        snapshot.Source.ShouldBe("GET /v1/status/wallet + GET /v1/withdraws/chance (keyed)");
        WalletAssert.Wallet(snapshot.Assets.ShouldHaveSingleItem(), "BTC", null, null, new NetworkStatus("BTC", "BTC", true, true, 0.0005m, 0.001m));
        var requests = server.Requests.ToArray();
        requests.Select(r => r.Path + r.Query).ShouldBe(["/v1/status/wallet", "/v1/withdraws/chance?currency=BTC&net_type=BTC"]);
        var payload = JwtCheck.Verify(requests[1].Header("Authorization"), Keys.ApiSecret, "HS512");
        payload.GetProperty("access_key").GetString().ShouldBe(Keys.ApiKey);
        payload.GetProperty("query_hash").GetString().ShouldBe(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData("currency=BTC&net_type=BTC"u8)));
        payload.GetProperty("query_hash_alg").GetString().ShouldBe("SHA512");
    }

    [Fact]
    public async Task FetchAsync_IncludeWithdrawFeesWithoutPermission_FailsNamingTheNetwork()
    {
        await using var server = await WalletServer.StartAsync(request => request.Path == "/v1/withdraws/chance"
            ? WalletAnswer.Json("""{"error":{"name":"out_of_scope","message":"권한이 부족합니다."}}""", 401)
            : WalletAnswer.FromFixture("upbit-status-wallet.json"));
        using var http = new HttpClient();

        var fetch = await new UpbitWalletClient(server.BaseUrl, Keys) { IncludeWithdrawFees = true }.FetchAsync(http, WalletAssert.Assets("USDT"), WalletClock.Now, CancellationToken.None);

        fetch.Error.ShouldBe("upbit: HTTP 401 from GET /v1/withdraws/chance: out_of_scope: 권한이 부족합니다. (USDT on TRX)");
    }

    [Fact]
    public async Task FetchAsync_InvalidKey401_FailsWithUpbitErrorName()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.Json("""{"error":{"name":"invalid_access_key","message":"잘못된 엑세스 키입니다."}}""", 401));
        using var http = new HttpClient();

        var fetch = await new UpbitWalletClient(server.BaseUrl, Keys).FetchAsync(http, WalletAssert.Assets("BTC"), WalletClock.Now, CancellationToken.None);

        fetch.Error.ShouldBe("upbit: HTTP 401 from GET /v1/status/wallet: invalid_access_key: 잘못된 엑세스 키입니다.");
    }
}
