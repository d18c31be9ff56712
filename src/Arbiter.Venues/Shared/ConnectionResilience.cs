using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Arbiter.Venues;

/// <summary>
/// The reconnect policy of one connection as a Polly pipeline: retry (outer) with the jittered exponential backoff of
/// <see cref="ReconnectBackoff"/>, around a circuit breaker that opens after N consecutive failed attempts.
/// </summary>
/// <remarks>
/// Polly v8's breaker is ratio-based. It is made consecutive-count based by asking for a failure ratio of 1.0 over a
/// minimum throughput of N within a sampling window longer than any failure streak can last, and by resetting its
/// health metrics (manual close, which clears them) after every successful attempt: so the window only ever holds the
/// failures since the last success, and it opens exactly when that count reaches N. Everything runs on the injected
/// <see cref="TimeProvider"/>, so tests can drive it with a manual clock.
/// </remarks>
public sealed class ConnectionResilience
{
    // Polly's maximum; a streak of failures spaced by at most MaxDelay·1.25 + BreakDuration never spans a day.
    private static readonly TimeSpan SamplingWindow = TimeSpan.FromDays(1);

    private readonly ReconnectBackoff backoff;
    private readonly CircuitBreakerStateProvider state = new();
    private readonly CircuitBreakerManualControl control = new();
    private readonly Action<RetryScheduled>? retryScheduled;

    /// <param name="options">Validated here.</param>
    /// <param name="clock">Drives delays and the breaker.</param>
    /// <param name="random">Jitter source; <see cref="Random.Shared"/> when null.</param>
    /// <param name="retryScheduled">Called after each failed attempt with the delay chosen.</param>
    public ConnectionResilience(ConnectionResilienceOptions options, TimeProvider clock, Random? random = null, Action<RetryScheduled>? retryScheduled = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        Options = options;
        this.retryScheduled = retryScheduled;
        backoff = new ReconnectBackoff(options, random);

        var breaker = new CircuitBreakerStrategyOptions
        {
            FailureRatio = 1.0,
            MinimumThroughput = options.BreakerFailureThreshold,
            SamplingDuration = SamplingWindow,
            BreakDuration = options.BreakDuration,
            ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is VenueConnectionException),
            StateProvider = state,
            ManualControl = control,
        };
        var retry = new RetryStrategyOptions
        {
            MaxRetryAttempts = int.MaxValue,
            ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is VenueConnectionException or BrokenCircuitException),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(NextDelay(args.AttemptNumber, args.Outcome.Exception)),
            OnRetry = args =>
            {
                this.retryScheduled?.Invoke(new RetryScheduled(args.AttemptNumber, args.RetryDelay, IsOpen, args.Outcome.Exception));
                return ValueTask.CompletedTask;
            },
        };
        Pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(retry)
            .AddCircuitBreaker(breaker)
            .Build();
    }

    public ConnectionResilienceOptions Options { get; }

    /// <summary>The pipeline; an execution is one connection attempt (connect + session) and fails with <see cref="VenueConnectionException"/>.</summary>
    public ResiliencePipeline Pipeline { get; }

    public CircuitState CircuitState => state.CircuitState;

    private bool IsOpen => state.CircuitState is CircuitState.Open or CircuitState.Isolated;

    /// <summary>
    /// Runs <paramref name="attempt"/> until cancelled: failures are retried through the pipeline, and after each success
    /// the next attempt starts at once with the backoff and failure count reset. Returns when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task RunAsync<TState>(Func<TState, CancellationToken, ValueTask> attempt, TState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Pipeline.ExecuteAsync(attempt, state, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            // A success: forget the failures before it so that the breaker counts consecutive ones only.
            await control.CloseAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private TimeSpan NextDelay(int attempt, Exception? failure)
    {
        if (failure is BrokenCircuitException { RetryAfter: { } retryAfter })
        {
            return retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.Zero;
        }

        // The failure that just opened the breaker (or a half-open probe that failed): wait for the break to end.
        return IsOpen ? Options.BreakDuration : backoff.Delay(attempt);
    }
}
