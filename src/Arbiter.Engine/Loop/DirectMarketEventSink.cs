using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>Processes each published event synchronously on the caller's thread (replay, backtests, tests): never full.</summary>
public sealed class DirectMarketEventSink : IMarketEventSink
{
    private readonly MarketEngine engine;
    private readonly MarketEventPool pool;

    public DirectMarketEventSink(MarketEngine engine, MarketEventPool pool)
    {
        this.engine = engine ?? throw new ArgumentNullException(nameof(engine));
        this.pool = pool ?? throw new ArgumentNullException(nameof(pool));
    }

    public MarketEvent Rent() => pool.Rent();

    /// <summary>Processes the event, returns it to the pool and returns true.</summary>
    public bool TryPublish(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        try
        {
            engine.Process(marketEvent);
        }
        finally
        {
            pool.Return(marketEvent);
        }

        return true;
    }
}
