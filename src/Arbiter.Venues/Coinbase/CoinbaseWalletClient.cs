using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.Wallets;

namespace Arbiter.Venues.Coinbase;

/// <summary>
/// Coinbase wallet status from the public Coinbase Exchange <c>GET /currencies</c> (Advanced Trade has none, REFERENCE §2):
/// per <c>supported_networks[]</c> entry its <c>status</c> ("online" = deposits and withdrawals open), minimum withdrawal,
/// confirmations and contract.
/// </summary>
/// <remarks>
/// The base is <see cref="CoinbaseOptions.ExchangeRestBaseUrl"/>. Coinbase gives one status per network, not one per
/// direction, so both directions follow it. It publishes no withdrawal fee here.
/// </remarks>
public sealed class CoinbaseWalletClient : WalletStatusClient
{
    internal const string Path = "/currencies";

    /// <param name="credentials">Ignored: the endpoint is public.</param>
    public CoinbaseWalletClient(Uri baseUrl, VenueCredentials? credentials = null, TimeProvider? clock = null)
        : base(VenueId.Coinbase, baseUrl, Path, credentials: null, clock)
    {
        _ = credentials;
    }

    public override async Task<WalletFetch> FetchAsync(HttpClient http, IReadOnlyList<Asset> assets, long now, CancellationToken cancellationToken)
    {
        using var request = NewRequest(Path);
        return await FetchSnapshotAsync(http, request, assets, now, ErrorOf, Parse, cancellationToken).ConfigureAwait(false);
    }

    internal static IReadOnlyList<AssetWallet> Parse(JsonElement root, WalletCollector wanted)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"expected an array of currencies, got {root.ValueKind}");
        }

        foreach (var currency in root.EnumerateArray())
        {
            if (!wanted.TryMatch(WalletJson.Text(currency, "id"), out var asset))
            {
                continue;
            }

            wanted.Listed(asset);
            foreach (var network in WalletJson.Array(currency, "supported_networks"))
            {
                var id = WalletJson.Text(network, "id") ?? throw new FormatException($"a {asset} network without 'id'");
                var open = WalletJson.Text(network, "status") == "online";
                wanted.Add(asset, new NetworkStatus(
                    NetworkNames.Unify(id, asset),
                    id,
                    open,
                    open,
                    WithdrawMin: WalletJson.Decimal(network, "min_withdrawal_amount"),
                    Confirmations: WalletJson.Int(network, "network_confirmations"),
                    ContractAddress: WalletJson.Text(network, "contract_address")));
            }
        }

        return wanted.Build();
    }

    /// <summary>Coinbase Exchange errors are <c>{"message":"…"}</c>.</summary>
    internal static string? ErrorOf(JsonElement root) => root.ValueKind == JsonValueKind.Object ? WalletJson.Text(root, "message") : null;
}
