using System.Net;
using System.Net.WebSockets;
using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Hosting;
using Arbiter.Venues;

namespace Arbiter.Tests;

/// <summary>RELIABILITY rows 20–21: foreign Origin 403, foreign Host 400, token required off loopback.</summary>
public sealed class ApiSecurityTests
{
    [Fact]
    public async Task WebSocket_ForeignOrigin_Gets403_AndOwnOriginIsAccepted()
    {
        await using var server = await StartAsync(new ApiOptions { Url = "http://127.0.0.1:0" });
        using var foreign = new ClientWebSocket();
        foreign.Options.SetRequestHeader("Origin", "https://evil.example");
        foreign.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(WsUri(server), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);

        using var own = new ClientWebSocket();
        own.Options.SetRequestHeader("Origin", $"http://127.0.0.1:{server.Address.Port}");
        await own.ConnectAsync(WsUri(server), CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var snapshot = await DemoEndToEndTests.ReceiveAsync(own, timeout.Token);
        Assert.Equal("snapshot", snapshot.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Http_ForeignHostHeader_Gets400()
    {
        await using var server = await StartAsync(new ApiOptions { Url = "http://127.0.0.1:0" });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Address, "/api/fx"));
        request.Headers.Host = "attacker.example";
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        using var ok = await http.GetAsync(new Uri(server.Address, "/api/fx"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Cors_IsClosed_NoAllowOriginOnACrossOriginReadNorItsPreflight()
    {
        await using var server = await StartAsync(new ApiOptions { Url = "http://127.0.0.1:0" });
        using var http = new HttpClient();
        using var read = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Address, "/api/fx"));
        read.Headers.Add("Origin", "https://evil.example");
        using var readResponse = await http.SendAsync(read);
        Assert.False(readResponse.Headers.Contains("Access-Control-Allow-Origin"));

        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri(server.Address, "/api/settings"));
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using var preflightResponse = await http.SendAsync(preflight);
        Assert.False(preflightResponse.IsSuccessStatusCode, $"preflight answered {(int)preflightResponse.StatusCode}");
        Assert.False(preflightResponse.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflightResponse.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task Http_TokenConfigured_RequiresItOnApiButServesThePage()
    {
        const string token = "canary-0123456789abcdef";
        await using var server = await StartAsync(new ApiOptions { Url = "http://127.0.0.1:0", AccessToken = token });
        using var http = new HttpClient();
        using var without = await http.GetAsync(new Uri(server.Address, "/api/venues"));
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Address, "/api/venues"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var with = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        var body = await with.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, body, StringComparison.Ordinal);
        using var page = await http.GetAsync(server.Address);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public void Validate_NonLoopbackBindWithoutToken_RefusesToStart()
    {
        var errors = new ApiOptions { Url = "http://0.0.0.0:9001" }.Validate().ToList();
        Assert.Single(errors);
        Assert.Contains("Api:AccessToken is required", errors[0], StringComparison.Ordinal);
        Assert.Empty(new ApiOptions().Validate());
    }

    private static Uri WsUri(ApiServer server) => new($"ws://{server.Address.Authority}/ws");

    private static async Task<ApiServer> StartAsync(ApiOptions options)
    {
        var hub = new ApiHub(new Dictionary<VenueId, VenueCounters> { [VenueId.Binance] = new() }, TimeProvider.System);
        var server = new ApiServer(options, hub);
        await server.StartAsync(CancellationToken.None);
        return server;
    }
}
