using Microsoft.Extensions.Logging;

namespace Arbiter.Alerts;

/// <summary>
/// The one path to Telegram's <c>sendMessage</c>: a bounded queue and one sender loop. <see cref="Enqueue"/> never blocks;
/// when the queue is full, the oldest alert about an opportunity that closed is evicted (else the oldest message), counted
/// and logged. A 429 stops all sending until its <c>retry_after</c> has elapsed on the injected clock; a 5xx, network
/// failure or timeout is retried with exponential backoff (1 s doubling to 60 s). The message being retried is kept while
/// still relevant: an alert whose opportunity closed meanwhile is dropped as stale and counted.
/// </summary>
public sealed class AlertSender
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private readonly TelegramBotApi api;
    private readonly int capacity;
    private readonly IAlertLog log;
    private readonly OpenOpportunities open;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly object gate = new();
    private readonly LinkedList<OutgoingMessage> queue = new();
    private readonly SemaphoreSlim signal = new(0);
    private DateTimeOffset? pausedUntil;
    private long sent;
    private long droppedQueueFull;
    private long droppedStale;
    private long refused;
    private long rateLimited;
    private long retries;

    public AlertSender(TelegramBotApi api, int capacity, IAlertLog log, OpenOpportunities open, TimeProvider clock, ILogger logger)
    {
        this.api = api ?? throw new ArgumentNullException(nameof(api));
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.capacity = capacity;
        this.log = log ?? throw new ArgumentNullException(nameof(log));
        this.open = open ?? throw new ArgumentNullException(nameof(open));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Until when sending is paused after a 429 or a failure (on the injected clock); null while not paused.</summary>
    public DateTimeOffset? PausedUntil
    {
        get
        {
            lock (gate)
            {
                return pausedUntil;
            }
        }
    }

    public AlertSenderCounts Counts
    {
        get
        {
            lock (gate)
            {
                return new AlertSenderCounts(queue.Count, sent, droppedQueueFull, droppedStale, refused, rateLimited, retries);
            }
        }
    }

    /// <summary>Queues <paramref name="message"/>; evicts one message first when the queue is full. Never blocks.</summary>
    public void Enqueue(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        OutgoingMessage? evicted = null;
        lock (gate)
        {
            if (queue.Count >= capacity)
            {
                var victim = queue.First!;
                for (var node = queue.First; node is not null; node = node.Next)
                {
                    if (!IsRelevant(node.Value))
                    {
                        victim = node;
                        break;
                    }
                }

                evicted = victim.Value;
                queue.Remove(victim);
                droppedQueueFull++;
            }

            queue.AddLast(message);
        }

        if (evicted is not null)
        {
            Dropped(evicted, "queue full");
        }

        signal.Release();
    }

    /// <summary>Sends queued messages in order until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
                OutgoingMessage? message;
                lock (gate)
                {
                    message = queue.First?.Value;
                    if (message is not null)
                    {
                        queue.RemoveFirst();
                    }
                }

                if (message is not null)
                {
                    await SendAsync(message, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped; what is still queued stays counted in Counts.Queued.
        }
    }

    private async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var backoff = FirstBackoff;
        while (true)
        {
            if (!IsRelevant(message))
            {
                Interlocked.Increment(ref droppedStale);
                Dropped(message, "opportunity closed before it could be sent");
                return;
            }

            var result = await api.SendMessageAsync(message.ChatId, message.Text, cancellationToken).ConfigureAwait(false);
            if (result.Error is not { } error)
            {
                Interlocked.Increment(ref sent);
                if (message.Alert is { } entry)
                {
                    log.RecordSent(entry);
                }

                return;
            }

            TimeSpan wait;
            if (error.IsRateLimited)
            {
                Interlocked.Increment(ref rateLimited);
                wait = error.RetryAfter ?? FirstBackoff;
                AlertsLog.RateLimited(logger, message.ChatId, wait.TotalSeconds);
            }
            else if (error.IsTransient)
            {
                Interlocked.Increment(ref retries);
                wait = backoff;
                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
                AlertsLog.SendRetrying(logger, message.ChatId, error.ToString(), wait.TotalSeconds);
            }
            else
            {
                Interlocked.Increment(ref refused);
                Dropped(message, $"refused: {error}");
                return;
            }

            // One loop sends everything, so waiting here holds every later message too: nothing goes out before retry_after.
            var until = clock.GetUtcNow() + wait;
            lock (gate)
            {
                pausedUntil = until;
            }

            // Until the clock reads the deadline: a timer may fire a fraction of a millisecond early.
            for (var left = wait; left > TimeSpan.Zero; left = until - clock.GetUtcNow())
            {
                await Task.Delay(left, clock, cancellationToken).ConfigureAwait(false);
            }
            lock (gate)
            {
                pausedUntil = null;
            }
        }
    }

    private bool IsRelevant(OutgoingMessage message) => message.OpportunityId is not { } id || open.IsOpen(id);

    private void Dropped(OutgoingMessage message, string reason)
    {
        AlertsLog.MessageDropped(logger, message.ChatId, message.Alert?.Key ?? "message", reason);
        if (message.Alert is { } entry)
        {
            log.RecordDropped(entry, reason);
        }
    }
}
