namespace Arbiter.Simulator;

/// <summary>Splits a request target into its path and decoded query parameters (first value wins).</summary>
internal sealed class QueryString
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public QueryString(string pathAndQuery)
    {
        var mark = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        Path = mark < 0 ? pathAndQuery : pathAndQuery[..mark];
        if (mark < 0)
        {
            return;
        }

        foreach (var pair in pathAndQuery[(mark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            values.TryAdd(key, value);
        }
    }

    public string Path { get; }

    public string? this[string key] => values.TryGetValue(key, out var value) ? value : null;
}
