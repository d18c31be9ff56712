using Arbiter.Alerts;
using Arbiter.Core;
using Arbiter.Engine;
using static Arbiter.Tests.Alerts.AlertFixtures;

namespace Arbiter.Tests.Alerts;

/// <summary>Who gets which alert: thresholds exactly, filters, mute, and dedup with growth and cooldown.</summary>
public sealed class AlertPolicyTests
{
    private readonly ManualTimeProvider clock = new(Start);
    private readonly InMemorySubscriberStore store = new();
    private readonly InMemoryAlertLog log = new();

    private AlertPolicy Policy(decimal growth = 1.5m, int cooldownMinutes = 5) =>
        new(store, log, new DedupOptions { GrowthFactor = growth, Cooldown = TimeSpan.FromMinutes(cooldownMinutes) }, clock);

    private static long[] Chats(IReadOnlyList<AlertDecision> decisions) => decisions.Select(d => d.Subscriber.ChatId).ToArray();

    [Fact]
    public void Decide_Threshold_AlertsExactlyThoseAtOrAboveIt()
    {
        store.Put(SubscriberSettings.Create(1, T0) with { ThresholdBps = 50m });
        store.Put(SubscriberSettings.Create(2, T0) with { ThresholdBps = 50.0001m });
        store.Put(SubscriberSettings.Create(3, T0) with { ThresholdBps = 49.9999m });
        var policy = Policy();

        Assert.Equal([1L, 3L], Chats(policy.Decide(Opened(Opportunity(1, 50m, 100m)))));
        Assert.Equal([3L], Chats(policy.Decide(Opened(Opportunity(2, 49.9999m, 100m)))));
        Assert.Equal([1L, 2L, 3L], Chats(policy.Decide(Opened(Opportunity(3, 50.0001m, 100m)))));
        Assert.Empty(policy.Decide(Opened(Opportunity(4, 49.9998m, 100m))));
    }

    [Fact]
    public void Decide_MinProfitAssetsVenuesRoutesAndMute_EachFilter()
    {
        store.Put(SubscriberSettings.Create(1, T0) with { MinProfitUsd = 100m });
        store.Put(SubscriberSettings.Create(2, T0) with { Assets = [Asset.Of("ETH")] });
        store.Put(SubscriberSettings.Create(3, T0) with { Venues = [VenueId.Binance, VenueId.Upbit] });
        store.Put(SubscriberSettings.Create(4, T0) with { Venues = [VenueId.Binance] });
        store.Put(SubscriberSettings.Create(5, T0) with { RoutesOnly = true });
        store.Put(SubscriberSettings.Create(6, T0) with { MutedUntil = T0 + 60_000_000 });
        var policy = Policy();

        Assert.Equal([3L, 5L], Chats(policy.Decide(Opened(Opportunity(1, 80m, 99.99999999m, Route)))));
        Assert.Equal([1L, 3L], Chats(policy.Decide(Opened(Opportunity(2, 80m, 100m)))));
        Assert.Equal([2L], Chats(policy.Decide(Opened(Opportunity(3, 80m, 50m, buy: BybitEth, sell: KrakenEth)))));

        clock.Advance(TimeSpan.FromMinutes(1)); // the mute ends exactly now
        Assert.Equal([3L, 6L], Chats(policy.Decide(Opened(Opportunity(4, 80m, 50m)))));
    }

    [Fact]
    public void Decide_SameOpportunity_AgainOnlyAfterGrowthAndCooldown()
    {
        store.Put(SubscriberSettings.Create(1, T0));
        var policy = Policy(growth: 1.5m, cooldownMinutes: 5);
        var o = Opportunity(7, 60m, 100m);

        Assert.Single(policy.Decide(Opened(o)));
        Assert.Empty(policy.Decide(Updated(o with { NetProfitUsd = 149.99m }))); // not grown enough
        Assert.Empty(policy.Decide(Updated(o with { NetProfitUsd = 150m }))); // grown, but within the cooldown
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(10));
        Assert.Empty(policy.Decide(Updated(o with { NetProfitUsd = 150m }))); // 1 µs short of it
        clock.Advance(TimeSpan.FromTicks(10));
        Assert.Empty(policy.Decide(Updated(o with { NetProfitUsd = 149.99m }))); // cooldown over, not grown
        var again = Assert.Single(policy.Decide(Updated(o with { NetProfitUsd = 150m })));
        Assert.Equal(new AlertLogEntry($"opportunity:7:{T0}", 1, 150m, T0 + 300_000_000), again.Entry);

        // The comparison is with the last alert now: 150 × 1.5 = 225.
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(policy.Decide(Updated(o with { NetProfitUsd = 224.99m })));
        Assert.Single(policy.Decide(Updated(o with { NetProfitUsd = 225m })));
        Assert.Equal(5, policy.Deduplicated);

        // Another opportunity is another key.
        Assert.Single(policy.Decide(Opened(Opportunity(8, 60m, 100m))));
    }

    [Fact]
    public void Decide_ClosedEvent_AlertsNobody()
    {
        store.Put(SubscriberSettings.Create(1, T0));
        Assert.Empty(Policy().Decide(Closed(Opportunity(1, 80m, 100m))));
    }

    [Fact]
    public void Decide_RouteOpensLater_RoutesOnlySubscriberAlertedOnTransferChanged()
    {
        store.Put(SubscriberSettings.Create(5, T0) with { RoutesOnly = true });
        var policy = Policy();
        var o = Opportunity(9, 80m, 100m);

        Assert.Empty(policy.Decide(Opened(o)));
        var decision = Assert.Single(policy.Decide(new OpportunityEvent(OpportunityEventKind.TransferChanged, T0, o with { Transfer = Route }, null)));
        Assert.Equal(5, decision.Subscriber.ChatId);
    }
}
