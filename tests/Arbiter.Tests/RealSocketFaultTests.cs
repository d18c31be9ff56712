using System.Text.Json;
using Arbiter.Core;
using Arbiter.Simulator;
using Arbiter.Tests.Support;

namespace Arbiter.Tests;

/// <summary>
/// The same faults as the in-process harness, but through real WebSockets, the resilient connection and the engine
/// loop of `arbiter demo`: injected over the simulator's control endpoint, every venue recovers, and every opportunity
/// published equals an independent walk over the simulator's truth at the sequences it cites.
/// </summary>
public sealed class RealSocketFaultTests
{
    /// <summary>The fault kinds every venue simulates that act on the feed (ConnectionRefused waits for a handshake; the reconnect storm test covers it).</summary>
    private static readonly FaultKind[] FeedFaults =
        [FaultKind.SequenceGap, FaultKind.Duplicate, FaultKind.Reorder, FaultKind.DroppedConnection, FaultKind.SilentStall, FaultKind.MalformedFrame, FaultKind.CrossedBook];

    /// <summary>Feed faults only some venues have the mechanism for, injected where they are simulated.</summary>
    private static readonly FaultKind[] VenueFeedFaults = [FaultKind.ChecksumCorruption, FaultKind.ChecksumZero];

    [Fact]
    public async Task Demo_EveryFaultKindOverRealSockets_BooksRecoverAndOpportunitiesMatchTruth()
    {
        var dir = Directory.CreateTempSubdirectory("arbiter-faults-");
        try
        {
            var events = Path.Combine(dir.FullName, "events.jsonl");
            await using var demo = new DemoRun();
            demo.Settings.Feed.Connection.IdleTimeout = TimeSpan.FromSeconds(1);
            demo.Settings.Venues.Binance.IdleTimeout = TimeSpan.FromSeconds(1);
            demo.Settings.Venues.Upbit.IdleTimeout = TimeSpan.FromSeconds(1);
            demo.Settings.Venues.Bybit.IdleTimeout = TimeSpan.FromSeconds(1);
            demo.Settings.Venues.GateIo.IdleTimeout = TimeSpan.FromSeconds(1);
            demo.Settings.Venues.Okx.IdleTimeout = TimeSpan.FromSeconds(1);
            demo.Settings.Venues.Bithumb.IdleTimeout = TimeSpan.FromSeconds(1);
            demo.Settings.Venues.Kraken.IdleTimeout = TimeSpan.FromSeconds(2); // its minimum: Kraken's heartbeat comes every second
            demo.Settings.Venues.Coinbase.IdleTimeout = TimeSpan.FromSeconds(2); // Coinbase's heartbeat comes every second
            demo.Settings.Feed.Connection.Resilience.InitialDelay = TimeSpan.FromMilliseconds(200);
            foreach (var simulated in SimListings.AllVenues)
            {
                demo.Settings.Simulator.For(simulated).StallDuration = TimeSpan.FromSeconds(1.5);
            }

            demo.Settings.Simulator.AutoDislocation.Every = TimeSpan.FromSeconds(6);
            demo.Settings.Simulator.AutoDislocation.Length = TimeSpan.FromSeconds(3);
            await demo.StartAsync(seed: 21, eventsPath: events);
            using var http = new HttpClient();
            var venues = demo.Simulator.Simulation.Venues;
            await demo.WaitAllSyncedAsync(TimeSpan.FromSeconds(10));

            // Three rounds of every fault kind on every venue that simulates it, 600 ms apart, then time to recover.
            for (var round = 0; round < 3; round++)
            {
                foreach (var kind in FeedFaults.Concat(VenueFeedFaults))
                {
                    foreach (var venue in venues.Where(v => v.SupportedFaults.Contains(kind)))
                    {
                        using var response = await http.PostAsync(new Uri(demo.Simulator.RestBase(venue.Venue), $"/_sim/fault?kind={kind}"), null);
                        response.EnsureSuccessStatusCode();
                    }

                    await Task.Delay(600);
                }
            }

            await demo.WaitAllSyncedAsync(TimeSpan.FromSeconds(15));

            // Malformed frames sent while a connection is down never arrive, so to count them exactly they are
            // injected once every connection is up again: each one that reaches the adapter is counted.
            var counters = demo.Pipeline.Feeds.ToDictionary(f => f.Protocol.Venue, f => f.Protocol.Counters);
            var malformedBefore = counters[VenueId.Upbit].MalformedFrames;
            for (var i = 0; i < 3; i++)
            {
                using var response = await http.PostAsync(new Uri(demo.Simulator.UpbitRestBase, "/_sim/fault?kind=MalformedFrame"), null);
                response.EnsureSuccessStatusCode();
                await Task.Delay(300);
            }

            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (counters[VenueId.Upbit].MalformedFrames < malformedBefore + 3 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.Equal(malformedBefore + 3, counters[VenueId.Upbit].MalformedFrames);
            foreach (var venue in venues)
            {
                Assert.All(FeedFaults.Concat(VenueFeedFaults).Where(venue.SupportedFaults.Contains), kind => Assert.True(venue.Faults[kind] >= 3, $"{venue.Venue} {kind}: {venue.Faults[kind]}"));
                Assert.True(venue.Limits.MessageBreaches == 0 && venue.Limits.ConnectBreaches == 0, $"{venue.Venue}: {venue.Limits.MessageBreaches} message and {venue.Limits.ConnectBreaches} connection-limit breaches");
            }

            Assert.True(counters[VenueId.Binance].SequenceGaps >= 3, $"binance gaps: {counters[VenueId.Binance].SequenceGaps}");
            if (counters.TryGetValue(VenueId.Bybit, out var bybit))
            {
                Assert.True(bybit.SequenceGaps >= 3, $"bybit gaps: {bybit.SequenceGaps}");
            }

            Assert.True(counters.Values.Sum(c => c.Reconnects) >= 3L * venues.Count);
            await demo.StopAsync();

            // Every published state of every opportunity is what the truth books at its sequences give.
            var checkedCount = 0;
            foreach (var line in await File.ReadAllLinesAsync(events))
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.GetProperty("type").GetString() == "opportunity.closed")
                {
                    continue;
                }

                var o = doc.RootElement.GetProperty("opportunity");
                var expected = TruthCheck.Expected(o, demo.Simulator.Simulation, demo.Settings.Simulator.UsdKrw);
                Assert.Equal(expected.Size, TruthCheck.Dec(o, "size"));
                Assert.Equal(expected.NetUsd, TruthCheck.Dec(o, "netProfitUsd"));
                checkedCount++;
            }

            Assert.True(checkedCount > 0, "no opportunity was published during the fault run");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

}
