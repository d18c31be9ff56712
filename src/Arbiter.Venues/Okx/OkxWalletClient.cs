using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.Wallets;

namespace Arbiter.Venues.Okx;

/// <summary>
/// OKX wallet status from the keyed <c>GET /api/v5/asset/currencies</c> (REFERENCE §7): one <c>data[]</c> row per currency
/// and chain ("USDT-ERC20") with <c>canDep</c>, <c>canWd</c>, <c>minWd</c>, <c>minDepArrivalConfirm</c> and <c>ctAddr</c>.
/// Signed with <see cref="OkxSigner"/> in the <c>OK-ACCESS-*</c> headers; the key needs its passphrase.
/// </summary>
/// <remarks>
/// Withdrawal fee: <c>fee</c>, the fixed fee OKX charges, when the row has it; otherwise <c>minFee</c>, the least fee a
/// withdrawal may carry (what a client pays when it sends the minimum), never <c>maxFee</c>.
/// </remarks>
public sealed class OkxWalletClient : WalletStatusClient
{
    internal const string Path = "/api/v5/asset/currencies";

    public OkxWalletClient(Uri baseUrl, VenueCredentials credentials, TimeProvider? clock = null)
        : base(VenueId.Okx, baseUrl, Path, credentials, clock)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (string.IsNullOrEmpty(credentials.Passphrase))
        {
            throw new ArgumentException("OKX keys need their passphrase (VenueCredentials.Passphrase).", nameof(credentials));
        }
    }

    public override async Task<WalletFetch> FetchAsync(HttpClient http, IReadOnlyList<Asset> assets, long now, CancellationToken cancellationToken)
    {
        var timestamp = OkxSigner.Timestamp(Clock.GetUtcNow());

        // No ccy filter: one call covers every currency (a filter allows at most 20), and the signed path is then bare.
        using var request = NewRequest(Path);
        request.Headers.Add("OK-ACCESS-KEY", Keys.ApiKey);
        request.Headers.Add("OK-ACCESS-SIGN", OkxSigner.Sign(Keys.ApiSecret, timestamp, "GET", Path, ""));
        request.Headers.Add("OK-ACCESS-TIMESTAMP", timestamp);
        request.Headers.Add("OK-ACCESS-PASSPHRASE", Keys.Passphrase);
        return await FetchSnapshotAsync(http, request, assets, now, ErrorOf, Parse, cancellationToken).ConfigureAwait(false);
    }

    internal static IReadOnlyList<AssetWallet> Parse(JsonElement root, WalletCollector wanted)
    {
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("no 'data' array");
        }

        foreach (var row in data.EnumerateArray())
        {
            if (!wanted.TryMatch(WalletJson.Text(row, "ccy"), out var asset))
            {
                continue;
            }

            wanted.Listed(asset);
            var chain = WalletJson.Text(row, "chain") ?? throw new FormatException($"a {asset} row without 'chain'");
            wanted.Add(asset, new NetworkStatus(
                NetworkNames.Unify(chain, asset),
                chain,
                WalletJson.Flag(row, "canDep") == true,
                WalletJson.Flag(row, "canWd") == true,
                WalletJson.Decimal(row, "fee") ?? WalletJson.Decimal(row, "minFee"),
                WalletJson.Decimal(row, "minWd"),
                WalletJson.Int(row, "minDepArrivalConfirm"),
                WalletJson.Text(row, "ctAddr")));
        }

        return wanted.Build();
    }

    /// <summary>OKX answers <c>{"code":"50113","msg":"Invalid Sign","data":[]}</c>; code "0" is success.</summary>
    internal static string? ErrorOf(JsonElement root)
    {
        var code = WalletJson.Text(root, "code");
        return code is null or "0" ? null : $"code {code}: {WalletJson.Text(root, "msg")}";
    }
}
