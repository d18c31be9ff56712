using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.Bithumb;
using Arbiter.Venues.Tests.TestSupport;
using Arbiter.Venues.Wallets;
using Shouldly;

namespace Arbiter.Venues.Tests.Wallets;

public sealed class BithumbWalletClientTests
{
    private static readonly VenueCredentials Keys = new("bithumb-access-key-0001", "bithumb-secret-key-0001");

    [Fact]
    public void ParsePublic_MultichainFixture_FlagsExactUnknownCountsClosed()
    {
        using var json = JsonDocument.Parse(Fixture.Read("bithumb-assetsstatus-multichain.json"));

        var wallets = BithumbWalletClient.ParsePublic(json.RootElement, new WalletCollector(WalletAssert.Assets("BTC", "ETH", "USDT", "XRP", "SOL")));

        wallets.Count.ShouldBe(4);
        WalletAssert.Wallet(wallets[0], "BTC", null, null, new NetworkStatus("BTC", "BTC", true, true));
        WalletAssert.Wallet(wallets[1], "ETH", null, null, new NetworkStatus("ETH", "ETH", true, false));
        WalletAssert.Wallet(wallets[2], "USDT", null, null, new NetworkStatus("ETH", "ETH", true, true), new NetworkStatus("TRX", "TRX", false, true));
        WalletAssert.Wallet(wallets[3], "XRP", null, null, new NetworkStatus("XRP", "XRP", true, false));
    }

    [Fact]
    public void Parse_KeyedStatusWalletFixture_WalletStatesExact()
    {
        using var json = JsonDocument.Parse(Fixture.Read("bithumb-status-wallet.json"));

        var wallets = WalletStateList.Parse(json.RootElement, new WalletCollector(WalletAssert.Assets("USDT", "XRP", "BTC")));

        wallets.Count.ShouldBe(3);
        WalletAssert.Wallet(wallets[0], "USDT", null, null, new NetworkStatus("ETH", "ETH", true, true), new NetworkStatus("TRX", "TRX", true, false));
        WalletAssert.Wallet(wallets[1], "XRP", null, null, new NetworkStatus("XRP", "XRP", false, false));
        WalletAssert.Wallet(wallets[2], "BTC", null, null, new NetworkStatus("BTC", "BTC", true, true));
    }

    [Fact]
    public async Task FetchAsync_NoKeys_PublicMultichainWithoutAuthorization()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.FromFixture("bithumb-assetsstatus-multichain.json"));
        using var http = new HttpClient();
        var client = new BithumbWalletClient(server.BaseUrl);

        var snapshot = WalletAssert.Snapshot(await client.FetchAsync(http, WalletAssert.Assets("USDT"), WalletClock.Now, CancellationToken.None));

        client.RequiresKeys.ShouldBeFalse();
        snapshot.Source.ShouldBe("GET /public/assetsstatus/multichain/ALL");
        snapshot.Assets.Single().Networks.Count.ShouldBe(2);
        var request = server.Requests.ShouldHaveSingleItem();
        (request.Method + " " + request.Path + request.Query).ShouldBe("GET /public/assetsstatus/multichain/ALL");
        request.Header("Authorization").ShouldBe("");
    }

    [Fact]
    public async Task FetchAsync_WithKeys_StatusWalletWithHs256JwtAndTimestamp()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.FromFixture("bithumb-status-wallet.json"));
        using var http = new HttpClient();
        var nonce = Guid.Parse("0b7a6a52-56c1-4f0f-8f3e-6d0cb2a4d1e7");
        var client = new BithumbWalletClient(server.BaseUrl, Keys, WalletClock.Create()) { NewNonce = () => nonce };

        var snapshot = WalletAssert.Snapshot(await client.FetchAsync(http, WalletAssert.Assets("USDT"), WalletClock.Now, CancellationToken.None));

        client.RequiresKeys.ShouldBeTrue();
        snapshot.Source.ShouldBe("GET /v1/status/wallet (keyed)");
        var request = server.Requests.ShouldHaveSingleItem();
        (request.Method + " " + request.Path + request.Query).ShouldBe("GET /v1/status/wallet");
        var payload = JwtCheck.Verify(request.Header("Authorization"), Keys.ApiSecret, "HS256");
        payload.GetProperty("access_key").GetString().ShouldBe(Keys.ApiKey);
        payload.GetProperty("nonce").GetString().ShouldBe("0b7a6a52-56c1-4f0f-8f3e-6d0cb2a4d1e7");
        payload.GetProperty("timestamp").GetInt64().ShouldBe(WalletClock.UnixMs);
    }

    [Fact]
    public async Task FetchAsync_OldApiStatusIn200_Fails()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.Json("""{"status":"5600","message":"Please try again"}"""));
        using var http = new HttpClient();

        var fetch = await new BithumbWalletClient(server.BaseUrl).FetchAsync(http, WalletAssert.Assets("BTC"), WalletClock.Now, CancellationToken.None);

        fetch.Error.ShouldBe("bithumb: error from GET /public/assetsstatus/multichain/ALL: status 5600: Please try again");
    }
}
