using System.Globalization;
using System.Text.Json;
using Arbiter.Core;
using Arbiter.Simulator;

namespace Arbiter.Tests.Support;

/// <summary>Recomputes an API opportunity (its JSON) independently from the simulator's true books at the sequences it cites.</summary>
internal static class TruthCheck
{
    /// <summary>The independent walk for <paramref name="opportunity"/>; fails the test if its cited books are not in the truth history.</summary>
    public static IndependentWalk.Result Expected(JsonElement opportunity, Simulation simulation, decimal usdKrw)
    {
        var buy = opportunity.GetProperty("buy");
        var sell = opportunity.GetProperty("sell");
        Assert.True(simulation.Venue(Venue(buy)).TryGetTruth(buy.GetProperty("symbol").GetString()!, buy.GetProperty("sequence").GetInt64(), out _, out var asks));
        Assert.True(simulation.Venue(Venue(sell)).TryGetTruth(sell.GetProperty("symbol").GetString()!, sell.GetProperty("sequence").GetInt64(), out var bids, out _));
        return IndependentWalk.Walk(asks, bids, ToUsd(buy, usdKrw), ToUsd(sell, usdKrw), Dec(buy, "feeRate"), Dec(sell, "feeRate"));
    }

    public static decimal Dec(JsonElement e, string name) =>
        decimal.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    private static VenueId Venue(JsonElement leg) =>
        VenueNames.TryParse(leg.GetProperty("venue").GetString(), out var v) ? v : throw new InvalidOperationException("venue");

    /// <summary>At the rate the leg says it was priced at (its "fxRate"); a KRW leg's rate must be the simulation's USD/KRW, a USD leg's 1.</summary>
    private static Func<decimal, decimal> ToUsd(JsonElement leg, decimal usdKrw)
    {
        var rate = Dec(leg, "fxRate");
        switch (leg.GetProperty("quote").GetString())
        {
            case "KRW":
                Assert.Equal(usdKrw, rate);
                return x => x / rate;
            case "USD":
                Assert.Equal(1m, rate);
                return x => x;
            default:
                return x => x * rate;
        }
    }
}
