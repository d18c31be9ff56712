using Arbiter.Core;

namespace Arbiter.Venues.Tests.TestSupport;

/// <summary>A hand-written sink: records copies of what is published and can refuse events to simulate a full queue.</summary>
internal sealed class RecordingSink : IMarketEventSink
{
    private readonly MarketEventPool pool = new();
    private readonly object gate = new();
    private readonly List<PublishedEvent> events = [];
    private int refuseNext;

    public int Refused { get; private set; }

    /// <summary>Every published event, in order.</summary>
    public IReadOnlyList<PublishedEvent> Events
    {
        get
        {
            lock (gate)
            {
                return [.. events];
            }
        }
    }

    /// <summary>Published events about books (connection changes left out).</summary>
    public IReadOnlyList<PublishedEvent> BookEvents
    {
        get
        {
            lock (gate)
            {
                return events.FindAll(e => e.Kind != MarketEventKind.ConnectionChanged);
            }
        }
    }

    /// <summary>The next <paramref name="count"/> events are refused as if the queue were full.</summary>
    public void RefuseNext(int count)
    {
        lock (gate)
        {
            refuseNext = count;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            events.Clear();
        }
    }

    public MarketEvent Rent() => pool.Rent();

    public bool TryPublish(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        bool accepted;
        lock (gate)
        {
            accepted = refuseNext == 0;
            if (accepted)
            {
                events.Add(PublishedEvent.Of(marketEvent));
            }
            else
            {
                refuseNext--;
                Refused++;
            }
        }

        pool.Return(marketEvent);
        return accepted;
    }
}
