using Arbiter.Intelligence;
using Arbiter.Tests.Support;

namespace Arbiter.Tests.Intelligence;

/// <summary>The HTTP FX source against a real loopback server: every outcome a value with its exact message.</summary>
public sealed class HttpFxSourceTests
{
    // The shape of Dunamu's answer (quotation-api-cdn.dunamu.com/v1/forex/recent?codes=FRX.KRWUSD), trimmed to a few fields.
    private const string Dunamu = "[{\"code\":\"FRX.KRWUSD\",\"currencyCode\":\"USD\",\"currencyName\":\"달러\",\"country\":\"미국\",\"name\":\"미국 (KRW/USD)\",\"date\":\"2026-11-21\",\"time\":\"13:30:05\",\"basePrice\":1391.50,\"openingPrice\":1389.00,\"highPrice\":1393.20,\"lowPrice\":1388.10,\"change\":\"RISE\",\"changePrice\":2.50}]";

    [Fact]
    public async Task FetchAsync_DunamuQuote_ReturnsTheExactBasePrice()
    {
        await using var server = new LoopbackHttpServer();
        server.Answer(200, Dunamu);
        var source = Source(server);
        using var http = new HttpClient();

        var fetch = await source.FetchAsync(http, CancellationToken.None);

        Assert.Equal(FxFetch.Ok(1391.50m), fetch);
        Assert.Equal("1391.50", fetch.Rate!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); // exact, scale kept
        Assert.Equal(["/v1/forex/recent?codes=FRX.KRWUSD"], server.Requests);
        Assert.Equal($"http: {server.BaseAddress}v1/forex/recent?codes=FRX.KRWUSD", source.Label);
    }

    [Fact]
    public async Task FetchAsync_NamedPathToNumericString_ParsesIt()
    {
        await using var server = new LoopbackHttpServer();
        server.Answer(200, "{\"base\":\"USD\",\"rates\":{\"EUR\":0.92,\"KRW\":\"1380.125\"}}");
        var fetch = await Source(server, "rates.KRW").FetchAsync(new HttpClient(), CancellationToken.None);
        Assert.Equal(FxFetch.Ok(1380.125m), fetch);
    }

    [Fact]
    public async Task FetchAsync_Http503_IsAFailureNamingStatusAndUrl()
    {
        await using var server = new LoopbackHttpServer();
        server.Answer(503, "{\"error\":\"maintenance\"}");
        var fetch = await Source(server).FetchAsync(new HttpClient(), CancellationToken.None);
        Assert.Equal(FxFetch.Failed($"HTTP 503 Service Unavailable from GET {server.BaseAddress}v1/forex/recent?codes=FRX.KRWUSD"), fetch);
    }

    [Fact]
    public async Task FetchAsync_MalformedJson_IsAFailure()
    {
        await using var server = new LoopbackHttpServer();
        server.Answer(200, "[{\"basePrice\":13");
        var fetch = await Source(server).FetchAsync(new HttpClient(), CancellationToken.None);
        Assert.Null(fetch.Rate);
        Assert.StartsWith($"malformed JSON from GET {server.BaseAddress}v1/forex/recent?codes=FRX.KRWUSD: ", fetch.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"basePrice\":0}]", "is 0; a rate must be positive")]
    [InlineData("[{\"basePrice\":-1391.5}]", "is -1391.5; a rate must be positive")]
    public async Task FetchAsync_NonPositiveRate_IsAFailure(string body, string expected)
    {
        await using var server = new LoopbackHttpServer();
        server.Answer(200, body);
        var fetch = await Source(server).FetchAsync(new HttpClient(), CancellationToken.None);
        Assert.Equal(FxFetch.Failed($"'0.basePrice' in the response of GET {server.BaseAddress}v1/forex/recent?codes=FRX.KRWUSD {expected}"), fetch);
    }

    [Theory]
    [InlineData("[]", "'0' is past the end of an array of 0")]
    [InlineData("[{\"openingPrice\":1389.0}]", "'0.basePrice' is missing")]
    [InlineData("{\"basePrice\":1391.5}", "'0' is missing")]
    [InlineData("[1391.5]", "'0' is a number, not an object or array")]
    public async Task FetchAsync_PathMissing_IsAFailureSayingWhereItStopped(string body, string where)
    {
        await using var server = new LoopbackHttpServer();
        server.Answer(200, body);
        var fetch = await Source(server).FetchAsync(new HttpClient(), CancellationToken.None);
        Assert.Equal(FxFetch.Failed($"no rate at '0.basePrice' in the response of GET {server.BaseAddress}v1/forex/recent?codes=FRX.KRWUSD: {where}"), fetch);
    }

    [Fact]
    public async Task FetchAsync_NotANumber_IsAFailure()
    {
        await using var server = new LoopbackHttpServer();
        server.Answer(200, "[{\"basePrice\":\"n/a\"}]");
        var fetch = await Source(server).FetchAsync(new HttpClient(), CancellationToken.None);
        Assert.Equal(FxFetch.Failed($"'0.basePrice' in the response of GET {server.BaseAddress}v1/forex/recent?codes=FRX.KRWUSD is not a number: \"n/a\""), fetch);
    }

    [Fact]
    public async Task FetchAsync_SlowerThanTimeout_IsATimeoutFailure()
    {
        await using var server = new LoopbackHttpServer();
        server.Answer(200, Dunamu, TimeSpan.FromSeconds(5));
        var source = new HttpFxSource(new FxSourceOptions { Url = new Uri(server.BaseAddress, "v1/forex/recent?codes=FRX.KRWUSD").ToString(), Timeout = TimeSpan.FromMilliseconds(200) });
        var fetch = await source.FetchAsync(new HttpClient(), CancellationToken.None);
        Assert.Equal(FxFetch.Failed($"timeout after 0.2 s from GET {server.BaseAddress}v1/forex/recent?codes=FRX.KRWUSD"), fetch);
    }

    [Fact]
    public async Task FetchAsync_NothingListening_IsAFailureNotAnException()
    {
        var port = 0;
        await using (var server = new LoopbackHttpServer())
        {
            port = server.BaseAddress.Port;
        }

        var source = new HttpFxSource(new FxSourceOptions { Url = $"http://127.0.0.1:{port}/rate" });
        var fetch = await source.FetchAsync(new HttpClient(), CancellationToken.None);
        Assert.Null(fetch.Rate);
        Assert.StartsWith($"GET http://127.0.0.1:{port}/rate failed: ", fetch.Error, StringComparison.Ordinal);
    }

    private static HttpFxSource Source(LoopbackHttpServer server, string path = "0.basePrice") =>
        new(new FxSourceOptions { Url = new Uri(server.BaseAddress, "v1/forex/recent?codes=FRX.KRWUSD").ToString(), JsonPath = path });
}
