using System.Threading.Channels;
using Arbiter.Alerts;
using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Engine;
using static Arbiter.Tests.Alerts.AlertFixtures;

namespace Arbiter.Tests.Alerts;

/// <summary>
/// The whole alert path as the host will run it: engine outputs through a channel, commands through getUpdates, alerts,
/// notices and webhooks out to loopback servers; the bot token never appears in anything it produces (RELIABILITY row 23).
/// </summary>
public sealed class AlertsHostTests
{
    [Fact]
    public async Task RunAsync_SubscribersGetExactlyTheirAlertsOnceAdminGetsNoticesWebhookGetsEvents()
    {
        var clock = new ManualTimeProvider(Start);
        await using var bot = await FakeBotApi.StartAsync(clock, Token);
        await using var hook = await RecordingWebhookServer.StartAsync();
        var logger = new RecordingLogger();
        var options = new AlertsOptions
        {
            Telegram = new TelegramOptions { BaseUrl = bot.BaseAddress.ToString(), BotToken = Token, AllowedChatIds = [1001, 1002], AdminChatId = 9000, PollTimeout = TimeSpan.FromSeconds(1) },
            Webhooks = [new WebhookOptions { Url = new Uri(hook.BaseAddress, "hook").ToString(), Format = WebhookFormat.Json, MinNetProfitUsd = 50m }],
        };
        Assert.Empty(options.Validate());
        using var http = new HttpClient();
        var host = new AlertsHost(options, http, clock, logger);
        var outputs = Channel.CreateUnbounded<HostOutput>();
        using var stop = new CancellationTokenSource();
        var run = host.RunAsync(outputs.Reader, stop.Token);

        bot.Say(1001, "/start");
        bot.Say(1001, "/threshold 50");
        bot.Say(1002, "/start");
        bot.Say(1002, "/threshold 80");
        bot.Say(666, "/start");
        bot.Say(666, "/threshold 0");
        await WaitUntilAsync(() => bot.Delivered.Count == 4, "the replies to the allowlisted chats");
        Assert.Equal([1001L, 1001L, 1002L, 1002L], bot.Delivered.Select(s => s.ChatId));

        var o1 = Opportunity(1, 60m, 100m);
        var o2 = Opportunity(2, 90m, 200m, Route);
        void Write(HostOutput output) => Assert.True(outputs.Writer.TryWrite(output));
        Write(new HostOutput(T0, Venue: VenueId.Upbit, Connection: ConnectionState.Connected));
        Write(new HostOutput(T0, Tops: [new BookTop(BinanceBtc, BookSyncState.Synced, default, 0, 0, 0, 0, 1, T0 - 300_000), new BookTop(UpbitBtc, BookSyncState.Synced, default, 0, 0, 0, 0, 1, T0 - 1_000)]));
        Write(new HostOutput(T0, Opportunity: Opened(o1)));
        Write(new HostOutput(T0, Opportunity: Opened(o2)));
        Write(new HostOutput(T0, Opportunity: Updated(o2 with { NetProfitUsd = 250m })));
        Write(new HostOutput(T0, Opportunity: Opened(Opportunity(3, 49.9999m, 40m))));
        await WaitUntilAsync(() => bot.Delivered.Count == 7 && hook.Requests.Count == 3, "the alerts and webhooks");
        Write(new HostOutput(T0, Opportunity: Closed(o1)));
        Write(new HostOutput(T0, Venue: VenueId.Upbit, Connection: ConnectionState.Disconnected));
        await WaitUntilAsync(() => hook.Requests.Count == 4, "the closed event's webhook");
        clock.Advance(TimeSpan.FromMinutes(2)); // the down check runs on the clock
        await WaitUntilAsync(() => bot.Delivered.Count == 8, "the venue-down notice");

        var alerts = bot.Delivered.Skip(4).ToList();
        Assert.Equal([1001L, 1001L, 1002L, 9000L], alerts.Select(a => a.ChatId));
        Assert.StartsWith("<b>BTC</b> opened #1\n", alerts[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("<b>BTC</b> opened #2\n", alerts[1].Text, StringComparison.Ordinal);
        Assert.EndsWith("\nbooks: buy 300 ms, sell 1 ms old", alerts[1].Text, StringComparison.Ordinal);
        Assert.Equal(alerts[1].Text, alerts[2].Text);
        Assert.Equal("⚠️ <b>upbit</b> down for 2 min 0 s (disconnected)", alerts[3].Text);
        Assert.Equal(["\"kind\":\"opened\",\"time\":" + T0 + ",\"id\":1", "\"kind\":\"opened\",\"time\":" + T0 + ",\"id\":2", "\"kind\":\"updated\",\"time\":" + T0 + ",\"id\":2", "\"kind\":\"closed\",\"time\":" + T0 + ",\"id\":1"],
            hook.Requests.Select(r => r.Body[1..r.Body.IndexOf(",\"asset\"", StringComparison.Ordinal)]));
        Assert.Equal(2, host.Commands!.Refused);
        Assert.Equal([$"opportunity:1:{T0}", $"opportunity:2:{T0}", $"opportunity:2:{T0}"], ((InMemoryAlertLog)host.Log).Sent.Select(e => e.Key));

        await stop.CancelAsync();
        await run;

        // Nothing the alert path produced carries the token: log lines, messages, counters' text.
        var everything = string.Join('\n', logger.Lines.Concat(bot.Sends.Select(s => s.Text)).Concat(hook.Requests.Select(r => r.Body)))
            + options.Telegram + string.Join(',', host.Webhooks.Counts);
        Assert.DoesNotContain(Token, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_NoBotToken_WebhooksAndNoticesStillWork()
    {
        var clock = new ManualTimeProvider(Start);
        var logger = new RecordingLogger();
        using var http = new HttpClient();
        var host = new AlertsHost(new AlertsOptions(), http, clock, logger);

        host.Handle(new HostOutput(T0, Opportunity: Opened(Opportunity(1, 60m, 100m))));
        host.Handle(new HostOutput(T0, Quality: new VenueQuality(VenueId.Okx, 10, true, 0, 0, 0, 0, 0, 0, 0, 0, T0)));

        Assert.Null(host.Sender);
        Assert.True(host.Open.IsOpen(1));
        Assert.Equal(1, host.Status.Notices);
        Assert.Equal("Information 6009 Status notice: ⚠️ <b>okx</b> excluded for data quality (score 10, 0 updates rejected)", Assert.Single(logger.Lines));
        await Task.CompletedTask;
    }
}
