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

    /// <summary>Premium matrices of the assets whose tops changed since the last tick (conflated: at most once per asset per tick).</summary>
    /// <remarks>The engine reuses <paramref name="changed"/> after the call returns; the matrices themselves are immutable.</remarks>
    void OnPremiums(IReadOnlyList<PremiumMatrix> changed, long time)
    {
    }

    /// <summary>The conversion rates changed in value or status, or a tether premium changed.</summary>
    void OnFx(FxState fx)
    {
    }

    /// <summary>A venue's quality record, on every tick where it changed (conflated to the tick).</summary>
    void OnVenueQuality(VenueQuality quality)
    {
    }

    /// <summary>A network's deposit or withdrawal status changed.</summary>
    void OnWalletChanged(WalletChange change)
    {
    }
}
