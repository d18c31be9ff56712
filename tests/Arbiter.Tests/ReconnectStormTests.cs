using System.Diagnostics;
using System.Globalization;
using Arbiter.Simulator;
using Arbiter.Tests.Support;

namespace Arbiter.Tests;

/// <summary>
/// RELIABILITY row 8 over real sockets: every simulated venue's every connection is dropped at once, repeatedly; each
/// time every book must be Synced again (within 60 s), and no venue's connection or message limit may be breached
/// (each simulated venue counts breaches the way it refuses them). The suite runs a few rounds; set
/// ARBITER_STORM_ROUNDS=50 for the full storm.
/// </summary>
public sealed class ReconnectStormTests
{
    private static int Rounds =>
        int.TryParse(Environment.GetEnvironmentVariable("ARBITER_STORM_ROUNDS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3;

    [Fact]
    public async Task DropEveryConnection_Repeatedly_AllBooksResyncWithoutBreachingVenueLimits()
    {
        await using var demo = new DemoRun();

        // Each storm is its own event: a session that lived 1 s counts as healthy, so the backoff starts again at
        // 200 ms (+ jitter) instead of growing across rounds as it would for a venue that keeps failing.
        demo.Settings.Feed.Connection.Resilience.InitialDelay = TimeSpan.FromMilliseconds(200);
        demo.Settings.Feed.Connection.Resilience.StableAfter = TimeSpan.FromSeconds(1);
        await demo.StartAsync(seed: 31);
        var expectedBooks = demo.Simulator.Simulation.Venues.Sum(v => v.Symbols.Count);
        await demo.WaitAllSyncedAsync(TimeSpan.FromSeconds(60));

        var times = new List<TimeSpan>();
        for (var round = 0; round < Rounds; round++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.2)); // stable for longer than StableAfter
            var dropped = demo.Simulator.Simulation.Venues.Sum(v => demo.Simulator.ConnectionCount(v.Venue));
            Assert.True(dropped >= demo.Simulator.Simulation.Venues.Count, $"round {round}: only {dropped} sockets open before the drop");
            var connectsBefore = demo.Simulator.Simulation.Venues.Select(v => v.Limits.ConnectsAccepted).ToArray();
            var clock = Stopwatch.StartNew();
            demo.Simulator.DropAllConnections();

            // First every venue reconnects (so a poll cannot see the books of before the drop), then every book resyncs.
            var venues = demo.Simulator.Simulation.Venues;
            while (Enumerable.Range(0, venues.Count).Any(i => venues[i].Limits.ConnectsAccepted == connectsBefore[i]))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"round {round}: not every venue reconnected within 60 s");
                await Task.Delay(20);
            }

            await demo.WaitAllSyncedAsync(TimeSpan.FromSeconds(60));
            times.Add(clock.Elapsed);
        }

        foreach (var venue in demo.Simulator.Simulation.Venues)
        {
            Assert.True(venue.Limits.ConnectBreaches == 0, $"{venue.Venue}: {venue.Limits.ConnectBreaches} connection-limit breaches");
            Assert.True(venue.Limits.MessageBreaches == 0, $"{venue.Venue}: {venue.Limits.MessageBreaches} message-limit breaches");
            Assert.True(venue.Limits.ConnectsAccepted >= Rounds + 1, $"{venue.Venue}: only {venue.Limits.ConnectsAccepted} connects");
        }

        if (Environment.GetEnvironmentVariable("ARBITER_CONTRACT_REPORT") is { Length: > 0 } report)
        {
            var sorted = times.Order().ToArray();
            File.AppendAllLines(report, [string.Create(CultureInfo.InvariantCulture, $"storm: {Rounds} rounds, {expectedBooks} books, all Synced again after median {sorted[sorted.Length / 2].TotalSeconds:0.00} s, max {sorted[^1].TotalSeconds:0.00} s; breaches 0")]);
        }

        await demo.StopAsync();
    }

}
