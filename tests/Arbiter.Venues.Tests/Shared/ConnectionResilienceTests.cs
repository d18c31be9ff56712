using Arbiter.Core;
using Arbiter.Venues.Tests.TestSupport;
using Polly.CircuitBreaker;

namespace Arbiter.Venues.Tests.Shared;

public sealed class ConnectionResilienceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_TenConsecutiveFailures_BreakerOpensOnTheTenthThenHalfOpensAfterBreak()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var retries = new RetryLog();
        var resilience = new ConnectionResilience(new ConnectionResilienceOptions(), clock, new FixedRandom(0), retries.Add);
        var attempts = new AttemptLog(clock, _ => false);
        using var cts = new CancellationTokenSource();

        var run = resilience.RunAsync(static (log, _) => log.Attempt(), attempts, cts.Token);

        var expected = new[] { 1, 2, 4, 8, 16, 32, 64, 128, 256 };
        for (var i = 0; i < 9; i++)
        {
            var retry = await retries.NextAsync(Wait);
            Assert.Equal((i, TimeSpan.FromSeconds(expected[i]), false), (retry.Attempt, retry.Delay, retry.CircuitOpen));
            Assert.Equal(CircuitState.Closed, resilience.CircuitState);
            clock.Advance(retry.Delay);
        }

        var tenth = await retries.NextAsync(Wait);
        Assert.True(tenth.CircuitOpen);
        Assert.Equal(TimeSpan.FromMinutes(5), tenth.Delay);
        Assert.Equal(CircuitState.Open, resilience.CircuitState);
        Assert.Equal(10, attempts.Count);

        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(10, attempts.Count); // nothing while the breaker is open

        clock.Advance(TimeSpan.FromSeconds(1));
        var probe = await retries.NextAsync(Wait); // the half-open probe failed: open again for a full break
        Assert.Equal(11, attempts.Count);
        Assert.True(probe.CircuitOpen);
        Assert.Equal(TimeSpan.FromMinutes(5), probe.Delay);

        await cts.CancelAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        await run.WaitAsync(Wait);
    }

    [Fact]
    public async Task RunAsync_SuccessInBetween_CountsOnlyConsecutiveFailuresAndResetsBackoff()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var retries = new RetryLog();
        var resilience = new ConnectionResilience(new ConnectionResilienceOptions(), clock, new FixedRandom(0), retries.Add);
        var attempts = new AttemptLog(clock, n => n == 6); // attempts 1-5 fail, 6 succeeds, then all fail
        using var cts = new CancellationTokenSource();

        var run = resilience.RunAsync(static (log, _) => log.Attempt(), attempts, cts.Token);

        for (var i = 0; i < 5; i++)
        {
            clock.Advance((await retries.NextAsync(Wait)).Delay);
        }

        // Attempt 6 succeeded and attempt 7 started at once and failed: the backoff starts again at 1 s.
        var afterSuccess = await retries.NextAsync(Wait);
        Assert.Equal(7, attempts.Count);
        Assert.Equal((0, TimeSpan.FromSeconds(1), false), (afterSuccess.Attempt, afterSuccess.Delay, afterSuccess.CircuitOpen));
        Assert.Equal(attempts.Times[5], attempts.Times[6]);

        clock.Advance(afterSuccess.Delay);
        for (var failures = 2; failures < 10; failures++)
        {
            var retry = await retries.NextAsync(Wait);
            Assert.False(retry.CircuitOpen, $"open after {failures} consecutive failures");
            clock.Advance(retry.Delay);
        }

        Assert.True((await retries.NextAsync(Wait)).CircuitOpen); // the 10th consecutive failure
        Assert.Equal(16, attempts.Count);

        await cts.CancelAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        await run.WaitAsync(Wait);
    }

    [Fact]
    public void Validate_BadValues_MessageNamesEachKey()
    {
        var options = new ConnectionResilienceOptions
        {
            InitialDelay = TimeSpan.Zero,
            JitterFraction = 2,
            BreakerFailureThreshold = 1,
            BreakDuration = TimeSpan.FromMilliseconds(100),
        };

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Contains("Resilience:InitialDelay must be between", error.Message, StringComparison.Ordinal);
        Assert.Contains("Resilience:JitterFraction must be between 0 and 1 (was 2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Resilience:BreakerFailureThreshold must be between 2 and 10000 (was 1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Resilience:BreakDuration must be between", error.Message, StringComparison.Ordinal);
        Assert.Empty(new ConnectionResilienceOptions().GetValidationErrors());
    }

    private sealed class RetryLog
    {
        private readonly SemaphoreSlim signal = new(0);
        private readonly Queue<RetryScheduled> queue = new();

        public void Add(RetryScheduled retry)
        {
            lock (queue)
            {
                queue.Enqueue(retry);
            }

            signal.Release();
        }

        public async Task<RetryScheduled> NextAsync(TimeSpan timeout)
        {
            Assert.True(await signal.WaitAsync(timeout), "no retry was scheduled");
            lock (queue)
            {
                return queue.Dequeue();
            }
        }
    }

    private sealed class AttemptLog(TimeProvider clock, Func<int, bool> succeeds)
    {
        private readonly List<DateTimeOffset> times = [];

        public int Count
        {
            get
            {
                lock (times)
                {
                    return times.Count;
                }
            }
        }

        public IReadOnlyList<DateTimeOffset> Times
        {
            get
            {
                lock (times)
                {
                    return [.. times];
                }
            }
        }

        public ValueTask Attempt()
        {
            int n;
            lock (times)
            {
                times.Add(clock.GetUtcNow());
                n = times.Count;
            }

            return succeeds(n) ? ValueTask.CompletedTask : ValueTask.FromException(new VenueConnectionException($"attempt {n} failed"));
        }
    }
}
