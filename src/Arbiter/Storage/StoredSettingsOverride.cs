namespace Arbiter.Storage;

/// <summary>One row of <c>settings_overrides</c>: a setting changed at runtime, re-applied (validated again) at the next start.</summary>
/// <param name="Key">The configuration key, e.g. <c>Engine:MinNetProfitUsd</c>.</param>
/// <param name="Value">Its canonical text, e.g. <c>2.5</c> or <c>00:05:00</c>.</param>
/// <param name="ChangedAt">When it was changed, unix microseconds.</param>
/// <param name="Target">
/// What the override was made for when the key alone cannot say (a webhook's fingerprint, <c>webhook:</c> + 16 hex digits
/// of the SHA-256 of its URL); empty otherwise.
/// </param>
public sealed record StoredSettingsOverride(string Key, string Value, long ChangedAt, string Target = "");
