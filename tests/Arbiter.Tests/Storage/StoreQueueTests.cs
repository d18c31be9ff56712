using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Storage;
using static Arbiter.Tests.Storage.StoreFixtures;

namespace Arbiter.Tests.Storage;

/// <summary>The store's queue never blocks the engine: it drops the oldest Updated events for room, keeps lifecycle events, counts every drop.</summary>
public sealed class StoreQueueTests
{
    [Fact]
    public void TryWrite_Full_DropsOldestUpdatedOnly_KeepsOpenedAndClosed()
    {
        var queue = new StoreQueue(3);
        var o = Opportunity(1, BinanceBtc, UpbitBtc, T0, T0, 1m, 1m, 1m, 1m);
        Assert.True(queue.TryWrite(Output(OpportunityEventKind.Opened, T0, o)));
        Assert.True(queue.TryWrite(Output(OpportunityEventKind.Updated, T0 + 1, o)));
        Assert.True(queue.TryWrite(Output(OpportunityEventKind.Updated, T0 + 2, o)));
        Assert.True(queue.TryWrite(Output(OpportunityEventKind.Updated, T0 + 3, o)));   // drops the update at +1
        Assert.True(queue.TryWrite(Output(OpportunityEventKind.Closed, T0 + 4, o, "gone"))); // drops the update at +2

        Assert.Equal([(OpportunityEventKind.Opened, T0), (OpportunityEventKind.Updated, T0 + 3), (OpportunityEventKind.Closed, T0 + 4)], Drain(queue));
        Assert.Equal(2, queue.DroppedUpdates);
        Assert.Equal(0, queue.DroppedOther);
    }

    [Fact]
    public void TryWrite_FullOfLifecycleEvents_GrowsToTwiceCapacity_ThenDropsAndCounts()
    {
        var queue = new StoreQueue(2);
        var o = Opportunity(1, BinanceBtc, UpbitBtc, T0, T0, 1m, 1m, 1m, 1m);
        for (var i = 0; i < 6; i++)
        {
            Assert.True(queue.TryWrite(Output(i % 2 == 0 ? OpportunityEventKind.Opened : OpportunityEventKind.Closed, T0 + i, o, "x")));
        }

        Assert.True(queue.TryWrite(Output(OpportunityEventKind.Updated, T0 + 9, o))); // no room, no older update: this one goes

        Assert.Equal(4, queue.Count);
        Assert.Equal(2, queue.DroppedOther);
        Assert.Equal(1, queue.DroppedUpdates);
    }

    [Fact]
    public void TryWrite_KeepsOnlyWhatTheStoreRecords_QualityOnlyWhenExclusionFlips()
    {
        var queue = new StoreQueue(100);
        queue.TryWrite(new HostOutput(T0, Tops: []));
        queue.TryWrite(new HostOutput(T0, Premiums: []));
        queue.TryWrite(new HostOutput(T0, Venue: VenueId.Okx, Connection: ConnectionState.Connecting));
        queue.TryWrite(new HostOutput(T0, Quality: Quality(false, T0)));      // first report, not excluded: nothing changed
        queue.TryWrite(new HostOutput(T0 + 1, Quality: Quality(true, T0 + 1)));  // excluded
        queue.TryWrite(new HostOutput(T0 + 2, Quality: Quality(true, T0 + 2)));  // still excluded
        queue.TryWrite(new HostOutput(T0 + 3, Quality: Quality(false, T0 + 3))); // readmitted

        var kept = new List<StoredOutput>();
        while (queue.TryTake(out var item))
        {
            kept.Add(item);
        }

        Assert.Equal([(true, T0), (false, T0 + 1), (false, T0 + 3)], kept.Select(k => (k.IsConnection, k.Output.Time)));
    }

    [Fact]
    public async Task WaitToTakeAsync_CompletedAndDrained_IsFalse_WritesAfterCompleteAreRefused()
    {
        var queue = new StoreQueue(10);
        var waiting = queue.WaitToTakeAsync();
        Assert.False(waiting.IsCompleted);
        queue.TryWrite(new HostOutput(T0, Venue: VenueId.Okx, Connection: ConnectionState.Connected));
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        queue.TryComplete();
        Assert.False(queue.TryWrite(new HostOutput(T0, Venue: VenueId.Okx, Connection: ConnectionState.Connected)));
        Assert.True(await queue.WaitToTakeAsync());
        Assert.True(queue.TryTake(out _));
        Assert.False(await queue.WaitToTakeAsync());
    }

    private static VenueQuality Quality(bool excluded, long time) => new(VenueId.Bithumb, excluded ? 40 : 90, excluded, 1, 0, 0, 0, 0, 0, 0, 0, time);

    private static List<(OpportunityEventKind, long)> Drain(StoreQueue queue)
    {
        var list = new List<(OpportunityEventKind, long)>();
        while (queue.TryTake(out var item))
        {
            list.Add((item.Output.Opportunity!.Kind, item.Output.Time));
        }

        return list;
    }
}
