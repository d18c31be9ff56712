using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Storage;
using Xunit.Abstractions;
using static Arbiter.Tests.Storage.StoreFixtures;

namespace Arbiter.Tests.Storage;

/// <summary>Retention keeps the newest rows within the limits and the days, and the file within the size those rows need.</summary>
public sealed class RetentionTests(ITestOutputHelper output)
{
    private const int Limit = 1000;

    [Fact]
    public void Cleanup_BeyondRowLimits_KeepsTheNewest_AndTheFileShrinksToTheLimitsSize()
    {
        using var fx = new StoreFixtures();
        var options = fx.Options();
        options.MaxOpportunities = Limit;
        options.MaxAlerts = Limit;
        options.MaxVenueEvents = Limit;
        options.Synchronous = "NORMAL"; // retention, not durability, is under test here: no fsync per alert

        // What exactly Limit rows of each table take: the size the limits imply.
        var reference = fx.Options("reference.db");
        reference.Synchronous = "NORMAL";
        using (var store = fx.Open(reference))
        {
            Fill(store, 0, Limit);
            store.Cleanup(T0);
        }

        var referenceSize = new FileInfo(reference.Path).Length;
        using (var store = fx.Open(options))
        {
            var sizes = new List<long>();
            for (var round = 0; round < 3; round++)
            {
                Fill(store, round * 3 * Limit, 3 * Limit);
                var result = store.Cleanup(T0);
                Assert.Equal(new CleanupResult(round == 0 ? 2 * Limit : 3 * Limit, round == 0 ? 2 * Limit : 3 * Limit, round == 0 ? 2 * Limit : 3 * Limit), result);
                Assert.Equal((Limit, Limit, Limit, 0L), store.Counts());
                sizes.Add(new FileInfo(options.Path).Length);
                Assert.Equal(0, new FileInfo(options.Path + "-wal").Length); // checkpointed and truncated
            }

            Assert.Equal(Enumerable.Range((2 * 3 * Limit) + (2 * Limit) + 1, Limit).Reverse().Take(3).Select(i => (long)i), store.QueryOpportunities(new HistoryFilter(Limit: 3)).Select(r => r.OpportunityId));
            output.WriteLine($"{Limit} rows in each of the three tables: {referenceSize} bytes ({referenceSize / (3.0 * Limit):0} per row); after each cleanup: {string.Join(", ", sizes)}");
            foreach (var size in sizes)
            {
                Assert.InRange(size, 0, (referenceSize * 5 / 4) + 65_536);
            }
        }
    }

    [Fact]
    public void Cleanup_OlderThanRetainDays_IsDeleted_NewerKept()
    {
        using var fx = new StoreFixtures();
        var options = fx.Options();
        options.RetainDays = 30;
        using var store = fx.Open(options);
        var day = 86_400_000_000L;
        var run = store.StartRun(T0);
        store.Write(run,
        [
            Event(OpportunityEventKind.Closed, T0 - (31 * day), Opportunity(1, BinanceBtc, UpbitBtc, T0 - (31 * day), T0 - (31 * day), 1m, 1m, 1m, 1m), "gone"),
            Event(OpportunityEventKind.Closed, T0 - (29 * day), Opportunity(2, BinanceBtc, UpbitBtc, T0 - (29 * day), T0 - (29 * day), 1m, 1m, 1m, 1m), "gone"),
            new StoredOutput(new HostOutput(T0 - (31 * day), Venue: VenueId.Okx, Connection: ConnectionState.Connected), true),
            new StoredOutput(new HostOutput(T0 - day, Venue: VenueId.Okx, Connection: ConnectionState.Disconnected), true),
        ]);
        store.RecordQueued(new AlertDraft("telegram", "1", "old", "BTC", 1m, "old"), T0 - (30 * day) - 1);
        store.RecordQueued(new AlertDraft("telegram", "1", "new", "BTC", 1m, "new"), T0 - (30 * day));

        Assert.Equal(new CleanupResult(1, 1, 1), store.Cleanup(T0));
        Assert.Equal([2L], store.QueryOpportunities(new HistoryFilter()).Select(r => r.OpportunityId));
        Assert.Equal(["new"], store.QueryAlerts(new AlertFilter()).Select(a => a.OpportunityKey));
        Assert.Equal(["disconnected"], store.QueryVenueStatus(null, null, null, 10).Select(v => v.State));
    }

    internal static void Fill(SqliteStore store, int from, int count)
    {
        var run = store.StartRun(T0);
        var batch = new List<StoredOutput>();
        for (var i = from + 1; i <= from + count; i++)
        {
            var o = Opportunity(i, BinanceBtc, UpbitBtc, T0 - 1_000_000 + i, T0, 12.345678m, 41.2345m, 15.5m, 50.1m, transfer: new TransferQuote(true, null, "TRX", 0.0001m, 9.5m, 3.25m, 12.5m, 0.2m));
            batch.Add(Event(OpportunityEventKind.Closed, T0, o, "below-threshold"));
            batch.Add(new StoredOutput(new HostOutput(T0, Venue: VenueId.Okx, Connection: ConnectionState.Connected), true));
            if (batch.Count >= 1000)
            {
                store.Write(run, batch);
                batch.Clear();
            }

            store.RecordQueued(new AlertDraft("telegram", "123456789", $"BTC:binance>upbit:{i}", "BTC", 12.345678m, "BTC binance → upbit +12.35 USD (41.2 bps), size 0.5, route TRX fee 9.50"), T0);
        }

        store.Write(run, batch);
    }
}
