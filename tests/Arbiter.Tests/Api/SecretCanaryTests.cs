using System.Net.WebSockets;
using Arbiter.Configuration;
using Arbiter.Core;
using Arbiter.Hosting;
using Arbiter.Tests.Support;

namespace Arbiter.Tests.Api;

/// <summary>DESIGN §6: secrets never appear in API responses, WebSocket messages or configuration errors; a key is shown only masked.</summary>
public sealed class SecretCanaryTests
{
    private const string Key = "CANARYKEY-0123456789-wxyz";
    private const string Secret = "CANARY-SECRET-9f8e7d6c5b4a";
    private const string Passphrase = "CANARY-PASSPHRASE-1a2b3c";

    [Fact]
    public async Task EveryEndpointAndTheSnapshot_NeverShowTheSecretOrTheWholeKey()
    {
        var settings = SettingsLoader.Load(null, new Dictionary<string, string?>
        {
            ["Api:Url"] = "http://127.0.0.1:0",
            ["Venues:Enabled:0"] = "binance",
            ["Venues:Enabled:1"] = "okx",
            ["Credentials:Binance:ApiKey"] = Key,
            ["Credentials:Binance:ApiSecret"] = Secret,
            ["Credentials:okx:ApiKey"] = Key,
            ["Credentials:okx:ApiSecret"] = Secret,
            ["Credentials:okx:Passphrase"] = Passphrase,
            ["FxSource:Url"] = "",
        }, dotEnvPath: null);
        var binance = new FakeWalletClient(VenueId.Binance, true, "GET https://api.binance.com/sapi/v1/capital/config/getall (keyed)");
        binance.Answer(new AssetWallet(Asset.Of("XRP"), [new NetworkStatus("XRP", "XRP", true, true, 0.25m)]));
        var okx = new FakeWalletClient(VenueId.Okx, true, "GET https://www.okx.com/api/v5/asset/currencies (keyed)");
        okx.Fail($"HTTP 401 from GET https://www.okx.com/api/v5/asset/currencies: key {Masked} refused");
        await using var pipeline = new LivePipeline(settings, TimeProvider.System, walletClients: v => v == VenueId.Binance ? binance : okx);
        await pipeline.Wallets.RefreshAsync(CancellationToken.None);
        await using var server = new ApiServer(settings.Api, pipeline.Hub);
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.Address };

