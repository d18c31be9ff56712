using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues.Wallets;

/// <summary>
/// The <c>GET /v1/status/wallet</c> body Upbit and Bithumb's new API share: an array of
/// <c>{currency, wallet_state, block_state, net_type, network_name, …}</c>, errors as <c>{"error":{"name","message"}}</c>.
/// </summary>
internal static class WalletStateList
{
    /// <summary>(deposit open, withdraw open) of a <c>wallet_state</c>; paused, unsupported and unknown states are closed.</summary>
    public static (bool Deposit, bool Withdraw) Funding(string? walletState) => walletState switch
    {
        "working" => (true, true),
        "withdraw_only" => (false, true),
        "deposit_only" => (true, false),
        _ => (false, false),
    };

    public static IReadOnlyList<AssetWallet> Parse(JsonElement root, WalletCollector wanted)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"expected an array of wallet states, got {root.ValueKind}");
        }

        foreach (var row in root.EnumerateArray())
        {
            if (!wanted.TryMatch(WalletJson.Text(row, "currency"), out var asset))
            {
                continue;
            }

            wanted.Listed(asset);
            var netType = WalletJson.Text(row, "net_type") ?? throw new FormatException($"a {asset} row without 'net_type'");
            var (deposit, withdraw) = Funding(WalletJson.Text(row, "wallet_state"));
            wanted.Add(asset, new NetworkStatus(NetworkNames.Unify(netType, asset), netType, deposit, withdraw));
        }

        return wanted.Build();
    }

    /// <summary>"invalid_access_key: 잘못된 엑세스 키입니다." from <c>{"error":{"name":…,"message":…}}</c>.</summary>
    public static string? ErrorOf(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return $"{WalletJson.Text(error, "name")}: {WalletJson.Text(error, "message")}";
    }
}
