using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>Where the engine writes what it concludes. Called on the engine thread: implementations must only enqueue, never block.</summary>
public interface IEngineOutputSink
{
    void OnOpportunity(OpportunityEvent opportunityEvent);

    /// <summary>Tops of the books whose top or state changed since the last call; sent on ticks, so at most a few times a second.</summary>
    /// <remarks>The engine reuses <paramref name="changed"/> after the call returns: copy it to keep it (the <see cref="BookTop"/> records are immutable).</remarks>
    void OnBookTops(IReadOnlyList<BookTop> changed, long time);

    void OnConnectionChanged(VenueId venue, ConnectionState state, long time);
}
