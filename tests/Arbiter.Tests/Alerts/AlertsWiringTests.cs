using Arbiter.Alerts;
using TelegramSettings = Arbiter.Alerts.SubscriberSettings;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Hosting;
using Arbiter.Storage;
using Arbiter.Tests.Storage;
using static Arbiter.Tests.Storage.StoreFixtures;

namespace Arbiter.Tests.Alerts;

/// <summary>How LivePipeline wires the alert path onto the store: at most once across restarts, subscribers surviving.</summary>
public sealed class AlertsWiringTests
{
    [Fact]
    public async Task Restart_QueuedAlertMarkedDroppedNeverResent_SentOneNotAcceptedAgain_SubscriberKept()
    {
        using var fx = new StoreFixtures();
        var path = fx.PathOf("restart.db");
        var queued = Opportunity(1, BinanceBtc, UpbitBtc, T0, T0, 20m, 90m, 20m, 90m);
        var sent = Opportunity(2, BinanceBtc, UpbitBtc, T0 + 1, T0 + 1, 20m, 90m, 20m, 90m);
        using (var store = SqliteStore.Open(new StorageOptions { Path = path }, fx.Clock))
        {
            // The previous run: chat 42 subscribed; one alert committed as queued when the process was killed, one sent.
            new SqliteSubscriberStore(store, fx.Clock).Put(TelegramSettings.Create(42, T0) with { ThresholdBps = 50m });
            var log = new SqliteAlertLog(store, fx.Clock);
            log.RecordAccepted(new AlertLogEntry(AlertPolicy.KeyOf(queued), 42, 20m, T0));
            var second = new AlertLogEntry(AlertPolicy.KeyOf(sent), 42, 20m, T0 + 1);
            log.RecordAccepted(second);
            log.RecordSent(second);
        }

        var settings = SettingsLoader.Load(null, new Dictionary<string, string?>
        {
            ["Api:Url"] = "http://127.0.0.1:0",
            ["Venues:Enabled:0"] = "binance",
            ["FxSource:Url"] = "",
            ["Storage:Path"] = path,
            ["Alerts:Telegram:BaseUrl"] = "http://127.0.0.1:1",
            ["Alerts:Telegram:BotToken"] = "123456:RESTART-token",
            ["Alerts:Telegram:AllowedChatIds:0"] = "42",
        }, dotEnvPath: null);
        await using var pipeline = new LivePipeline(settings, fx.Clock, walletClients: _ => null, alertsLogger: new RecordingLogger());

        Assert.Equal(1, pipeline.AlertsAbandonedAtStart);
        Assert.Empty(pipeline.Store!.Unfinished());
        var rows = pipeline.Store.QueryAlerts(new AlertFilter(Sink: "telegram"));
        var abandoned = Assert.Single(rows, r => r.OpportunityKey == AlertPolicy.KeyOf(queued));
        Assert.Equal(AlertState.Dropped, abandoned.State);
        Assert.StartsWith("unfinished", abandoned.DropReason, StringComparison.Ordinal);
        Assert.Equal(50m, pipeline.Alerts.Subscribers.Get(42)!.ThresholdBps);

        // The same opportunities again (an Updated event after the restart): neither is accepted, so neither is sent twice.
        fx.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(pipeline.Alerts.Policy.Decide(new OpportunityEvent(OpportunityEventKind.Updated, T0 + 2, queued, null)));
        Assert.Empty(pipeline.Alerts.Policy.Decide(new OpportunityEvent(OpportunityEventKind.Updated, T0 + 2, sent, null)));

        // A new one is.
        var fresh = Opportunity(3, BinanceBtc, UpbitBtc, T0 + 3, T0 + 3, 20m, 90m, 20m, 90m);
        Assert.Single(pipeline.Alerts.Policy.Decide(new OpportunityEvent(OpportunityEventKind.Opened, T0 + 3, fresh, null)));
        Assert.Single(pipeline.Store.Unfinished()); // committed as queued before any send
    }

    [Fact]
    public void CachedSubscriberStore_WritesThrough_AndServesAllFromMemory()
    {
        using var fx = new StoreFixtures();
        using var store = fx.Open();
        var cached = new CachedSubscriberStore(new SqliteSubscriberStore(store, fx.Clock));
        cached.Put(TelegramSettings.Create(7, T0));
        cached.Put(TelegramSettings.Create(3, T0) with { MinProfitUsd = 5m });
        Assert.Equal([3L, 7L], cached.All().Select(s => s.ChatId));
        Assert.Same(cached.All(), cached.All()); // no query per read
        Assert.Equal(5m, new SqliteSubscriberStore(store, fx.Clock).Get(3)!.MinProfitUsd); // on disk already
        Assert.True(cached.Remove(7));
        Assert.Null(new SqliteSubscriberStore(store, fx.Clock).Get(7));
        Assert.Equal([3L], new CachedSubscriberStore(new SqliteSubscriberStore(store, fx.Clock)).All().Select(s => s.ChatId));
    }

    [Fact]
    public void Input_Full_DropsTheNewestCounted_AndNeverMakesTheWriterWait()
    {
        var dropped = 0;
        var input = AlertsHost.CreateInput(100, _ => dropped++);
        var fanout = new Arbiter.Api.EngineOutputFanout();
        fanout.Subscribe(input.Writer);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 100_000; i++)
        {
            fanout.OnConnectionChanged(VenueId.Binance, ConnectionState.Connected, T0 + i);
        }

        watch.Stop();
        Assert.Equal(99_900, dropped);
        Assert.Equal(100, input.Reader.Count);
        Assert.True(input.Reader.TryRead(out var first) && first.Time == T0, "the oldest outputs are kept; the newest dropped");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"100,000 writes took {watch.Elapsed}");
    }
}
