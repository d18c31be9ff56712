using System.Globalization;

namespace Arbiter.Simulator;

/// <summary>
/// OKX <c>GET /api/v5/asset/currencies[?ccy=USDT,BTC]</c> (Read permission; REFERENCE §7 Auth.): headers OK-ACCESS-KEY,
/// OK-ACCESS-SIGN = Base64(HMAC-SHA256(secret, timestamp + "GET" + path?query)), OK-ACCESS-TIMESTAMP (ISO-8601 ms UTC, within
/// 30 s of the server), OK-ACCESS-PASSPHRASE. Refusals HTTP 401 <c>{"msg":…,"code":"501xx"}</c>: 50103/50104/50106/50107 empty
/// header, 50111 key, 50105 passphrase, 50112 timestamp format, 50102 expired, 50113 sign. One <c>data</c> entry per chain
/// ("USDT-ERC20"); <c>fee</c>/<c>minFee</c>/<c>maxFee</c> all carry the fee (OKX moved from min/max to fee; the exact set is unconfirmed).
/// </summary>
internal sealed class OkxWalletApi(SimWallets wallets, SimulatorOptions options) : SimWalletApi(wallets, options, Path)
{
    public const string Path = "/api/v5/asset/currencies";

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private protected override SimHttpResponse Answer(SimHttpRequest request)
    {
        var key = request.Header("OK-ACCESS-KEY");
        var sign = request.Header("OK-ACCESS-SIGN");
        var timestamp = request.Header("OK-ACCESS-TIMESTAMP");
        var passphrase = request.Header("OK-ACCESS-PASSPHRASE");
        if (string.IsNullOrEmpty(key))
        {
            return Error("50103", "Request header OK-ACCESS-KEY cannot be empty.");
        }

        if (string.IsNullOrEmpty(passphrase))
        {
            return Error("50104", "Request header OK-ACCESS-PASSPHRASE cannot be empty.");
        }

        if (string.IsNullOrEmpty(sign))
        {
            return Error("50106", "Request header OK-ACCESS-SIGN cannot be empty.");
        }

        if (string.IsNullOrEmpty(timestamp))
        {
            return Error("50107", "Request header OK-ACCESS-TIMESTAMP cannot be empty.");
        }

        if (key != Options.ApiKey)
        {
            return Error("50111", "Invalid OK-ACCESS-KEY.");
        }

        if (passphrase != Options.ApiPassphrase)
        {
            return Error("50105", "Invalid OK-ACCESS-PASSPHRASE.");
        }

        if (!DateTimeOffset.TryParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return Error("50112", "Invalid OK-ACCESS-TIMESTAMP.");
        }

        var skew = (time.ToUnixTimeMilliseconds() * 1000) - request.NowMicros;
        if (Math.Abs(skew) > Window.Ticks / 10)
        {
            return Error("50102", "Timestamp request expired.");
        }

        if (!SimSigning.SameSignature(sign, SimSigning.HmacSha256Base64(Options.ApiSecret, timestamp + "GET" + request.PathAndQuery)))
        {
            return Error("50113", "Invalid Sign.");
        }

        var filter = Filter(new QueryString(request.PathAndQuery)["ccy"]);
        return Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("code", "0");
            w.WriteString("msg", "");
            w.WriteStartArray("data");
            foreach (var (asset, networks) in Grouped(filter))
            {
                for (var i = 0; i < networks.Count; i++)
                {
                    var n = networks[i];
                    w.WriteStartObject();
                    w.WriteString("ccy", asset);
                    w.WriteString("name", SimWalletDefaults.AssetName(asset));
                    w.WriteString("logoLink", "");
                    w.WriteString("chain", n.VenueNetwork);
                    w.WriteString("ctAddr", n.Contract ?? "");
                    w.WriteBoolean("canDep", n.DepositOpen);
                    w.WriteBoolean("canWd", n.WithdrawOpen);
                    w.WriteBoolean("canInternal", true);
                    w.WriteString("minDep", "0.00000001");
                    w.WriteString("minWd", Text(n.WithdrawMin));
                    w.WriteString("maxWd", "9999999999");
                    w.WriteString("wdTickSz", "8");
                    w.WriteString("fee", Text(n.WithdrawFee));
                    w.WriteString("minFee", Text(n.WithdrawFee));
                    w.WriteString("maxFee", Text(n.WithdrawFee));
                    w.WriteBoolean("mainNet", i == 0);
                    w.WriteBoolean("needTag", n.Network == "XRP");
                    w.WriteString("minDepArrivalConfirm", n.Confirmations.ToString(CultureInfo.InvariantCulture));
                    w.WriteString("minWdUnlockConfirm", n.Confirmations.ToString(CultureInfo.InvariantCulture));
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static SimHttpResponse Error(string code, string message) => Json(401, w =>
    {
        w.WriteStartObject();
        w.WriteString("msg", message);
        w.WriteString("code", code);
        w.WriteEndObject();
    });
}
