namespace Arbiter.Venues;

/// <summary>Exponential backoff with additive jitter: attempt n waits min(InitialDelay·2^n, MaxDelay) plus 0..JitterFraction of that.</summary>
public sealed class ReconnectBackoff
{
    private readonly ConnectionResilienceOptions options;
    private readonly Random random;
    private readonly object gate = new();

    /// <param name="options">Validated resilience options.</param>
    /// <param name="random">Source of jitter (seed it for reproducible delays); <see cref="Random.Shared"/> when null.</param>
    public ReconnectBackoff(ConnectionResilienceOptions options, Random? random = null)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.random = random ?? Random.Shared;
    }

    /// <summary>The delay before jitter for the 0-based retry <paramref name="attempt"/>.</summary>
    public TimeSpan BaseDelay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var delay = options.InitialDelay;
        var max = options.MaxDelay;
        for (var i = 0; i < attempt && delay < max; i++)
        {
            delay = delay.Ticks > max.Ticks / 2 ? max : delay * 2;
        }

        return delay < max ? delay : max;
    }

    /// <summary>The jittered delay for the 0-based retry <paramref name="attempt"/>.</summary>
    public TimeSpan Delay(int attempt)
    {
        var baseDelay = BaseDelay(attempt);
        double sample;
        lock (gate)
        {
            // Random is not thread-safe and may be shared by several connections.
            sample = random.NextDouble();
        }

        return baseDelay + TimeSpan.FromTicks((long)(baseDelay.Ticks * options.JitterFraction * sample));
    }
}
