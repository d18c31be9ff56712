using System.Net;
using System.Text.Json;
using Arbiter.Replay;
using Arbiter.Storage;
using Arbiter.Tests.Storage;
using Arbiter.Tests.Support;

namespace Arbiter.Tests.Api;

/// <summary>Runtime overrides saved in a real SQLite file and re-applied, validated again, at the next start; and a demo pipeline obeying a PUT.</summary>
public sealed class SettingsWritePersistenceTests
{
    [Fact]
    public async Task Overrides_SurviveARestart_InvalidStoredOnesAreSkippedWithALogLineNamingTheKey()
    {
        using var fx = new StoreFixtures();
        using (var store = fx.Open())
        {
            await using var api = await SettingsWriteServer.StartAsync(store: store);
            using var response = await api.PutAsync("""
                { "engine": { "minNetProfitUsd": "7.25", "takerFees": { "upbit": "0.0004" } }, "enabledVenues": ["upbit", "coinbase"],
                  "alerts": { "dedup": { "cooldown": "00:01:30" }, "webhooks": [ { "index": 0, "minNetProfitUsd": "12" } ] } }
                """);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(
                ["Alerts:Dedup:Cooldown=00:01:30", "Alerts:Webhooks:0:MinNetProfitUsd=12", "Engine:MinNetProfitUsd=7.25", "Engine:TakerFees:upbit=0.0004", "Venues:Disabled=binance"],
                store.SettingsOverrides().Select(o => $"{o.Key}={o.Value}"));
        }

        // Rows the next start must refuse: a value out of range, a webhook no longer configured, a venue no longer running, an unknown key.
        using (var connection = SchemaMigrationTests.Connect(fx.PathOf()))
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO settings_overrides (key, value, changed_at) VALUES
                ('Engine:MinNetPremiumBps', '20000', 1), ('Alerts:Webhooks:3:MinNetProfitUsd', '5', 1),
                ('Alerts:Dedup:GrowthFactor', 'lots', 1), ('Engine:Colour', 'red', 1)
                """;
            insert.ExecuteNonQuery();
        }

        using (var store = fx.Open())
        {
            var changedAt = store.SettingsOverrides().Single(o => o.Key == "Engine:MinNetProfitUsd").ChangedAt;
            await using var api = await SettingsWriteServer.StartAsync(store: store);

            using var doc = JsonDocument.Parse(await api.GetSettingsAsync());
            var root = doc.RootElement;
            Assert.Equal("7.25", root.GetProperty("engine").GetProperty("minNetProfitUsd").GetString());
            Assert.Equal("0.0004", root.GetProperty("engine").GetProperty("takerFees").GetProperty("upbit").GetString());
            Assert.Equal("0", root.GetProperty("engine").GetProperty("minNetPremiumBps").GetString());
            Assert.Equal(["coinbase", "upbit"], root.GetProperty("enabledVenues").EnumerateArray().Select(v => v.GetString()!));
            Assert.Equal("00:01:30", root.GetProperty("alerts").GetProperty("dedup").GetProperty("cooldown").GetString());
            Assert.Equal("1.5", root.GetProperty("alerts").GetProperty("dedup").GetProperty("growthFactor").GetString());
            Assert.Equal("12", root.GetProperty("alerts").GetProperty("webhooks")[0].GetProperty("minNetProfitUsd").GetString());
            var restored = root.GetProperty("overrides").EnumerateArray().ToDictionary(o => o.GetProperty("key").GetString()!, o => o.GetProperty("changedAt").GetString());
            Assert.Equal(5, restored.Count);
            Assert.Equal(Core.UnixMicros.ToIso(changedAt), restored["Engine:MinNetProfitUsd"]); // the time of the change, not of the restart

            // The restored values are in force in the alert path, and are what the engine is sent first.
            Assert.Equal(TimeSpan.FromSeconds(90), api.Alerts.Policy.Dedup.Cooldown);
            Assert.Equal(7.25m, api.Writer.Current.Engine.MinNetProfitUsd);

            Assert.Contains(api.Logger.Lines, l => l.StartsWith("Warning 6102 Stored settings override Engine:MinNetPremiumBps = '20000' skipped: Engine:MinNetPremiumBps is 20000; allowed range 0 to 10000.", StringComparison.Ordinal));
            Assert.Contains(api.Logger.Lines, l => l.StartsWith("Warning 6102 Stored settings override Alerts:Webhooks:3:MinNetProfitUsd = '5' skipped:", StringComparison.Ordinal));
            Assert.Contains(api.Logger.Lines, l => l.StartsWith("Warning 6102 Stored settings override Alerts:Dedup:GrowthFactor = 'lots' skipped: Alerts:Dedup:GrowthFactor must be a decimal number", StringComparison.Ordinal));
            Assert.Contains(api.Logger.Lines, l => l.StartsWith("Warning 6102 Stored settings override Engine:Colour = 'red' skipped: unknown setting key 'Engine:Colour'.", StringComparison.Ordinal));
            Assert.Contains("Information 6103 Settings overrides restored from the store: 5", api.Logger.Lines);

            // The skipped rows are gone from the file; the valid ones stay.
            Assert.Equal(5, store.SettingsOverrides().Count);
        }
    }

    [Fact]
    public async Task Overrides_RestoredWhenAVenueNoLongerRuns_AreSkipped()
    {
        using var fx = new StoreFixtures();
        using (var store = fx.Open())
        {
            store.ReplaceSettingsOverrides([new StoredSettingsOverride("Venues:Disabled", "okx", 1), new StoredSettingsOverride("Engine:MinNetProfitUsd", "4", 2)]);
        }

        using (var store = fx.Open())
        {
            await using var api = await SettingsWriteServer.StartAsync(store: store);

            Assert.Equal(["Engine:MinNetProfitUsd"], api.Writer.Overrides.Select(o => o.Key));
            Assert.Contains(api.Logger.Lines, l => l.StartsWith("Warning 6102 Stored settings override Venues:Disabled = 'okx' skipped: Venues:Disabled: okx is not running in this process.", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task WebhookOverride_FollowsItsWebhookWhenTheListIsReordered_AndIsDroppedWithIt()
    {
        const string A = "https://hooks.example.com/a";
        const string B = "https://hooks.example.com/b";
        static Dictionary<string, string?> Webhooks(params string[] urls)
        {
            var configuration = SettingsWriteServer.DefaultConfiguration();
            configuration.Remove("Alerts:Webhooks:0:Url");
            configuration.Remove("Alerts:Webhooks:0:MinNetProfitUsd");
            for (var i = 0; i < urls.Length; i++)
            {
                configuration[$"Alerts:Webhooks:{i}:Url"] = urls[i];
                configuration[$"Alerts:Webhooks:{i}:MinNetProfitUsd"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return configuration;
        }

        // The fingerprint, computed here: "webhook:" + the first 8 bytes of SHA-256(URL) in lower-case hex.
        static string Fingerprint(string url) => "webhook:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(url)))[..16];

        using var fx = new StoreFixtures();
        using (var store = fx.Open())
        {
            await using var api = await SettingsWriteServer.StartAsync(Webhooks(A, B), store);
            using var response = await api.PutAsync("""{"alerts":{"webhooks":[{"index":1,"minNetProfitUsd":"12"}]}}""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal([$"Alerts:Webhooks:1:MinNetProfitUsd=12 {Fingerprint(B)}"], store.SettingsOverrides().Select(o => $"{o.Key}={o.Value} {o.Target}"));
        }

