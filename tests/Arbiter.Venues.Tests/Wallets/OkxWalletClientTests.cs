using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.Okx;
using Arbiter.Venues.Tests.TestSupport;
using Arbiter.Venues.Wallets;
using Shouldly;

namespace Arbiter.Venues.Tests.Wallets;

public sealed class OkxWalletClientTests
{
    private static readonly VenueCredentials Keys = new("okx-api-key-0001", "okx-api-secret-0001", "okx-passphrase");

    [Fact]
    public void Parse_CurrenciesFixture_OneNetworkPerChainRowExact()
    {
        using var json = JsonDocument.Parse(Fixture.Read("okx-asset-currencies.json"));

        var wallets = OkxWalletClient.Parse(json.RootElement, new WalletCollector(WalletAssert.Assets("BTC", "USDT")));

        wallets.Count.ShouldBe(2);
        WalletAssert.Wallet(wallets[0], "BTC", null, null,
            new NetworkStatus("BTC", "BTC-Bitcoin", true, true, 0.0002m, 0.001m, 1)); // no 'fee' field: minFee
        WalletAssert.Wallet(wallets[1], "USDT", null, null,
            new NetworkStatus("ETH", "USDT-ERC20", true, true, 1.5m, 2m, 64, "0xdac17f958d2ee523a2206206994597c13d831ec7"),
            new NetworkStatus("TRX", "USDT-TRC20", true, false, 1m, 0.1m, 20, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
            new NetworkStatus("ARB", "USDT-Arbitrum One", false, true, 0.1m, 0.1m, 64, "0xfd086bc7cd5c481dcc9c85ebe478a1c0b69fcbb9"),
            new NetworkStatus("MATIC", "USDT-Polygon", true, true, 0.08m, 0.1m, 300, "0xc2132d05d31c914a87c6611c10748aeb04b58e8f"));
    }

    [Fact]
    public async Task FetchAsync_Loopback_OkAccessHeadersWithRecomputedSignature()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.FromFixture("okx-asset-currencies.json"));
        using var http = new HttpClient();

        var snapshot = WalletAssert.Snapshot(await new OkxWalletClient(server.BaseUrl, Keys, WalletClock.Create()).FetchAsync(http, WalletAssert.Assets("USDT"), WalletClock.Now, CancellationToken.None));

        snapshot.Source.ShouldBe("GET /api/v5/asset/currencies (keyed)");
        snapshot.Assets.Single().Networks.Count.ShouldBe(4);
        var request = server.Requests.ShouldHaveSingleItem();
        (request.Method + " " + request.Path + request.Query).ShouldBe("GET /api/v5/asset/currencies");
        request.Header("OK-ACCESS-KEY").ShouldBe(Keys.ApiKey);
        request.Header("OK-ACCESS-TIMESTAMP").ShouldBe("2026-11-21T13:00:00.123Z");
        request.Header("OK-ACCESS-PASSPHRASE").ShouldBe("okx-passphrase");
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Keys.ApiSecret), Encoding.UTF8.GetBytes("2026-11-21T13:00:00.123ZGET/api/v5/asset/currencies")));
        request.Header("OK-ACCESS-SIGN").ShouldBe(expected);
    }

    [Fact]
    public async Task FetchAsync_InvalidSign401_FailsWithOkxCode()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.Json("""{"msg":"Invalid Sign","code":"50113"}""", 401));
        using var http = new HttpClient();

        var fetch = await new OkxWalletClient(server.BaseUrl, Keys, WalletClock.Create()).FetchAsync(http, WalletAssert.Assets("USDT"), WalletClock.Now, CancellationToken.None);

        fetch.Error.ShouldBe("okx: HTTP 401 from GET /api/v5/asset/currencies: code 50113: Invalid Sign");
    }

    [Fact]
    public async Task FetchAsync_CodeIn200_Fails()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.Json("""{"code":"50011","msg":"Too Many Requests","data":[]}"""));
        using var http = new HttpClient();

        var fetch = await new OkxWalletClient(server.BaseUrl, Keys, WalletClock.Create()).FetchAsync(http, WalletAssert.Assets("USDT"), WalletClock.Now, CancellationToken.None);

        fetch.Error.ShouldBe("okx: error from GET /api/v5/asset/currencies: code 50011: Too Many Requests");
    }

    [Fact]
    public void Constructor_NoPassphrase_ThrowsNamingIt()
    {
        Should.Throw<ArgumentException>(() => new OkxWalletClient(new Uri("https://www.okx.com"), new VenueCredentials("k", "s")))
            .Message.ShouldContain("passphrase");
    }
}
