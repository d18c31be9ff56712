using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Benchmarks.EndToEnd;

/// <summary>Counts the engine's opportunity events (on the engine thread) and keeps nothing else.</summary>
internal sealed class CountingOutputSink : IEngineOutputSink
{
    private long opened;
    private long updated;
    private long closed;

    public long Opened => Interlocked.Read(ref opened);

    public long Updated => Interlocked.Read(ref updated);

    public long Closed => Interlocked.Read(ref closed);

    public void OnOpportunity(OpportunityEvent opportunityEvent)
    {
        ArgumentNullException.ThrowIfNull(opportunityEvent);
        switch (opportunityEvent.Kind)
        {
            case OpportunityEventKind.Opened:
                Interlocked.Increment(ref opened);
                break;
            case OpportunityEventKind.Updated:
                Interlocked.Increment(ref updated);
                break;
            default:
                Interlocked.Increment(ref closed);
                break;
        }
    }

    public void OnBookTops(IReadOnlyList<BookTop> changed, long time)
    {
    }

    public void OnConnectionChanged(VenueId venue, ConnectionState state, long time)
    {
    }
}