        // B is now first: its 12 goes with it, and A keeps its configured 2.
        using (var store = fx.Open())
        {
            await using var api = await SettingsWriteServer.StartAsync(Webhooks(B, A), store);
            Assert.Equal([12m, 2m], api.Writer.Current.WebhookMinNetProfitUsd);
            Assert.Contains("Information 6105 Stored settings override Alerts:Webhooks:1:MinNetProfitUsd applies to Alerts:Webhooks:0:MinNetProfitUsd: its webhook moved in Alerts:Webhooks", api.Logger.Lines);
            Assert.Equal([$"Alerts:Webhooks:0:MinNetProfitUsd=12 {Fingerprint(B)}"], store.SettingsOverrides().Select(o => $"{o.Key}={o.Value} {o.Target}"));
        }

        // B is gone (A is at index 0, where B's override was): the override is dropped, not given to A.
        using (var store = fx.Open())
        {
            await using var api = await SettingsWriteServer.StartAsync(Webhooks(A), store);
            Assert.Equal([1m], api.Writer.Current.WebhookMinNetProfitUsd);
            Assert.Contains(api.Logger.Lines, l => l.StartsWith("Warning 6102 Stored settings override Alerts:Webhooks:0:MinNetProfitUsd = '12' skipped: the webhook it was set for is no longer in Alerts:Webhooks", StringComparison.Ordinal));
            Assert.Empty(store.SettingsOverrides());
        }

