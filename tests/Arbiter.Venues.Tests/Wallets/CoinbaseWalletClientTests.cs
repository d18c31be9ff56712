using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.Coinbase;
using Arbiter.Venues.Tests.TestSupport;
using Arbiter.Venues.Wallets;
using Shouldly;

namespace Arbiter.Venues.Tests.Wallets;

public sealed class CoinbaseWalletClientTests
{
    [Fact]
    public void Parse_CurrenciesFixture_RequestedAssetsInRequestOrderExact()
    {
        using var json = JsonDocument.Parse(Fixture.Read("coinbase-currencies.json"));

        var wallets = CoinbaseWalletClient.Parse(json.RootElement, new WalletCollector(WalletAssert.Assets("USDC", "BTC", "USDT", "EUR", "DOGE")));

        wallets.Count.ShouldBe(4);
        WalletAssert.Wallet(wallets[0], "USDC", null, null,
            new NetworkStatus("ETH", "ethereum", true, true, null, 0.000001m, 14, "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"),
            new NetworkStatus("BASE", "base", true, true, null, 0.000001m, 1, "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913"),
            new NetworkStatus("ARB", "arbitrum", true, true, null, 0.000001m, 1, "0xaf88d065e77c8cc2239327c5edb3a432268e5831"),
            new NetworkStatus("AVAXC", "avacchain", true, true, null, 0.000001m, 1, "0xb97ef9ef8734c71904d8002f8b6bc66dd9c48a6e"));
        WalletAssert.Wallet(wallets[1], "BTC", null, null,
            new NetworkStatus("BTC", "bitcoin", true, true, null, 0.0001m, 2));
        WalletAssert.Wallet(wallets[2], "USDT", null, null,
            new NetworkStatus("ETH", "ethereum", true, true, null, 0.000001m, 14, "0xdac17f958d2ee523a2206206994597c13d831ec7"),
            new NetworkStatus("SOL", "solana", true, true, null, 0.000001m, 1, "Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB"),
            new NetworkStatus("MATIC", "polygon", false, false, null, 0.000001m, 256, "0xc2132d05d31c914a87c6611c10748aeb04b58e8f"));
        WalletAssert.Wallet(wallets[3], "EUR", null, null);
    }

    [Fact]
    public void Parse_ExponentAmount_ExactDecimal()
    {
        using var json = JsonDocument.Parse("""[{"id":"PEPE","supported_networks":[{"id":"ethereum","status":"online","min_withdrawal_amount":1.2345e-7}]}]""");

        var wallets = CoinbaseWalletClient.Parse(json.RootElement, new WalletCollector(WalletAssert.Assets("PEPE")));

        wallets[0].Networks[0].WithdrawMin.ShouldBe(0.00000012345m);
    }

    [Fact]
    public async Task FetchAsync_Loopback_GetsCurrenciesWithUserAgent()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.FromFixture("coinbase-currencies.json"));
        using var http = new HttpClient();

        var snapshot = WalletAssert.Snapshot(await new CoinbaseWalletClient(server.BaseUrl).FetchAsync(http, WalletAssert.Assets("BTC"), WalletClock.Now, CancellationToken.None));

        snapshot.Source.ShouldBe("GET /currencies");
        snapshot.Assets.Count.ShouldBe(1);
        var request = server.Requests.ShouldHaveSingleItem();
        (request.Method + " " + request.Path + request.Query).ShouldBe("GET /currencies");
        request.Header("User-Agent").ShouldBe("Arbiter/1.0");
    }

    [Fact]
    public void CoinbaseOptions_ExchangeRestBaseUrl_DefaultRealAndValidated()
    {
        new CoinbaseOptions().ExchangeRestBaseUrl.ShouldBe("https://api.exchange.coinbase.com");
        new CoinbaseOptions().GetValidationErrors().ShouldBeEmpty();

        var errors = new CoinbaseOptions { ExchangeRestBaseUrl = "http://127.0.0.1:9001" }.GetValidationErrors();
        errors.ShouldHaveSingleItem().ShouldStartWith("Coinbase:ExchangeRestBaseUrl must be a https:// URL");
        new CoinbaseOptions { ExchangeRestBaseUrl = "http://127.0.0.1:9001", AllowInsecureUrls = true }.GetValidationErrors().ShouldBeEmpty();
        new CoinbaseOptions { ExchangeRestBaseUrl = "not a url" }.GetValidationErrors().ShouldHaveSingleItem().ShouldStartWith("Coinbase:ExchangeRestBaseUrl must be an absolute");
    }
}
