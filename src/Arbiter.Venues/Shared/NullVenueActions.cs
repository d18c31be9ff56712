using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>Actions that do nothing: replay feeds recorded answers in recorded order, so requests need no transport.</summary>
public sealed class NullVenueActions : IVenueActions
{
    public static NullVenueActions Instance { get; } = new();

    public void RequestRest(string pathAndQuery)
    {
    }

    public void Send(string connectionId, string text)
    {
    }

    public void Reconnect(string connectionId, BookInvalidReason reason)
    {
    }
}
