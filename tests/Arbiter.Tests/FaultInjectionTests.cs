using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Simulator;
using Arbiter.Tests.Support;

namespace Arbiter.Tests;

/// <summary>
/// RELIABILITY rows 1, 3, 4, 6, 10: seeded fault runs through the real adapters and engine, checked against the
/// simulator's truth at every book application. Set ARBITER_FAULT_INJECTIONS for a longer soak (default 1,000 per kind).
/// </summary>
public sealed class FaultInjectionTests
{
    /// <summary>Steps of 100 ms to run after an injection: the slow recoveries (idle timeout, reconnect delay, snapshot) need about two seconds.</summary>
    private static int StepsAfter(FaultKind kind) => kind is FaultKind.DroppedConnection or FaultKind.SilentStall ? 22 : 4;

    private static int Injections =>
        int.TryParse(Environment.GetEnvironmentVariable("ARBITER_FAULT_INJECTIONS"), out var n) && n > 0 ? n : 1000;

    [Theory]
    [InlineData(VenueId.Binance, 7)]
    [InlineData(VenueId.Upbit, 11)]
    public void EveryFaultKind_SeededInjections_NoSyncedBookEverDiffersFromTruth(VenueId faulted, int seed)
    {
        var sim = new SimulatorOptions { Seed = seed };
        sim.For(faulted).StallDuration = TimeSpan.FromSeconds(1.5);
        sim.AutoDislocation.Enabled = true; // opportunities appear, and each one is checked against truth too
        sim.AutoDislocation.Every = TimeSpan.FromSeconds(20);
        var engine = new EngineOptions { MaxBookAge = TimeSpan.FromSeconds(2) };
        var harness = new FaultHarness(sim, engine);
        var venue = harness.Simulation.Venue(faulted);
        // ConnectionRefused first: it waits for the round's DroppedConnection reconnect, which it then refuses once.
        var kinds = venue.SupportedFaults.OrderBy(k => k == FaultKind.ConnectionRefused ? -1 : (int)k).ToArray();
        harness.Run(30); // warm up: markets, connections, first snapshots

        var target = Injections;
        for (var round = 0; round < target; round++)
        {
            // One kind at a time, each given time to show its effect before the next: injected together, a dropped
            // connection's fresh snapshot would heal a missed update before anything could notice it.
            foreach (var kind in kinds)
            {
                venue.InjectFault(kind, venue.Symbols[round % venue.Symbols.Count]);
                harness.Run(StepsAfter(kind));
            }
        }

        harness.Run(50);
        foreach (var kind in kinds)
        {
            Assert.True(venue.Faults[kind] >= target, $"{kind}: {venue.Faults[kind]} injections");
        }

        var failures = string.Join("; ", harness.Failures);
        Assert.True(harness.SyncedChecks > target * 50L, $"only {harness.SyncedChecks} synced books were checked");
        Assert.Equal(0, harness.SyncedMismatches);
        Assert.True(harness.TruthMissing == 0, failures);
        Assert.True(harness.SyncedBehind == 0, failures);
        Assert.True(harness.OpportunitiesFromUnusableBooks == 0, failures);
        Assert.True(harness.OpportunityMismatches == 0, failures);
        Assert.True(harness.OpportunityEvents > 0, "no opportunity was published, so none was checked");
        var counters = harness.Protocol(faulted).Counters;
        Assert.Equal(harness.MalformedDelivered(faulted), counters.MalformedFrames);

        // Every book of both venues recovers: Synced at the end, equal to truth (checked on its last application).
        foreach (var instrument in harness.Engine.Instruments)
        {
            Assert.Equal(BookSyncState.Synced, harness.Engine.GetState(instrument, out var reason));
            Assert.Equal(BookInvalidReason.None, reason);
        }
    }
}
