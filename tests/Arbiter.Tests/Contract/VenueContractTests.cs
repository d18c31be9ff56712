using System.Globalization;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Hosting;
using Arbiter.Simulator;
using Arbiter.Tests.Support;
using Arbiter.Venues;

namespace Arbiter.Tests.Contract;

/// <summary>
/// The contract every venue adapter passes (DESIGN §3), run through the host's <see cref="VenueAdapters"/> entry:
/// its real-format fixtures build the exact book; against its simulated venue, every fault kind the venue simulates is
/// injected (seeded, one kind at a time) and no Synced book ever differs from the simulator's truth, checksum
/// corruptions are caught on the message that carries them, a zero checksum causes no resync, every lost book is
/// Synced again within 2 s (p99) of simulated time, and all books end Synced.
/// A venue joins by deriving a class that names it and gives its fixture script.
/// </summary>
/// <remarks>Set ARBITER_FAULT_INJECTIONS for the soak (e.g. 10000 per venue); the suite runs a smaller default.</remarks>
public abstract class VenueContractTests
{
    /// <summary>Injections per venue in the suite when ARBITER_FAULT_INJECTIONS is not set.</summary>
    public const int DefaultInjections = 1200;

    protected abstract VenueId Venue { get; }

    /// <summary>Seed of the fault run.</summary>
    protected virtual int Seed => 7;

    /// <summary>Assets the fixture script's options watch.</summary>
    protected virtual IReadOnlyList<string> FixtureAssets => ["BTC"];

    /// <summary>The real-format inputs, in order.</summary>
    protected abstract IEnumerable<ContractStep> FixtureScript();

    /// <summary>The books the script must leave (Synced, exactly these levels).</summary>
    protected abstract IEnumerable<ExpectedBook> ExpectedBooks();

    /// <summary>Adjusts the fixture run's options after they were pointed at the fixtures (e.g. a depth the fixture needs).</summary>
    protected virtual void ConfigureFixtureOptions(VenuesOptions options)
    {
    }

    /// <summary>Adjusts the fault run's simulator options (e.g. a protocol variant of the venue) after the defaults were set.</summary>
    protected virtual void ConfigureSimulator(SimulatorOptions options)
    {
    }

