using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.GateIo;
using Arbiter.Venues.Tests.TestSupport;
using Arbiter.Venues.Wallets;
using Shouldly;

namespace Arbiter.Venues.Tests.Wallets;

public sealed class GateIoWalletClientTests
{
    private static readonly Asset Usdt = Asset.Of("USDT");

    [Fact]
    public void Parse_CurrencyChainsFixture_EveryChainExact()
    {
        using var json = JsonDocument.Parse(Fixture.Read("gateio-currency-chains-usdt.json"));

        var wallets = GateIoWalletClient.Parse(json.RootElement, Usdt, new WalletCollector([Usdt]));

        wallets.Count.ShouldBe(1);
        WalletAssert.Wallet(wallets[0], "USDT", null, null,
            new NetworkStatus("ETH", "ETH", true, true, ContractAddress: "0xdAC17F958D2ee523a2206206994597C13D831ec7"),
            new NetworkStatus("TRX", "TRX", true, true, ContractAddress: "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
            new NetworkStatus("BSC", "BSC", false, true, ContractAddress: "0x55d398326f99059fF775485246999027B3197955"),
            new NetworkStatus("ARB", "ARBEVM", true, false, ContractAddress: "0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9"),
            new NetworkStatus("SOL", "SOL", false, false, ContractAddress: "Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB"),
            new NetworkStatus("AVAXC", "AVAX_C", true, true));
    }

    [Fact]
    public async Task FetchAsync_Loopback_OneRequestPerAssetUnknownLeftOut()
    {
        await using var server = await WalletServer.StartAsync(request => request.Query switch
        {
            "?currency=USDT" => WalletAnswer.FromFixture("gateio-currency-chains-usdt.json"),
            "?currency=NOPE" => WalletAnswer.Json("""{"label":"INVALID_CURRENCY","message":"Invalid currency NOPE"}""", 400),
            _ => WalletAnswer.Json("[]"),
        });
        using var http = new HttpClient();
        var client = new GateIoWalletClient(server.BaseUrl);

        var snapshot = WalletAssert.Snapshot(await client.FetchAsync(http, WalletAssert.Assets("USDT", "NOPE", "XYZ"), WalletClock.Now, CancellationToken.None));

        snapshot.Venue.ShouldBe(VenueId.GateIo);
        snapshot.Time.ShouldBe(WalletClock.Now);
        snapshot.Source.ShouldBe("GET /api/v4/wallet/currency_chains");
        snapshot.Assets.Select(a => a.Asset.Code).ShouldBe(["USDT"]);
        snapshot.Assets[0].Networks.Count.ShouldBe(6);
        var requests = server.Requests.ToArray();
        requests.Select(r => r.Method + " " + r.Path + r.Query).ShouldBe([
            "GET /api/v4/wallet/currency_chains?currency=USDT",
            "GET /api/v4/wallet/currency_chains?currency=NOPE",
            "GET /api/v4/wallet/currency_chains?currency=XYZ",
        ]);
        requests[0].Header("User-Agent").ShouldBe("Arbiter/1.0");
        client.RequiresKeys.ShouldBeFalse();
        client.Source.ShouldBe($"GET {server.BaseUrl.AbsoluteUri.TrimEnd('/')}/api/v4/wallet/currency_chains");
    }

    [Fact]
    public async Task FetchAsync_ServerError_FailsNamingVenueStatusEndpointAndCurrency()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.Json("""{"label":"TOO_MANY_REQUESTS","message":"Request Rate limit Exceeded"}""", 429));
        using var http = new HttpClient();

        var fetch = await new GateIoWalletClient(server.BaseUrl).FetchAsync(http, [Usdt], WalletClock.Now, CancellationToken.None);

        fetch.Snapshot.ShouldBeNull();
        fetch.Error.ShouldBe("gateio: HTTP 429 from GET /api/v4/wallet/currency_chains: TOO_MANY_REQUESTS: Request Rate limit Exceeded (currency USDT)");
    }
}
