using System.Text.Json;

namespace Arbiter.Simulator;

/// <summary>
/// Binance <c>GET /sapi/v1/capital/config/getall</c> (USER_DATA, signed; REFERENCE §1 Auth.): header X-MBX-APIKEY, query with
/// <c>timestamp</c> (ms) and optional <c>recvWindow</c> (default 5000, max 60000), <c>signature</c> = hex HMAC-SHA256(secret,
/// the query without the signature parameter). Refusals as Binance: -2014/-2015 (HTTP 401), -1102, -1021, -1022 (HTTP 400).
/// </summary>
internal sealed class BinanceWalletApi(SimWallets wallets, SimulatorOptions options) : SimWalletApi(wallets, options, Path)
{
    public const string Path = "/sapi/v1/capital/config/getall";

    private protected override SimHttpResponse Answer(SimHttpRequest request)
    {
        var key = request.Header("X-MBX-APIKEY");
        if (string.IsNullOrEmpty(key))
        {
            return Error(401, -2014, "API-key format invalid.");
        }

        if (key != Options.ApiKey)
        {
            return Error(401, -2015, "Invalid API-key, IP, or permissions for action.");
        }

        var query = new QueryString(request.PathAndQuery);
        if (!TryLong(query["timestamp"], out var timestamp))
        {
            return Error(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
        }

        var signature = query["signature"];
        if (string.IsNullOrEmpty(signature))
        {
            return Error(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
        }

        var recvWindow = 5000L;
        if (query["recvWindow"] is { } rw && (!TryLong(rw, out recvWindow) || recvWindow is <= 0 or > 60_000))
        {
            return Error(400, -1131, "recvWindow must be less than 60000");
        }

        // Binance's rule: accept when timestamp < serverTime + 1000 and serverTime - timestamp <= recvWindow.
        var now = NowMillis(request);
        if (timestamp >= now + 1000 || now - timestamp > recvWindow)
        {
            return Error(400, -1021, "Timestamp for this request is outside of the recvWindow.");
        }

        if (!SimSigning.SameSignature(signature, SimSigning.HmacSha256Hex(Options.ApiSecret, WithoutSignature(request.RawQuery)), ignoreCase: true))
        {
            return Error(400, -1022, "Signature for this request is not valid.");
        }

        return Json(200, w =>
        {
            w.WriteStartArray();
            foreach (var (asset, networks) in Grouped())
            {
                w.WriteStartObject();
                w.WriteString("coin", asset);
                w.WriteBoolean("depositAllEnable", networks.Any(n => n.DepositOpen));
                w.WriteBoolean("withdrawAllEnable", networks.Any(n => n.WithdrawOpen));
                w.WriteString("name", SimWalletDefaults.AssetName(asset));
                w.WriteString("free", "0");
                w.WriteString("locked", "0");
                w.WriteString("freeze", "0");
                w.WriteString("withdrawing", "0");
                w.WriteString("ipoing", "0");
                w.WriteString("ipoable", "0");
                w.WriteString("storage", "0");
                w.WriteBoolean("isLegalMoney", false);
                w.WriteBoolean("trading", true);
                w.WriteStartArray("networkList");
                for (var i = 0; i < networks.Count; i++)
                {
                    var n = networks[i];
                    w.WriteStartObject();
                    w.WriteString("network", n.VenueNetwork);
                    w.WriteString("coin", asset);
                    w.WriteString("withdrawIntegerMultiple", "0.00000001");
                    w.WriteBoolean("isDefault", i == 0);
                    w.WriteBoolean("depositEnable", n.DepositOpen);
                    w.WriteBoolean("withdrawEnable", n.WithdrawOpen);
                    w.WriteString("depositDesc", n.DepositOpen ? "" : "Wallet Maintenance, Deposit Suspended");
                    w.WriteString("withdrawDesc", n.WithdrawOpen ? "" : "Wallet Maintenance, Withdrawal Suspended");
                    w.WriteString("specialTips", "");
                    w.WriteString("name", SimWalletDefaults.DisplayName(n.Network));
                    w.WriteBoolean("resetAddressStatus", false);
                    w.WriteString("withdrawFee", Text(n.WithdrawFee));
                    w.WriteString("withdrawMin", Text(n.WithdrawMin));
                    w.WriteString("withdrawMax", "9999999999");
                    w.WriteNumber("minConfirm", n.Confirmations);
                    w.WriteNumber("unLockConfirm", n.Confirmations);
                    w.WriteBoolean("sameAddress", false);
                    w.WriteBoolean("busy", false);
                    w.WriteString("contractAddressUrl", "");
                    w.WriteString("contractAddress", n.Contract ?? "");
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>The query as sent, without its signature parameter (Binance signs everything else, in the order sent).</summary>
    internal static string WithoutSignature(string rawQuery) =>
        string.Join('&', rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("signature=", StringComparison.Ordinal)));

    private static SimHttpResponse Error(int status, int code, string message) => Json(status, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("msg", message);
        w.WriteEndObject();
    });
}
