namespace Arbiter.Core;

/// <summary>
/// Deposit and withdrawal status of one asset on one network at one venue, as the venue published it.
/// </summary>
/// <param name="Network">The unified network code (<see cref="NetworkNames.Unify"/>): ETH, BSC, TRX, ARB, SOL, BTC …</param>
/// <param name="VenueNetwork">The network as the venue spells it (ERC20, "USDT-ERC20", "ethereum" …), for display and requests.</param>
/// <param name="DepositOpen">Deposits to this venue on this network are accepted now.</param>
/// <param name="WithdrawOpen">Withdrawals from this venue on this network are possible now.</param>
/// <param name="WithdrawFee">Fee the venue deducts per withdrawal, in units of the asset; null when the venue does not publish it.</param>
/// <param name="WithdrawMin">Smallest withdrawal, in units of the asset; null when not published.</param>
/// <param name="Confirmations">Confirmations before a deposit is credited; null when not published.</param>
/// <param name="ContractAddress">The token's contract on this network; null for a native coin or when not published.</param>
public sealed record NetworkStatus(
    string Network,
    string VenueNetwork,
    bool DepositOpen,
    bool WithdrawOpen,
    decimal? WithdrawFee = null,
    decimal? WithdrawMin = null,
    int? Confirmations = null,
    string? ContractAddress = null);
