namespace Arbiter.Core;

/// <summary>
/// Deposit and withdrawal status of one asset at one venue: per network when the venue gives networks, else only at
/// the asset level (Kraken's public <c>Assets</c>), which is enough to show but not to pick a transfer route.
/// </summary>
/// <param name="Asset">The asset, in Arbiter's codes (BTC, not XBT).</param>
/// <param name="Networks">One entry per network; empty when the venue publishes only the asset-level status.</param>
/// <param name="DepositOpen">Asset-level deposit status when the venue gives one (null: see the networks).</param>
/// <param name="WithdrawOpen">Asset-level withdrawal status when the venue gives one (null: see the networks).</param>
public sealed record AssetWallet(Asset Asset, IReadOnlyList<NetworkStatus> Networks, bool? DepositOpen = null, bool? WithdrawOpen = null)
{
    /// <summary>The entry for a unified network code, or null.</summary>
    public NetworkStatus? Find(string network)
    {
        foreach (var status in Networks)
        {
            if (string.Equals(status.Network, network, StringComparison.Ordinal))
            {
                return status;
            }
        }

        return null;
    }
}
