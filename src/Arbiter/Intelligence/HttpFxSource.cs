using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Arbiter.Intelligence;

/// <summary>
/// USD/KRW from an HTTP quote: GET <see cref="FxSourceOptions.Url"/>, take the number at <see cref="FxSourceOptions.JsonPath"/>
/// (a JSON number or a numeric string) as an exact decimal. Every expected failure is a <see cref="FxFetch"/> with its reason.
/// </summary>
public sealed class HttpFxSource
{
    private readonly Uri url;
    private readonly FxJsonPath path;
    private readonly TimeSpan timeout;

    public HttpFxSource(FxSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            throw new ArgumentException("FxSource:Url is empty: there is no HTTP FX source.", nameof(options));
        }

        url = new Uri(options.Url);
        path = FxJsonPath.Parse(options.JsonPath);
        timeout = options.Timeout;
    }

    public Uri Url => url;

    /// <summary>"http: https://…", the source label of the quotes it gives.</summary>
    public string Label => $"http: {url}";

    public async Task<FxFetch> FetchAsync(HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        byte[] body;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return FxFetch.Failed(string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from GET {url}"));
            }

            body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FxFetch.Failed(string.Create(CultureInfo.InvariantCulture, $"timeout after {timeout.TotalSeconds:0.###} s from GET {url}"));
        }
        catch (HttpRequestException ex)
        {
            return FxFetch.Failed($"GET {url} failed: {ex.Message}");
        }

        return Parse(body);
    }

    /// <summary>The rate in <paramref name="body"/>, or why there is none.</summary>
    public FxFetch Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            return FxFetch.Failed($"malformed JSON from GET {url}: {ex.Message}");
        }

        using (document)
        {
            if (!path.TryFind(document.RootElement, out var element, out var error))
            {
                return FxFetch.Failed($"no rate at '{path}' in the response of GET {url}: {error}");
            }

            decimal rate;
            switch (element.ValueKind)
            {
                case JsonValueKind.Number when TryDecimal(element.GetRawText(), out rate):
                case JsonValueKind.String when TryDecimal(element.GetString(), out rate):
                    break;
                default:
                    return FxFetch.Failed($"'{path}' in the response of GET {url} is not a number: {Shorten(element.GetRawText())}");
            }

            return rate > 0m
                ? FxFetch.Ok(rate)
                : FxFetch.Failed($"'{path}' in the response of GET {url} is {rate.ToString(CultureInfo.InvariantCulture)}; a rate must be positive");
        }
    }

    private static bool TryDecimal(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
