namespace Arbiter.Alerts;

/// <summary>The <c>Alerts</c> section: the Telegram bot, alert deduplication, webhooks and admin status notices.</summary>
public sealed class AlertsOptions
{
    public TelegramOptions Telegram { get; set; } = new();

    /// <summary>Messages (alerts, replies, notices) waiting for Telegram before the oldest is dropped.</summary>
    public int SendQueueCapacity { get; set; } = 1000;

    /// <summary>Engine outputs waiting for the alert path before new ones are dropped (counted): the engine never waits for alerts.</summary>
    public int InputQueueCapacity { get; set; } = 10_000;

    public DedupOptions Dedup { get; set; } = new();

    public List<WebhookOptions> Webhooks { get; set; } = [];

    public StatusOptions Status { get; set; } = new();

    /// <summary>Errors naming the key; empty when valid. Never contains the bot token.</summary>
    public IEnumerable<string> Validate(string section = "Alerts")
    {
        foreach (var error in Telegram.Validate($"{section}:Telegram"))
        {
            yield return error;
        }

        if (SendQueueCapacity is < 1 or > 1_000_000)
        {
            yield return $"{section}:SendQueueCapacity must be 1..1000000 (got {SendQueueCapacity}).";
        }

        if (InputQueueCapacity is < 100 or > 1_000_000)
        {
            yield return $"{section}:InputQueueCapacity must be 100..1000000 (got {InputQueueCapacity}).";
        }

        if (Dedup.GrowthFactor is < 1m or > 1000m)
        {
            yield return $"{section}:Dedup:GrowthFactor must be 1..1000 (got {Dedup.GrowthFactor}).";
        }

        if (Dedup.Cooldown < TimeSpan.Zero || Dedup.Cooldown > TimeSpan.FromDays(1))
        {
            yield return $"{section}:Dedup:Cooldown must be 00:00:00..1.00:00:00 (got {Dedup.Cooldown}).";
        }

        for (var i = 0; i < Webhooks.Count; i++)
        {
            var hook = Webhooks[i];
            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                // The URL may carry a secret (Discord and Slack webhook URLs do): name the key, not the value.
                yield return $"{section}:Webhooks:{i}:Url must be an absolute http(s) URL.";
            }

            if (!Enum.IsDefined(hook.Format))
            {
                yield return $"{section}:Webhooks:{i}:Format must be json, discord or slack.";
            }

            if (hook.MinNetProfitUsd < 0m)
            {
                yield return $"{section}:Webhooks:{i}:MinNetProfitUsd must be ≥ 0 (got {hook.MinNetProfitUsd}).";
            }

            if (hook.QueueCapacity is < 1 or > 100_000)
            {
                yield return $"{section}:Webhooks:{i}:QueueCapacity must be 1..100000 (got {hook.QueueCapacity}).";
            }

            if (hook.Timeout <= TimeSpan.Zero || hook.Timeout > TimeSpan.FromMinutes(5))
            {
                yield return $"{section}:Webhooks:{i}:Timeout must be more than 0 and at most 00:05:00 (got {hook.Timeout}).";
            }
        }

        if (Status.VenueDownAfter <= TimeSpan.Zero || Status.VenueDownAfter > TimeSpan.FromDays(1))
        {
            yield return $"{section}:Status:VenueDownAfter must be more than 0 and at most 1.00:00:00 (got {Status.VenueDownAfter}).";
        }

        for (var i = 0; i < Status.WatchedAssets.Count; i++)
        {
            var code = Status.WatchedAssets[i];
            if (string.IsNullOrWhiteSpace(code) || code.Trim().Length > 32)
            {
                yield return $"{section}:Status:WatchedAssets:{i} must be an asset code of 1 to 32 characters (got '{(code is { Length: > 40 } ? code[..40] + "…" : code)}').";
            }
        }
    }
}
