namespace Arbiter.Simulator;

/// <summary>
/// Upbit's keyed wallet endpoints (JWT, see <see cref="KrwJwtAuth"/>): <c>GET /v1/status/wallet</c> (state per asset and
/// net_type, no fee) and <c>GET /v1/withdraws/chance?currency=X&amp;net_type=Y</c> (the fee in <c>currency.withdraw_fee</c>, the
/// minimum in <c>withdraw_limit.minimum</c>). An unknown currency/net_type pair is refused with 400 <c>validation_error</c> (unconfirmed).
/// </summary>
internal sealed class UpbitWalletApi(SimWallets wallets, SimulatorOptions options) : SimWalletApi(wallets, options, StatusPath, ChancePath)
{
    public const string StatusPath = "/v1/status/wallet";
    public const string ChancePath = "/v1/withdraws/chance";

    private readonly KrwJwtAuth auth = new(options, requireTimestamp: false);

    private protected override SimHttpResponse Answer(SimHttpRequest request)
    {
        if (auth.Refuse(request) is { } refusal)
        {
            return refusal;
        }

        if (request.Path == StatusPath)
        {
            var all = Wallets.All;
            return Json(200, w => KrwWalletStatus.Write(w, all, request.NowMicros));
        }

        var query = new QueryString(request.PathAndQuery);
        var currency = query["currency"];
        var netType = query["net_type"];
        if (string.IsNullOrEmpty(currency) || string.IsNullOrEmpty(netType))
        {
            return Validation("currency and net_type are required.");
        }

        var n = Wallets.Networks(currency).FirstOrDefault(e => e.VenueNetwork == netType);
        if (n is null)
        {
            return Validation($"no {currency} wallet on net_type {netType}.");
        }

        return Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("member_level");
            w.WriteNumber("security_level", 4);
            w.WriteNumber("fee_level", 0);
            w.WriteBoolean("email_verified", true);
            w.WriteBoolean("identity_verified", true);
            w.WriteBoolean("bank_account_verified", true);
            w.WriteBoolean("two_factor_auth_verified", true);
            w.WriteBoolean("locked", false);
            w.WriteBoolean("wallet_locked", false);
            w.WriteEndObject();
            w.WriteStartObject("currency");
            w.WriteString("code", n.Asset);
            w.WriteString("withdraw_fee", Text(n.WithdrawFee));
            w.WriteBoolean("is_coin", true);
            w.WriteString("wallet_state", KrwWalletStatus.State(n));
            w.WriteStartArray("wallet_support");
            if (n.DepositOpen)
            {
                w.WriteStringValue("deposit");
            }

            if (n.WithdrawOpen)
            {
                w.WriteStringValue("withdraw");
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("account");
            w.WriteString("currency", n.Asset);
            w.WriteString("balance", "0");
            w.WriteString("locked", "0");
            w.WriteString("avg_buy_price", "0");
            w.WriteBoolean("avg_buy_price_modified", false);
            w.WriteString("unit_currency", "KRW");
            w.WriteEndObject();
            w.WriteStartObject("withdraw_limit");
            w.WriteString("currency", n.Asset);
            w.WriteString("minimum", Text(n.WithdrawMin));
            w.WriteString("onetime", "1000000");
            w.WriteString("daily", "1000000");
            w.WriteString("remaining_daily", "1000000");
            w.WriteString("remaining_daily_krw", "0");
            w.WriteNumber("fixed", 8);
            w.WriteBoolean("can_withdraw", n.WithdrawOpen);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static SimHttpResponse Validation(string message) => KrwJwtAuth.Error(400, "validation_error", message);
}
