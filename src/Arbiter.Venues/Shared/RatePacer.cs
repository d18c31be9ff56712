namespace Arbiter.Venues;

/// <summary>
/// Keeps a stream of actions (connects, sends) under a venue's <see cref="RateLimit"/>: an action may start at once while
/// fewer than Count started in the last window, otherwise it waits until the oldest leaves the window. The window is
/// padded (<see cref="Margin"/>) so that clock and network jitter cannot make the venue count one too many. Thread-safe.
/// </summary>
public sealed class RatePacer
{
    /// <summary>Extra window length on top of the venue's: 10 % plus 50 ms.</summary>
    public static TimeSpan Margin(TimeSpan window) => (window / 10) + TimeSpan.FromMilliseconds(50);

    private readonly object sync = new();
    private readonly Queue<long> starts = new();
    private readonly TimeProvider clock;
    private readonly int count;
    private readonly TimeSpan window;

    public RatePacer(RateLimit limit, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit.Count);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit.Window, TimeSpan.Zero);
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Limit = limit;
        count = limit.Count;
        window = limit.Window + Margin(limit.Window);
    }

    public RateLimit Limit { get; }

    /// <summary>Waits until one more action fits in the window, and records it as started.</summary>
    public async ValueTask WaitTurnAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = TryTake();
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records a start now and returns zero, or returns how long to wait before trying again.</summary>
    public TimeSpan TryTake()
    {
        lock (sync)
        {
            var now = clock.GetTimestamp();
            while (starts.Count > 0 && clock.GetElapsedTime(starts.Peek(), now) >= window)
            {
                starts.Dequeue();
            }

            if (starts.Count < count)
            {
                starts.Enqueue(now);
                return TimeSpan.Zero;
            }

            var wait = window - clock.GetElapsedTime(starts.Peek(), now);
            return wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1);
        }
    }
}
