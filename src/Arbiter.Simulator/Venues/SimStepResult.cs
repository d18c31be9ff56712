using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>What one simulation step sends, per venue, in order.</summary>
public sealed class SimStepResult
{
    internal SimStepResult(long nowMicros, IReadOnlyList<SimOutput> binance, IReadOnlyList<SimOutput> upbit)
    {
        NowMicros = nowMicros;
        Binance = binance;
        Upbit = upbit;
    }

    /// <summary>The step's time, unix microseconds.</summary>
    public long NowMicros { get; }

    public IReadOnlyList<SimOutput> Binance { get; }

    public IReadOnlyList<SimOutput> Upbit { get; }

    public IReadOnlyList<SimOutput> For(VenueId venue) => venue switch
    {
        VenueId.Binance => Binance,
        VenueId.Upbit => Upbit,
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "The simulator serves Binance and Upbit only."),
    };
}
