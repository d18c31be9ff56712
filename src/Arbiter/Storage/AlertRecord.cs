namespace Arbiter.Storage;

/// <summary>One row of the alert log. Times are unix microseconds.</summary>
public sealed record AlertRecord(
    long Id,
    string Sink,
    string Target,
    string OpportunityKey,
    string? Asset,
    decimal NetProfitUsd,
    AlertState State,
    long QueuedAt,
    long? SentAt,
    long? DroppedAt,
    string? DropReason,
    string Text);
