using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>The state of one asset on one network at one simulated venue: what its wallet endpoint publishes.</summary>
/// <param name="Asset">Asset code ("USDT").</param>
/// <param name="Network">Unified network code ("ETH").</param>
/// <param name="VenueNetwork">The venue's spelling ("USDT-ERC20" at OKX, "ethereum" at Coinbase).</param>
/// <param name="DepositOpen">Deposits accepted.</param>
/// <param name="WithdrawOpen">Withdrawals possible.</param>
/// <param name="WithdrawFee">Fee per withdrawal, in the asset.</param>
/// <param name="WithdrawMin">Smallest withdrawal.</param>
/// <param name="Confirmations">Confirmations before a deposit is credited.</param>
/// <param name="Contract">Token contract on this network; null for a native coin.</param>
public sealed record SimWalletNetwork(
    string Asset,
    string Network,
    string VenueNetwork,
    bool DepositOpen,
    bool WithdrawOpen,
    decimal WithdrawFee,
    decimal WithdrawMin,
    int Confirmations,
    string? Contract)
{
    /// <summary>The Core status the adapter should report for this entry, when the venue publishes everything.</summary>
    public NetworkStatus ToStatus() => new(Network, VenueNetwork, DepositOpen, WithdrawOpen, WithdrawFee, WithdrawMin, Confirmations, Contract);
}
