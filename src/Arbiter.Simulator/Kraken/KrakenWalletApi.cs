namespace Arbiter.Simulator;

/// <summary>
/// Kraken <c>GET /0/public/Assets[?asset=XBT,ETH]</c> (public, asset level only): <c>{"error":[],"result":{"XXBT":{"aclass":"currency",
/// "altname":"XBT",…,"status":"enabled"}}}</c>. The status is "enabled" when deposits and withdrawals are open on some network,
/// "deposit_only" / "withdrawal_only" when only one side is, else "funding_temporarily_disabled" (the non-enabled values are unconfirmed).
/// </summary>
internal sealed class KrakenWalletApi(SimWallets wallets, SimulatorOptions options) : SimWalletApi(wallets, options, Path)
{
    public const string Path = "/0/public/Assets";

    private protected override SimHttpResponse Answer(SimHttpRequest request)
    {
        var filter = Filter(new QueryString(request.PathAndQuery)["asset"]);
        return Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("error");
            w.WriteEndArray();
            w.WriteStartObject("result");
            foreach (var (asset, networks) in Grouped())
            {
                var (key, altname) = Names(asset);
                if (filter is not null && !filter.Contains(asset) && !filter.Contains(key) && !filter.Contains(altname))
                {
                    continue;
                }

                var deposit = networks.Any(n => n.DepositOpen);
                var withdraw = networks.Any(n => n.WithdrawOpen);
                w.WriteStartObject(key);
                w.WriteString("aclass", "currency");
                w.WriteString("altname", altname);
                w.WriteNumber("decimals", asset == "USDT" ? 8 : 10);
                w.WriteNumber("display_decimals", asset == "USDT" ? 4 : 5);
                w.WriteString("status", (deposit, withdraw) switch
                {
                    (true, true) => "enabled",
                    (true, false) => "deposit_only",
                    (false, true) => "withdrawal_only",
                    _ => "funding_temporarily_disabled",
                });
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary>Kraken's key and altname of an asset: BTC → XXBT/XBT, ETH → XETH/ETH, XRP → XXRP/XRP; newer assets (USDT) use the code for both.</summary>
    internal static (string Key, string Altname) Names(string asset) => asset switch
    {
        "BTC" => ("XXBT", "XBT"),
        "ETH" => ("XETH", "ETH"),
        "XRP" => ("XXRP", "XRP"),
        "LTC" => ("XLTC", "LTC"),
        _ => (asset, asset),
    };
}
