namespace Arbiter.Simulator;

/// <summary>One deposit/withdrawal network of a simulated asset; unset values come from <see cref="SimWalletDefaults"/>.</summary>
public sealed class SimNetworkOptions
{
    /// <summary>The unified network code (as <c>NetworkNames.Unify</c> gives): "ETH", "TRX", "BSC", "ARB", "BTC" …; each venue spells it its own way.</summary>
    public string Network { get; set; } = "";

    /// <summary>The token's contract on this network; null = the default (USDT's real contracts) or none for a native coin.</summary>
    public string? Contract { get; set; }

    /// <summary>Contract per venue name ("gateio" → "0x…"), overriding <see cref="Contract"/> there: stages a ticker collision.</summary>
    public Dictionary<string, string>? VenueContracts { get; set; }

    /// <summary>Withdrawal fee in units of the asset on every venue; null = the default table (different per venue).</summary>
    public decimal? WithdrawFee { get; set; }

    /// <summary>Smallest withdrawal; null = the default table.</summary>
    public decimal? WithdrawMin { get; set; }

    /// <summary>Confirmations before a deposit is credited; null = the default table.</summary>
    public int? Confirmations { get; set; }
}
