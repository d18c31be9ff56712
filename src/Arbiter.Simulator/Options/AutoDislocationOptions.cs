namespace Arbiter.Simulator;

/// <summary>
/// The demo's automatic dislocations: the first <see cref="FirstAfter"/> the start, then one every
/// <see cref="Every"/>, each lasting <see cref="Length"/>, sized <see cref="MinBps"/>..<see cref="MaxBps"/>,
/// alternating Upbit/Binance every event, the sign every two events, and the asset round-robin.
/// </summary>
public sealed class AutoDislocationOptions
{
    /// <summary>Off by default, so that a plain run has no opportunities.</summary>
    public bool Enabled { get; set; }

    public TimeSpan FirstAfter { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan Every { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan Length { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Large enough that the dislocated venue's top levels cross the other venue by more than ~15 bps of fees.</summary>
    public double MinBps { get; set; } = 60;

    public double MaxBps { get; set; } = 120;
}
