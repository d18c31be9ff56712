using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.Kraken;
using Arbiter.Venues.Tests.TestSupport;
using Arbiter.Venues.Wallets;
using Shouldly;

namespace Arbiter.Venues.Tests.Wallets;

public sealed class KrakenWalletClientTests
{
    [Fact]
    public void Parse_AssetsFixture_AssetLevelStatusWithArbiterCodes()
    {
        using var json = JsonDocument.Parse(Fixture.Read("kraken-assets.json"));

        var wallets = KrakenWalletClient.Parse(json.RootElement, new WalletCollector(WalletAssert.Assets("BTC", "ETH", "DOGE", "USDT", "SOL", "XRP", "ADA", "XBT")));

        wallets.Count.ShouldBe(6);
        WalletAssert.Wallet(wallets[0], "BTC", true, true);
        WalletAssert.Wallet(wallets[1], "ETH", true, true);
        WalletAssert.Wallet(wallets[2], "DOGE", true, false);
        WalletAssert.Wallet(wallets[3], "USDT", false, true);
        WalletAssert.Wallet(wallets[4], "SOL", false, false);
        WalletAssert.Wallet(wallets[5], "XRP", false, false); // an unknown status counts as closed
    }

    [Theory]
    [InlineData("enabled", true, true)]
    [InlineData("deposit_only", true, false)]
    [InlineData("withdrawal_only", false, true)]
    [InlineData("funding_temporarily_disabled", false, false)]
    [InlineData("something_new", false, false)]
    [InlineData(null, false, false)]
    public void Funding_EachStatus_Directions(string? status, bool deposit, bool withdraw)
    {
        KrakenWalletClient.Funding(status).ShouldBe((deposit, withdraw));
    }

    [Theory]
    [InlineData("XBT", "BTC")]
    [InlineData("XXBT", "BTC")]
    [InlineData("XDG", "DOGE")]
    [InlineData("XXDG", "DOGE")]
    [InlineData("ETH", "ETH")]
    [InlineData("XBT.M", "XBT.M")]
    public void ArbiterCode_KrakenCodes_Mapped(string kraken, string arbiter)
    {
        KrakenWalletClient.ArbiterCode(kraken).ShouldBe(arbiter);
    }

    [Fact]
    public void Parse_EntryWithoutAltname_KeyMapped()
    {
        using var json = JsonDocument.Parse("""{"error":[],"result":{"XXBT":{"aclass":"currency","status":"withdrawal_only"}}}""");

        var wallets = KrakenWalletClient.Parse(json.RootElement, new WalletCollector(WalletAssert.Assets("BTC")));

        WalletAssert.Wallet(wallets.ShouldHaveSingleItem(), "BTC", false, true);
    }

    [Fact]
    public async Task FetchAsync_Loopback_GetsPublicAssets()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.FromFixture("kraken-assets.json"));
        using var http = new HttpClient();

        var snapshot = WalletAssert.Snapshot(await new KrakenWalletClient(server.BaseUrl).FetchAsync(http, WalletAssert.Assets("BTC", "DOGE"), WalletClock.Now, CancellationToken.None));

        snapshot.Source.ShouldBe("GET /0/public/Assets");
        snapshot.Assets.Select(a => (a.Asset.Code, a.DepositOpen, a.WithdrawOpen)).ShouldBe([("BTC", (bool?)true, (bool?)true), ("DOGE", (bool?)true, (bool?)false)]);
        var request = server.Requests.ShouldHaveSingleItem();
        (request.Method + " " + request.Path + request.Query).ShouldBe("GET /0/public/Assets");
    }

    [Fact]
    public async Task FetchAsync_ErrorArrayIn200_FailsWithKrakenMessage()
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.Json("""{"error":["EGeneral:Temporary lockout"]}"""));
        using var http = new HttpClient();

        var fetch = await new KrakenWalletClient(server.BaseUrl).FetchAsync(http, WalletAssert.Assets("BTC"), WalletClock.Now, CancellationToken.None);

        fetch.Error.ShouldBe("kraken: error from GET /0/public/Assets: EGeneral:Temporary lockout");
    }
}