        var bodies = new List<string>();
        foreach (var path in new[] { "/api/wallets", "/api/wallets?venue=okx", "/api/fx", "/api/premiums", "/api/quality", "/api/markets", "/api/venues", "/api/opportunities", "/api/health", "/api/settings" })
        {
            bodies.Add(await BodyAsync(http, path));
        }

        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri($"ws://{server.Address.Authority}/ws"), CancellationToken.None);
        bodies.Add(await ApiIntelligenceTests.ReceiveTextAsync(ws));

        foreach (var body in bodies)
        {
            Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain(Passphrase, body, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, body, StringComparison.Ordinal);
            Assert.DoesNotContain("CANARY-", body, StringComparison.Ordinal);
        }

        Assert.Contains("\"venue\":\"binance\",\"source\":\"GET https://api.binance.com/sapi/v1/capital/config/getall (keyed)\",\"keyed\":true,\"apiKey\":\"CANA\\u2026wxyz\"", bodies[0], StringComparison.Ordinal);
        Assert.Contains("\"venue\":\"okx\",\"source\":\"GET https://www.okx.com/api/v5/asset/currencies (keyed)\",\"keyed\":true,\"apiKey\":\"CANA\\u2026wxyz\"", bodies[1], StringComparison.Ordinal);
        Assert.Equal("ApiKey = CANA…wxyz, ApiSecret = …, Passphrase = …", settings.Credentials["OKX"].ToString());
        Assert.Contains(
            "\"credentials\":[{\"venue\":\"binance\",\"apiKey\":\"CANA\\u2026wxyz\",\"apiSecret\":\"set\",\"passphrase\":\"none\"},{\"venue\":\"okx\",\"apiKey\":\"CANA\\u2026wxyz\",\"apiSecret\":\"set\",\"passphrase\":\"set\"}]",
            bodies[9],
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_SignsWithTheSuiteCanary_AndNoDocumentedGetRouteNorTheSnapshotShowsIt()
    {
        await using var demo = new DemoRun();
        await demo.StartAsync(seed: 21);
        using var http = new HttpClient { BaseAddress = demo.ApiAddress };

        // The canary really is in use: the simulator verifies signatures made with it, so keyed wallet sources succeed.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string wallets;
        while (true)
        {
            wallets = await http.GetStringAsync(new Uri("/api/wallets", UriKind.Relative), deadline.Token);
            using var doc = System.Text.Json.JsonDocument.Parse(wallets);
            var keyed = doc.RootElement.GetProperty("wallets").EnumerateArray().Where(w => w.GetProperty("keyed").GetBoolean()).ToArray();
            if (keyed.Length > 0 && keyed.All(w => w.GetProperty("lastSuccess").ValueKind == System.Text.Json.JsonValueKind.String))
            {
                Assert.All(keyed, w => Assert.Equal(SuiteCanary.MaskedKey, w.GetProperty("apiKey").GetString()));
                break;
            }

            await Task.Delay(200, deadline.Token);
        }

        // Every GET route the OpenAPI document lists (with an asset where one is required), and the /ws snapshot.
        using var openApi = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/openapi.json", UriKind.Relative)));
        var bodies = new List<(string Path, string Body)>();
        foreach (var path in openApi.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (path.Name == "/ws" || !path.Value.TryGetProperty("get", out _))
            {
                continue;
            }

            var url = path.Name == "/api/premiums/history" ? path.Name + "?asset=BTC" : path.Name;
            bodies.Add((url, await BodyAsync(http, url)));
        }

        foreach (var file in new[] { "/", "/dashboard.js", "/dashboard.css" })
        {
            bodies.Add((file, await http.GetStringAsync(new Uri(file, UriKind.Relative))));
        }

        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri($"ws://{demo.ApiAddress.Authority}/ws"), CancellationToken.None);
        bodies.Add(("/ws", await ApiIntelligenceTests.ReceiveTextAsync(ws)));

        Assert.True(bodies.Count >= 15, $"only {bodies.Count} routes were read");
        foreach (var (path, body) in bodies)
        {
            foreach (var forbidden in SuiteCanary.Forbidden)
            {
                Assert.False(body.Contains(forbidden, StringComparison.Ordinal), $"{path} shows a canary credential");
            }
        }

        Assert.Contains("\"apiKey\":\"CANA\\u2026wxyz\",\"apiSecret\":\"set\"", bodies.Single(b => b.Path == "/api/settings").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertSecrets_BotTokenAndWebhookPath_NeverInApiResponsesOrAlertLogs()
    {
        const string token = "987654321:CANARY-BOT-TOKEN_wxyz";
        const string hookSecret = "CANARY-WEBHOOK-PATH";
        var settings = SettingsLoader.Load(null, new Dictionary<string, string?>
        {
            ["Api:Url"] = "http://127.0.0.1:0",
            ["Venues:Enabled:0"] = "binance",
            ["FxSource:Url"] = "",
            ["Storage:Enabled"] = "false",
            ["Alerts:Telegram:BaseUrl"] = "http://127.0.0.1:1", // refused: the poller fails and logs
            ["Alerts:Telegram:BotToken"] = token,
            ["Alerts:Telegram:AllowedChatIds:0"] = "42",
            ["Alerts:Telegram:PollTimeout"] = "00:00:01",
            ["Alerts:Webhooks:0:Url"] = $"http://127.0.0.1:1/hooks/{hookSecret}",
        }, dotEnvPath: null);
        var logger = new Arbiter.Tests.Alerts.RecordingLogger();
        await using var pipeline = new LivePipeline(settings, TimeProvider.System, walletClients: _ => null, alertsLogger: logger);
        await using var server = new ApiServer(settings.Api, pipeline.Hub);
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.Address };
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var channel = System.Threading.Channels.Channel.CreateUnbounded<Arbiter.Api.HostOutput>();
        var run = pipeline.Alerts.RunAsync(channel.Reader, stop.Token);
        while (pipeline.Alerts.Poller!.Failures == 0 && !stop.IsCancellationRequested)
        {
            await Task.Delay(50);
        }

        var bodies = new List<string>
        {
            await http.GetStringAsync(new Uri("/api/alerts", UriKind.Relative)),
            await http.GetStringAsync(new Uri("/api/settings", UriKind.Relative)),
        };
        await run;
        bodies.AddRange(logger.Lines);
        Assert.True(pipeline.Alerts.Poller.Failures > 0, "the poller never failed: nothing was logged to check");
        Assert.Contains(logger.Lines, l => l.Contains("getUpdates failed", StringComparison.Ordinal));
        foreach (var body in bodies)
        {
            Assert.DoesNotContain("CANARY", body, StringComparison.Ordinal);
            Assert.DoesNotContain("987654321:", body, StringComparison.Ordinal);
        }

        Assert.Contains("\"botToken\":\"9876\\u2026wxyz\"", bodies[1], StringComparison.Ordinal);
        Assert.Contains("\"telegram\":true,", bodies[0], StringComparison.Ordinal);
        Assert.Contains("\"webhooks\":[{\"target\":", bodies[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Credentials:Binance:ApiSecret", "Credentials:Binance:ApiKey is required when Credentials:Binance:ApiSecret is set.")]
    [InlineData("Credentials:Binance:ApiKey", "Credentials:Binance:ApiSecret is required when Credentials:Binance:ApiKey is set.")]
    [InlineData("Credentials:Binance:Passphrase", "Credentials:Binance:Passphrase is set without Credentials:Binance:ApiKey and Credentials:Binance:ApiSecret.")]
    public void Load_IncompleteCredentials_NameTheKeyButNeverTheValue(string key, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(null, new Dictionary<string, string?> { [key] = Secret }, dotEnvPath: null));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    private static string Masked => "CANA…wxyz";

    /// <summary>The body whatever the status (<c>/api/health</c> answers 503 while no book is Synced, with a body all the same).</summary>
    private static async Task<string> BodyAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode || (path == "/api/health" && response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable), $"{path}: HTTP {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }
}
