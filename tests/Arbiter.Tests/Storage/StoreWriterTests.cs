using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Storage;
using static Arbiter.Tests.Storage.StoreFixtures;

namespace Arbiter.Tests.Storage;

/// <summary>The writer drains the queue through the fan-out into the store in batches, and finishes when the fan-out completes.</summary>
public sealed class StoreWriterTests
{
    [Fact]
    public async Task RunAsync_FanoutOutputs_AreAllStored_InBatchesOfAtMost500()
    {
        using var fx = new StoreFixtures();
        using var store = fx.Open();
        var fanout = new EngineOutputFanout();
        var queue = new StoreQueue(10_000);
        fanout.Subscribe(queue);
        var writer = new StoreWriter(store, queue, TimeProvider.System, TimeSpan.FromMinutes(1));
        var run = writer.RunAsync(CancellationToken.None);

        for (var id = 1; id <= 1200; id++)
        {
            var o = Opportunity(id, BinanceBtc, UpbitBtc, T0 + id, T0 + id, 1m, 1m, 1m, 1m);
            fanout.OnOpportunity(new OpportunityEvent(OpportunityEventKind.Opened, T0 + id, o, null));
            fanout.OnOpportunity(new OpportunityEvent(OpportunityEventKind.Closed, T0 + id + 5, o, "gone"));
        }

        fanout.OnConnectionChanged(VenueId.Okx, ConnectionState.Disconnected, T0 + 10_000);
        fanout.OnBookTops([], T0);
        fanout.Complete();
        await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2401, writer.Rows);
        Assert.InRange(writer.Batches, 5, 2401);
        Assert.Equal(0, writer.FailedRows);
        Assert.Equal((1200L, 0L, 1L, 0L), store.Counts());
        var newest = store.QueryOpportunities(new HistoryFilter(Limit: 1)).Single();
        Assert.Equal((writer.RunId, 1200L, T0 + 1205, "gone", 2), (newest.RunId, newest.OpportunityId, newest.ClosedAt!.Value, newest.CloseReason!, newest.Events));
    }

    [Fact]
    public async Task RunAsync_ASingleOutput_IsWrittenWithin100MsOrSo_WithoutWaitingForMore()
    {
        using var fx = new StoreFixtures();
        using var store = fx.Open();
        var queue = new StoreQueue(100);
        var writer = new StoreWriter(store, queue, TimeProvider.System, TimeSpan.FromMinutes(1));
        var run = writer.RunAsync(CancellationToken.None);
        var started = System.Diagnostics.Stopwatch.StartNew();
        queue.TryWrite(new HostOutput(T0, Venue: VenueId.Okx, Connection: ConnectionState.Connected));
        while (store.Counts().VenueEvents == 0 && started.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(5);
        }

        Assert.InRange(started.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1)); // flushed at the 100 ms deadline, not at shutdown
        queue.TryComplete();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, writer.Batches);
    }
}
