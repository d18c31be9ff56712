namespace Arbiter.Alerts;

/// <summary>What one webhook did since start.</summary>
/// <param name="Target">The endpoint's scheme, host and port only (its path may hold a secret).</param>
/// <param name="Posted">Answered 2xx.</param>
/// <param name="Failed">Answered otherwise, or failed to connect, or timed out.</param>
/// <param name="Dropped">Evicted from a full queue before being posted.</param>
public sealed record WebhookCounts(string Target, long Posted, long Failed, long Dropped);