        // A row written before targets were kept applies to the index it names, and is saved back with its target.
        using (var store = fx.Open())
        {
            store.ReplaceSettingsOverrides([new StoredSettingsOverride("Alerts:Webhooks:1:MinNetProfitUsd", "7", 5)]);
        }

        using (var store = fx.Open())
        {
            await using var api = await SettingsWriteServer.StartAsync(Webhooks(A, B), store);
            Assert.Equal([1m, 7m], api.Writer.Current.WebhookMinNetProfitUsd);
            Assert.Equal([$"Alerts:Webhooks:1:MinNetProfitUsd=7 {Fingerprint(B)}"], store.SettingsOverrides().Select(o => $"{o.Key}={o.Value} {o.Target}"));
        }
    }

    [Fact]
    public async Task Put_StoreCannotBeWritten_Returns500_AndChangesNothing()
    {
        using var fx = new StoreFixtures();
        using var store = fx.Open();
        await using var api = await SettingsWriteServer.StartAsync(store: store);
        using (var first = await api.PutAsync("""{"engine":{"minNetProfitUsd":"4"}}"""))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var before = await api.GetSettingsAsync();
        var published = api.Published.Count;

        // The table goes away under the running store, so its next write fails inside SQLite.
        using (var connection = SchemaMigrationTests.Connect(fx.PathOf()))
        {
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE settings_overrides";
            drop.ExecuteNonQuery();
        }

        using var response = await api.PutAsync("""{"engine":{"minNetProfitUsd":"9"},"alerts":{"dedup":{"growthFactor":"2"}}}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = Assert.Single(await SettingsWriteServer.ErrorsAsync(response));
        Assert.StartsWith("Nothing was changed: the change could not be saved to Storage:Path (SQLite Error 1: 'no such table: settings_overrides'", error, StringComparison.Ordinal);
        Assert.Equal(before, await api.GetSettingsAsync());
        Assert.Equal(4m, api.Writer.Current.Engine.MinNetProfitUsd);
        Assert.Equal(published, api.Published.Count);
        Assert.Equal(1.5m, api.Alerts.Policy.Dedup.GrowthFactor);
        Assert.Contains(api.Logger.Lines, l => l.StartsWith("Error 6104 Settings overrides could not be saved to the store: SQLite Error 1: 'no such table: settings_overrides'", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Logger.Lines, l => l.Contains("Engine:MinNetProfitUsd changed at runtime: 4 → 9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Put_EngineQueueRefuses_Returns503_AndTheStoredOverridesStayAsTheyWere()
    {
        using var fx = new StoreFixtures();
        using (var store = fx.Open())
        {
            store.ReplaceSettingsOverrides([new StoredSettingsOverride("Engine:MinNetProfitUsd", "4", 2)]);
        }

        using (var store = fx.Open())
        {
            await using var api = await SettingsWriteServer.StartAsync(store: store, refuseEngine: true);

            using var response = await api.PutAsync("""{"engine":{"minNetProfitUsd":"9","minNetPremiumBps":"15"}}""");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(["Engine:MinNetProfitUsd=4@2"], store.SettingsOverrides().Select(o => $"{o.Key}={o.Value}@{o.ChangedAt}"));
            Assert.Equal(4m, api.Writer.Current.Engine.MinNetProfitUsd);
        }
    }

    [Fact]
    public async Task Demo_PutHighMinNetProfit_EmptiesOpenOpportunities_LoweringBringsThemBack_AndReplayDoesTheSame()
    {
        using var fx = new StoreFixtures();
        var capture = fx.PathOf("capture.jsonl");
        var live = fx.PathOf("live-events.jsonl");
        var demo = new DemoRun();
        await using (demo)
        {
            demo.Settings.Storage.Path = fx.PathOf("demo.db");
            demo.Settings.Simulator.AutoDislocation.Every = TimeSpan.FromMinutes(10);
            demo.Settings.Simulator.AutoDislocation.Length = TimeSpan.FromMinutes(10); // one dislocation that lasts the whole test
            await demo.StartAsync(seed: 3, recordPath: capture, eventsPath: live);
            using var http = new HttpClient { BaseAddress = demo.ApiAddress };

            await PollAsync(http, open => open > 0, "an open opportunity from the injected dislocation");

            using (var high = await Put(http, """{"engine":{"minNetProfitUsd":"1000000"}}"""))
            {
                Assert.Equal(HttpStatusCode.OK, high.StatusCode);
            }

            var emptied = await PollAsync(http, open => open == 0, "no open opportunity under a 1,000,000 USD minimum");
            Assert.Contains("\"threshold\"", emptied, StringComparison.Ordinal); // closed with the reason of a threshold change
            Assert.Equal(["Engine:MinNetProfitUsd=1000000"], demo.Pipeline.Store!.SettingsOverrides().Select(o => $"{o.Key}={o.Value}"));

            using (var low = await Put(http, """{"engine":{"minNetProfitUsd":"1"}}"""))
            {
                Assert.Equal(HttpStatusCode.OK, low.StatusCode);
            }

            await PollAsync(http, open => open > 0, "the opportunity back under the configured 1 USD minimum");
            Assert.Empty(demo.Pipeline.Store!.SettingsOverrides());
            await demo.StopAsync();
        }

        // Both changes are in the capture, in processing order, so replay closes and reopens exactly as the live run did.
        var settingsLines = File.ReadAllLines(capture).Where(l => l.Contains("\"kind\":\"settings\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, settingsLines.Count);
        Assert.Contains("\\\"minNetProfitUsd\\\":\\\"1000000\\\"", settingsLines[0], StringComparison.Ordinal);
        Assert.Contains("\\\"minNetProfitUsd\\\":\\\"1\\\"", settingsLines[1], StringComparison.Ordinal);
        var liveText = await File.ReadAllTextAsync(live);
        Assert.Contains("\"closeReason\":\"threshold\"", liveText, StringComparison.Ordinal);

        var replayed = fx.PathOf("replayed.jsonl");
        ReplayRunner.Run(capture, replayed, null, demo.Settings);
        Assert.Equal(liveText, await File.ReadAllTextAsync(replayed));

        // Told to ignore them, replay keeps the configured minimum throughout: the same as a capture without those lines.
        var ignoring = fx.PathOf("ignoring.jsonl");
        ReplayRunner.Run(capture, ignoring, null, demo.Settings, applyRecordedSettings: false);
        var stripped = fx.PathOf("stripped-capture.jsonl");
        File.WriteAllLines(stripped, File.ReadAllLines(capture).Where(l => !l.Contains("\"kind\":\"settings\"", StringComparison.Ordinal)));
        var strippedEvents = fx.PathOf("stripped-events.jsonl");
        ReplayRunner.Run(stripped, strippedEvents, null, demo.Settings);
        var ignoringText = await File.ReadAllTextAsync(ignoring);
        Assert.Equal(await File.ReadAllTextAsync(strippedEvents), ignoringText);
        Assert.DoesNotContain("\"closeReason\":\"threshold\"", ignoringText, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> Put(HttpClient http, string json) =>
        http.PutAsync(new Uri("/api/settings", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Polls /api/opportunities until the count of open ones satisfies <paramref name="match"/>; returns that body.</summary>
    private static async Task<string> PollAsync(HttpClient http, Func<int, bool> match, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var body = "";
        while (DateTime.UtcNow < deadline)
        {
            body = await http.GetStringAsync(new Uri("/api/opportunities", UriKind.Relative));
            using var doc = JsonDocument.Parse(body);
            if (match(doc.RootElement.GetProperty("open").GetArrayLength()))
            {
                return body;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"no {what} within 60 s: {body}");
        return body;
    }
}
