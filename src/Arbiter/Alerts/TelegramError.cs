namespace Arbiter.Alerts;

/// <summary>
/// Why a Bot API call failed, as a value: the API's <c>error_code</c> and <c>description</c> (or the HTTP status), or a
/// network failure (<see cref="ErrorCode"/> null), with <c>parameters.retry_after</c> when the API asked to wait.
/// </summary>
/// <param name="ErrorCode">The API's error code (HTTP status); null for a network failure or timeout.</param>
/// <param name="Description">What went wrong; never contains the bot token.</param>
/// <param name="RetryAfter">How long to wait before the next request (429).</param>
public sealed record TelegramError(int? ErrorCode, string Description, TimeSpan? RetryAfter = null)
{
    /// <summary>True for 429 Too Many Requests.</summary>
    public bool IsRateLimited => ErrorCode == 429;

    /// <summary>True when trying again later may succeed: network failures, timeouts, 429 and 5xx.</summary>
    public bool IsTransient => ErrorCode is null or 429 or >= 500;

    public override string ToString() => ErrorCode is { } code ? $"{code} {Description}" : Description;
}
