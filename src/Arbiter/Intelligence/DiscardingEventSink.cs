using Arbiter.Core;

namespace Arbiter.Intelligence;

/// <summary>A market-event sink that drops everything: the output of scratch protocols that only parse market lists.</summary>
internal sealed class DiscardingEventSink : IMarketEventSink
{
    private readonly MarketEventPool pool = new();

    public MarketEvent Rent() => pool.Rent();

    public bool TryPublish(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        pool.Return(marketEvent);
        return true;
    }
}
