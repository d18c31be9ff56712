using Arbiter.Replay;
using Arbiter.Tests.Support;

namespace Arbiter.Tests;

/// <summary>`demo --record` then `replay` twice: identical outputs, equal to what the live demo emitted.</summary>
public sealed class RecordReplayTests
{
    [Fact]
    public async Task DemoRecord_ThenReplayTwice_IdenticalAndEqualToLiveEvents()
    {
        var dir = Directory.CreateTempSubdirectory("arbiter-replay-");
        try
        {
            var capture = Path.Combine(dir.FullName, "capture.jsonl");
            var live = Path.Combine(dir.FullName, "live-events.jsonl");
            var expectedBooks = 0;
            await using (var demo = new DemoRun())
            {
                // The first dislocation starts 2 s in and lasts 5 s: 9 s covers its opening, updates and close. The run then
                // goes on until every book is Synced (a loaded machine can take longer to sync all venues), and stops.
                await demo.StartAsync(seed: 5, recordPath: capture, eventsPath: live);
                await Task.Delay(TimeSpan.FromSeconds(9));
                await demo.WaitAllSyncedAsync(TimeSpan.FromSeconds(40));
                await demo.StopAsync();
                expectedBooks = demo.Simulator.Simulation.Venues.Sum(v => v.Symbols.Count);
            }

            var liveText = await File.ReadAllTextAsync(live);
            Assert.Contains("\"opportunity.opened\"", liveText, StringComparison.Ordinal);
            Assert.Contains("\"opportunity.closed\"", liveText, StringComparison.Ordinal);

            // The FX quotes and wallet snapshots the engine got are in the capture, so replay converts KRW legs at the
            // recorded rate and prices transfer routes from the recorded wallets, as live did.
            var lines = await File.ReadAllLinesAsync(capture);
            Assert.Contains(lines, l => l.Contains("\"kind\":\"fx\"", StringComparison.Ordinal));
            Assert.Equal(8, lines.Where(l => l.Contains("\"kind\":\"wallets\"", StringComparison.Ordinal)).Select(l => l[..l.IndexOf("\"kind\"", StringComparison.Ordinal)].Split("\"venue\":")[1]).Distinct().Count());
            Assert.Contains("\"quote\":\"KRW\",\"averagePrice\"", liveText, StringComparison.Ordinal);
            Assert.Contains("\"fxRate\":\"1380\"", liveText, StringComparison.Ordinal);
            // The first dislocation is on Kraken, whose wallet status is asset-level only: known only from the recorded snapshots.
            Assert.Contains("\"transfer\":{\"available\":false,\"unavailable\":\"asset-level-only\"", liveText, StringComparison.Ordinal);
            Assert.DoesNotContain("\"no-wallet-status\"", liveText, StringComparison.Ordinal);

            var settings = new DemoRun().Settings;
            var first = ReplayRunner.Run(capture, Path.Combine(dir.FullName, "e1.jsonl"), Path.Combine(dir.FullName, "b1.jsonl"), settings);
            var second = ReplayRunner.Run(capture, Path.Combine(dir.FullName, "e2.jsonl"), Path.Combine(dir.FullName, "b2.jsonl"), settings);
            Assert.Equal(first, second);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(dir.FullName, "e1.jsonl")), await File.ReadAllBytesAsync(Path.Combine(dir.FullName, "e2.jsonl")));
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(dir.FullName, "b1.jsonl")), await File.ReadAllBytesAsync(Path.Combine(dir.FullName, "b2.jsonl")));
            Assert.Equal(liveText, await File.ReadAllTextAsync(Path.Combine(dir.FullName, "e1.jsonl")));

            // Every book ends Synced with levels (the shutdown's own disconnects are not part of the capture).
            var books = await File.ReadAllLinesAsync(Path.Combine(dir.FullName, "b1.jsonl"));
            Assert.Equal(expectedBooks, books.Length);
            Assert.All(books, line => Assert.True(line.Contains("\"state\":\"Synced\"", StringComparison.Ordinal), line[..Math.Min(120, line.Length)]));
            Assert.All(books, line => Assert.DoesNotContain("\"bids\":[]", line, StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
