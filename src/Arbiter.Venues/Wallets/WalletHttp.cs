using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues.Wallets;

/// <summary>
/// Sends one wallet-status request and turns every expected failure (no connection, timeout, non-2xx, a venue error code
/// in a 200 body, a body that is not JSON) into a specific error text; only the caller's cancellation is thrown.
/// </summary>
/// <remarks>Error texts name the method and path only: queries carry signatures, and headers carry keys.</remarks>
internal static class WalletHttp
{
    private const int QuotedBodyLength = 200;

    /// <summary>Sent on every request: Coinbase refuses requests without a User-Agent.</summary>
    public static readonly ProductInfoHeaderValue UserAgent = new("Arbiter", "1.0");

    /// <summary>
    /// Sends <paramref name="request"/>. <paramref name="venueError"/> reads the venue's error message out of a JSON body
    /// (null when the body is not an error); it is used for the message of a non-2xx answer and to detect a 200 that is an error.
    /// </summary>
    public static async Task<WalletReply> SendAsync(
        HttpClient http,
        HttpRequestMessage request,
        VenueId venue,
        string endpoint,
        Func<JsonElement, string?> venueError,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        request.Headers.UserAgent.Add(UserAgent);
        var name = venue.Name();
        byte[] body;
        int status;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout surfaces as a cancellation the caller did not ask for.
            return new WalletReply(0, null, $"{name}: {endpoint} timed out after {http.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            return new WalletReply(0, null, $"{name}: {endpoint} failed: {ex.Message}");
        }

        var json = TryParseJson(body);
        if (status is < 200 or > 299)
        {
            var message = (json is null ? null : ReadError(venueError, json.RootElement)) ?? Quote(body);
            return new WalletReply(status, json, $"{name}: HTTP {status} from {endpoint}: {message}");
        }

        if (json is null)
        {
            return new WalletReply(status, null, $"{name}: malformed JSON from {endpoint}: {Quote(body)}");
        }

        var error = ReadError(venueError, json.RootElement);
        return error is null
            ? new WalletReply(status, json, null)
            : new WalletReply(status, json, $"{name}: error from {endpoint}: {error}");
    }

    /// <summary>Runs a body parser; a body of unexpected shape gives null and "venue: malformed body from GET …: why".</summary>
    public static IReadOnlyList<AssetWallet>? TryParse(
        VenueId venue,
        string endpoint,
        JsonElement root,
        WalletCollector wanted,
        Func<JsonElement, WalletCollector, IReadOnlyList<AssetWallet>> parse,
        out string? error)
    {
        try
        {
            error = null;
            return parse(root, wanted);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException or KeyNotFoundException)
        {
            error = $"{venue.Name()}: malformed body from {endpoint}: {ex.Message}";
            return null;
        }
    }

    /// <summary>The request URL: <paramref name="baseUrl"/> (any path kept, no trailing '/') + <paramref name="pathAndQuery"/>.</summary>
    public static string Url(Uri baseUrl, string pathAndQuery) => baseUrl.AbsoluteUri.TrimEnd('/') + pathAndQuery;

    /// <summary>Throws for a base that is not an absolute http(s) URL (bad configuration).</summary>
    public static Uri CheckBase(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The wallet-status base URL must be an absolute http(s) URL (was '{baseUrl}').", nameof(baseUrl));
        }

        return baseUrl;
    }

    private static string? ReadError(Func<JsonElement, string?> venueError, JsonElement root)
    {
        try
        {
            return venueError(root);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            return null; // an error field of an odd type: the body parser reports the shape
        }
    }

    private static JsonDocument? TryParseJson(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null; // reported by the caller as a malformed body or quoted in the HTTP error
        }
    }

    private static string Quote(byte[] body)
    {
        if (body.Length == 0)
        {
            return "(empty body)";
        }

        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, QuotedBodyLength)).ReplaceLineEndings(" ");
        return body.Length > QuotedBodyLength ? text + "…" : text;
    }
}
