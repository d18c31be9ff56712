using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arbiter.Venues.Binance;
using Arbiter.Core;
using Arbiter.Venues.Tests.TestSupport;
using Arbiter.Venues.Wallets;
using Shouldly;

namespace Arbiter.Venues.Tests.Wallets;

public sealed class BinanceWalletClientTests
{
    private static readonly VenueCredentials Keys = new("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A", "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");

    [Fact]
    public void Parse_GetallFixture_EveryNetworkExact()
    {
        using var json = JsonDocument.Parse(Fixture.Read("binance-capital-config-getall.json"));

        var wallets = BinanceWalletClient.Parse(json.RootElement, new WalletCollector(WalletAssert.Assets("USDT", "BTC", "BNB", "ETH")));

        wallets.Count.ShouldBe(3);
        WalletAssert.Wallet(wallets[0], "USDT", null, null,
            new NetworkStatus("ETH", "ETH", true, true, 4.5m, 10m, 6, "0xdac17f958d2ee523a2206206994597c13d831ec7"),
            new NetworkStatus("TRX", "TRX", true, true, 1m, 10m, 1, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
            new NetworkStatus("BSC", "BSC", true, false, 0m, 0.01m, 15, "0x55d398326f99059ff775485246999027b3197955"),
            new NetworkStatus("ARB", "ARBITRUM", false, true, 0.8m, 1.6m, 12, "0xfd086bc7cd5c481dcc9c85ebe478a1c0b69fcbb9"));
        WalletAssert.Wallet(wallets[1], "BTC", null, null,
            new NetworkStatus("BNB", "BNB", false, false, 0.00000220m, 0.00000440m, 1),
            new NetworkStatus("BTC", "BTC", true, true, 0.00050000m, 0.00100000m, 1));
        WalletAssert.Wallet(wallets[2], "BNB", null, null);
    }

    [Fact]
    public async Task FetchAsync_Loopback_SignedQueryAndKeyHeader()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.FromFixture("binance-capital-config-getall.json"));
        using var http = new HttpClient();
        var client = new BinanceWalletClient(server.BaseUrl, Keys, WalletClock.Create());

        var snapshot = WalletAssert.Snapshot(await client.FetchAsync(http, WalletAssert.Assets("BTC"), WalletClock.Now, CancellationToken.None));

        snapshot.Source.ShouldBe("GET /sapi/v1/capital/config/getall (keyed)");
        snapshot.Assets.Single().Networks.Count.ShouldBe(2);
        var request = server.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe("/sapi/v1/capital/config/getall");
        const string signed = "recvWindow=5000&timestamp=1795266000123";
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Keys.ApiSecret), Encoding.UTF8.GetBytes(signed)));
        request.Query.ShouldBe($"?{signed}&signature={expected}");
        request.Header("X-MBX-APIKEY").ShouldBe(Keys.ApiKey);
        client.RequiresKeys.ShouldBeTrue();
    }

    [Fact]
    public async Task FetchAsync_RefusedKey_ErrorNamesCodeButNeitherSecretNorSignature()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.Json("""{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}""", 401));
        using var http = new HttpClient();

        var fetch = await new BinanceWalletClient(server.BaseUrl, Keys, WalletClock.Create()).FetchAsync(http, WalletAssert.Assets("BTC"), WalletClock.Now, CancellationToken.None);

        fetch.Error.ShouldBe("binance: HTTP 401 from GET /sapi/v1/capital/config/getall: code -2015: Invalid API-key, IP, or permissions for action.");
        fetch.Error!.ShouldNotContain(Keys.ApiSecret);
        fetch.Error!.ShouldNotContain("signature");
    }

    [Fact]
    public async Task FetchAsync_ErrorCodeIn200_Fails()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.Json("""{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}"""));
        using var http = new HttpClient();

        var fetch = await new BinanceWalletClient(server.BaseUrl, Keys, WalletClock.Create()).FetchAsync(http, WalletAssert.Assets("BTC"), WalletClock.Now, CancellationToken.None);

        fetch.Error.ShouldBe("binance: error from GET /sapi/v1/capital/config/getall: code -1021: Timestamp for this request is outside of the recvWindow.");
    }
}
