namespace Arbiter.Storage;

/// <summary>A chat subscribed to alerts. Times are unix microseconds.</summary>
public sealed record Subscriber(long ChatId, string? UserName, SubscriberSettings Settings, long CreatedAt = 0, long UpdatedAt = 0);
