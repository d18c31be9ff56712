using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.Wallets;

namespace Arbiter.Venues.Bithumb;

/// <summary>
/// Bithumb wallet status (REFERENCE §6). With keys: the new API's <c>GET /v1/status/wallet</c> (Upbit's shape, per
/// currency and <c>net_type</c> a <c>wallet_state</c>) with a <see cref="BithumbSigner"/> JWT. Without: the old public
/// <c>GET /public/assetsstatus/multichain/ALL</c>, <c>{"status":"0000","data":[{currency, net_type, deposit_status,
/// withdrawal_status}]}</c> with 1/0 flags; any other flag value counts as closed.
/// </summary>
public sealed class BithumbWalletClient : WalletStatusClient
{
    internal const string KeyedPath = "/v1/status/wallet";
    internal const string PublicPath = "/public/assetsstatus/multichain/ALL";

    public BithumbWalletClient(Uri baseUrl, VenueCredentials? credentials = null, TimeProvider? clock = null)
        : base(VenueId.Bithumb, baseUrl, credentials is null ? PublicPath : KeyedPath, credentials, clock)
    {
    }

    /// <summary>The JWT nonce source; tests replace it to get an exact token.</summary>
    internal Func<Guid> NewNonce { get; init; } = Guid.NewGuid;

    public override async Task<WalletFetch> FetchAsync(HttpClient http, IReadOnlyList<Asset> assets, long now, CancellationToken cancellationToken)
    {
        if (Credentials is null)
        {
            using var open = NewRequest(PublicPath);
            return await FetchSnapshotAsync(http, open, assets, now, PublicErrorOf, ParsePublic, cancellationToken).ConfigureAwait(false);
        }

        using var keyed = NewRequest(KeyedPath);
        var token = BithumbSigner.Token(Credentials.ApiKey, Credentials.ApiSecret, NewNonce(), Clock.GetUtcNow().ToUnixTimeMilliseconds(), query: null);
        keyed.Headers.Authorization = new("Bearer", token);
        return await FetchSnapshotAsync(http, keyed, assets, now, WalletStateList.ErrorOf, WalletStateList.Parse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the old public multichain list.</summary>
    internal static IReadOnlyList<AssetWallet> ParsePublic(JsonElement root, WalletCollector wanted)
    {
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("no 'data' array");
        }

        foreach (var row in data.EnumerateArray())
        {
            if (!wanted.TryMatch(WalletJson.Text(row, "currency"), out var asset))
            {
                continue;
            }

            wanted.Listed(asset);
            var netType = WalletJson.Text(row, "net_type") ?? throw new FormatException($"a {asset} row without 'net_type'");
            wanted.Add(asset, new NetworkStatus(
                NetworkNames.Unify(netType, asset),
                netType,
                WalletJson.Flag(row, "deposit_status") == true,
                WalletJson.Flag(row, "withdrawal_status") == true));
        }

        return wanted.Build();
    }

    /// <summary>The old API answers <c>{"status":"5500","message":"Invalid Parameter"}</c>; status "0000" is success.</summary>
    internal static string? PublicErrorOf(JsonElement root)
    {
        var status = WalletJson.Text(root, "status");
        return status is null or "0000" ? null : $"status {status}: {WalletJson.Text(root, "message")}";
    }
}
