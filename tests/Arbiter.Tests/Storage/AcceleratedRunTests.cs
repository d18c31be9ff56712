using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Arbiter.Commands;
using Arbiter.Hosting;
using Arbiter.Simulator;
using Arbiter.Storage;
using Arbiter.Tests.Support;
using Xunit.Abstractions;

namespace Arbiter.Tests.Storage;

/// <summary>
/// Issue 6: a 10-minute simulated run on an accelerated clock (the simulator and the whole live pipeline on one
/// <see cref="AcceleratedTimeProvider"/>, ARBITER_ACCELERATION times real time, default 40) is stored, queryable through
/// /api/history, and the file stays within the size its retention settings imply (the size of a file holding exactly
/// the row limits, as in <see cref="RetentionTests"/>).
/// </summary>
public sealed class AcceleratedRunTests(ITestOutputHelper output)
{
    private const int Limit = 100;

    private static double Acceleration =>
        double.TryParse(Environment.GetEnvironmentVariable("ARBITER_ACCELERATION"), CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 40;

    [Fact]
    public async Task TenSimulatedMinutes_Stored_QueryableThroughHistoryApi_FileWithinRetentionSize()
    {
        using var fx = new StoreFixtures();
        var clock = new AcceleratedTimeProvider(DateTimeOffset.UtcNow, Acceleration);
        var settings = SettingsLoader.Load(null, new Dictionary<string, string?> { ["Api:Url"] = "http://127.0.0.1:0" }, dotEnvPath: null);
        settings.StatusInterval = TimeSpan.Zero;
        settings.Storage.Path = fx.PathOf("accelerated.db");
        settings.Storage.MaxOpportunities = Limit;
        settings.Storage.MaxAlerts = Limit;
        settings.Storage.MaxVenueEvents = Limit;
        settings.Storage.CleanupInterval = TimeSpan.FromSeconds(20);
        settings.Simulator.StepInterval = TimeSpan.FromSeconds(1);
        settings.Simulator.AutoDislocation.Enabled = true;
        settings.Simulator.AutoDislocation.Every = TimeSpan.FromSeconds(10);
        settings.Simulator.AutoDislocation.Length = TimeSpan.FromSeconds(6);
        Assert.Empty(settings.Validate());

        await using var simulator = new SimulatorServer(settings.Simulator, clock);
        await simulator.StartAsync(CancellationToken.None);
        PipelineRunner.UseSimulator(settings, simulator);
        var eventsPath = fx.PathOf("events.jsonl");
        var startedAt = clock.GetUtcNow();
        var wall = System.Diagnostics.Stopwatch.StartNew();
        long opened;
        long simulated;
        string history;
        string venues;
        long stored;
        await using (var pipeline = new LivePipeline(settings, clock, eventsPath: eventsPath))
        {
            await using var api = new ApiServer(settings.Api, pipeline.Hub);
            await api.StartAsync(CancellationToken.None);
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10), clock);
            await pipeline.RunAsync(stop.Token);
            simulated = (long)(clock.GetUtcNow() - startedAt).TotalSeconds;
            pipeline.Store!.Cleanup(Arbiter.Core.UnixMicros.Now(clock)); // the periodic cleanup's last round, after the final writes
            stored = pipeline.Store.Counts().Opportunities;
            using var http = new HttpClient { BaseAddress = api.Address };
            history = await http.GetStringAsync(new Uri("/api/history/opportunities?limit=1000", UriKind.Relative));
            venues = await http.GetStringAsync(new Uri("/api/history/venues?limit=1000", UriKind.Relative));
            opened = File.ReadLines(eventsPath).Count(l => l.Contains("\"opportunity.opened\"", StringComparison.Ordinal));
        }

        using var doc = JsonDocument.Parse(history);
        var rows = doc.RootElement.GetProperty("opportunities");
        var firstSeen = rows.EnumerateArray().Select(r => DateTimeOffset.Parse(r.GetProperty("firstSeen").GetString()!, CultureInfo.InvariantCulture)).ToList();

        // The size the retention settings imply: a file holding exactly Limit rows in each table.
        var reference = fx.Options("reference.db");
        using (var store = fx.Open(reference))
        {
            RetentionTests.Fill(store, 0, Limit);
            store.Cleanup(StoreFixtures.T0);
        }

        var referenceSize = new FileInfo(reference.Path).Length;
        var size = new FileInfo(settings.Storage.Path).Length + (File.Exists(settings.Storage.Path + "-wal") ? new FileInfo(settings.Storage.Path + "-wal").Length : 0);
        output.WriteLine($"{simulated} simulated s in {wall.Elapsed.TotalSeconds:0.0} wall s (×{Acceleration}); {opened} opportunities opened, {stored} kept (limit {Limit}), /api/history/opportunities gave {rows.GetArrayLength()} from {firstSeen.DefaultIfEmpty().Min():HH:mm:ss} to {firstSeen.DefaultIfEmpty().Max():HH:mm:ss}; venue rows {JsonDocument.Parse(venues).RootElement.GetProperty("venueStatus").GetArrayLength()}; file {size} B, the limits imply {referenceSize} B");
        Assert.InRange(simulated, 600, 660);
        Assert.True(opened > Limit, $"only {opened} opportunities in 10 simulated minutes: retention not exercised");
        Assert.Equal(Limit, stored);
        Assert.Equal(Limit, rows.GetArrayLength());
        Assert.True(firstSeen.Max() - firstSeen.Min() > TimeSpan.FromMinutes(1), "the kept history does not span the run's later minutes");
        Assert.InRange(size, 0, (referenceSize * 5 / 4) + 65_536);
    }
}
