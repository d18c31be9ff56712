using Arbiter.Core;

namespace Arbiter.Alerts;

/// <summary>One subscribed chat and its alert filters.</summary>
/// <param name="ChatId">The Telegram chat.</param>
/// <param name="ThresholdBps">Alert only opportunities whose net premium is at least this (basis points).</param>
/// <param name="MinProfitUsd">And whose inventory net profit is at least this (USD).</param>
/// <param name="Assets">Only these assets; empty: all.</param>
/// <param name="Venues">Only opportunities whose both venues are among these; empty: all.</param>
/// <param name="RoutesOnly">Only opportunities with an open transfer route (<see cref="Engine.TransferQuote.Available"/>).</param>
/// <param name="MutedUntil">No alerts before this time (unix µs); 0 when not muted.</param>
/// <param name="SubscribedAt">When the chat subscribed (unix µs).</param>
public sealed record SubscriberSettings(
    long ChatId,
    decimal ThresholdBps,
    decimal MinProfitUsd,
    IReadOnlyList<Asset> Assets,
    IReadOnlyList<VenueId> Venues,
    bool RoutesOnly,
    long MutedUntil,
    long SubscribedAt)
{
    /// <summary>A new subscriber: every opportunity the engine opens, no filters.</summary>
    public static SubscriberSettings Create(long chatId, long now) => new(chatId, 0m, 0m, [], [], false, 0, now);

    public bool IsMuted(long now) => MutedUntil > now;
}
