namespace Arbiter.Intelligence;

/// <summary>How the HTTP FX source has been doing, for <c>/api/fx</c>. Times are unix µs; null = never.</summary>
/// <param name="Url">The configured URL, or null when there is no HTTP source.</param>
/// <param name="JsonPath">Where the rate is read in the response.</param>
/// <param name="LastRate">The last rate fetched.</param>
/// <param name="LastSuccess">When the last fetch succeeded.</param>
/// <param name="LastFailure">When the last fetch failed.</param>
/// <param name="LastError">Why it failed (kept after a later success, with its time, for diagnosis).</param>
/// <param name="Fetches">Fetches attempted.</param>
/// <param name="Failures">Fetches that failed.</param>
/// <param name="Published">Quotes handed to the engine.</param>
public sealed record FxSourceHealth(
    string? Url,
    string JsonPath,
    decimal? LastRate,
    long? LastSuccess,
    long? LastFailure,
    string? LastError,
    long Fetches,
    long Failures,
    long Published);
