using System.Globalization;
using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.Wallets;

namespace Arbiter.Venues.Bybit;

/// <summary>
/// Bybit wallet status from the keyed <c>GET /v5/asset/coin/query-info</c> (REFERENCE §3): per <c>result.rows[].chains[]</c>
/// entry <c>chainDeposit</c>/<c>chainWithdraw</c> ("1" open), <c>withdrawFee</c>, <c>withdrawMin</c>, <c>confirmation</c>
/// and <c>contractAddress</c>. Signed with <see cref="BybitSigner"/> in the <c>X-BAPI-*</c> headers.
/// </summary>
public sealed class BybitWalletClient : WalletStatusClient
{
    internal const string Path = "/v5/asset/coin/query-info";
    internal const int RecvWindowMs = 5000;

    public BybitWalletClient(Uri baseUrl, VenueCredentials credentials, TimeProvider? clock = null)
        : base(VenueId.Bybit, baseUrl, Path, credentials, clock)
    {
        ArgumentNullException.ThrowIfNull(credentials);
    }

    public override async Task<WalletFetch> FetchAsync(HttpClient http, IReadOnlyList<Asset> assets, long now, CancellationToken cancellationToken)
    {
        var timestamp = Clock.GetUtcNow().ToUnixTimeMilliseconds();

        // No query: one call returns every coin, and the signed payload is then empty.
        using var request = NewRequest(Path);
        request.Headers.Add("X-BAPI-API-KEY", Keys.ApiKey);
        request.Headers.Add("X-BAPI-TIMESTAMP", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-BAPI-RECV-WINDOW", RecvWindowMs.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-BAPI-SIGN", BybitSigner.Sign(Keys.ApiSecret, timestamp, Keys.ApiKey, RecvWindowMs, ""));
        return await FetchSnapshotAsync(http, request, assets, now, ErrorOf, Parse, cancellationToken).ConfigureAwait(false);
    }

    internal static IReadOnlyList<AssetWallet> Parse(JsonElement root, WalletCollector wanted)
    {
        if (!root.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("no 'result' object");
        }

        foreach (var row in WalletJson.Array(result, "rows"))
        {
            if (!wanted.TryMatch(WalletJson.Text(row, "coin"), out var asset))
            {
                continue;
            }

            wanted.Listed(asset);
            foreach (var chain in WalletJson.Array(row, "chains"))
            {
                var name = WalletJson.Text(chain, "chain") ?? throw new FormatException($"a {asset} chain without 'chain'");
                wanted.Add(asset, new NetworkStatus(
                    NetworkNames.Unify(name, asset),
                    name,
                    WalletJson.Flag(chain, "chainDeposit") == true,
                    WalletJson.Flag(chain, "chainWithdraw") == true,
                    WalletJson.Decimal(chain, "withdrawFee"),
                    WalletJson.Decimal(chain, "withdrawMin"),
                    WalletJson.Int(chain, "confirmation"),
                    WalletJson.Text(chain, "contractAddress")));
            }
        }

        return wanted.Build();
    }

    /// <summary>Bybit answers <c>{"retCode":10003,"retMsg":"API key is invalid.",…}</c>; retCode 0 is success.</summary>
    internal static string? ErrorOf(JsonElement root)
    {
        var code = WalletJson.Text(root, "retCode");
        return code is null or "0" ? null : $"retCode {code}: {WalletJson.Text(root, "retMsg")}";
    }
}
