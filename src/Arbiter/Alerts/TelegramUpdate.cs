namespace Arbiter.Alerts;

/// <summary>One incoming update of <c>getUpdates</c> reduced to what the bot uses: a text message in a chat.</summary>
/// <param name="UpdateId">The update's id (the next poll's offset is the highest one + 1).</param>
/// <param name="ChatId">The chat the message came from; 0 when the update is not a message.</param>
/// <param name="FromId">The sending user, when known.</param>
/// <param name="Text">The message text; null when not a text message.</param>
public sealed record TelegramUpdate(long UpdateId, long ChatId, long? FromId, string? Text);
