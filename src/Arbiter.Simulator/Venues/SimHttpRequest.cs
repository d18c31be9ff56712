namespace Arbiter.Simulator;

/// <summary>A transport-free HTTP request to a simulated venue: method, target, headers (names case-insensitive) and the server's clock.</summary>
/// <param name="Method">"GET", "POST" …</param>
/// <param name="PathAndQuery">The request target as sent, e.g. "/sapi/v1/capital/config/getall?timestamp=…&amp;signature=…".</param>
/// <param name="Headers">Request headers; keys compare case-insensitively when built with <see cref="Get"/>.</param>
/// <param name="NowMicros">The server's time, unix microseconds (timestamp windows are checked against it).</param>
public sealed record SimHttpRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, long NowMicros)
{
    /// <summary>A GET of <paramref name="pathAndQuery"/> with <paramref name="headers"/> (pairs of name and value).</summary>
    public static SimHttpRequest Get(string pathAndQuery, long nowMicros, params (string Name, string Value)[] headers)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            map[name] = value;
        }

        return new SimHttpRequest("GET", pathAndQuery, map, nowMicros);
    }

    /// <summary>The header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The raw query string after '?', or "" (as sent, not decoded: signatures cover these bytes).</summary>
    public string RawQuery
    {
        get
        {
            var mark = PathAndQuery.IndexOf('?', StringComparison.Ordinal);
            return mark < 0 ? "" : PathAndQuery[(mark + 1)..];
        }
    }

    /// <summary>The path without the query.</summary>
    public string Path
    {
        get
        {
            var mark = PathAndQuery.IndexOf('?', StringComparison.Ordinal);
            return mark < 0 ? PathAndQuery : PathAndQuery[..mark];
        }
    }
}