    private static int Injections =>
        int.TryParse(Environment.GetEnvironmentVariable("ARBITER_FAULT_INJECTIONS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultInjections;

    [Fact]
    public void Fixtures_RealFormat_BuildTheExactBooks()
    {
        var run = new FixtureRun(Venue, FixtureAssets, ConfigureFixtureOptions);
        foreach (var step in FixtureScript())
        {
            run.Apply(step);
        }

        foreach (var expected in ExpectedBooks())
        {
            var instrument = run.Engine.Instruments.SingleOrDefault(i => i.Symbol == expected.Symbol)
                ?? throw new Xunit.Sdk.XunitException($"no {Venue.Name()} book for {expected.Symbol}; books: {string.Join(", ", run.Engine.Instruments)}");
            Assert.Equal(BookSyncState.Synced, run.Engine.GetState(instrument, out _));
            var book = run.Engine.GetBook(instrument)!;
            Assert.Equal(Levels(expected.Bids), Levels(instrument, book.Bids));
            Assert.Equal(Levels(expected.Asks), Levels(instrument, book.Asks));
        }
    }

    [Fact]
    public void Faults_EverySimulatedKind_DetectedResyncedAndNeverWrongWhileSynced()
    {
        var sim = new SimulatorOptions { Seed = Seed }.Only(Venue == VenueId.Binance ? [Venue, VenueId.Upbit] : [Venue, VenueId.Binance]);
        sim.For(Venue).StallDuration = TimeSpan.FromSeconds(1.5);
        sim.AutoDislocation.Enabled = true; // opportunities appear, and each one is checked against truth too
        sim.AutoDislocation.Every = TimeSpan.FromSeconds(20);
        ConfigureSimulator(sim);
        var harness = new FaultHarness(sim, new EngineOptions { MaxBookAge = TimeSpan.FromSeconds(2) });
        var venue = harness.Simulation.Venue(Venue);

        // ConnectionRefused and SubscribeRefused first: they wait for the round's reconnect (after DroppedConnection), whose
        // handshake and then first subscription they refuse once (injected last, the final round's would never apply).
        var kinds = venue.SupportedFaults.OrderBy(k => k switch { FaultKind.ConnectionRefused => -2, FaultKind.SubscribeRefused => -1, _ => (int)k }).ToArray();
        var rounds = Math.Max(1, Injections / kinds.Length);
        harness.Run(30); // warm up: markets, connections, first snapshots
        for (var round = 0; round < rounds; round++)
        {
            // One kind at a time, each given time to show its effect before the next: injected together, a dropped
            // connection's fresh snapshot would heal a missed update before anything could notice it.
            foreach (var kind in kinds)
            {
                venue.InjectFault(kind, kind is FaultKind.ConnectionRefused or FaultKind.SubscribeRefused ? null : venue.Symbols[round % venue.Symbols.Count]);
                harness.Run(StepsAfter(kind));
            }
        }

        harness.Run(50);
        var failures = string.Join("; ", harness.Failures);
        foreach (var kind in kinds)
        {
            Assert.True(venue.Faults[kind] >= rounds, $"{kind}: {venue.Faults[kind]} of {rounds} injections applied");
        }

        Assert.True(harness.SyncedChecks > rounds * 20L, $"only {harness.SyncedChecks} synced books were checked");
        Assert.True(harness.SyncedMismatches == 0, failures);
        Assert.True(harness.TruthMissing == 0, failures);
        Assert.True(harness.SyncedBehind == 0, failures);
        Assert.True(harness.OpportunitiesFromUnusableBooks == 0, failures);
        Assert.True(harness.OpportunityMismatches == 0, failures);
        Assert.Equal(harness.MalformedDelivered(Venue), harness.Protocol(Venue).Counters.MalformedFrames);
        if (kinds.Contains(FaultKind.ChecksumCorruption))
        {
            Assert.True(harness.ChecksumCorruptionsDelivered > rounds / 2, $"only {harness.ChecksumCorruptionsDelivered} corruptions reached a Synced book");
            Assert.True(harness.ChecksumCorruptionsDelivered == harness.ChecksumCorruptionsCaught, failures);
        }

        if (kinds.Contains(FaultKind.ChecksumZero))
        {
            Assert.True(harness.ChecksumZeroDelivered > rounds / 2, $"only {harness.ChecksumZeroDelivered} zero checksums were delivered");
            Assert.True(harness.ChecksumZeroResyncs == 0, failures);
        }

        Assert.True(harness.ResyncDurations.Count >= rounds, $"only {harness.ResyncDurations.Count} resyncs were timed");
        var p99 = harness.ResyncPercentile(99);
        Assert.True(p99 < 2_000_000, $"resync p99 {p99} µs of simulated time");

        foreach (var instrument in harness.Engine.Instruments)
        {
            Assert.Equal(BookSyncState.Synced, harness.Engine.GetState(instrument, out var reason));
            Assert.Equal(BookInvalidReason.None, reason);
        }

        ContractReport.Write(Venue, rounds * kinds.Length, harness);
    }

    /// <summary>Steps of 100 ms to run after an injection: the slow recoveries (idle timeout, reconnect delay, snapshot) need about two seconds.</summary>
    private static int StepsAfter(FaultKind kind) => kind is FaultKind.DroppedConnection or FaultKind.SilentStall ? 22 : 4;

    private static decimal[][] Levels((string Price, string Quantity)[] levels) =>
        [.. levels.Select(l => new[] { decimal.Parse(l.Price, CultureInfo.InvariantCulture), decimal.Parse(l.Quantity, CultureInfo.InvariantCulture) })];

    private static decimal[][] Levels(Instrument instrument, BookSide side) =>
        [.. Enumerable.Range(0, side.Count).Select(i => new[] { instrument.PriceToDecimal(side.PriceAt(i)), instrument.QuantityToDecimal(side.QuantityAt(i)) })];
}
