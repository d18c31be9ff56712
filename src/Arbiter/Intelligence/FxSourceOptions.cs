using System.Globalization;

namespace Arbiter.Intelligence;

/// <summary>Where USD/KRW comes from over HTTP, bound from <c>FxSource</c>. An empty <see cref="Url"/> turns the HTTP source off.</summary>
public sealed class FxSourceOptions
{
    /// <summary>The Dunamu quote used by Upbit: a JSON array whose first element's <c>basePrice</c> is KRW per USD.</summary>
    public const string DefaultUrl = "https://quotation-api-cdn.dunamu.com/v1/forex/recent?codes=FRX.KRWUSD";

    /// <summary>GET this URL for the rate; empty = no HTTP source (the engine's derived fallback or a fixed <c>Engine:Fx:UsdKrw</c> only).</summary>
    public string Url { get; set; } = DefaultUrl;

    /// <summary>Where the number is in the response: dot-separated property names and array indexes (<c>0.basePrice</c>, <c>rates.KRW</c>).</summary>
    public string JsonPath { get; set; } = "0.basePrice";

    /// <summary>The whole request, connect to last byte.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when an HTTP source is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    /// <summary>Errors naming the key; empty when valid.</summary>
    public IEnumerable<string> Validate(string section = "FxSource")
    {
        var errors = new List<string>();
        if (Enabled && (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{section}:Url must be an absolute http(s) URL, or empty for no HTTP source (got '{Url}').");
        }

        if (Enabled && !FxJsonPath.TryParse(JsonPath, out _, out var pathError))
        {
            errors.Add($"{section}:JsonPath {pathError}");
        }

        if (Timeout < TimeSpan.FromMilliseconds(100) || Timeout > TimeSpan.FromMinutes(2))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:Timeout must be 00:00:00.100..00:02:00 (got {Timeout:c})."));
        }

        return errors;
    }
}
