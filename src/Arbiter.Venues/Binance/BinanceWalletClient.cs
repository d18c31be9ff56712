using System.Globalization;
using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.Wallets;

namespace Arbiter.Venues.Binance;

/// <summary>
/// Binance wallet status from the keyed <c>GET /sapi/v1/capital/config/getall</c> (REFERENCE §1; no public equivalent):
/// per <c>networkList[]</c> entry <c>depositEnable</c>, <c>withdrawEnable</c>, <c>withdrawFee</c>, <c>withdrawMin</c>,
/// <c>minConfirm</c> and <c>contractAddress</c>. Signed with <see cref="BinanceSigner"/>, key in <c>X-MBX-APIKEY</c>.
/// </summary>
public sealed class BinanceWalletClient : WalletStatusClient
{
    internal const string Path = "/sapi/v1/capital/config/getall";
    internal const int RecvWindowMs = 5000;

    public BinanceWalletClient(Uri baseUrl, VenueCredentials credentials, TimeProvider? clock = null)
        : base(VenueId.Binance, baseUrl, Path, credentials, clock)
    {
        ArgumentNullException.ThrowIfNull(credentials);
    }

    public override async Task<WalletFetch> FetchAsync(HttpClient http, IReadOnlyList<Asset> assets, long now, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"recvWindow={RecvWindowMs}&timestamp={Clock.GetUtcNow().ToUnixTimeMilliseconds()}");
        var signature = BinanceSigner.Sign(Keys.ApiSecret, query);
        using var request = NewRequest($"{Path}?{query}&signature={signature}");
        request.Headers.Add("X-MBX-APIKEY", Keys.ApiKey);
        return await FetchSnapshotAsync(http, request, assets, now, ErrorOf, Parse, cancellationToken).ConfigureAwait(false);
    }

    internal static IReadOnlyList<AssetWallet> Parse(JsonElement root, WalletCollector wanted)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"expected an array of coins, got {root.ValueKind}");
        }

        foreach (var coin in root.EnumerateArray())
        {
            if (!wanted.TryMatch(WalletJson.Text(coin, "coin"), out var asset))
            {
                continue;
            }

            wanted.Listed(asset);
            foreach (var network in WalletJson.Array(coin, "networkList"))
            {
                var name = WalletJson.Text(network, "network") ?? throw new FormatException($"a {asset} network without 'network'");
                wanted.Add(asset, new NetworkStatus(
                    NetworkNames.Unify(name, asset),
                    name,
                    WalletJson.Flag(network, "depositEnable") == true,
                    WalletJson.Flag(network, "withdrawEnable") == true,
                    WalletJson.Decimal(network, "withdrawFee"),
                    WalletJson.Decimal(network, "withdrawMin"),
                    WalletJson.Int(network, "minConfirm"),
                    WalletJson.Text(network, "contractAddress")));
            }
        }

        return wanted.Build();
    }

    /// <summary>Binance errors are <c>{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}</c>.</summary>
    internal static string? ErrorOf(JsonElement root)
    {
        var code = WalletJson.Text(root, "code");
        return code is null ? null : $"code {code}: {WalletJson.Text(root, "msg")}";
    }
}
