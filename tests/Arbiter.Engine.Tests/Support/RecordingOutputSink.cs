using Arbiter.Core;

namespace Arbiter.Engine.Tests;

/// <summary>Keeps every engine output in order; copies book-top lists because the engine reuses them.</summary>
internal sealed class RecordingOutputSink : IEngineOutputSink
{
    public List<OpportunityEvent> Opportunities { get; } = [];

    public List<(BookTop[] Tops, long Time)> BookTopReports { get; } = [];

    public List<(VenueId Venue, ConnectionState State, long Time)> Connections { get; } = [];

    /// <summary>Every output as one ordered list of values, for determinism checks.</summary>
    public List<object> All { get; } = [];

    public void OnOpportunity(OpportunityEvent opportunityEvent)
    {
        Opportunities.Add(opportunityEvent);
        All.Add(opportunityEvent);
    }

    public void OnBookTops(IReadOnlyList<BookTop> changed, long time)
    {
        var copy = changed.ToArray();
        BookTopReports.Add((copy, time));
        All.Add(time);
        All.AddRange(copy);
    }

    public void OnConnectionChanged(VenueId venue, ConnectionState state, long time)
    {
        Connections.Add((venue, state, time));
        All.Add((venue, state, time));
    }

    public List<PremiumMatrix> Premiums { get; } = [];

    public List<FxState> Fx { get; } = [];

    public List<VenueQuality> Quality { get; } = [];

    public List<WalletChange> WalletChanges { get; } = [];

    public void OnPremiums(IReadOnlyList<PremiumMatrix> changed, long time)
    {
        Premiums.AddRange(changed);
        foreach (var matrix in changed)
        {
            // Values, not the records: their lists compare by reference.
            All.Add((matrix.Asset, matrix.Time));
            All.AddRange(matrix.Cells);
        }
    }

    public void OnFx(FxState fx)
    {
        Fx.Add(fx);
        All.Add((fx.Time, fx.UsdKrw, fx.UsdtUsd, fx.UsdcUsd));
        All.AddRange(fx.Tether);
    }

    public void OnVenueQuality(VenueQuality quality)
    {
        Quality.Add(quality);
        All.Add(quality);
    }

    public void OnWalletChanged(WalletChange change)
    {
        WalletChanges.Add(change);
        All.Add(change);
    }
}
