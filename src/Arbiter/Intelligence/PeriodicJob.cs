namespace Arbiter.Intelligence;

/// <summary>Runs one piece of work every interval on an injected clock until cancelled (a <see cref="PeriodicTimer"/> loop).</summary>
internal static class PeriodicJob
{
    /// <summary>Runs <paramref name="work"/> once at start when <paramref name="runAtStart"/>, then every <paramref name="interval"/>; returns when cancelled.</summary>
    public static async Task RunAsync(TimeProvider clock, TimeSpan interval, bool runAtStart, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            // The timer exists before the first run, so a run longer than the interval does not shift the schedule.
            using var timer = new PeriodicTimer(interval, clock);
            if (runAtStart)
            {
                await work(cancellationToken).ConfigureAwait(false);
            }

            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await work(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
