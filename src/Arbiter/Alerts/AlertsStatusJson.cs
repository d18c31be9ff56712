using Arbiter.Api;

namespace Arbiter.Alerts;

/// <summary><c>GET /api/alerts</c>: what the alert path did since start (no secrets: no token, no webhook path, no message text).</summary>
public static class AlertsStatusJson
{
    public static string Write(AlertsHost alerts, long inputsDropped, int abandonedAtStart)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        return ApiJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("telegram", alerts.Sender is not null);
            w.WriteNumber("inputsDropped", inputsDropped);
            w.WriteNumber("abandonedAtStart", abandonedAtStart);
            w.WriteNumber("subscribers", alerts.Subscribers.All().Count);
            w.WriteNumber("deduplicated", alerts.Policy.Deduplicated);
            if (alerts.Sender?.Counts is { } c)
            {
                w.WriteStartObject("sender");
                w.WriteNumber("queued", c.Queued);
                w.WriteNumber("sent", c.Sent);
                w.WriteNumber("dropped", c.Dropped);
                w.WriteNumber("droppedQueueFull", c.DroppedQueueFull);
                w.WriteNumber("droppedStale", c.DroppedStale);
                w.WriteNumber("refused", c.Refused);
                w.WriteNumber("rateLimited", c.RateLimited);
                w.WriteNumber("retries", c.Retries);
                if (alerts.Sender.PausedUntil is { } paused)
                {
                    w.WriteString("pausedUntil", paused.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    w.WriteNull("pausedUntil");
                }

                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("sender");
            }

            if (alerts.Poller is { } poller)
            {
                w.WriteStartObject("commands");
                w.WriteNumber("updates", poller.Updates);
                w.WriteNumber("pollFailures", poller.Failures);
                w.WriteNumber("refusedChats", alerts.Commands!.Refused);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("commands");
            }

            w.WriteNumber("statusNotices", alerts.Status.Notices);
            w.WriteStartArray("webhooks");
            foreach (var hook in alerts.Webhooks.Counts)
            {
                w.WriteStartObject();
                w.WriteString("target", hook.Target);
                w.WriteNumber("posted", hook.Posted);
                w.WriteNumber("failed", hook.Failed);
                w.WriteNumber("dropped", hook.Dropped);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
