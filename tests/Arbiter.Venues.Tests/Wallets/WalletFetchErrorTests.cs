using System.Net;
using System.Net.Sockets;
using Arbiter.Core;
using Arbiter.Venues.Wallets;
using Shouldly;

namespace Arbiter.Venues.Tests.Wallets;

/// <summary>Every client turns bad answers into specific errors and only rethrows the caller's cancellation.</summary>
public sealed class WalletFetchErrorTests
{
    private static readonly VenueCredentials Keys = new("wallet-test-key-0001", "wallet-test-secret-0001", "wallet-test-passphrase");

    public static TheoryData<VenueId, string> Endpoints => new()
    {
        { VenueId.Binance, "GET /sapi/v1/capital/config/getall" },
        { VenueId.Coinbase, "GET /currencies" },
        { VenueId.Bybit, "GET /v5/asset/coin/query-info" },
        { VenueId.GateIo, "GET /api/v4/wallet/currency_chains" },
        { VenueId.Upbit, "GET /v1/status/wallet" },
        { VenueId.Bithumb, "GET /v1/status/wallet" },
        { VenueId.Okx, "GET /api/v5/asset/currencies" },
        { VenueId.Kraken, "GET /0/public/Assets" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task FetchAsync_TruncatedJson_MalformedError(VenueId venue, string endpoint)
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.Json("""[{"coin":"BTC","networkList":[{"net"""));
        var fetch = await FetchAsync(venue, server.BaseUrl);

        fetch.Snapshot.ShouldBeNull();
        fetch.Error.ShouldStartWith($"{venue.Name()}: malformed JSON from {endpoint}: [{{\"coin\"");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task FetchAsync_JsonOfWrongShape_MalformedBodyError(VenueId venue, string endpoint)
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.Json("\"maintenance\""));
        var fetch = await FetchAsync(venue, server.BaseUrl);

        fetch.Error.ShouldStartWith($"{venue.Name()}: malformed body from {endpoint}: ");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task FetchAsync_HtmlGatewayError_QuotesBody(VenueId venue, string endpoint)
    {
        await using var server = await WalletServer.StartAsync(_ => WalletAnswer.Json("<html>502 Bad Gateway</html>", 502));
        var fetch = await FetchAsync(venue, server.BaseUrl);

        fetch.Error.ShouldBe($"{venue.Name()}: HTTP 502 from {endpoint}: <html>502 Bad Gateway</html>" + (venue == VenueId.GateIo ? " (currency BTC)" : ""));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task FetchAsync_ServerTooSlow_TimeoutError(VenueId venue, string endpoint)
    {
        await using var server = await WalletServer.StartAsync(_ => new WalletAnswer(200, "[]"u8.ToArray(), TimeSpan.FromSeconds(30)));
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };

        var fetch = await Client(venue, server.BaseUrl).FetchAsync(http, WalletAssert.Assets("BTC"), WalletClock.Now, CancellationToken.None);

        fetch.Error.ShouldStartWith($"{venue.Name()}: {endpoint} timed out after 0.2 s");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task FetchAsync_CallerCancels_Throws(VenueId venue, string endpoint)
    {
        _ = endpoint;
        await using var server = await WalletServer.StartAsync(_ => new WalletAnswer(200, "[]"u8.ToArray(), TimeSpan.FromSeconds(30)));
        using var http = new HttpClient();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(() => Client(venue, server.BaseUrl).FetchAsync(http, WalletAssert.Assets("BTC"), WalletClock.Now, cancel.Token));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task FetchAsync_NothingListening_ConnectionError(VenueId venue, string endpoint)
    {
        var fetch = await FetchAsync(venue, new Uri($"http://127.0.0.1:{UnusedPort()}"));

        fetch.Error.ShouldStartWith($"{venue.Name()}: {endpoint} failed: ");
    }

    private static async Task<WalletFetch> FetchAsync(VenueId venue, Uri baseUrl)
    {
        using var http = new HttpClient();
        return await Client(venue, baseUrl).FetchAsync(http, WalletAssert.Assets("BTC"), WalletClock.Now, CancellationToken.None);
    }

    private static IWalletStatusClient Client(VenueId venue, Uri baseUrl) => WalletStatusClients.Create(venue, baseUrl, Keys, WalletClock.Create())!;

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
