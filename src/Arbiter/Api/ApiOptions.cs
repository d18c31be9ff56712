using System.Net;

namespace Arbiter.Api;

/// <summary>Where the API and dashboard listen and who may use them.</summary>
public sealed class ApiOptions
{
    /// <summary>Listen URL. Loopback by default; any other address requires <see cref="AccessToken"/>.</summary>
    public string Url { get; set; } = "http://127.0.0.1:9001";

    /// <summary>Bearer token required on every API request and WebSocket when set (query <c>?token=</c> also accepted for the browser).</summary>
    public string? AccessToken { get; set; }

    /// <summary>Extra Origins allowed to open <c>/ws</c> (the listen origin and loopback origins always are).</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Extra Host header values accepted (loopback names always are); guards against DNS rebinding.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// How many broadcast messages the server keeps for its WebSocket clients, and so how far one may fall behind before
    /// it is dropped as too slow (closed with 1008): 65,536 is about 6 s of 10,000 events a second.
    /// </summary>
    public int ClientQueueCapacity { get; set; } = 65_536;

    /// <summary>
    /// The least time between two frames to one WebSocket client: what arrives meanwhile goes out in one frame, state
    /// messages conflated to the latest. 100 ms (10 frames a second, what a person can follow) by default; zero sends as
    /// soon as the previous frame is out (lowest latency, most frames).
    /// </summary>
    public TimeSpan ClientFlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long one WebSocket send may take before the client is dropped as stalled (a TCP window that stays shut).</summary>
    public TimeSpan ClientSendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public Uri ListenUri => new(Url);

    /// <summary>Errors naming the key; empty when valid.</summary>
    public IEnumerable<string> Validate(string section = "Api")
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.AbsolutePath != "/")
        {
            yield return $"{section}:Url must be an absolute http(s) URL with no path, like http://127.0.0.1:9001 (got '{Url}').";
            yield break;
        }

        if (!IsLoopback(uri) && string.IsNullOrWhiteSpace(AccessToken))
        {
            yield return $"{section}:AccessToken is required when {section}:Url binds a non-loopback address ('{uri.Host}'): an exposed panel without a token is refused.";
        }

        if (AccessToken is { Length: > 0 and < 16 })
        {
            yield return $"{section}:AccessToken must be at least 16 characters.";
        }

        if (ClientQueueCapacity is < 16 or > 1_000_000)
        {
            yield return $"{section}:ClientQueueCapacity must be 16..1000000 (got {ClientQueueCapacity}).";
        }

        if (ClientFlushInterval < TimeSpan.Zero || ClientFlushInterval > TimeSpan.FromSeconds(1))
        {
            yield return $"{section}:ClientFlushInterval must be 00:00:00..00:00:01 (got {ClientFlushInterval}).";
        }

        if (ClientSendTimeout < TimeSpan.FromSeconds(1) || ClientSendTimeout > TimeSpan.FromMinutes(10))
        {
            yield return $"{section}:ClientSendTimeout must be 00:00:01..00:10:00 (got {ClientSendTimeout}).";
        }
    }

    public static bool IsLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
