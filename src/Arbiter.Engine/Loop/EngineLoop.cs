using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>Runs a <see cref="MarketEngine"/> on one thread fed by a <see cref="ChannelMarketEventSink"/>: process each event, then return it to the pool.</summary>
public sealed class EngineLoop
{
    private readonly MarketEngine engine;
    private readonly ChannelMarketEventSink input;

    public EngineLoop(MarketEngine engine, ChannelMarketEventSink input)
    {
        this.engine = engine ?? throw new ArgumentNullException(nameof(engine));
        this.input = input ?? throw new ArgumentNullException(nameof(input));
    }

    /// <summary>
    /// Processes events until the sink is completed (after draining it) or <paramref name="cancellationToken"/> is
    /// cancelled (events still queued are returned to the pool unprocessed). While it runs this is the only code that
    /// may touch the engine. An exception from the engine is a bug: it ends the loop and faults the task.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = input.Reader;
        var pool = input.Pool;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var marketEvent))
                {
                    try
                    {
                        engine.Process(marketEvent);
                    }
                    finally
                    {
                        pool.Return(marketEvent);
                    }

                    if (cancellationToken.IsCancellationRequested)
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancellation is how the host stops the loop: a normal end, not a fault.
        }

        if (cancellationToken.IsCancellationRequested)
        {
            Recycle(reader, pool);
        }
    }

    private static void Recycle(System.Threading.Channels.ChannelReader<MarketEvent> reader, MarketEventPool pool)
    {
        while (reader.TryRead(out var marketEvent))
        {
            pool.Return(marketEvent);
        }
    }
}
