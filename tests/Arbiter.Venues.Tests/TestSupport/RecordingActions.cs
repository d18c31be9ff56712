using Arbiter.Core;

namespace Arbiter.Venues.Tests.TestSupport;

/// <summary>A hand-written <see cref="IVenueActions"/> that records every request.</summary>
internal sealed class RecordingActions : IVenueActions
{
    private readonly object gate = new();
    private readonly List<string> requests = [];
    private readonly List<(string ConnectionId, string Text)> sends = [];
    private readonly List<(string ConnectionId, BookInvalidReason Reason)> reconnects = [];

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    public IReadOnlyList<(string ConnectionId, string Text)> Sends
    {
        get
        {
            lock (gate)
            {
                return [.. sends];
            }
        }
    }

    public IReadOnlyList<(string ConnectionId, BookInvalidReason Reason)> Reconnects
    {
        get
        {
            lock (gate)
            {
                return [.. reconnects];
            }
        }
    }

    public void RequestRest(string pathAndQuery)
    {
        lock (gate)
        {
            requests.Add(pathAndQuery);
        }
    }

    public void Send(string connectionId, string text)
    {
        lock (gate)
        {
            sends.Add((connectionId, text));
        }
    }

    public void Reconnect(string connectionId, BookInvalidReason reason)
    {
        lock (gate)
        {
            reconnects.Add((connectionId, reason));
        }
    }
}
