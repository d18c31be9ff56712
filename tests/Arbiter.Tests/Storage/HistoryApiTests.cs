using System.Net;
using System.Text.Json;
using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Hosting;
using Arbiter.Storage;
using Arbiter.Tests.Support;
using Arbiter.Venues;
using static Arbiter.Tests.Storage.StoreFixtures;

namespace Arbiter.Tests.Storage;

/// <summary>/api/history/*: exact JSON over a scripted store, parameter errors, history off; and a demo's store answering through them.</summary>
public sealed class HistoryApiTests
{
    [Fact]
    public async Task Opportunities_ExactJson_FiltersAndErrors()
    {
        using var fx = new StoreFixtures();
        using var store = fx.Open();
        var run = store.StartRun(T0);
        var route = new TransferQuote(true, null, "TRX", 0.0001m, 9.5m, 3.25m, 12.5m, 0.2m);
        store.Write(run,
        [
            Event(OpportunityEventKind.Closed, T0 + 2_500_000, Opportunity(1, BinanceBtc, UpbitBtc, T0, T0 + 2_500_000, 15m, 44m, 20.75m, 55.1234m, 0.75m, route), "below-threshold"),
            Event(OpportunityEventKind.Opened, T0 + 60_000_000, Opportunity(2, CoinbaseEth, KrakenEth, T0 + 60_000_000, T0 + 60_000_000, 2m, 11m, 2m, 11m)),
        ]);
        await using var api = await StartAsync(store);
        using var http = new HttpClient { BaseAddress = api.Address };

        Assert.Equal(
            "{\"opportunities\":[{\"runId\":1,\"id\":1,\"asset\":\"BTC\",\"buyVenue\":\"binance\",\"buySymbol\":\"BTCUSDT\",\"sellVenue\":\"upbit\",\"sellSymbol\":\"KRW-BTC\","
            + "\"firstSeen\":\"2026-11-21T13:00:00.000000Z\",\"lastUpdated\":\"2026-11-21T13:00:02.500000Z\",\"closedAt\":\"2026-11-21T13:00:02.500000Z\",\"closeReason\":\"below-threshold\","
            + "\"durationMs\":2500,\"peakNetProfitUsd\":\"20.75\",\"peakNetPremiumBps\":\"55.1234\",\"size\":\"0.75\",\"netProfitUsd\":\"15\",\"netPremiumBps\":\"44\","
            + "\"transfer\":{\"available\":true,\"unavailable\":null,\"network\":\"TRX\",\"withdrawFee\":\"0.0001\",\"feeUsd\":\"9.5\",\"netProfitUsd\":\"3.25\"},\"events\":1}]}",
            await http.GetStringAsync(new Uri("/api/history/opportunities?asset=btc&venue=UPBIT&from=2026-11-21T12:59:00Z&to=2026-11-21T13:00:01Z", UriKind.Relative)));
        Assert.Equal([2L, 1L], Ids(await http.GetStringAsync(new Uri("/api/history/opportunities", UriKind.Relative))));
        Assert.Equal([2L], Ids(await http.GetStringAsync(new Uri("/api/history/opportunities?limit=1", UriKind.Relative))));
        Assert.Equal([2L], Ids(await http.GetStringAsync(new Uri("/api/history/opportunities?from=2026-11-21T14:00:30%2B01:00", UriKind.Relative)))); // 13:00:30Z
        Assert.Empty(Ids(await http.GetStringAsync(new Uri("/api/history/opportunities?asset=SOL", UriKind.Relative))));

        foreach (var (query, error) in new[]
        {
            ("limit=1001", "limit must be 1..1000"),
            ("limit=0", "limit must be 1..1000"),
            ("venue=ftx", "unknown venue"),
            ("from=yesterday", "from must be an ISO-8601 time"),
            ("to=13:00", "to must be an ISO-8601 time"),
        })
        {
            using var response = await http.GetAsync(new Uri("/api/history/opportunities?" + query, UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(error, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Alerts_ExactJson_ByStateAndAsset_NewestFirst()
    {
        using var fx = new StoreFixtures();
        using var store = fx.Open();
        var sent = store.RecordQueued(new AlertDraft("telegram", "1001", "BTC:binance>upbit", "BTC", 12.5m, "BTC +12.50"), T0);
        store.RecordSent(sent, T0 + 150_000);
        var dropped = store.RecordQueued(new AlertDraft("webhook", "ops", "ETH:coinbase>kraken", "ETH", 3m, "{}"), T0 + 1_000_000);
        store.RecordDropped(dropped, T0 + 1_200_000, "queue-full");
        await using var api = await StartAsync(store);
        using var http = new HttpClient { BaseAddress = api.Address };

        // System.Text.Json's default encoder escapes HTML-sensitive characters such as '>' and '+' (valid JSON; parsers read them back).
        Assert.Equal(
            "{\"alerts\":[{\"id\":1,\"sink\":\"telegram\",\"target\":\"1001\",\"opportunityKey\":\"BTC:binance\\u003Eupbit\",\"asset\":\"BTC\",\"netProfitUsd\":\"12.5\",\"state\":\"sent\","
            + "\"queuedAt\":\"2026-11-21T13:00:00.000000Z\",\"sentAt\":\"2026-11-21T13:00:00.150000Z\",\"droppedAt\":null,\"dropReason\":null,\"text\":\"BTC \\u002B12.50\"}]}",
            await http.GetStringAsync(new Uri("/api/history/alerts?state=sent", UriKind.Relative)));
        var all = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/history/alerts", UriKind.Relative))).RootElement.GetProperty("alerts");
        Assert.Equal([2, 1], all.EnumerateArray().Select(a => a.GetProperty("id").GetInt32()));
        var eth = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/history/alerts?asset=eth&sink=webhook", UriKind.Relative))).RootElement.GetProperty("alerts");
        Assert.Equal("queue-full", eth.EnumerateArray().Single().GetProperty("dropReason").GetString());
        using var bad = await http.GetAsync(new Uri("/api/history/alerts?state=lost", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task History_StorageDisabled_Is404SayingSo()
    {
        await using var api = await StartAsync(null);
        using var http = new HttpClient { BaseAddress = api.Address };
        using var response = await http.GetAsync(new Uri("/api/history/opportunities", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("{\"error\":\"history is off: Storage:Enabled is false\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Demo_StoresItsOpportunitiesAndConnections_ServedByTheHistoryApi()
    {
        using var fx = new StoreFixtures();
        await using (var demo = new DemoRun())
        {
            demo.Settings.Storage.Path = fx.PathOf();
            await demo.StartAsync(seed: 7);
            using var http = new HttpClient { BaseAddress = demo.ApiAddress };
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            JsonElement rows = default;
            while (DateTime.UtcNow < deadline)
            {
                rows = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/history/opportunities", UriKind.Relative))).RootElement.GetProperty("opportunities");
                if (rows.GetArrayLength() > 0)
                {
                    break;
                }

                await Task.Delay(100);
            }

            Assert.True(rows.GetArrayLength() > 0, "no opportunity reached the history within 20 s");
            var venues = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/history/venues?limit=1000", UriKind.Relative))).RootElement.GetProperty("venueStatus");
            Assert.Contains(venues.EnumerateArray(), v => v.GetProperty("kind").GetString() == "connection" && v.GetProperty("state").GetString() == "connected");
            Assert.Equal(0, demo.Pipeline.StoreQueue!.DroppedUpdates + demo.Pipeline.StoreQueue.DroppedOther);
        }

        // Stopped: everything the engine published was written before the pipeline closed the store, in one run.
        using var store = fx.Open();
        var history = store.QueryOpportunities(new HistoryFilter(Limit: 1000));
        Assert.NotEmpty(history);
        Assert.All(history, r => Assert.Equal(1, r.RunId));
        Assert.Empty(SqliteStore.IntegrityCheck(fx.PathOf()));
    }

    private static List<long> Ids(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("opportunities").EnumerateArray().Select(o => o.GetProperty("id").GetInt64())];

    private static async Task<ApiServer> StartAsync(SqliteStore? store)
    {
        var hub = new ApiHub(new Dictionary<VenueId, VenueCounters> { [VenueId.Binance] = new() }, new ManualTimeProvider(Start)) { History = store };
        var api = new ApiServer(new ApiOptions { Url = "http://127.0.0.1:0" }, hub);
        await api.StartAsync(CancellationToken.None);
        return api;
    }
}
