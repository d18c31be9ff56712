using Arbiter.Alerts;
using Arbiter.Core;
using static Arbiter.Tests.Alerts.AlertFixtures;

namespace Arbiter.Tests.Alerts;

/// <summary>
/// The sender against the fake Bot API on a manual clock: 429 retry_after honoured with nothing lost, Telegram down keeps
/// what is still relevant and counts what went stale, a full queue evicts closed opportunities first.
/// </summary>
public sealed class AlertSenderTests : IAsyncLifetime
{
    private readonly ManualTimeProvider clock = new(Start);
    private readonly OpenOpportunities open = new();
    private readonly InMemoryAlertLog log = new();
    private readonly RecordingLogger logger = new();
    private readonly CancellationTokenSource stop = new();
    private readonly HttpClient http = new();
    private FakeBotApi bot = null!;
    private Task running = Task.CompletedTask;

    public async Task InitializeAsync() => bot = await FakeBotApi.StartAsync(clock, Token);

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await running;
        await bot.DisposeAsync();
        http.Dispose();
        stop.Dispose();
        Assert.DoesNotContain(logger.Lines, l => l.Contains("CANARY", StringComparison.Ordinal));
    }

    private AlertSender Run(int capacity = 100)
    {
        var sender = new AlertSender(new TelegramBotApi(http, new TelegramOptions { BaseUrl = bot.BaseAddress.ToString(), BotToken = Token }), capacity, log, open, clock, logger);
        running = sender.RunAsync(stop.Token);
        return sender;
    }

    private OutgoingMessage Alert(long opportunityId, long chatId = 1)
    {
        var o = Opportunity(opportunityId, 60m, 100m);
        open.Observe(Opened(o));
        return new OutgoingMessage(chatId, $"alert {opportunityId}", opportunityId, new AlertLogEntry(AlertPolicy.KeyOf(o), chatId, 100m, T0));
    }

    [Fact]
    public async Task RateLimited_RetryAfter2_NothingSentBeforeTwoSecondsAndNothingLost()
    {
        var sender = Run();
        bot.RetryAfterSeconds = 2;
        bot.Script(FakeBotApi.Answer.TooManyRequests);

        sender.Enqueue(Alert(1));
        sender.Enqueue(Alert(2));
        sender.Enqueue(new OutgoingMessage(1, "reply"));
        await WaitUntilAsync(() => sender.PausedUntil is not null, "the first send, answered 429");
        Assert.Equal(AlertFixtures.Start.AddSeconds(2), sender.PausedUntil);
        clock.Advance(TimeSpan.FromSeconds(1.999));
        await Task.Delay(200); // real time: a send now would have reached the server
        Assert.Single(bot.Sends);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await WaitUntilAsync(() => bot.Delivered.Count == 3, "everything after retry_after");

        var sends = bot.Sends;
        Assert.Equal(["alert 1", "alert 1", "alert 2", "reply"], sends.Select(s => s.Text));
        Assert.Equal(FakeBotApi.Answer.TooManyRequests, sends[0].Answer);
        Assert.All(sends.Skip(1), s => Assert.True(s.Time - sends[0].Time >= TimeSpan.FromSeconds(2)));
        Assert.Equal(new AlertSenderCounts(0, 3, 0, 0, 0, 1, 0), sender.Counts);
        Assert.Equal([$"opportunity:1:{T0}", $"opportunity:2:{T0}"], log.Sent.Select(e => e.Key));
        Assert.Equal(0, log.DroppedCount);
        Assert.Contains("Warning 6001 Telegram rate limit on a send to chat 1: waiting 2 s before sending anything", logger.Lines);
    }

    [Fact]
    public async Task TelegramDown_RelevantAlertsDeliveredAfterStaleOnesCounted()
    {
        var sender = Run();
        bot.Down = FakeBotApi.Answer.BadGateway;
        var alerts = Enumerable.Range(1, 4).Select(i => Alert(i)).ToList();
        foreach (var alert in alerts)
        {
            sender.Enqueue(alert);
        }

        sender.Enqueue(new OutgoingMessage(99, "notice"));

        // Down for 60 s of the clock: retries back off 1, 2, 4, 8, 16, 32 s.
        await WaitUntilAsync(() => sender.PausedUntil is not null, "the first attempt");
        open.Observe(Closed(Opportunity(2, 60m, 100m))); // queued behind the failing one: stale by the time Telegram is back
        open.Observe(Closed(Opportunity(3, 60m, 100m)));
        for (var attempt = 2; attempt <= 6; attempt++)
        {
            clock.SetUtcNow(sender.PausedUntil!.Value);
            await WaitUntilAsync(() => bot.Sends.Count == attempt && sender.PausedUntil is not null, $"attempt {attempt}");
        }

        var attempts = bot.Sends.Count;
        Assert.Equal([0, 1, 3, 7, 15, 31], bot.Sends.Select(s => (int)(s.Time - AlertFixtures.Start).TotalSeconds));
        Assert.Equal(AlertFixtures.Start.AddSeconds(63), sender.PausedUntil);
        Assert.All(bot.Sends, s => Assert.Equal("alert 1", s.Text));
        clock.SetUtcNow(AlertFixtures.Start.AddSeconds(60));
        bot.Down = null; // back after 60 s; the sender notices at its next attempt (63 s)
        clock.SetUtcNow(AlertFixtures.Start.AddSeconds(63));

        await WaitUntilAsync(() => bot.Delivered.Count == 3, "the relevant alerts and the notice");
        Assert.Equal(["alert 1", "alert 4", "notice"], bot.Delivered.Select(s => s.Text));
        var counts = sender.Counts;
        Assert.Equal((3L, 2L, 0L, 0L), (counts.Sent, counts.DroppedStale, counts.DroppedQueueFull, counts.Refused));
        Assert.Equal(attempts, counts.Retries); // every failed attempt was retried
        Assert.Equal([$"opportunity:2:{T0}", $"opportunity:3:{T0}"], log.Dropped.Select(d => d.Entry.Key));
        Assert.All(log.Dropped, d => Assert.Equal("opportunity closed before it could be sent", d.Reason));
    }

    [Fact]
    public async Task ConnectionAborted_RetriedWithBackoffAndDelivered()
    {
        var sender = Run();
        bot.Script(FakeBotApi.Answer.Abort, FakeBotApi.Answer.Abort);
        sender.Enqueue(Alert(1));

        await WaitUntilAsync(() => sender.PausedUntil is not null, "the first attempt");
        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => bot.Sends.Count == 2 && sender.PausedUntil is not null, "the retry after 1 s");
        clock.Advance(TimeSpan.FromSeconds(1.5));
        await Task.Delay(200);
        Assert.Equal(2, bot.Sends.Count); // the second backoff is 2 s
        clock.Advance(TimeSpan.FromSeconds(0.5));
        await WaitUntilAsync(() => bot.Delivered.Count == 1, "the delivery after 2 s");

        Assert.Equal([Start, Start.AddSeconds(1), Start.AddSeconds(3)], bot.Sends.Select(s => s.Time));
        Assert.Equal(new AlertSenderCounts(0, 1, 0, 0, 0, 0, 2), sender.Counts);
    }

    [Fact]
    public async Task QueueFull_EvictsTheOldestClosedOpportunityElseTheOldest()
    {
        bot.Down = FakeBotApi.Answer.BadGateway;
        var sender = Run(capacity: 3);
        sender.Enqueue(Alert(1)); // taken at once by the sender, retried while Telegram is down
        await WaitUntilAsync(() => sender.PausedUntil is not null, "the first attempt");
        sender.Enqueue(Alert(2));
        sender.Enqueue(Alert(3));
        sender.Enqueue(Alert(4));
        open.Observe(Closed(Opportunity(3, 60m, 100m)));

        sender.Enqueue(Alert(5)); // evicts 3 (closed), not 2 (oldest)
        sender.Enqueue(Alert(6)); // nothing closed: evicts 2 (oldest)

        Assert.Equal([$"opportunity:3:{T0}", $"opportunity:2:{T0}"], log.Dropped.Select(d => d.Entry.Key));
        Assert.All(log.Dropped, d => Assert.Equal("queue full", d.Reason));
        bot.Down = null;
        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => bot.Delivered.Count == 4, "the rest");
        Assert.Equal(["alert 1", "alert 4", "alert 5", "alert 6"], bot.Delivered.Select(s => s.Text));
        Assert.Equal(new AlertSenderCounts(0, 4, 2, 0, 0, 0, 1), sender.Counts);
        Assert.Equal(2, logger.Lines.Count(l => l.Contains(" 6003 ", StringComparison.Ordinal) && l.EndsWith("dropped: queue full", StringComparison.Ordinal)));
    }
}
