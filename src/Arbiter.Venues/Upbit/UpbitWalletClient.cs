using Arbiter.Core;
using Arbiter.Venues.Wallets;

namespace Arbiter.Venues.Upbit;

/// <summary>
/// Upbit wallet status from the keyed <c>GET /v1/status/wallet</c> (REFERENCE §5; any key, no extra permission): per
/// currency and <c>net_type</c> its <c>wallet_state</c> (working, withdraw_only, deposit_only, paused, unsupported).
/// Authorised with an <see cref="UpbitSigner"/> JWT as <c>Authorization: Bearer</c>. No fees or minimums are published there.
/// </summary>
public sealed class UpbitWalletClient : IWalletStatusClient
{
    internal const string Path = "/v1/status/wallet";
    private const string Endpoint = "GET " + Path;

    private readonly Uri baseUrl;
    private readonly VenueCredentials credentials;

    public UpbitWalletClient(Uri baseUrl, VenueCredentials credentials, TimeProvider? clock = null)
    {
        // The Upbit token carries no time, only a random nonce.
        _ = clock;
        this.baseUrl = WalletHttp.CheckBase(baseUrl);
        this.credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
    }

    public VenueId Venue => VenueId.Upbit;

    public bool RequiresKeys => true;

    public string Source => "GET " + WalletHttp.Url(baseUrl, Path);

    /// <summary>The JWT nonce source; tests replace it to get an exact token.</summary>
    internal Func<Guid> NewNonce { get; init; } = Guid.NewGuid;

    public async Task<WalletFetch> FetchAsync(HttpClient http, IReadOnlyList<Asset> assets, long now, CancellationToken cancellationToken)
    {
        var wanted = new WalletCollector(assets);
        using var request = new HttpRequestMessage(HttpMethod.Get, WalletHttp.Url(baseUrl, Path));
        request.Headers.Authorization = new("Bearer", UpbitSigner.Token(credentials.ApiKey, credentials.ApiSecret, NewNonce(), query: null));
        using var reply = await WalletHttp.SendAsync(http, request, Venue, Endpoint, WalletStateList.ErrorOf, cancellationToken).ConfigureAwait(false);
        return reply.ToFetch(Venue, Endpoint, Endpoint + " (keyed)", now, WalletStateList.Parse, wanted);
    }
}
