using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.Wallets;

namespace Arbiter.Venues.Upbit;

/// <summary>
/// Upbit wallet status from the keyed <c>GET /v1/status/wallet</c> (REFERENCE §5; any key, no extra permission): per
/// currency and <c>net_type</c> its <c>wallet_state</c> (working, withdraw_only, deposit_only, paused, unsupported).
/// Authorised with an <see cref="UpbitSigner"/> JWT as <c>Authorization: Bearer</c>. That endpoint has no fees or minimums:
/// with <see cref="IncludeWithdrawFees"/> they are read per network from the keyed <c>GET /v1/withdraws/chance</c>.
/// </summary>
public sealed class UpbitWalletClient : WalletStatusClient
{
    internal const string Path = "/v1/status/wallet";
    internal const string ChancePath = "/v1/withdraws/chance";
    private const string ChanceEndpoint = "GET " + ChancePath;

    /// <param name="clock">Unused: the Upbit token carries no time, only a random nonce.</param>
    public UpbitWalletClient(Uri baseUrl, VenueCredentials credentials, TimeProvider? clock = null)
        : base(VenueId.Upbit, baseUrl, Path, credentials, clock)
    {
        ArgumentNullException.ThrowIfNull(credentials);
    }

    /// <summary>The JWT nonce source; tests replace it to get an exact token.</summary>
    internal Func<Guid> NewNonce { get; init; } = Guid.NewGuid;

    /// <summary>
    /// Also read each network's withdrawal fee (<c>currency.withdraw_fee</c>) and minimum (<c>withdraw_limit.minimum</c>)
    /// from <c>GET /v1/withdraws/chance?currency=X&amp;net_type=Y</c>: one more call per network, and the key needs
    /// Upbit's withdrawal-inquiry permission. A failed call fails the whole fetch, so a missing permission is seen.
    /// </summary>
    public bool IncludeWithdrawFees { get; init; }

    public override async Task<WalletFetch> FetchAsync(HttpClient http, IReadOnlyList<Asset> assets, long now, CancellationToken cancellationToken)
    {
        var source = IncludeWithdrawFees ? Endpoint + " + " + ChanceEndpoint + " (keyed)" : Endpoint + " (keyed)";
        using var request = NewRequest(Path);
        request.Headers.Authorization = new("Bearer", UpbitSigner.Token(Keys.ApiKey, Keys.ApiSecret, NewNonce(), query: null));
        var fetch = await FetchSnapshotAsync(http, request, assets, now, WalletStateList.ErrorOf, WalletStateList.Parse, cancellationToken, source).ConfigureAwait(false);

        if (!IncludeWithdrawFees || fetch.Snapshot is null)
        {
            return fetch;
        }

        var wallets = new List<AssetWallet>(fetch.Snapshot.Assets.Count);
        foreach (var wallet in fetch.Snapshot.Assets)
        {
            var networks = new List<NetworkStatus>(wallet.Networks.Count);
            foreach (var network in wallet.Networks)
            {
                var (priced, error) = await WithChanceAsync(http, wallet.Asset, network, cancellationToken).ConfigureAwait(false);
                if (error is not null)
                {
                    return WalletFetch.Failed(error);
                }

                networks.Add(priced!);
            }

            wallets.Add(wallet with { Networks = networks });
        }

        return WalletFetch.Ok(fetch.Snapshot with { Assets = wallets });
    }

    /// <summary>The fee and minimum of <c>/v1/withdraws/chance</c>: <c>{"currency":{"withdraw_fee":"0.0005",…},"withdraw_limit":{"minimum":"0.001",…},…}</c>.</summary>
    internal static NetworkStatus ParseChance(JsonElement root, NetworkStatus network)
    {
        if (!root.TryGetProperty("currency", out var currency) || !root.TryGetProperty("withdraw_limit", out var limit))
        {
            throw new FormatException("no 'currency' or 'withdraw_limit' object");
        }

        return network with { WithdrawFee = WalletJson.Decimal(currency, "withdraw_fee"), WithdrawMin = WalletJson.Decimal(limit, "minimum") };
    }

    private async Task<(NetworkStatus? Network, string? Error)> WithChanceAsync(HttpClient http, Asset asset, NetworkStatus network, CancellationToken cancellationToken)
    {
        var query = $"currency={Uri.EscapeDataString(asset.Code)}&net_type={Uri.EscapeDataString(network.VenueNetwork)}";
        using var request = NewRequest(ChancePath + "?" + query);
        request.Headers.Authorization = new("Bearer", UpbitSigner.Token(Keys.ApiKey, Keys.ApiSecret, NewNonce(), query));
        using var reply = await SendAsync(http, request, ChanceEndpoint, WalletStateList.ErrorOf, cancellationToken).ConfigureAwait(false);
        if (reply.Error is not null)
        {
            return (null, $"{reply.Error} ({asset.Code} on {network.VenueNetwork})");
        }

        try
        {
            return (ParseChance(reply.Json!.RootElement, network), null);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException)
        {
            return (null, $"{Venue.Name()}: malformed body from {ChanceEndpoint}: {ex.Message} ({asset.Code} on {network.VenueNetwork})");
        }
    }
}
