using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Arbiter.Alerts;
using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Hosting;
using Arbiter.Storage;
using Arbiter.Tests.Alerts;
using Arbiter.Venues;

namespace Arbiter.Tests.Api;

/// <summary>
/// A real Kestrel API on 127.0.0.1:0 over a hub with a <see cref="SettingsWriter"/> whose engine side records what it is sent
/// and whose alert side is a real <see cref="AlertsHost"/>: binance, upbit and coinbase running, one webhook configured.
/// </summary>
internal sealed class SettingsWriteServer : IAsyncDisposable
{
    private readonly ApiServer server;
    private readonly HttpClient alertsHttp = new();

    private SettingsWriteServer(ArbiterSettings settings, SqliteStore? store, bool refuseEngine)
    {
        Settings = settings;
        Alerts = new AlertsHost(settings.Alerts, alertsHttp, TimeProvider.System, Logger);
        Writer = new SettingsWriter(
            settings,
            runtime =>
            {
                if (refuseEngine)
                {
                    return false;
                }

                Published.Enqueue(runtime);
                return true;
            },
            inForce => Alerts.Apply(
                new DedupOptions { GrowthFactor = inForce.DedupGrowthFactor, Cooldown = inForce.DedupCooldown },
                new StatusOptions { VenueDownAfter = inForce.VenueDownAfter, WatchedAssets = [.. inForce.WatchedAssets] },
                inForce.WebhookMinNetProfitUsd),
            store,
            Logger,
            TimeProvider.System);
        Writer.Restore();
        var counters = settings.Venues.EnabledIds().ToDictionary(v => v, _ => new VenueCounters());
        var hub = new ApiHub(counters, TimeProvider.System) { Settings = () => settings, SettingsWriter = Writer };
        server = new ApiServer(settings.Api, hub);
    }

    public ArbiterSettings Settings { get; }

    public AlertsHost Alerts { get; }

    public SettingsWriter Writer { get; }

    public RecordingLogger Logger { get; } = new();

    /// <summary>Every engine settings object sent to the (absent) engine, in order.</summary>
    public ConcurrentQueue<EngineRuntimeSettings> Published { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public Uri Address => server.Address;

    public static Dictionary<string, string?> DefaultConfiguration() => new()
    {
        ["Api:Url"] = "http://127.0.0.1:0",
        ["Venues:Enabled:0"] = "binance",
        ["Venues:Enabled:1"] = "upbit",
        ["Venues:Enabled:2"] = "coinbase",
        ["Alerts:Webhooks:0:Url"] = "https://hooks.example.com/services/CANARY-secret-path",
        ["Alerts:Webhooks:0:MinNetProfitUsd"] = "1",
    };

    public static async Task<SettingsWriteServer> StartAsync(Dictionary<string, string?>? configuration = null, SqliteStore? store = null, bool refuseEngine = false)
    {
        var settings = SettingsLoader.Load(null, configuration ?? DefaultConfiguration(), dotEnvPath: null);
        var host = new SettingsWriteServer(settings, store, refuseEngine);
        await host.server.StartAsync(CancellationToken.None);
        host.Http = new HttpClient { BaseAddress = host.server.Address };
        return host;
    }

    /// <summary>PUTs <paramref name="json"/> as application/json.</summary>
    public Task<HttpResponseMessage> PutAsync(string json, string contentType = "application/json", string? origin = null, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, new Uri("/api/settings", UriKind.Relative))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Http.SendAsync(request);
    }

    public async Task<string> GetSettingsAsync(string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/settings", UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The "errors" of a 4xx body.</summary>
    public static async Task<string[]> ErrorsAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. doc.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!)];
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        await server.DisposeAsync();
        alertsHttp.Dispose();
    }
}
