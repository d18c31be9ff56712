using Arbiter.Core;

namespace Arbiter.Venues.Tests.TestSupport;

/// <summary>A sink that accepts everything and recycles events at once: lets allocation tests see the adapter alone.</summary>
internal sealed class PoolSink : IMarketEventSink
{
    private readonly MarketEventPool pool = new();

    public long Published { get; private set; }

    public MarketEvent Rent() => pool.Rent();

    public bool TryPublish(MarketEvent marketEvent)
    {
        Published++;
        pool.Return(marketEvent);
        return true;
    }
}
