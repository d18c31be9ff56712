using System.Collections.Concurrent;

namespace Arbiter.Core;

/// <summary>Pool of <see cref="MarketEvent"/> objects shared by adapters (renting) and the engine (returning).</summary>
public sealed class MarketEventPool
{
    private readonly ConcurrentQueue<MarketEvent> free = new();
    private readonly int maxRetained;
    private int retained;

    public MarketEventPool(int maxRetained = 65_536) => this.maxRetained = maxRetained;

    public MarketEvent Rent()
    {
        if (free.TryDequeue(out var e))
        {
            Interlocked.Decrement(ref retained);
            return e;
        }

        return new MarketEvent();
    }

    public void Return(MarketEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.Reset();
        if (Interlocked.Increment(ref retained) <= maxRetained)
        {
            free.Enqueue(e);
        }
        else
        {
            Interlocked.Decrement(ref retained);
        }
    }
}
