namespace Arbiter.Storage;

/// <summary>
/// A history query: optional asset, venue (either leg), a time window [From, To] in unix µs (an opportunity matches when
/// it was open at some moment of it; an alert when it was queued in it) and at most <see cref="Limit"/> rows, newest first.
/// </summary>
public sealed record HistoryFilter(string? Asset = null, string? Venue = null, long? From = null, long? To = null, int Limit = 100)
{
    /// <summary>The most rows one query returns.</summary>
    public const int MaxLimit = 1000;
}
