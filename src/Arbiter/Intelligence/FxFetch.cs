namespace Arbiter.Intelligence;

/// <summary>The result of one FX fetch: a positive rate, or a specific error ("HTTP 503 Service Unavailable from GET …").</summary>
public sealed record FxFetch(decimal? Rate, string? Error)
{
    public static FxFetch Ok(decimal rate) => new(rate, null);

    public static FxFetch Failed(string error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
