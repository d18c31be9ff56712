namespace Arbiter.Storage;

/// <summary>One subscriber's alert filters, stored as JSON (unknown fields are ignored, so the alert side may add some).</summary>
/// <param name="ThresholdBps">Alert only at or above this net premium; null: the sink's default.</param>
/// <param name="MinProfitUsd">Alert only at or above this net profit; null: the sink's default.</param>
/// <param name="Assets">Only these assets (upper-case codes); empty: all.</param>
/// <param name="Venues">Only opportunities touching these venues (lower-case names); empty: all.</param>
/// <param name="RoutesOnly">Only when a transfer route is open.</param>
/// <param name="MutedUntil">No alerts before this time (unix µs); null: not muted.</param>
public sealed record SubscriberSettings(
    decimal? ThresholdBps = null,
    decimal? MinProfitUsd = null,
    IReadOnlyList<string>? Assets = null,
    IReadOnlyList<string>? Venues = null,
    bool RoutesOnly = false,
    long? MutedUntil = null);
