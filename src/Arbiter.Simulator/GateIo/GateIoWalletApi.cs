namespace Arbiter.Simulator;

/// <summary>
/// Gate.io <c>GET /api/v4/wallet/currency_chains?currency=USDT</c> (public): one object per chain with <c>chain</c> ("ETH",
/// "ARBEVM"), names, <c>contract_address</c> and the 0/1 flags <c>is_disabled</c>, <c>is_deposit_disabled</c>,
/// <c>is_withdraw_disabled</c>; no fee (that is the keyed <c>withdraw_status</c>). A missing currency is refused with 400
/// <c>{"label":"MISSING_REQUIRED_PARAM",…}</c>; an unknown one gets <c>[]</c> (unconfirmed).
/// </summary>
internal sealed class GateIoWalletApi(SimWallets wallets, SimulatorOptions options) : SimWalletApi(wallets, options, Path)
{
    public const string Path = "/api/v4/wallet/currency_chains";

    private protected override SimHttpResponse Answer(SimHttpRequest request)
    {
        var currency = new QueryString(request.PathAndQuery)["currency"];
        if (string.IsNullOrEmpty(currency))
        {
            return Json(400, w =>
            {
                w.WriteStartObject();
                w.WriteString("label", "MISSING_REQUIRED_PARAM");
                w.WriteString("message", "Missing required parameter: currency");
                w.WriteEndObject();
            });
        }

        var networks = Wallets.Networks(currency);
        return Json(200, w =>
        {
            w.WriteStartArray();
            foreach (var n in networks)
            {
                w.WriteStartObject();
                w.WriteString("chain", n.VenueNetwork);
                w.WriteString("name_cn", SimWalletDefaults.DisplayName(n.Network));
                w.WriteString("name_en", SimWalletDefaults.DisplayName(n.Network));
                w.WriteString("contract_address", n.Contract ?? "");
                w.WriteNumber("is_disabled", !n.DepositOpen && !n.WithdrawOpen ? 1 : 0);
                w.WriteNumber("is_deposit_disabled", n.DepositOpen ? 0 : 1);
                w.WriteNumber("is_withdraw_disabled", n.WithdrawOpen ? 0 : 1);
                w.WriteString("decimal", n.Contract is null ? "8" : "6");
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }
}
