using System.Threading.Channels;
using Arbiter.Api;
using Arbiter.Core;
using Microsoft.Extensions.Logging;

namespace Arbiter.Alerts;

/// <summary>
/// The alert path behind one <see cref="EngineOutputFanout"/> subscription: opportunity events → <see cref="AlertPolicy"/> →
/// <see cref="AlertFormatter"/> → <see cref="AlertSender"/> (Telegram) and <see cref="WebhookSink"/>; connections, FX, wallet
/// changes and venue quality → <see cref="StatusNotifier"/> → the admin chat; <c>getUpdates</c> → <see cref="TelegramCommands"/>.
/// Nothing here can slow the engine: outputs arrive through the fanout's channel and every queue after it is bounded.
/// </summary>
/// <remarks>
/// Wiring (LivePipeline): <c>var alerts = new AlertsHost(settings.Alerts, new HttpClient(), clock, logger, store, alertLog);</c>
/// subscribe before the engine starts (<c>var reader = fanout.Subscribe();</c>) and run <c>alerts.RunAsync(reader, stopToken)</c>
/// beside the hub. Use a plain HttpClient: the bot token is in the request path.
/// </remarks>
public sealed class AlertsHost
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);
    private readonly AlertsOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger logger;

    public AlertsHost(AlertsOptions options, HttpClient http, TimeProvider clock, ILogger logger, ISubscriberStore? store = null, IAlertLog? log = null)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentNullException.ThrowIfNull(http);
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        Subscribers = store ?? new InMemorySubscriberStore();
        Log = log ?? new InMemoryAlertLog();
        Policy = new AlertPolicy(Subscribers, Log, options.Dedup, clock);
        Webhooks = new WebhookSink(options.Webhooks, http, clock, logger, BookAges);
        Status = new StatusNotifier(options.Status, Notify, logger);
        if (options.Telegram.Enabled)
        {
            Api = new TelegramBotApi(http, options.Telegram);
            Sender = new AlertSender(Api, options.SendQueueCapacity, Log, Open, clock, logger);
            Commands = new TelegramCommands(Subscribers, options.Telegram, clock, logger, () => Status.Summary(UnixMicros.Now(clock)));
            Poller = new TelegramPoller(Api, Commands, Sender, options.Telegram.PollTimeout, clock, logger);
        }
    }

    public ISubscriberStore Subscribers { get; }

    public IAlertLog Log { get; }

    public AlertPolicy Policy { get; }

    public OpenOpportunities Open { get; } = new();

    public BookAgeTracker BookAges { get; } = new();

    public WebhookSink Webhooks { get; }

    public StatusNotifier Status { get; }

    /// <summary>Null when no bot token is configured (then only webhooks and logged notices work).</summary>
    public TelegramBotApi? Api { get; }

    public AlertSender? Sender { get; }

    public TelegramCommands? Commands { get; }

    public TelegramPoller? Poller { get; }

    /// <summary>
    /// Puts runtime-changed alert settings in force: the dedup rules of <see cref="Policy"/>, the status options of
    /// <see cref="Status"/> and each webhook's minimum net profit. Thread-safe: each part swaps an options object whole.
    /// </summary>
    public void Apply(DedupOptions dedup, StatusOptions status, IReadOnlyList<decimal> webhookMinimums)
    {
        ArgumentNullException.ThrowIfNull(dedup);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(webhookMinimums);
        Policy.Dedup = dedup;
        Status.Update(status);
        Webhooks.SetMinimums(webhookMinimums);
    }

    /// <summary>
    /// The alert path's input from the engine's fan-out: bounded at <paramref name="capacity"/>; when full the newest output is
    /// dropped and reported to <paramref name="dropped"/> (writes always succeed at once, so the engine never waits for alerts).
    /// </summary>
    public static Channel<HostOutput> CreateInput(int capacity, Action<HostOutput> dropped) =>
        Channel.CreateBounded(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true, SingleWriter = true },
            dropped ?? throw new ArgumentNullException(nameof(dropped)));

    /// <summary>Routes one engine output. Never blocks.</summary>
    public void Handle(HostOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Opportunity is { } e)
        {
            Open.Observe(e); // first, so a Closed event makes its queued alerts stale at once
            if (Sender is not null)
            {
                var decisions = Policy.Decide(e);
                if (decisions.Count > 0)
                {
                    var now = UnixMicros.Now(clock);
                    var text = AlertFormatter.Format(e, BookAges.AgeOf(e.Opportunity.Buy, now), BookAges.AgeOf(e.Opportunity.Sell, now), html: true);
                    foreach (var decision in decisions)
                    {
                        Sender.Enqueue(new OutgoingMessage(decision.Subscriber.ChatId, text, e.Opportunity.Id, decision.Entry));
                    }
                }
            }

            Webhooks.Post(e);
        }
        else if (output.Tops is { } tops)
        {
            BookAges.Observe(tops);
        }
        else if (output.Fx is { } fx)
        {
            Status.OnFx(fx);
        }
        else if (output.Quality is { } quality)
        {
            Status.OnVenueQuality(quality);
        }
        else if (output.WalletChange is { } change)
        {
            Status.OnWalletChanged(change);
        }
        else if (output.Premiums is null)
        {
            Status.OnConnectionChanged(output.Venue, output.Connection, output.Time);
        }
    }

    /// <summary>
    /// Handles <paramref name="outputs"/> and runs the Telegram sender and poller, the webhooks and the venue-down check
    /// until <paramref name="cancellationToken"/> is cancelled (a completed reader only ends the handling of outputs).
    /// </summary>
    public async Task RunAsync(ChannelReader<HostOutput> outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var background = new List<Task>
        {
            Webhooks.RunAsync(cancellationToken),
            CheckAsync(cancellationToken),
        };
        if (Sender is not null)
        {
            background.Add(Sender.RunAsync(cancellationToken));
        }

        if (Poller is not null)
        {
            background.Add(Poller.RunAsync(cancellationToken));
        }

        try
        {
            await foreach (var output in outputs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                Handle(output);
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, clock, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }

        await Task.WhenAll(background).ConfigureAwait(false);
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(CheckInterval, clock);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Status.Check(UnixMicros.Now(clock));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private void Notify(string notice)
    {
        if (Sender is not null && options.Telegram.AdminChatId is { } admin)
        {
            Sender.Enqueue(new OutgoingMessage(admin, notice));
        }
    }
}
