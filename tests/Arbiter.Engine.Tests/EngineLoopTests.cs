using Arbiter.Core;
using static Arbiter.Engine.Tests.Events;

namespace Arbiter.Engine.Tests;

public sealed class EngineLoopTests
{
    [Fact]
    public void TryPublish_QueueFull_ReturnsFalseAndRecyclesEvent()
    {
        var pool = new MarketEventPool();
        var sink = new ChannelMarketEventSink(2, pool);
        var first = sink.Rent();
        var second = sink.Rent();
        var third = sink.Rent();
        third.Kind = MarketEventKind.Tick;
        third.ReceiveTime = 42;
        third.Bids.Add(1, 1);

        Assert.True(sink.TryPublish(first));
        Assert.True(sink.TryPublish(second));
        Assert.False(sink.TryPublish(third));

        Assert.Equal(1, sink.RejectedCount);
        Assert.Equal(2, sink.QueuedCount);
        Assert.Equal(0, third.ReceiveTime); // reset by the pool
        Assert.Equal(0, third.Bids.Count);
        Assert.Same(third, pool.Rent());   // back in the pool, handed out next
    }

    [Fact]
    public void Constructor_FromOptions_UsesQueueCapacity()
    {
        var sink = new ChannelMarketEventSink(new EngineOptions { QueueCapacity = 16 }, new MarketEventPool());

        Assert.Equal(16, sink.Capacity);
        Assert.Equal(65_536, new ChannelMarketEventSink(new EngineOptions(), new MarketEventPool()).Capacity);
    }

    [Fact]
    public async Task RunAsync_EventsThenComplete_ProcessesAllAndReturnsThemToPool()
    {
        var pool = new MarketEventPool();
        var input = new ChannelMarketEventSink(64, pool);
        var outputs = new RecordingOutputSink();
        var engine = new MarketEngine(new EngineOptions().WithFixedFx(), outputs);
        var loop = new EngineLoop(engine, input);
        var instruments = new TestInstruments();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var running = Task.Run(() => loop.RunAsync(timeout.Token));

        var published = new List<MarketEvent>();
        Publish(input, published, Snapshot(instruments.BinanceBtcUsdt, 1, At(1), Levels(("59990.00", "1")), Levels(("60000.00", "1"))));
        Publish(input, published, Snapshot(instruments.UpbitKrwBtc, 1, At(2), Levels(("83300000", "1")), Levels(("83400000", "1"))));
        Publish(input, published, Tick(At(3)));
        input.Complete();
        await running;

        Assert.False(timeout.IsCancellationRequested);
        Assert.Equal(3, engine.Stats.EventsProcessed);
        Assert.Equal(OpportunityEventKind.Opened, Assert.Single(outputs.Opportunities).Kind);
        Assert.Single(outputs.BookTopReports);

        // Every processed event went back to the pool, reset.
        var rented = new HashSet<MarketEvent>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < published.Count; i++)
        {
            var e = pool.Rent();
            Assert.Equal(0, e.Bids.Count);
            rented.Add(e);
        }

        Assert.True(rented.SetEquals(published));
    }

    [Fact]
    public async Task RunAsync_Cancelled_EndsWithoutFault()
    {
        var input = new ChannelMarketEventSink(16, new MarketEventPool());
        var loop = new EngineLoop(new MarketEngine(new EngineOptions().WithFixedFx(), new RecordingOutputSink()), input);
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(stop.Token);

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(running.IsCompletedSuccessfully);
    }

    [Fact]
    public void DirectSink_TryPublish_ProcessesSynchronouslyAndRecycles()
    {
        var pool = new MarketEventPool();
        var outputs = new RecordingOutputSink();
        var engine = new MarketEngine(new EngineOptions().WithFixedFx(), outputs);
        var sink = new DirectMarketEventSink(engine, pool);

        var e = sink.Rent();
        e.Kind = MarketEventKind.ConnectionChanged;
        e.Venue = VenueId.Okx;
        e.Connection = ConnectionState.Connected;
        e.ReceiveTime = At(1);

        Assert.True(sink.TryPublish(e));
        Assert.Equal([(VenueId.Okx, ConnectionState.Connected, At(1))], outputs.Connections);
        Assert.Equal(MarketEventKind.BookSnapshot, e.Kind); // reset: default kind
        Assert.Same(e, pool.Rent());
    }

    private static void Publish(ChannelMarketEventSink input, List<MarketEvent> published, MarketEvent source)
    {
        // Adapters fill rented events; copy the built event into one.
        var e = input.Rent();
        e.Kind = source.Kind;
        e.Venue = source.Venue;
        e.Instrument = source.Instrument;
        e.Sequence = source.Sequence;
        e.ReceiveTime = source.ReceiveTime;
        e.Bids.CopyFrom(source.Bids);
        e.Asks.CopyFrom(source.Asks);
        published.Add(e);
        Assert.True(input.TryPublish(e));
    }
}
