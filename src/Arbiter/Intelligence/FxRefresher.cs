using Arbiter.Core;

namespace Arbiter.Intelligence;

/// <summary>
/// Fetches USD/KRW from the HTTP source at start and every <c>Schedules:Fx</c>, and publishes each rate as an FX quote to
/// the engine. A failed fetch publishes nothing: the engine ages the last rate into Stale by itself.
/// </summary>
public sealed class FxRefresher
{
    private readonly HttpFxSource? source;
    private readonly HttpClient http;
    private readonly IIntelligenceInput input;
    private readonly TimeProvider clock;
    private readonly TimeSpan interval;
    private readonly string jsonPath;
    private readonly object gate = new();
    private decimal? lastRate;
    private long? lastSuccess;
    private long? lastFailure;
    private string? lastError;
    private long fetches;
    private long failures;
    private long published;

    /// <param name="source">The HTTP source, or null when none is configured (then <see cref="RunAsync"/> returns at once).</param>
    public FxRefresher(HttpFxSource? source, string jsonPath, HttpClient http, IIntelligenceInput input, TimeProvider clock, TimeSpan interval)
    {
        this.source = source;
        this.jsonPath = jsonPath ?? "";
        this.http = http ?? throw new ArgumentNullException(nameof(http));
        this.input = input ?? throw new ArgumentNullException(nameof(input));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        this.interval = interval;
    }

    public FxSourceHealth Health
    {
        get
        {
            lock (gate)
            {
                return new FxSourceHealth(source?.Url.ToString(), jsonPath, lastRate, lastSuccess, lastFailure, lastError, fetches, failures, published);
            }
        }
    }

    /// <summary>Fetches at start and every interval until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        source is null ? Task.CompletedTask : PeriodicJob.RunAsync(clock, interval, runAtStart: true, RefreshAsync, cancellationToken);

    /// <summary>One fetch; publishes the rate when it succeeds.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (source is null)
        {
            return;
        }

        var fetch = await source.FetchAsync(http, cancellationToken).ConfigureAwait(false);
        var now = UnixMicros.Now(clock);
        lock (gate)
        {
            fetches++;
            if (fetch.Rate is not { } rate)
            {
                failures++;
                lastFailure = now;
                lastError = fetch.Error;
                return;
            }

            lastRate = rate;
            lastSuccess = now;
        }

        if (input.Publish(new FxQuote(Asset.Usd, Asset.Krw, fetch.Rate.Value, now, source.Label)))
        {
            Interlocked.Increment(ref published);
        }
    }
}
