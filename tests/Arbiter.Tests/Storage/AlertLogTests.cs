using Arbiter.Storage;
using static Arbiter.Tests.Storage.StoreFixtures;

namespace Arbiter.Tests.Storage;

/// <summary>The alert log and subscriber store the Telegram and webhook sinks use: durable per call, queryable, "last sent" per key and chat.</summary>
public sealed class AlertLogTests
{
    [Fact]
    public void RecordQueuedSentDropped_LastSentAndUnfinished()
    {
        using var fx = new StoreFixtures();
        using var store = fx.Open();
        var log = AlertLogOf(store);
        var a = log.RecordQueued(new AlertDraft("telegram", "1001", "BTC:binance>upbit", "btc", 12.5m, "BTC +12.50"), T0);
        var b = log.RecordQueued(new AlertDraft("telegram", "1001", "BTC:binance>upbit", "BTC", 31.25m, "BTC +31.25"), T0 + 10);
        var c = log.RecordQueued(new AlertDraft("telegram", "2002", "BTC:binance>upbit", "BTC", 12.5m, "BTC +12.50"), T0 + 20);
        var d = log.RecordQueued(new AlertDraft("webhook", "ops", "ETH:coinbase>kraken", "ETH", 3m, "{}"), T0 + 30);
        log.RecordSent(a, T0 + 100);
        log.RecordSent(b, T0 + 200);
        log.RecordDropped(c, T0 + 300, "queue-full");

        Assert.Equal(
            new AlertRecord(b, "telegram", "1001", "BTC:binance>upbit", "BTC", 31.25m, AlertState.Sent, T0 + 10, T0 + 200, null, null, "BTC +31.25"),
            log.LastSent("BTC:binance>upbit", "1001"));
        Assert.Null(log.LastSent("BTC:binance>upbit", "2002"));
        Assert.Equal([d], log.Unfinished().Select(r => r.Id));
        Assert.Equal(
            new AlertRecord(c, "telegram", "2002", "BTC:binance>upbit", "BTC", 12.5m, AlertState.Dropped, T0 + 20, null, T0 + 300, "queue-full", "BTC +12.50"),
            store.QueryAlerts(new AlertFilter(State: AlertState.Dropped)).Single());
        Assert.Throws<ArgumentException>(() => log.RecordSent(999, T0));
    }

    [Fact]
    public void QueryAlerts_ByAssetSinkTargetAndTime_NewestFirst()
    {
        using var fx = new StoreFixtures();
        using var store = fx.Open();
        for (var i = 0; i < 6; i++)
        {
            store.RecordQueued(new AlertDraft(i % 3 == 0 ? "webhook" : "telegram", (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture), $"k{i}", i < 3 ? "BTC" : "ETH", i, $"t{i}"), T0 + (i * 1000));
        }

        Assert.Equal(["k5", "k4", "k3", "k2", "k1", "k0"], Keys(store, new AlertFilter()));
        Assert.Equal(["k2", "k1", "k0"], Keys(store, new AlertFilter(Asset: "btc")));
        Assert.Equal(["k3", "k0"], Keys(store, new AlertFilter(Sink: "webhook")));
        Assert.Equal(["k5", "k3", "k1"], Keys(store, new AlertFilter(Target: "1")));
        Assert.Equal(["k4", "k3", "k2"], Keys(store, new AlertFilter(From: T0 + 2000, To: T0 + 4000)));
        Assert.Equal(["k5", "k4"], Keys(store, new AlertFilter(Limit: 2)));
    }

    [Fact]
    public void Subscribers_PutGetReplaceDelete_SettingsRoundTripAsJson()
    {
        using var fx = new StoreFixtures();
        using (var store = fx.Open())
        {
            var subscribers = SubscribersOf(store);
            subscribers.PutSubscriber(42, "ann", new SubscriberSettings(25m, 10.5m, ["BTC", "ETH"], ["upbit"], RoutesOnly: true, MutedUntil: T0 + 60_000_000), T0);
            subscribers.PutSubscriber(7, null, new SubscriberSettings(), T0 + 1);
            subscribers.PutSubscriber(42, "ann_b", new SubscriberSettings(30m, 10.5m, ["BTC"], [], RoutesOnly: false), T0 + 2);
            Assert.True(subscribers.DeleteSubscriber(7));
            Assert.False(subscribers.DeleteSubscriber(7));
        }

        using var reopened = fx.Open();
        var ann = Assert.Single(reopened.Subscribers());
        Assert.Equal((42L, "ann_b", T0, T0 + 2), (ann.ChatId, ann.UserName!, ann.CreatedAt, ann.UpdatedAt));
        Assert.Equal((30m, 10.5m, false, (long?)null), (ann.Settings.ThresholdBps!.Value, ann.Settings.MinProfitUsd!.Value, ann.Settings.RoutesOnly, ann.Settings.MutedUntil));
        Assert.Equal(["BTC"], ann.Settings.Assets!);
        Assert.Empty(ann.Settings.Venues!);
        Assert.Null(reopened.GetSubscriber(7));
    }

    // The alert path sees the store through Alerts.IAlertLog and Alerts.ISubscriberStore (SqliteAlertLog, SqliteSubscriberStore);
    // these tests cover the store's own alert-log and subscriber methods beneath them.
    private static SqliteStore AlertLogOf(SqliteStore store) => store;

    private static SqliteStore SubscribersOf(SqliteStore store) => store;

    private static List<string> Keys(SqliteStore store, AlertFilter filter) => [.. store.QueryAlerts(filter).Select(a => a.OpportunityKey)];
}
