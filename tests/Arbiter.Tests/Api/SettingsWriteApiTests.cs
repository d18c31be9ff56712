using System.Net;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Tests.Api;

/// <summary>PUT /api/settings and DELETE /api/settings/overrides over a real Kestrel: values, errors, atomicity, the write guard.</summary>
public sealed class SettingsWriteApiTests
{
    private const string ContractExample = """
        { "engine": { "minNetProfitUsd": "2.5", "minNetPremiumBps": 10, "updateThreshold": 0.1, "takerFees": { "binance": "0.002" } },
          "enabledVenues": ["binance", "upbit"],
          "alerts": { "dedup": { "growthFactor": "2", "cooldown": "00:10:00" },
                      "status": { "venueDownAfter": "00:03:00", "watchedAssets": ["btc", "ETH"] },
                      "webhooks": [ { "index": 0, "minNetProfitUsd": "5" } ] } }
        """;

    [Fact]
    public async Task Put_ValidDocument_Returns200WithValuesInForce_GetReflectsIt_EngineAndAlertsGetThem()
    {
        await using var api = await SettingsWriteServer.StartAsync();

        using var response = await api.PutAsync(ContractExample);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(body, await api.GetSettingsAsync());
        Assert.StartsWith(
            "{\"engine\":{\"minNetProfitUsd\":\"2.5\",\"minNetPremiumBps\":\"10\",\"updateThreshold\":0.1,\"maxBookAge\":\"00:00:10\","
            + "\"takerFees\":{\"binance\":\"0.002\",\"coinbase\":\"0.012\",\"bybit\":\"0.001\",\"gateio\":\"0.002\",\"upbit\":\"0.0005\",\"bithumb\":\"0.0025\",\"okx\":\"0.0015\",\"kraken\":\"0.0026\"},",
            body,
            StringComparison.Ordinal);
        Assert.Contains("\"enabledVenues\":[\"binance\",\"upbit\"],\"overrides\":[", body, StringComparison.Ordinal);
        Assert.Contains("\"dedup\":{\"growthFactor\":\"2\",\"cooldown\":\"00:10:00\"}", body, StringComparison.Ordinal);
        Assert.Contains("\"minNetProfitUsd\":\"5\",\"queueCapacity\":256", body, StringComparison.Ordinal);
        Assert.Contains("\"status\":{\"venueDownAfter\":\"00:03:00\",\"watchedAssets\":[\"BTC\",\"ETH\"]}", body, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", body, StringComparison.Ordinal);

        using var doc = JsonDocument.Parse(body);
        var overrides = doc.RootElement.GetProperty("overrides").EnumerateArray().ToArray();
        Assert.Equal(
            [
                "Engine:MinNetProfitUsd engine.minNetProfitUsd 2.5",
                "Engine:MinNetPremiumBps engine.minNetPremiumBps 10",
                "Engine:UpdateThreshold engine.updateThreshold 0.1",
                "Engine:TakerFees:binance engine.takerFees.binance 0.002",
                "Venues:Disabled enabledVenues coinbase",
                "Alerts:Dedup:GrowthFactor alerts.dedup.growthFactor 2",
                "Alerts:Dedup:Cooldown alerts.dedup.cooldown 00:10:00",
                "Alerts:Status:VenueDownAfter alerts.status.venueDownAfter 00:03:00",
                "Alerts:Status:WatchedAssets alerts.status.watchedAssets BTC,ETH",
                "Alerts:Webhooks:0:MinNetProfitUsd alerts.webhooks[0].minNetProfitUsd 5",
            ],
            overrides.Select(o => $"{o.GetProperty("key").GetString()} {o.GetProperty("path").GetString()} {o.GetProperty("value").GetString()}"));
        Assert.All(overrides, o => Assert.True(UnixMicros.TryParseIso(o.GetProperty("changedAt").GetString(), out var at) && at > 0));

        var engine = Assert.Single(api.Published);
        Assert.Equal(2.5m, engine.MinNetProfitUsd);
        Assert.Equal(10m, engine.MinNetPremiumBps);
        Assert.Equal(0.1, engine.UpdateThreshold);
        Assert.Equal(0.002m, engine.TakerFeeOf(VenueId.Binance));
        Assert.Equal(0.0005m, engine.TakerFeeOf(VenueId.Upbit));
        Assert.Equal([VenueId.Binance, VenueId.Upbit], engine.EnabledVenues);
        Assert.Equal(2m, api.Alerts.Policy.Dedup.GrowthFactor);
        Assert.Equal(TimeSpan.FromMinutes(10), api.Alerts.Policy.Dedup.Cooldown);

        // Each change is logged with its old and new value.
        Assert.Contains("Information 6101 Setting Engine:MinNetProfitUsd changed at runtime: 1 → 2.5", api.Logger.Lines);
        Assert.Contains("Information 6101 Setting Venues:Disabled changed at runtime: (none) → coinbase", api.Logger.Lines);
        Assert.DoesNotContain(api.Logger.Lines, l => l.Contains("CANARY", StringComparison.Ordinal));

        // The same document again changes nothing: no new engine event, no new log line.
        var lines = api.Logger.Lines.Count;
        using var again = await api.PutAsync(ContractExample);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(api.Published);
        Assert.Equal(lines, api.Logger.Lines.Count);
    }

    [Theory]
    [InlineData("""{"engine":{"minNetProfitUsd":"-1"}}""", "Engine:MinNetProfitUsd is -1; allowed range 0 to 1000000000.")]
    [InlineData("""{"engine":{"minNetProfitUsd":"abc"}}""", "Engine:MinNetProfitUsd must be a decimal number, like \"2.5\" (got 'abc').")]
    [InlineData("""{"engine":{"minNetProfitUsd":true}}""", "Engine:MinNetProfitUsd (engine.minNetProfitUsd) must be a number or a string of one (got true).")]
    [InlineData("""{"engine":{"minNetPremiumBps":10001}}""", "Engine:MinNetPremiumBps is 10001; allowed range 0 to 10000.")]
    [InlineData("""{"engine":{"updateThreshold":1.5}}""", "Engine:UpdateThreshold is 1.5; allowed range 0 to 1 (a fraction: 0.05 = 5 %).")]
    [InlineData("""{"engine":{"takerFees":{"upbit":"0.2"}}}""", "Engine:TakerFees:upbit is 0.2; allowed range 0 to 0.1 (a fraction: 0.001 = 0.10 %).")]
    [InlineData("""{"engine":{"takerFees":{"ftx":"0.001"}}}""", "unknown setting 'engine.takerFees.ftx': not a venue name (binance, coinbase, bybit, gateio, upbit, bithumb, okx, kraken).")]
    [InlineData("""{"enabledVenues":["okx"]}""", "okx is not running in this process; add it to Venues:Enabled and restart.")]
    [InlineData("""{"enabledVenues":[]}""", "enabledVenues must list at least one running venue (binance, coinbase, upbit).")]
    [InlineData("""{"enabledVenues":["nasdaq"]}""", "enabledVenues: 'nasdaq' is not a venue name (binance, coinbase, bybit, gateio, upbit, bithumb, okx, kraken).")]
    [InlineData("""{"enabledVenues":"binance"}""", "enabledVenues must be an array of strings (got a string 'binance').")]
    [InlineData("""{"alerts":{"dedup":{"growthFactor":"0.5"}}}""", "Alerts:Dedup:GrowthFactor must be 1..1000 (got 0.5).")]
    [InlineData("""{"alerts":{"dedup":{"cooldown":"2.00:00:00"}}}""", "Alerts:Dedup:Cooldown must be 00:00:00..1.00:00:00 (got 2.00:00:00).")]
    [InlineData("""{"alerts":{"dedup":{"cooldown":"5"}}}""", "Alerts:Dedup:Cooldown must be a duration \"hh:mm:ss\" (got '5').")]
    [InlineData("""{"alerts":{"status":{"venueDownAfter":"00:00:00"}}}""", "Alerts:Status:VenueDownAfter must be more than 0 and at most 1.00:00:00 (got 00:00:00).")]
    [InlineData("""{"alerts":{"webhooks":[{"index":0,"minNetProfitUsd":"-5"}]}}""", "Alerts:Webhooks:0:MinNetProfitUsd must be ≥ 0 (got -5).")]
    [InlineData("""{"alerts":{"webhooks":[{"index":3,"minNetProfitUsd":"5"}]}}""", "Alerts:Webhooks:3 does not exist: 1 webhook(s) are configured (Alerts:Webhooks; indexes from 0).")]
    [InlineData("""{"alerts":{"webhooks":[{"minNetProfitUsd":"5"}]}}""", "alerts.webhooks[0].index is required: the webhook's index (from 0) in Alerts:Webhooks.")]
    [InlineData("""{"engine":{"foo":1}}""", "unknown setting 'engine.foo'.")]
    [InlineData("""{"colour":"red"}""", "unknown setting 'colour'.")]
    [InlineData("""{"engine":{"maxBookAge":"00:00:20"}}""", "setting 'engine.maxBookAge' cannot be changed at runtime: change it in the configuration and restart.")]
    [InlineData("""{"alerts":{"webhooks":[{"index":0,"url":"https://evil.example"}]}}""", "setting 'alerts.webhooks[0].url' cannot be changed at runtime: change it in the configuration and restart.")]
    [InlineData("""[1,2]""", "the body must be a JSON object (got an array).")]
    public async Task Put_InvalidValue_Returns400NamingTheKey_AndChangesNothing(string json, string expected)
    {
        await using var api = await SettingsWriteServer.StartAsync();
        var before = await api.GetSettingsAsync();

        using var response = await api.PutAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([expected], await SettingsWriteServer.ErrorsAsync(response));
        Assert.Equal(before, await api.GetSettingsAsync());
        Assert.Empty(api.Published);
    }

    [Fact]
    public async Task Put_MalformedJson_Returns400()
    {
        await using var api = await SettingsWriteServer.StartAsync();

        using var response = await api.PutAsync("{\"engine\":{\"minNetProfitUsd\":");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("the body is not valid JSON: ", Assert.Single(await SettingsWriteServer.ErrorsAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_ValidAndInvalidTogether_AppliesNothing_AndListsEveryProblem()
    {
        await using var api = await SettingsWriteServer.StartAsync();
        var before = await api.GetSettingsAsync();

        using var response = await api.PutAsync("""
            { "engine": { "minNetProfitUsd": "3", "minNetPremiumBps": "-2", "takerFees": { "okx": "0.5" } },
              "enabledVenues": ["binance"], "alerts": { "dedup": { "growthFactor": "1.2", "cooldown": "1.01:00:00" } } }
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            [
                "Engine:TakerFees:okx is 0.5; allowed range 0 to 0.1 (a fraction: 0.001 = 0.10 %).",
                "Engine:MinNetPremiumBps is -2; allowed range 0 to 10000.",
                "Alerts:Dedup:Cooldown must be 00:00:00..1.00:00:00 (got 1.01:00:00).",
            ],
            await SettingsWriteServer.ErrorsAsync(response));
        Assert.Equal(before, await api.GetSettingsAsync());
        Assert.Empty(api.Published);
        Assert.Equal(1.5m, api.Alerts.Policy.Dedup.GrowthFactor);
    }

    [Fact]
    public async Task Put_EngineQueueRefuses_Returns503_AndChangesNothing()
    {
        await using var api = await SettingsWriteServer.StartAsync(refuseEngine: true);
        var before = await api.GetSettingsAsync();

        using var response = await api.PutAsync("""{"engine":{"minNetProfitUsd":"3"},"alerts":{"dedup":{"growthFactor":"2"}}}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(before, await api.GetSettingsAsync());
        Assert.Equal(1.5m, api.Alerts.Policy.Dedup.GrowthFactor);
    }

    [Fact]
    public async Task Put_CrossOrigin_Returns403_SameOriginIsAccepted()
    {
        await using var api = await SettingsWriteServer.StartAsync();

        using var foreign = await api.PutAsync("""{"engine":{"minNetProfitUsd":"3"}}""", origin: "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("Origin not allowed", await foreign.Content.ReadAsStringAsync());
        Assert.Empty(api.Published);

        using var own = await api.PutAsync("""{"engine":{"minNetProfitUsd":"3"}}""", origin: $"http://127.0.0.1:{api.Address.Port}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(3m, Assert.Single(api.Published).MinNetProfitUsd);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "engine.minNetProfitUsd=3")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n3\r\n--x--\r\n")]
    [InlineData("text/plain", """{"engine":{"minNetProfitUsd":"3"}}""")]
    public async Task Put_NotJson_Returns415(string contentType, string body)
    {
        await using var api = await SettingsWriteServer.StartAsync();

        using var response = await api.PutAsync(body, contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(api.Published);
    }

    [Fact]
    public async Task Put_JsonWithCharset_IsAccepted()
    {
        await using var api = await SettingsWriteServer.StartAsync();

        using var response = await api.PutAsync("""{"engine":{"minNetProfitUsd":"3"}}""", "application/json; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Put_BodyOver64KiB_Returns413()
    {
        await using var api = await SettingsWriteServer.StartAsync();
        var padding = new string(' ', 64 * 1024);

        using var response = await api.PutAsync("{\"engine\":{\"minNetProfitUsd\":\"3\"}" + padding + "}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(api.Published);
    }

    [Fact]
    public async Task Put_TokenSet_401Without_200With()
    {
        var configuration = SettingsWriteServer.DefaultConfiguration();
        configuration["Api:AccessToken"] = "0123456789abcdef-token";
        await using var api = await SettingsWriteServer.StartAsync(configuration);

        using var without = await api.PutAsync("""{"engine":{"minNetProfitUsd":"3"}}""");
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        using var wrong = await api.PutAsync("""{"engine":{"minNetProfitUsd":"3"}}""", token: "0123456789abcdef-wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty(api.Published);

        using var with = await api.PutAsync("""{"engine":{"minNetProfitUsd":"3"}}""", token: "0123456789abcdef-token");
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Equal(3m, Assert.Single(api.Published).MinNetProfitUsd);
        Assert.DoesNotContain("0123456789abcdef", await with.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisabledVenue_ShowsEnabledFalseInVenues_AndBackAfterReset()
    {
        await using var api = await SettingsWriteServer.StartAsync();

        using var response = await api.PutAsync("""{"enabledVenues":["upbit","coinbase"]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal(["binance False", "coinbase True", "upbit True"], await EnabledFlagsAsync(api));

        using var reset = await api.Http.DeleteAsync(new Uri("/api/settings/overrides", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(["binance True", "coinbase True", "upbit True"], await EnabledFlagsAsync(api));
        using var doc = JsonDocument.Parse(await reset.Content.ReadAsStringAsync());
        Assert.Equal(0, doc.RootElement.GetProperty("overrides").GetArrayLength());
        Assert.Equal(["binance", "coinbase", "upbit"], doc.RootElement.GetProperty("enabledVenues").EnumerateArray().Select(v => v.GetString()!));
        Assert.Equal(2, api.Published.Count);
        Assert.Equal([VenueId.Binance, VenueId.Coinbase, VenueId.Upbit], api.Published.Last().EnabledVenues);
    }

    [Fact]
    public async Task Put_BackToConfiguredValue_RemovesTheOverride()
    {
        await using var api = await SettingsWriteServer.StartAsync();

        using var first = await api.PutAsync("""{"engine":{"minNetProfitUsd":"3"}}""");
        using var second = await api.PutAsync("""{"engine":{"minNetProfitUsd":"1.000"}}""");

        using var doc = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal(0, doc.RootElement.GetProperty("overrides").GetArrayLength());
        Assert.Equal("1", doc.RootElement.GetProperty("engine").GetProperty("minNetProfitUsd").GetString());
    }

    private static async Task<string[]> EnabledFlagsAsync(SettingsWriteServer api)
    {
        using var doc = JsonDocument.Parse(await api.Http.GetStringAsync(new Uri("/api/venues", UriKind.Relative)));
        return [.. doc.RootElement.GetProperty("venues").EnumerateArray()
            .Select(v => $"{v.GetProperty("venue").GetString()} {v.GetProperty("enabled").GetBoolean()}")
            .Order(StringComparer.Ordinal)];
    }
}
