namespace Arbiter.Venues;

/// <summary>Reconnect policy of a venue connection (DESIGN §5): exponential backoff with jitter and a consecutive-failure circuit breaker.</summary>
public sealed class ConnectionResilienceOptions
{
    /// <summary>Configuration section name used in validation messages.</summary>
    public const string Section = "Resilience";

    /// <summary>Delay after the first failed attempt; doubles after each further failure.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the backoff delay before jitter.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Random extra delay as a fraction of the backoff delay: 0.25 adds 0–25 %.</summary>
    public double JitterFraction { get; set; } = 0.25;

    /// <summary>Consecutive failed attempts that open the circuit breaker.</summary>
    public int BreakerFailureThreshold { get; set; } = 10;

    /// <summary>How long the open breaker refuses attempts before letting one through (half-open).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A connection that stayed up this long counts as a success when it ends (backoff and failure count reset, immediate
    /// reconnect); one that drops sooner counts as a failure, so a venue that accepts and then drops us cannot make us spin.
    /// </summary>
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> GetValidationErrors(string section = Section)
    {
        var errors = new List<string>();
        OptionErrors.Range(errors, section + ":InitialDelay", InitialDelay, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));
        OptionErrors.Range(errors, section + ":MaxDelay", MaxDelay, InitialDelay, TimeSpan.FromDays(1));
        OptionErrors.Range(errors, section + ":JitterFraction", JitterFraction, 0, 1);

        // Polly's breaker needs a minimum throughput of at least 2 and a break of 0.5 s .. 1 day.
        OptionErrors.Range(errors, section + ":BreakerFailureThreshold", BreakerFailureThreshold, 2, 10_000);
        OptionErrors.Range(errors, section + ":BreakDuration", BreakDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
        OptionErrors.Range(errors, section + ":StableAfter", StableAfter, TimeSpan.Zero, TimeSpan.FromDays(1));
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid key.</summary>
    public void Validate(string section = Section) => OptionErrors.ThrowIfAny([.. GetValidationErrors(section)], section);
}
