namespace Arbiter.Storage;

/// <summary>An alert about to be queued for one recipient.</summary>
/// <param name="Sink">"telegram", "webhook", …</param>
/// <param name="Target">The recipient: a Telegram chat id (as text) or a webhook's name or URL (without secrets).</param>
/// <param name="OpportunityKey">The alert side's key of the opportunity (its dedup key).</param>
/// <param name="Asset">The asset, for queries; null when the alert is not about one.</param>
/// <param name="NetProfitUsd">Net profit at the time of sending, exact.</param>
/// <param name="Text">The message as sent.</param>
public sealed record AlertDraft(string Sink, string Target, string OpportunityKey, string? Asset, decimal NetProfitUsd, string Text);
