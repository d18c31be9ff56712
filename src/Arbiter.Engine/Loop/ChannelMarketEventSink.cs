using System.Threading.Channels;
using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>The live input of the engine: a bounded channel that adapters publish to without ever waiting, read by one <see cref="EngineLoop"/>.</summary>
public sealed class ChannelMarketEventSink : IMarketEventSink
{
    private readonly Channel<MarketEvent> channel;
    private long rejected;

    /// <summary>A channel of <see cref="EngineOptions.QueueCapacity"/> events.</summary>
    public ChannelMarketEventSink(EngineOptions options, MarketEventPool pool)
        : this((options ?? throw new ArgumentNullException(nameof(options))).QueueCapacity, pool)
    {
    }

    public ChannelMarketEventSink(int capacity, MarketEventPool pool)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Pool = pool ?? throw new ArgumentNullException(nameof(pool));
        Capacity = capacity;

        // FullMode Wait is never exercised: writers only TryWrite, which fails instead of waiting or dropping silently.
        channel = Channel.CreateBounded<MarketEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
    }

    /// <summary>The pool events are rented from and returned to, shared by the adapters and the loop.</summary>
    public MarketEventPool Pool { get; }

    public int Capacity { get; }

    /// <summary>Events waiting for the engine.</summary>
    public int QueuedCount => channel.Reader.Count;

    /// <summary>Publishes refused because the queue was full (or completed).</summary>
    public long RejectedCount => Interlocked.Read(ref rejected);

    internal ChannelReader<MarketEvent> Reader => channel.Reader;

    public MarketEvent Rent() => Pool.Rent();

    /// <summary>Queues the event; when the queue is full returns false with the event already back in the pool, and the adapter must resync the affected books.</summary>
    public bool TryPublish(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        if (channel.Writer.TryWrite(marketEvent))
        {
            return true;
        }

        Interlocked.Increment(ref rejected);
        Pool.Return(marketEvent);
        return false;
    }

    /// <summary>No more events will be published: the loop ends once it has processed what is queued.</summary>
    public void Complete() => channel.Writer.TryComplete();
}
