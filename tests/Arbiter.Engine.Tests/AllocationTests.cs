using static Arbiter.Engine.Tests.Events;

namespace Arbiter.Engine.Tests;

public sealed class AllocationTests
{
    [Fact]
    public void Process_DeltasWithoutPublishing_AllocatesNothing()
    {
        var f = new EngineFixture(new EngineOptions());
        var engine = new MarketEngine(f.Options, f.Sink); // no observer: the production shape
        engine.Process(Snapshot(f.Binance, 1, At(1), Levels(("59990.00", "1"), ("59980.00", "1")), Levels(("60000.00", "1"), ("60010.00", "1"))));
        engine.Process(Snapshot(f.Upbit, 1, At(1), Levels(("83300000", "1"), ("83200000", "1")), Levels(("83400000", "1"))));
        Assert.Single(f.Sink.Opportunities); // open: every delta below re-walks it

        // Deltas that re-price the pair without moving size or net by 5 %, and deltas on a level that does not cross.
        var moveBid = Delta(f.Upbit, 2, At(2), Levels(("83200000", "1.01")), Levels());
        var moveBack = Delta(f.Upbit, 3, At(2), Levels(("83200000", "1")), Levels());
        var deepAsk = Delta(f.Binance, 2, At(2), Levels(), Levels(("60100.00", "3")));
        var tick = Tick(At(2));
        for (var i = 0; i < 100; i++)
        {
            engine.Process(moveBid);
            engine.Process(moveBack);
            engine.Process(deepAsk);
            engine.Process(tick);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            engine.Process(moveBid);
            engine.Process(moveBack);
            engine.Process(deepAsk);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Single(f.Sink.Opportunities);

        // A tick publishes what changed (the premium matrix, quality: allocations at most a few times a second);
        // ticks with nothing new allocate nothing.
        engine.Process(tick);
        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            engine.Process(tick);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
