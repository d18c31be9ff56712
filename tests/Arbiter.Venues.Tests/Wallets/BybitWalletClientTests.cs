using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.Bybit;
using Arbiter.Venues.Tests.TestSupport;
using Arbiter.Venues.Wallets;
using Shouldly;

namespace Arbiter.Venues.Tests.Wallets;

public sealed class BybitWalletClientTests
{
    private static readonly VenueCredentials Keys = new("bybit-api-key-0001", "bybit-api-secret-0001");

    [Fact]
    public void Parse_CoinInfoFixture_EveryChainExact()
    {
        using var json = JsonDocument.Parse(Fixture.Read("bybit-coin-query-info.json"));

        var wallets = BybitWalletClient.Parse(json.RootElement, new WalletCollector(WalletAssert.Assets("USDT", "MNT")));

        wallets.Count.ShouldBe(2);
        WalletAssert.Wallet(wallets[0], "USDT", null, null,
            new NetworkStatus("ETH", "ETH", true, true, 3m, 10m, 6, "0xdac17f958d2ee523a2206206994597c13d831ec7"),
            new NetworkStatus("TRX", "TRX", true, false, 1m, 10m, 50, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
            new NetworkStatus("ARB", "ARBI", false, true, 0.8m, 2m, 64, "0xfd086bc7cd5c481dcc9c85ebe478a1c0b69fcbb9"),
            new NetworkStatus("BSC", "BSC", true, false, null, 10m, 15, "0x55d398326f99059ff775485246999027b3197955"));
        WalletAssert.Wallet(wallets[1], "MNT", null, null,
            new NetworkStatus("ETH", "ETH", true, true, 3m, 3m, 6, "0x3c3a81e81dc49a522a592e7622a7e711c06bf354"),
            new NetworkStatus("MANTLE", "MANTLE", true, true, 0m, 10m, 100));
    }

    [Fact]
    public async Task FetchAsync_Loopback_BapiHeadersWithRecomputedSignature()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.FromFixture("bybit-coin-query-info.json"));
        using var http = new HttpClient();

        var snapshot = WalletAssert.Snapshot(await new BybitWalletClient(server.BaseUrl, Keys, WalletClock.Create()).FetchAsync(http, WalletAssert.Assets("USDT"), WalletClock.Now, CancellationToken.None));

        snapshot.Source.ShouldBe("GET /v5/asset/coin/query-info (keyed)");
        var request = server.Requests.ShouldHaveSingleItem();
        (request.Method + " " + request.Path + request.Query).ShouldBe("GET /v5/asset/coin/query-info");
        request.Header("X-BAPI-API-KEY").ShouldBe(Keys.ApiKey);
        request.Header("X-BAPI-TIMESTAMP").ShouldBe("1795266000123");
        request.Header("X-BAPI-RECV-WINDOW").ShouldBe("5000");
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Keys.ApiSecret), Encoding.UTF8.GetBytes("1795266000123" + Keys.ApiKey + "5000")));
        request.Header("X-BAPI-SIGN").ShouldBe(expected);
    }

    [Fact]
    public async Task FetchAsync_RetCodeIn200_Fails()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.Json("""{"retCode":10003,"retMsg":"API key is invalid.","result":{},"retExtInfo":{},"time":1736395486989}"""));
        using var http = new HttpClient();

        var fetch = await new BybitWalletClient(server.BaseUrl, Keys, WalletClock.Create()).FetchAsync(http, WalletAssert.Assets("USDT"), WalletClock.Now, CancellationToken.None);

        fetch.Error.ShouldBe("bybit: error from GET /v5/asset/coin/query-info: retCode 10003: API key is invalid.");
    }
}
