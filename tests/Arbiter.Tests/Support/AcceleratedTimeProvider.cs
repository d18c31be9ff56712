using System.Diagnostics;

namespace Arbiter.Tests.Support;

/// <summary>
/// Real time, sped up: <see cref="GetUtcNow"/> runs <see cref="Factor"/> times faster than the wall clock from
/// <paramref name="start"/>, and every timer (Task.Delay, PeriodicTimer, CancelAfter on this provider) waits its due time
/// divided by the factor. Sockets, HTTP timeouts and the kernel stay in real time.
/// </summary>
internal sealed class AcceleratedTimeProvider(DateTimeOffset start, double factor) : TimeProvider
{
    private readonly Stopwatch elapsed = Stopwatch.StartNew();

    public double Factor { get; } = factor;

    public override DateTimeOffset GetUtcNow() => start + (elapsed.Elapsed * Factor);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new Scaled(new Timer(callback, state, Scale(dueTime), Scale(period)), this);

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : span / Factor;

    private sealed class Scaled(Timer timer, AcceleratedTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(owner.Scale(dueTime), owner.Scale(period));

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
