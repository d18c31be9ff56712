using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.Wallets;

namespace Arbiter.Venues.GateIo;

/// <summary>
/// Gate.io wallet status from the public <c>GET /api/v4/wallet/currency_chains?currency=X</c>, one request per asset
/// (REFERENCE §4): per chain <c>is_disabled</c>, <c>is_deposit_disabled</c>, <c>is_withdraw_disabled</c> and the contract.
/// </summary>
/// <remarks>
/// Withdrawal fees are not set: Gate publishes them only through the keyed <c>/wallet/withdraw_status</c>. The base is the
/// venue REST base (<c>https://api.gateio.ws</c>); the <c>/api/v4</c> prefix is part of the path.
/// </remarks>
public sealed class GateIoWalletClient : WalletStatusClient
{
    internal const string Path = "/api/v4/wallet/currency_chains";

    /// <param name="credentials">Ignored: the endpoint is public.</param>
    public GateIoWalletClient(Uri baseUrl, VenueCredentials? credentials = null, TimeProvider? clock = null)
        : base(VenueId.GateIo, baseUrl, Path, credentials: null, clock)
    {
        _ = credentials;
    }

    public override async Task<WalletFetch> FetchAsync(HttpClient http, IReadOnlyList<Asset> assets, long now, CancellationToken cancellationToken)
    {
        var wanted = new WalletCollector(assets);
        foreach (var asset in wanted.Assets)
        {
            using var request = NewRequest($"{Path}?currency={Uri.EscapeDataString(asset.Code)}");
            using var reply = await SendAsync(http, request, Endpoint, ErrorOf, cancellationToken).ConfigureAwait(false);
            if (reply.Status == 400 && IsUnknownCurrency(reply.Json))
            {
                continue; // not listed at Gate: left out of the snapshot, as the contract asks
            }

            if (reply.Error is not null)
            {
                return WalletFetch.Failed($"{reply.Error} (currency {asset.Code})");
            }

            if (WalletHttp.TryParse(Venue, Endpoint, reply.Json!.RootElement, wanted, (root, collector) => Parse(root, asset, collector), out var error) is null)
            {
                return WalletFetch.Failed(error!);
            }
        }

        return WalletFetch.Ok(new WalletSnapshot(Venue, now, wanted.Build(), Endpoint));
    }

    /// <summary>Reads one currency's chain list into <paramref name="wanted"/>; an empty list leaves the asset out.</summary>
    internal static IReadOnlyList<AssetWallet> Parse(JsonElement root, Asset asset, WalletCollector wanted)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"expected an array of chains, got {root.ValueKind}");
        }

        foreach (var chain in root.EnumerateArray())
        {
            var name = WalletJson.Text(chain, "chain") ?? throw new FormatException("a chain without 'chain'");
            var disabled = WalletJson.Flag(chain, "is_disabled") != false;
            var depositOpen = !disabled && WalletJson.Flag(chain, "is_deposit_disabled") == false;
            var withdrawOpen = !disabled && WalletJson.Flag(chain, "is_withdraw_disabled") == false;
            wanted.Add(asset, new NetworkStatus(
                NetworkNames.Unify(name, asset),
                name,
                depositOpen,
                withdrawOpen,
                ContractAddress: WalletJson.Text(chain, "contract_address")));
        }

        return wanted.Build();
    }

    /// <summary>Gate errors are <c>{"label":"INVALID_CURRENCY","message":"…"}</c>.</summary>
    internal static string? ErrorOf(JsonElement root)
    {
        var label = WalletJson.Text(root, "label");
        return label is null ? null : $"{label}: {WalletJson.Text(root, "message")}";
    }

    private static bool IsUnknownCurrency(JsonDocument? json) =>
        json is not null && WalletJson.Text(json.RootElement, "label") is "INVALID_CURRENCY" or "CURRENCY_NOT_FOUND";
}
