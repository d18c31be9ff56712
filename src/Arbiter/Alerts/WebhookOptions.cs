namespace Arbiter.Alerts;

/// <summary>One entry of <c>Alerts:Webhooks</c>: where opportunity events are POSTed.</summary>
public sealed class WebhookOptions
{
    /// <summary>The endpoint (may embed a secret, as Discord and Slack URLs do: never logged whole).</summary>
    public string Url { get; set; } = "";

    public WebhookFormat Format { get; set; } = WebhookFormat.Json;

    /// <summary>Only events whose inventory net profit is at least this.</summary>
    public decimal MinNetProfitUsd { get; set; }

    /// <summary>Posts waiting before the oldest is dropped.</summary>
    public int QueueCapacity { get; set; } = 256;

    /// <summary>Per POST.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
