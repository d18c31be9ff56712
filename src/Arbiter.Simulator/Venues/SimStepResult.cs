using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>What one simulation step sends, per venue, in order.</summary>
public sealed class SimStepResult
{
    private readonly IReadOnlyList<SimOutput>?[] byVenue;

    internal SimStepResult(long nowMicros, IReadOnlyList<SimOutput>?[] byVenue)
    {
        NowMicros = nowMicros;
        this.byVenue = byVenue;
    }

    /// <summary>The step's time, unix microseconds.</summary>
    public long NowMicros { get; }

    public IReadOnlyList<SimOutput> Binance => For(VenueId.Binance);

    public IReadOnlyList<SimOutput> Upbit => For(VenueId.Upbit);

    public IReadOnlyList<SimOutput> Coinbase => For(VenueId.Coinbase);

    public IReadOnlyList<SimOutput> GateIo => For(VenueId.GateIo);

    public IReadOnlyList<SimOutput> Kraken => For(VenueId.Kraken);
    public IReadOnlyList<SimOutput> Bybit => For(VenueId.Bybit);

    public IReadOnlyList<SimOutput> Bithumb => For(VenueId.Bithumb);

    /// <summary>The outputs of <paramref name="venue"/>; throws when the venue is not enabled in this simulation.</summary>
    public IReadOnlyList<SimOutput> For(VenueId venue) =>
        (uint)venue < (uint)byVenue.Length && byVenue[(int)venue] is { } outputs
            ? outputs
            : throw new ArgumentOutOfRangeException(nameof(venue), venue, "The venue is not enabled in this simulation.");
}
