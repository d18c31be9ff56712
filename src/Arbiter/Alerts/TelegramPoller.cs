using Microsoft.Extensions.Logging;

namespace Arbiter.Alerts;

/// <summary>
/// Long-polls <c>getUpdates</c> and applies each message through <see cref="TelegramCommands"/>, queueing the replies on
/// the <see cref="AlertSender"/>. A failed poll waits (retry_after for a 429, else 1 s doubling to 60 s) and polls again.
/// </summary>
public sealed class TelegramPoller
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private readonly TelegramBotApi api;
    private readonly TelegramCommands commands;
    private readonly AlertSender sender;
    private readonly TimeSpan pollTimeout;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private long offset;
    private long updates;
    private long failures;

    public TelegramPoller(TelegramBotApi api, TelegramCommands commands, AlertSender sender, TimeSpan pollTimeout, TimeProvider clock, ILogger logger)
    {
        this.api = api ?? throw new ArgumentNullException(nameof(api));
        this.commands = commands ?? throw new ArgumentNullException(nameof(commands));
        this.sender = sender ?? throw new ArgumentNullException(nameof(sender));
        this.pollTimeout = pollTimeout;
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Updates handled since start.</summary>
    public long Updates => Interlocked.Read(ref updates);

    /// <summary>Failed polls since start.</summary>
    public long Failures => Interlocked.Read(ref failures);

    /// <summary>Polls until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = FirstBackoff;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (await PollOnceAsync(cancellationToken).ConfigureAwait(false) is not { } error)
                {
                    backoff = FirstBackoff;
                    continue;
                }

                var wait = error.IsRateLimited ? error.RetryAfter ?? FirstBackoff : backoff;
                if (!error.IsRateLimited)
                {
                    backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
                }

                AlertsLog.PollFailed(logger, error.ToString(), wait.TotalSeconds);
                await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    /// <summary>One <c>getUpdates</c> and its commands; the error when the poll failed.</summary>
    public async Task<TelegramError?> PollOnceAsync(CancellationToken cancellationToken)
    {
        var result = await api.GetUpdatesAsync(offset, pollTimeout, cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            Interlocked.Increment(ref failures);
            return error;
        }

        foreach (var update in result.Value!)
        {
            // Confirmed by the next poll's offset whatever happens to it, so a bad update cannot be served again and again.
            offset = Math.Max(offset, update.UpdateId + 1);
            Interlocked.Increment(ref updates);
            if (commands.Apply(update.ChatId, update.FromId, update.Text) is { } reply)
            {
                sender.Enqueue(new OutgoingMessage(update.ChatId, reply));
            }
        }

        return null;
    }
}
