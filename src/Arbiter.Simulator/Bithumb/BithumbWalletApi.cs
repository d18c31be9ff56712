namespace Arbiter.Simulator;

/// <summary>
/// Bithumb's wallet endpoints: public <c>GET /public/assetsstatus/multichain/{ALL|currency}</c> of the old API
/// (<c>{"status":"0000","data":[{"currency","net_type","deposit_status":1,"withdrawal_status":1}]}</c>; field list unconfirmed,
/// REFERENCE §6), and keyed <c>GET /v1/status/wallet</c> of the current API (JWT HS256 with timestamp, see <see cref="KrwJwtAuth"/>;
/// body as Upbit's, see <see cref="KrwWalletStatus"/>). Neither carries fees.
/// </summary>
internal sealed class BithumbWalletApi(SimWallets wallets, SimulatorOptions options) : SimWalletApi(wallets, options, StatusPath)
{
    public const string PublicPrefix = "/public/assetsstatus/multichain/";
    public const string StatusPath = "/v1/status/wallet";

    private readonly KrwJwtAuth auth = new(options, requireTimestamp: true);

    /// <summary>The keyed status path, or the public path with any currency after its prefix.</summary>
    private protected override bool Serves(string path) => base.Serves(path) || path.StartsWith(PublicPrefix, StringComparison.Ordinal);

    private protected override SimHttpResponse Answer(SimHttpRequest request)
    {
        if (request.Path == StatusPath)
        {
            if (auth.Refuse(request) is { } refusal)
            {
                return refusal;
            }

            var all = Wallets.All;
            return Json(200, w => KrwWalletStatus.Write(w, all, request.NowMicros));
        }

        var which = request.Path[PublicPrefix.Length..].ToUpperInvariant();
        var networks = which == "ALL" ? Wallets.All : Wallets.Networks(which);
        if (networks.Count == 0)
        {
            // The old API's "unknown currency" answer (status 5500 "Invalid Parameter"; unconfirmed for this path).
            return Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("status", "5500");
                w.WriteString("message", "Invalid Parameter");
                w.WriteEndObject();
            });
        }

        return Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "0000");
            w.WriteStartArray("data");
            foreach (var n in networks)
            {
                w.WriteStartObject();
                w.WriteString("currency", n.Asset);
                w.WriteString("net_type", n.VenueNetwork);
                w.WriteNumber("deposit_status", n.DepositOpen ? 1 : 0);
                w.WriteNumber("withdrawal_status", n.WithdrawOpen ? 1 : 0);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
