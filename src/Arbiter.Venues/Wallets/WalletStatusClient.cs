using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues.Wallets;

/// <summary>
/// What every venue's wallet-status client has in common: the checked base URL, the keys (null for a public endpoint), the
/// clock, <see cref="Venue"/>, <see cref="RequiresKeys"/>, <see cref="Source"/> and the send-and-parse of one GET. A venue's
/// client adds only its own: the path, the signing, the body parser and the shape of its errors.
/// </summary>
public abstract class WalletStatusClient : IWalletStatusClient
{
    private readonly Uri baseUrl;
    private readonly string path;

    /// <param name="venue">The venue.</param>
    /// <param name="baseUrl">The venue REST base; checked to be an absolute http(s) URL.</param>
    /// <param name="path">The status endpoint's path, for <see cref="Source"/> and <see cref="Endpoint"/>.</param>
    /// <param name="credentials">The keys the requests are signed with; null for a public endpoint.</param>
    /// <param name="clock">The time signed requests carry; null for the system clock.</param>
    private protected WalletStatusClient(VenueId venue, Uri baseUrl, string path, VenueCredentials? credentials, TimeProvider? clock)
    {
        this.baseUrl = WalletHttp.CheckBase(baseUrl);
        this.path = path;
        Venue = venue;
        Credentials = credentials;
        Clock = clock ?? TimeProvider.System;
    }

    public VenueId Venue { get; }

    public bool RequiresKeys => Credentials is not null;

    public string Source => "GET " + WalletHttp.Url(baseUrl, path);

    /// <summary>The keys, or null when the client reads a public endpoint.</summary>
    private protected VenueCredentials? Credentials { get; }

    /// <summary>The keys of a keyed client (one whose constructor refused null keys).</summary>
    private protected VenueCredentials Keys => Credentials ?? throw new InvalidOperationException($"The {Venue.Name()} wallet client has no keys.");

    private protected TimeProvider Clock { get; }

    /// <summary>"GET /path": how error texts name the endpoint.</summary>
    private protected string Endpoint => "GET " + path;

    public abstract Task<WalletFetch> FetchAsync(HttpClient http, IReadOnlyList<Asset> assets, long now, CancellationToken cancellationToken);

    /// <summary>A GET of <paramref name="pathAndQuery"/> under the base URL.</summary>
    private protected HttpRequestMessage NewRequest(string pathAndQuery) => new(HttpMethod.Get, WalletHttp.Url(baseUrl, pathAndQuery));

    /// <summary>Sends <paramref name="request"/> to <paramref name="endpoint"/>; see <see cref="WalletHttp.SendAsync"/>.</summary>
    private protected Task<WalletReply> SendAsync(HttpClient http, HttpRequestMessage request, string endpoint, Func<JsonElement, string?> errorOf, CancellationToken cancellationToken) =>
        WalletHttp.SendAsync(http, request, Venue, endpoint, errorOf, cancellationToken);

    /// <summary>
    /// Sends <paramref name="request"/> to <see cref="Endpoint"/> and reads the status of <paramref name="assets"/> out of the
    /// answer with <paramref name="parse"/>. The snapshot's source is <paramref name="source"/>, by default the endpoint,
    /// marked "(keyed)" when the request was signed.
    /// </summary>
    private protected async Task<WalletFetch> FetchSnapshotAsync(
        HttpClient http,
        HttpRequestMessage request,
        IReadOnlyList<Asset> assets,
        long now,
        Func<JsonElement, string?> errorOf,
        Func<JsonElement, WalletCollector, IReadOnlyList<AssetWallet>> parse,
        CancellationToken cancellationToken,
        string? source = null)
    {
        var wanted = new WalletCollector(assets);
        using var reply = await SendAsync(http, request, Endpoint, errorOf, cancellationToken).ConfigureAwait(false);
        return reply.ToFetch(Venue, Endpoint, source ?? (RequiresKeys ? Endpoint + " (keyed)" : Endpoint), now, parse, wanted);
    }
}
