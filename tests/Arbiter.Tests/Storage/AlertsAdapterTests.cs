using Arbiter.Alerts;
using Arbiter.Core;
using Arbiter.Storage;
using static Arbiter.Tests.Storage.StoreFixtures;
using TelegramAlertLog = global::Arbiter.Alerts.IAlertLog;
using TelegramSettings = global::Arbiter.Alerts.SubscriberSettings;
using TelegramSubscribers = global::Arbiter.Alerts.ISubscriberStore;

namespace Arbiter.Tests.Storage;

/// <summary>The Telegram side's IAlertLog and ISubscriberStore on the SQLite store: the same answers as in memory, and they survive a restart.</summary>
public sealed class AlertsAdapterTests
{
    [Fact]
    public void AlertLog_AcceptedSentDropped_LastAcceptedSurvivesARestart()
    {
        using var fx = new StoreFixtures();
        var first = new AlertLogEntry("opportunity:7:1795000000000000", 1001, 12.5m, T0);
        var grown = first with { NetProfitUsd = 31.25m, Time = T0 + 60_000_000 };
        var other = new AlertLogEntry("opportunity:8:1795000000000001", 2002, 3m, T0 + 1);
        using (var store = fx.Open())
        {
            var log = LogOf(store, fx.Clock);
            Assert.Null(log.LastAccepted(first.Key, 1001));
            log.RecordAccepted(first);
            log.RecordAccepted(other);
            fx.Clock.Advance(TimeSpan.FromSeconds(1));
            log.RecordSent(first);
            log.RecordDropped(other, "opportunity closed before it could be sent");
            log.RecordAccepted(grown);
            Assert.Equal(grown, log.LastAccepted(first.Key, 1001));
        }

        // A restart: the dedup state is the file's.
        using var reopened = fx.Open();
        var after = LogOf(reopened, fx.Clock);
        Assert.Equal(grown, after.LastAccepted(first.Key, 1001));
        Assert.Equal(other, after.LastAccepted(other.Key, 2002));
        Assert.Null(after.LastAccepted(first.Key, 2002));
        Assert.Equal(
            [(AlertState.Queued, (long?)null, (string?)null), (AlertState.Dropped, null, "opportunity closed before it could be sent"), (AlertState.Sent, T0 + 1_000_000, null)],
            reopened.QueryAlerts(new AlertFilter(Sink: "telegram")).Select(a => (a.State, a.SentAt, a.DropReason)));
        Assert.Equal([grown.Time], reopened.Unfinished().Select(a => a.QueuedAt)); // accepted, never confirmed: after a crash, maybe sent
    }

    [Fact]
    public void SubscriberStore_RoundTripsEveryField_OrderedByChat_Remove()
    {
        using var fx = new StoreFixtures();
        var ann = new TelegramSettings(42, 25m, 10.5m, [Asset.Btc, Asset.Of("ETH")], [VenueId.Upbit, VenueId.Binance], true, T0 + 600_000_000, T0);
        var bob = TelegramSettings.Create(7, T0 + 5);
        using (var store = fx.Open())
        {
            var subscribers = SubscribersOf(store, fx.Clock);
            subscribers.Put(ann);
            subscribers.Put(bob);
            subscribers.Put(bob with { ThresholdBps = 40m });
            Assert.True(subscribers.Remove(99) is false);
        }

        using var reopened = fx.Open();
        var after = SubscribersOf(reopened, fx.Clock);
        var all = after.All();
        Assert.Equal([7L, 42L], all.Select(s => s.ChatId));
        Assert.Equal((40m, 0m, 0L, T0 + 5, false), (all[0].ThresholdBps, all[0].MinProfitUsd, all[0].MutedUntil, all[0].SubscribedAt, all[0].RoutesOnly));
        Assert.Empty(all[0].Assets);
        var stored = after.Get(42)!;
        Assert.Equal((25m, 10.5m, true, T0 + 600_000_000, T0), (stored.ThresholdBps, stored.MinProfitUsd, stored.RoutesOnly, stored.MutedUntil, stored.SubscribedAt));
        Assert.Equal([Asset.Btc, Asset.Of("ETH")], stored.Assets);
        Assert.Equal([VenueId.Upbit, VenueId.Binance], stored.Venues);
        Assert.True(after.Remove(42));
        Assert.Null(after.Get(42));
    }

    // The alert side sees the store only through its interfaces.
#pragma warning disable CA1859
    private static TelegramAlertLog LogOf(SqliteStore store, TimeProvider clock) => new SqliteAlertLog(store, clock);

    private static TelegramSubscribers SubscribersOf(SqliteStore store, TimeProvider clock) => new SqliteSubscriberStore(store, clock);
#pragma warning restore CA1859
}
