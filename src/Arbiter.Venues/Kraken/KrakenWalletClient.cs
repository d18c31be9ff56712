using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.Wallets;

namespace Arbiter.Venues.Kraken;

/// <summary>
/// Kraken asset-level funding status from the public <c>GET /0/public/Assets</c> (REFERENCE §8): no networks (those need
/// the keyed DepositMethods/WithdrawMethods), only <c>status</c>: enabled, deposit_only, withdrawal_only or
/// funding_temporarily_disabled. Kraken's XBT and XDG become BTC and DOGE.
/// </summary>
public sealed class KrakenWalletClient : WalletStatusClient
{
    internal const string Path = "/0/public/Assets";

    /// <param name="credentials">Ignored: the endpoint is public.</param>
    public KrakenWalletClient(Uri baseUrl, VenueCredentials? credentials = null, TimeProvider? clock = null)
        : base(VenueId.Kraken, baseUrl, Path, credentials: null, clock)
    {
        _ = credentials;
    }

    public override async Task<WalletFetch> FetchAsync(HttpClient http, IReadOnlyList<Asset> assets, long now, CancellationToken cancellationToken)
    {
        using var request = NewRequest(Path);
        return await FetchSnapshotAsync(http, request, assets, now, ErrorOf, Parse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Arbiter code of a Kraken altname (or of its X-prefixed key when an entry has no altname): XBT/XXBT → BTC, XDG/XXDG → DOGE, others unchanged.</summary>
    internal static string ArbiterCode(string altname) => altname switch
    {
        "XBT" or "XXBT" => "BTC",
        "XDG" or "XXDG" => "DOGE",
        _ => altname,
    };

    /// <summary>(deposit open, withdraw open) of a Kraken asset status; an unknown status counts as closed both ways.</summary>
    internal static (bool Deposit, bool Withdraw) Funding(string? status) => status switch
    {
        "enabled" => (true, true),
        "deposit_only" => (true, false),
        "withdrawal_only" => (false, true),
        _ => (false, false), // funding_temporarily_disabled and anything new
    };

    internal static IReadOnlyList<AssetWallet> Parse(JsonElement root, WalletCollector wanted)
    {
        if (!root.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("no 'result' object");
        }

        foreach (var entry in result.EnumerateObject())
        {
            var altname = WalletJson.Text(entry.Value, "altname") ?? entry.Name;
            if (!wanted.TryMatch(ArbiterCode(altname), out var asset))
            {
                continue;
            }

            var (deposit, withdraw) = Funding(WalletJson.Text(entry.Value, "status"));
            wanted.Listed(asset, deposit, withdraw);
        }

        return wanted.Build();
    }

    /// <summary>Kraken answers <c>{"error":["EGeneral:Invalid arguments"]}</c>; an empty array is success.</summary>
    internal static string? ErrorOf(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("error", out var errors)
            || errors.ValueKind != JsonValueKind.Array
            || errors.GetArrayLength() == 0)
        {
            return null;
        }

        var texts = new List<string>();
        foreach (var error in errors.EnumerateArray())
        {
            texts.Add(error.ValueKind == JsonValueKind.String ? error.GetString()! : error.GetRawText());
        }

        return string.Join("; ", texts);
    }
}
