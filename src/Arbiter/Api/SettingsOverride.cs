namespace Arbiter.Api;

/// <summary>A setting whose value in force differs from the configuration because an operator changed it at runtime.</summary>
/// <param name="Key">The configuration key, e.g. <c>Engine:MinNetProfitUsd</c> (<c>Venues:Disabled</c>: running venues turned off).</param>
/// <param name="Path">Where it shows in <c>GET /api/settings</c>, e.g. <c>engine.minNetProfitUsd</c>.</param>
/// <param name="Value">The value in force, as canonical text.</param>
/// <param name="ChangedAt">When it was changed, unix microseconds.</param>
public sealed record SettingsOverride(string Key, string Path, string Value, long ChangedAt);
