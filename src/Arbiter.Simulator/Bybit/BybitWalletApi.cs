namespace Arbiter.Simulator;

/// <summary>
/// Bybit <c>GET /v5/asset/coin/query-info[?coin=X]</c> (signed; REFERENCE §3 Auth.): headers X-BAPI-API-KEY, X-BAPI-TIMESTAMP (ms),
/// X-BAPI-RECV-WINDOW (default 5000), X-BAPI-SIGN = hex HMAC-SHA256(secret, timestamp + apiKey + recvWindow + queryString); the
/// timestamp must satisfy server − recvWindow ≤ ts &lt; server + 1000. Refusals: retCode 10003 (key) and 10004 (sign) with HTTP 401,
/// 10002 (time window) with HTTP 200 — the HTTP statuses are unconfirmed (pybit reports 401 for a bad key).
/// Chains: <c>chain</c> is the code ("ETH", "ARBI"), <c>chainType</c> the display name; <c>chainDeposit/chainWithdraw</c> "1"/"0".
/// </summary>
internal sealed class BybitWalletApi(SimWallets wallets, SimulatorOptions options) : SimWalletApi(wallets, options, Path)
{
    public const string Path = "/v5/asset/coin/query-info";

    private protected override SimHttpResponse Answer(SimHttpRequest request)
    {
        var now = NowMillis(request);
        var key = request.Header("X-BAPI-API-KEY");
        if (string.IsNullOrEmpty(key) || key != Options.ApiKey)
        {
            return Error(401, 10003, "API key is invalid.", now);
        }

        var recvText = request.Header("X-BAPI-RECV-WINDOW") ?? "5000";
        if (!TryLong(request.Header("X-BAPI-TIMESTAMP"), out var timestamp) || !TryLong(recvText, out var recvWindow) || recvWindow <= 0)
        {
            return Error(200, 10002, "invalid request, please check your server timestamp or recv_window param", now);
        }

        if (timestamp < now - recvWindow || timestamp >= now + 1000)
        {
            return Error(200, 10002, $"invalid request, please check your server timestamp or recv_window param. req_timestamp[{timestamp}],server_timestamp[{now}],recv_window[{recvWindow}]", now);
        }

        var expected = SimSigning.HmacSha256Hex(Options.ApiSecret, request.Header("X-BAPI-TIMESTAMP") + key + recvText + request.RawQuery);
        if (!SimSigning.SameSignature(request.Header("X-BAPI-SIGN"), expected, ignoreCase: true))
        {
            return Error(401, 10004, "error sign! please check your signature generation algorithm.", now);
        }

        var filter = Filter(new QueryString(request.PathAndQuery)["coin"]);
        return Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("retCode", 0);
            w.WriteString("retMsg", "");
            w.WriteStartObject("result");
            w.WriteStartArray("rows");
            foreach (var (asset, networks) in Grouped(filter))
            {
                w.WriteStartObject();
                w.WriteString("name", asset);
                w.WriteString("coin", asset);
                w.WriteString("remainAmount", "1000000");
                w.WriteStartArray("chains");
                foreach (var n in networks)
                {
                    w.WriteStartObject();
                    w.WriteString("chainType", SimWalletDefaults.DisplayName(n.Network));
                    w.WriteString("confirmation", n.Confirmations.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    w.WriteString("withdrawFee", Text(n.WithdrawFee));
                    w.WriteString("depositMin", "0");
                    w.WriteString("withdrawMin", Text(n.WithdrawMin));
                    w.WriteString("chain", n.VenueNetwork);
                    w.WriteString("chainDeposit", n.DepositOpen ? "1" : "0");
                    w.WriteString("chainWithdraw", n.WithdrawOpen ? "1" : "0");
                    w.WriteString("minAccuracy", "8");
                    w.WriteString("withdrawPercentageFee", "0");
                    w.WriteString("contractAddress", n.Contract ?? "");
                    w.WriteString("safeConfirmNumber", n.Confirmations.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("retExtInfo");
            w.WriteEndObject();
            w.WriteNumber("time", now);
            w.WriteEndObject();
        });
    }

    private static SimHttpResponse Error(int status, int code, string message, long now) => Json(status, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("retCode", code);
        w.WriteString("retMsg", message);
        w.WriteStartObject("result");
        w.WriteEndObject();
        w.WriteStartObject("retExtInfo");
        w.WriteEndObject();
        w.WriteNumber("time", now);
        w.WriteEndObject();
    });
}
