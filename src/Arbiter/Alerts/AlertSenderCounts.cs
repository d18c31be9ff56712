namespace Arbiter.Alerts;

/// <summary>What the <see cref="AlertSender"/> did since start.</summary>
/// <param name="Queued">Messages waiting (not counting the one being sent).</param>
/// <param name="Sent">Accepted by Telegram.</param>
/// <param name="DroppedQueueFull">Evicted because the queue was full.</param>
/// <param name="DroppedStale">Alerts dropped because their opportunity closed before they could be sent.</param>
/// <param name="Refused">Dropped because Telegram refused them for good (4xx other than 429).</param>
/// <param name="RateLimited">429 answers (each honoured by waiting retry_after).</param>
/// <param name="Retries">Sends retried after a 5xx, network failure or timeout.</param>
public sealed record AlertSenderCounts(int Queued, long Sent, long DroppedQueueFull, long DroppedStale, long Refused, long RateLimited, long Retries)
{
    /// <summary>Every dropped message.</summary>
    public long Dropped => DroppedQueueFull + DroppedStale + Refused;
}
