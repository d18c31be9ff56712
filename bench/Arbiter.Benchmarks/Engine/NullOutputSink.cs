using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Benchmarks.Engine;

/// <summary>An output sink that keeps nothing: the benchmark measures the engine, not a consumer.</summary>
internal sealed class NullOutputSink : IEngineOutputSink
{
    public long Opportunities { get; private set; }

    public void OnOpportunity(OpportunityEvent opportunityEvent) => Opportunities++;

    public void OnBookTops(IReadOnlyList<BookTop> changed, long time)
    {
    }

    public void OnConnectionChanged(VenueId venue, ConnectionState state, long time)
    {
    }
}
