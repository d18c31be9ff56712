using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Replay;

/// <summary>Replay's engine output: opportunity events straight to the events file, synchronously, in engine order.</summary>
internal sealed class ReplayOutputSink(EventsFileWriter events) : IEngineOutputSink
{
    public void OnOpportunity(OpportunityEvent opportunityEvent) => events.Write(opportunityEvent);

    public void OnBookTops(IReadOnlyList<BookTop> changed, long time)
    {
    }

    public void OnConnectionChanged(VenueId venue, ConnectionState state, long time)
    {
    }
}
