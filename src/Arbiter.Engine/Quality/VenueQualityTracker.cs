using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>
/// One venue's data-quality record: rejection counts by reason, the rejected fraction over its last updates, recent
/// resyncs and stale books, the score and the exclusion state with hysteresis (formula: <see cref="QualityOptions"/>).
/// </summary>
internal sealed class VenueQualityTracker
{
    private readonly QualityOptions options;
    private readonly bool[] window;
    private readonly Queue<long> resyncTimes = new();
    private readonly long resyncWindowMicros;
    private readonly long[] rejectedByReason = new long[6];
    private int windowNext;
    private int windowCount;
    private int rejectedInWindow;
    private long accepted;
    private long resyncs;
    private int staleBooks;
    private int books;
    private VenueQuality? published;
    private bool dirty = true;

    public VenueQualityTracker(VenueId venue, QualityOptions options)
    {
        Venue = venue;
        this.options = options;
        window = new bool[options.Window];
        resyncWindowMicros = options.ResyncWindow.Ticks / TimeSpan.TicksPerMicrosecond;
        Score = 100;
    }

    public VenueId Venue { get; }

    public double Score { get; private set; }

    public bool Excluded { get; private set; }

    /// <summary>Records one checked update; returns true when the exclusion state changed.</summary>
    public bool Record(QualityReason reason)
    {
        var rejected = reason != QualityReason.None;
        if (rejected)
        {
            rejectedByReason[(int)reason]++;
        }
        else
        {
            accepted++;
        }

        if (windowCount == window.Length)
        {
            rejectedInWindow -= window[windowNext] ? 1 : 0;
        }
        else
        {
            windowCount++;
        }

        dirty = true;
        window[windowNext] = rejected;
        rejectedInWindow += rejected ? 1 : 0;
        windowNext = windowNext + 1 == window.Length ? 0 : windowNext + 1;
        return Rescore();
    }

    /// <summary>A book of this venue was invalidated or started re-syncing at <paramref name="time"/>.</summary>
    public bool RecordResync(long time)
    {
        resyncs++;
        dirty = true;
        resyncTimes.Enqueue(time);
        return Rescore();
    }

    /// <summary>Ages the resync window and sets the stale-book share at <paramref name="clock"/>; returns true when the exclusion state changed.</summary>
    public bool Refresh(long clock, int stale, int total)
    {
        while (resyncTimes.Count > 0 && clock - resyncTimes.Peek() > resyncWindowMicros)
        {
            resyncTimes.Dequeue();
            dirty = true;
        }

        dirty |= staleBooks != stale || books != total;
        staleBooks = stale;
        books = total;
        return Rescore();
    }

    /// <summary>The record as published, or null when nothing changed since the last call.</summary>
    public VenueQuality? TakeChanged(long clock)
    {
        if (!dirty)
        {
            return null;
        }

        dirty = false;
        var current = Current(clock);
        if (published is not null && published with { Time = clock } == current)
        {
            return null;
        }

        published = current;
        return current;
    }

    /// <summary>The record now.</summary>
    public VenueQuality Current(long clock) => new(
            Venue,
            Math.Round(Score, 4),
            Excluded,
            accepted,
            rejectedByReason[(int)QualityReason.NonPositivePrice],
            rejectedByReason[(int)QualityReason.Crossed],
            rejectedByReason[(int)QualityReason.ExchangeTimeTooOld],
            rejectedByReason[(int)QualityReason.OutsideBounds],
            rejectedByReason[(int)QualityReason.WideSpread],
            resyncs,
            staleBooks,
            clock);

    private bool Rescore()
    {
        // Over the whole window, a young venue's missing updates counting as clean: one early rejection must not exclude it.
        var rejectedShare = (double)rejectedInWindow / window.Length;
        var resyncCost = Math.Min(options.ResyncPenaltyCap, options.ResyncPenalty * resyncTimes.Count);
        var staleCost = books == 0 ? 0.0 : options.StalePenalty * staleBooks / books;
        Score = Math.Max(0.0, (100.0 * (1.0 - rejectedShare)) - resyncCost - staleCost);
        var excluded = Excluded ? Score < options.ReadmitAt : Score < options.ExcludeBelow;
        if (excluded == Excluded)
        {
            return false;
        }

        Excluded = excluded;
        return true;
    }
}
