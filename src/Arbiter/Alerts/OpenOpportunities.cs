using Arbiter.Engine;

namespace Arbiter.Alerts;

/// <summary>Which opportunities are open now, from the engine's events: an alert about a closed one is stale. Thread-safe.</summary>
public sealed class OpenOpportunities
{
    private readonly object gate = new();
    private readonly HashSet<long> open = [];

    public void Observe(OpportunityEvent opportunityEvent)
    {
        ArgumentNullException.ThrowIfNull(opportunityEvent);
        lock (gate)
        {
            if (opportunityEvent.Kind == OpportunityEventKind.Closed)
            {
                open.Remove(opportunityEvent.Opportunity.Id);
            }
            else
            {
                open.Add(opportunityEvent.Opportunity.Id);
            }
        }
    }

    public bool IsOpen(long opportunityId)
    {
        lock (gate)
        {
            return open.Contains(opportunityId);
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return open.Count;
            }
        }
    }
}
