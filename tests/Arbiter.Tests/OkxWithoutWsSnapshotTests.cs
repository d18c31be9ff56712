using System.Net.Http.Json;
using System.Text.Json;
using Arbiter.Core;
using Arbiter.Simulator;
using Arbiter.Tests.Support;

namespace Arbiter.Tests;

/// <summary>
/// OKX after its 2026 change, over real sockets: the simulated OKX sends no WebSocket snapshot (Simulator:Okx:WsSnapshot
/// None), so `arbiter demo` syncs every OKX book from GET /api/v5/market/books bridged with the buffered pushes, and
/// again after its connection is dropped.
/// </summary>
public sealed class OkxWithoutWsSnapshotTests
{
    [Fact]
    public async Task Demo_NoWsSnapshot_OkxBooksSyncFromRestAndResyncAfterADrop()
    {
        await using var demo = new DemoRun();
        demo.Settings.Simulator.Okx.WsSnapshot = SimWsSnapshot.None;
        demo.Settings.Feed.Connection.Resilience.InitialDelay = TimeSpan.FromMilliseconds(200);
        await demo.StartAsync(seed: 41);
        using var http = new HttpClient();
        var okx = demo.Simulator.Simulation.Okx;
        await WaitOkxSyncedAsync(http, demo.ApiAddress, okx.Symbols.Count, TimeSpan.FromSeconds(15));

        var counters = demo.Pipeline.Feeds.Single(f => f.Protocol.Venue == VenueId.Okx).Protocol.Counters;
        var reconnects = counters.Reconnects;
        using (var response = await http.PostAsync(new Uri(demo.Simulator.RestBase(VenueId.Okx), "/_sim/fault?kind=DroppedConnection"), null))
        {
            response.EnsureSuccessStatusCode();
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (counters.Reconnects == reconnects && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(counters.Reconnects > reconnects, "the dropped connection was not replaced");
        await WaitOkxSyncedAsync(http, demo.ApiAddress, okx.Symbols.Count, TimeSpan.FromSeconds(15));
        Assert.Equal(0, counters.RestFailures);
        Assert.Equal(0, counters.MalformedFrames);
        Assert.Equal(0, okx.Limits.ConnectBreaches + okx.Limits.MessageBreaches);
        await demo.StopAsync();
    }

    private static async Task WaitOkxSyncedAsync(HttpClient http, Uri api, int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var venues = await http.GetFromJsonAsync<JsonElement>(new Uri(api, "/api/venues"));
            var books = venues.GetProperty("books").EnumerateArray().Where(b => b.GetProperty("venue").GetString() == "okx").ToList();
            last = venues.ToString();
            if (books.Count == expected && books.All(b => b.GetProperty("state").GetString() == "Synced"))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"OKX books did not all reach Synced within {timeout}: {last}");
    }
}
