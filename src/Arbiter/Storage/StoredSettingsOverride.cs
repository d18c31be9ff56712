namespace Arbiter.Storage;

/// <summary>One row of <c>settings_overrides</c>: a setting changed at runtime, re-applied (validated again) at the next start.</summary>
/// <param name="Key">The configuration key, e.g. <c>Engine:MinNetProfitUsd</c>.</param>
/// <param name="Value">Its canonical text, e.g. <c>2.5</c> or <c>00:05:00</c>.</param>
/// <param name="ChangedAt">When it was changed, unix microseconds.</param>
public sealed record StoredSettingsOverride(string Key, string Value, long ChangedAt);
