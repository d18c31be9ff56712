using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>A scheduled shift of one venue's price of one asset, relative to the simulation start.</summary>
public sealed class SimDislocation
{
    public VenueId Venue { get; set; } = VenueId.Upbit;

    /// <summary>Asset code, one of <see cref="SimulatorOptions.Assets"/>.</summary>
    public string Asset { get; set; } = "";

    /// <summary>Signed shift of the venue's mid in basis points (+80 = the venue is 0.8 % rich).</summary>
    public double Bps { get; set; }

    /// <summary>Offset from the simulation start.</summary>
    public TimeSpan Start { get; set; }

    public TimeSpan Length { get; set; } = TimeSpan.FromSeconds(5);
}
