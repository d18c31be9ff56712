using Microsoft.Extensions.Logging;

namespace Arbiter.Alerts;

/// <summary>The alerts' log messages (event ids 6000–6099). None of them ever includes the bot token or a webhook URL's path.</summary>
internal static partial class AlertsLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Telegram rate limit on a send to chat {ChatId}: waiting {Seconds} s before sending anything")]
    public static partial void RateLimited(ILogger logger, long chatId, double seconds);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Telegram send to chat {ChatId} failed ({Error}); retrying in {Seconds} s")]
    public static partial void SendRetrying(ILogger logger, long chatId, string error, double seconds);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Telegram message to chat {ChatId} ({Key}) dropped: {Reason}")]
    public static partial void MessageDropped(ILogger logger, long chatId, string key, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Telegram command from chat {ChatId} (user {UserId}) ignored: the chat is not allowlisted ({Count} refused so far)")]
    public static partial void ChatRefused(ILogger logger, long chatId, long? userId, long count);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Telegram chat {ChatId}: {Command}")]
    public static partial void CommandApplied(ILogger logger, long chatId, string command);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Telegram getUpdates failed ({Error}); polling again in {Seconds} s")]
    public static partial void PollFailed(ILogger logger, string error, double seconds);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "Webhook {Webhook} failed: {Error}")]
    public static partial void WebhookFailed(ILogger logger, string webhook, string error);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Warning, Message = "Webhook {Webhook} queue full: oldest event dropped ({Dropped} so far)")]
    public static partial void WebhookDropped(ILogger logger, string webhook, long dropped);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Information, Message = "Status notice: {Notice}")]
    public static partial void StatusNotice(ILogger logger, string notice);
}
