namespace Arbiter.Simulator;

/// <summary>Counts events in a sliding time window to check them against a <see cref="SimRateLimit"/>. Not thread-safe.</summary>
internal sealed class SlidingWindow
{
    private readonly Queue<long> times = new();
    private readonly SimRateLimit limit;
    private readonly long windowMicros;

    public SlidingWindow(SimRateLimit limit)
    {
        this.limit = limit;
        windowMicros = limit.Window.Ticks / 10;
    }

    /// <summary>Records an event at <paramref name="nowMicros"/>; false when it is over the limit (it is then not recorded, like a refused request).</summary>
    public bool TryAdd(long nowMicros)
    {
        while (times.Count > 0 && times.Peek() <= nowMicros - windowMicros)
        {
            times.Dequeue();
        }

        if (times.Count >= limit.Count)
        {
            return false;
        }

        times.Enqueue(nowMicros);
        return true;
    }
}
