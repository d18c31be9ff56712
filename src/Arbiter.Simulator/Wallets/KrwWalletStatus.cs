using System.Text.Json;

namespace Arbiter.Simulator;

/// <summary>
/// The <c>GET /v1/status/wallet</c> body of Upbit (documented fields: currency, wallet_state working|withdraw_only|deposit_only|paused,
/// block_state, block_height, block_updated_at, block_elapsed_minutes, net_type, network_name), which Bithumb's current API
/// copies (Bithumb's field set is unconfirmed): one object per asset and network.
/// </summary>
internal static class KrwWalletStatus
{
    public static string State(SimWalletNetwork n) => (n.DepositOpen, n.WithdrawOpen) switch
    {
        (true, true) => "working",
        (false, true) => "withdraw_only",
        (true, false) => "deposit_only",
        _ => "paused",
    };

    public static void Write(Utf8JsonWriter w, IReadOnlyList<SimWalletNetwork> all, long nowMicros)
    {
        var updated = DateTimeOffset.FromUnixTimeMilliseconds(nowMicros / 1000).ToOffset(TimeSpan.FromHours(9))
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
        w.WriteStartArray();
        foreach (var n in all)
        {
            w.WriteStartObject();
            w.WriteString("currency", n.Asset);
            w.WriteString("wallet_state", State(n));
            w.WriteString("block_state", "normal");
            w.WriteNumber("block_height", 1_000_000);
            w.WriteString("block_updated_at", updated);
            w.WriteNumber("block_elapsed_minutes", 0);
            w.WriteString("net_type", n.VenueNetwork);
            w.WriteString("network_name", SimWalletDefaults.DisplayName(n.Network));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
