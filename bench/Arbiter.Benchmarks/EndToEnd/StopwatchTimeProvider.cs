using System.Diagnostics;
using Arbiter.Core;

namespace Arbiter.Benchmarks.EndToEnd;

/// <summary>
/// A <see cref="TimeProvider"/> whose wall clock is UTC at construction plus <see cref="Stopwatch"/> elapsed time, so that
/// the ingest gate's receive stamps (<see cref="UnixMicros.Now"/>, whole microseconds) and the harness's
/// <see cref="NowMicros"/> read one monotonic high-resolution clock. Timers are the system's.
/// </summary>
internal sealed class StopwatchTimeProvider : TimeProvider
{
    private readonly long anchorUtcTicks;
    private readonly long anchorTimestamp;
    private readonly double anchorMicros;

    public StopwatchTimeProvider()
    {
        anchorUtcTicks = DateTimeOffset.UtcNow.UtcTicks;
        anchorTimestamp = Stopwatch.GetTimestamp();
        anchorMicros = (anchorUtcTicks - DateTime.UnixEpoch.Ticks) / 10.0;
    }

    public override DateTimeOffset GetUtcNow() => new(anchorUtcTicks + Stopwatch.GetElapsedTime(anchorTimestamp).Ticks, TimeSpan.Zero);

    /// <summary>Unix microseconds on the same clock as <see cref="GetUtcNow"/>, with the Stopwatch's sub-microsecond resolution.</summary>
    public double NowMicros() => anchorMicros + ((Stopwatch.GetTimestamp() - anchorTimestamp) * 1_000_000.0 / Stopwatch.Frequency);
}
