using Arbiter.Core;

namespace Arbiter.Engine.Tests;

/// <summary>On every Opened/Updated event, checks on the engine thread that both books are Synced and the values are coherent.</summary>
internal sealed class GatingCheckSink : IEngineOutputSink
{
    public MarketEngine? Engine { get; set; }

    public int Published { get; private set; }

    public List<string> Violations { get; } = [];

    public void OnOpportunity(OpportunityEvent opportunityEvent)
    {
        if (opportunityEvent.Kind == OpportunityEventKind.Closed)
        {
            return;
        }

        Published++;
        var o = opportunityEvent.Opportunity;
        var buyState = Engine!.GetState(o.Buy, out _);
        var sellState = Engine.GetState(o.Sell, out _);
        if (buyState != BookSyncState.Synced || sellState != BookSyncState.Synced)
        {
            Violations.Add($"{o.Id}: published with {o.Buy} {buyState}, {o.Sell} {sellState}");
        }

        if (o.NetProfitUsd < 0.99m || o.Size <= 0 || o.PeakNetProfitUsd < o.NetProfitUsd || o.AverageSellPrice <= 0 || o.BuyLevels < 1 || o.SellLevels < 1)
        {
            Violations.Add($"{o.Id}: incoherent {o}");
        }
    }

    public void OnBookTops(IReadOnlyList<BookTop> changed, long time)
    {
    }

    public void OnConnectionChanged(VenueId venue, ConnectionState state, long time)
    {
    }
}
