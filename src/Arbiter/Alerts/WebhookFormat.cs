namespace Arbiter.Alerts;

/// <summary>The body a webhook receives.</summary>
public enum WebhookFormat : byte
{
    /// <summary>The opportunity event as JSON (see <see cref="WebhookPayload"/>).</summary>
    Json = 0,

    /// <summary><c>{"content": text}</c>, a Discord webhook message.</summary>
    Discord = 1,

    /// <summary><c>{"text": text}</c>, a Slack incoming-webhook message.</summary>
    Slack = 2,
}
