namespace Arbiter.Alerts;

/// <summary>A message waiting for Telegram: an alert (with its log entry and opportunity), a command reply or a status notice.</summary>
/// <param name="ChatId">The chat.</param>
/// <param name="Text">HTML text.</param>
/// <param name="OpportunityId">The opportunity an alert is about: it is dropped as stale once that closed; null for replies and notices (always relevant).</param>
/// <param name="Alert">The alert log entry to record as sent or dropped; null for replies and notices.</param>
public sealed record OutgoingMessage(long ChatId, string Text, long? OpportunityId = null, AlertLogEntry? Alert = null);
