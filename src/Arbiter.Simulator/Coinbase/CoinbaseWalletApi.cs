namespace Arbiter.Simulator;

/// <summary>
/// Coinbase Exchange <c>GET /currencies</c> (public; a different host in reality, served here on the Coinbase listener): per
/// asset its <c>supported_networks[]</c> with network id ("ethereum", "bitcoin", "tron"…), <c>status</c>, <c>contract_address</c>,
/// minimum and confirmations; no fee. A network has ONE status: "online" when deposits and withdrawals are both open, else
/// "offline" (the exact non-online values are unconfirmed), so a client cannot tell which side is closed.
/// </summary>
internal sealed class CoinbaseWalletApi(SimWallets wallets, SimulatorOptions options) : SimWalletApi(wallets, options, Path)
{
    public const string Path = "/currencies";

    private protected override SimHttpResponse Answer(SimHttpRequest request)
    {
        return Json(200, w =>
        {
            w.WriteStartArray();
            foreach (var (asset, networks) in Grouped())
            {
                w.WriteStartObject();
                w.WriteString("id", asset);
                w.WriteString("name", SimWalletDefaults.AssetName(asset));
                w.WriteString("min_size", "0.00000001");
                w.WriteString("status", "online");
                w.WriteString("message", "");
                w.WriteString("max_precision", "0.00000001");
                w.WriteStartArray("convertible_to");
                w.WriteEndArray();
                w.WriteStartObject("details");
                w.WriteString("type", "crypto");
                w.WriteNumber("network_confirmations", networks[0].Confirmations);
                w.WriteNumber("sort_order", 0);
                w.WriteStartArray("push_payment_methods");
                w.WriteStringValue("crypto");
                w.WriteEndArray();
                w.WriteNumberValueProperty("min_withdrawal_amount", networks[0].WithdrawMin);
                w.WriteEndObject();
                w.WriteString("default_network", networks[0].VenueNetwork);
                w.WriteStartArray("supported_networks");
                foreach (var n in networks)
                {
                    w.WriteStartObject();
                    w.WriteString("id", n.VenueNetwork);
                    w.WriteString("name", SimWalletDefaults.DisplayName(n.Network));
                    w.WriteString("status", n.DepositOpen && n.WithdrawOpen ? "online" : "offline");
                    w.WriteString("contract_address", n.Contract ?? "");
                    w.WriteString("crypto_address_link", "");
                    w.WriteString("crypto_transaction_link", "");
                    w.WriteNumberValueProperty("min_withdrawal_amount", n.WithdrawMin);
                    w.WriteNumber("max_withdrawal_amount", 1_000_000);
                    w.WriteNumber("network_confirmations", n.Confirmations);
                    w.WriteNumber("processing_time_seconds", 0);
                    w.WriteString("destination_tag_regex", "");
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }
}
