using System.Text.Json;
using Arbiter.Commands;
using Arbiter.Core;
using Arbiter.Hosting;
using Arbiter.Simulator;

namespace Arbiter.Tests.Intelligence;

/// <summary>Market discovery re-fetches each running venue's list over real sockets (the simulated venues) with the venues' own parsers.</summary>
public sealed class MarketDiscoveryTests
{
    [Fact]
    public async Task RefreshAsync_EverySimulatedVenue_ListsItsMarketsForApiMarkets()
    {
        var settings = SettingsLoader.Load(null, new Dictionary<string, string?> { ["Api:Url"] = "http://127.0.0.1:0" }, dotEnvPath: null);
        await using var simulator = new SimulatorServer(settings.Simulator);
        await simulator.StartAsync(CancellationToken.None);
        PipelineRunner.UseSimulator(settings, simulator);
        await using var pipeline = new LivePipeline(settings, TimeProvider.System);
        Assert.All(simulator.Simulation.Venues, v => Assert.Null(pipeline.Markets.Latest(v.Venue)));

        await pipeline.Markets.RefreshAsync(CancellationToken.None);

        var status = pipeline.Markets.Status();
        Assert.Equal(simulator.Simulation.Venues.Select(v => v.Venue).Order(), status.Select(s => s.Venue));
        foreach (var s in status)
        {
            Assert.Null(s.LastError);
            Assert.NotNull(s.LastSuccess);
            Assert.True(s.Markets >= 3, $"{s.Venue.Name()} lists {s.Markets} markets");
            Assert.Same(s.List, pipeline.Markets.Latest(s.Venue));
        }

        // The running feeds never fetched (the pipeline is not running): /api/markets is built from the refreshed lists.
        using var markets = JsonDocument.Parse(pipeline.Hub.MarketsJson());
        Assert.Equal(["BTC", "ETH", "USDT", "XRP"], markets.RootElement.GetProperty("assets").EnumerateArray().Select(a => a.GetProperty("asset").GetString()));
        Assert.Equal(status.Count, markets.RootElement.GetProperty("discovery").GetArrayLength());
        Assert.Equal(0, markets.RootElement.GetProperty("collisions").GetArrayLength());
    }

    [Fact]
    public async Task RefreshAsync_VenueDown_KeepsTheLastListAndRecordsTheError()
    {
        var settings = SettingsLoader.Load(null, new Dictionary<string, string?> { ["Api:Url"] = "http://127.0.0.1:0" }, dotEnvPath: null);
        var simulator = new SimulatorServer(settings.Simulator);
        await simulator.StartAsync(CancellationToken.None);
        PipelineRunner.UseSimulator(settings, simulator);
        await using var pipeline = new LivePipeline(settings, TimeProvider.System);
        await pipeline.Markets.RefreshAsync(CancellationToken.None);
        var before = pipeline.Markets.Status();
        await simulator.DisposeAsync();

        await pipeline.Markets.RefreshAsync(CancellationToken.None);

        var after = pipeline.Markets.Status();
        for (var i = 0; i < after.Count; i++)
        {
            Assert.Same(before[i].List, after[i].List);
            Assert.Equal(before[i].LastSuccess, after[i].LastSuccess);
            Assert.NotNull(after[i].LastFailure);
            Assert.Contains("failed", after[i].LastError, StringComparison.Ordinal);
        }
    }
}
