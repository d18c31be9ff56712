using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// The transport-free simulator: one seeded <see cref="MarketModel"/> and the venues that publish it, stepped on
/// the caller's clock. The same options, seed and sequence of <see cref="Step"/> times give byte-identical outputs.
/// </summary>
public sealed class Simulation
{
    private readonly object stepGate = new();
    private long lastStepMicros;

    /// <summary>Validates <paramref name="options"/> and builds the first books at <paramref name="startMicros"/> (unix microseconds).</summary>
    public Simulation(SimulatorOptions options, long startMicros)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        StartMicros = startMicros;
        lastStepMicros = startMicros;
        Model = new MarketModel(options, startMicros);
        Binance = new BinanceSimVenue(Model, options, startMicros);
        Upbit = new UpbitSimVenue(Model, options, startMicros);
        Venues = [Binance, Upbit];
    }

    public SimulatorOptions Options { get; }

    public long StartMicros { get; }

    public MarketModel Model { get; }

    public BinanceSimVenue Binance { get; }

    public UpbitSimVenue Upbit { get; }

    public IReadOnlyList<SimVenue> Venues { get; }

    /// <summary>Time of the last step, unix microseconds.</summary>
    public long LastStepMicros => Interlocked.Read(ref lastStepMicros);

    public SimVenue Venue(VenueId venue) => venue switch
    {
        VenueId.Binance => Binance,
        VenueId.Upbit => Upbit,
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "The simulator serves Binance and Upbit only."),
    };

    /// <summary>
    /// Advances the market one step at <paramref name="nowMicros"/> (earlier times are treated as the last step's
    /// time) and returns what each venue sends. Thread-safe: steps are serialised.
    /// </summary>
    public SimStepResult Step(long nowMicros)
    {
        lock (stepGate)
        {
            nowMicros = Math.Max(nowMicros, lastStepMicros);
            Binance.PrepareStep();
            Upbit.PrepareStep();
            Model.Step(nowMicros);
            var binance = Binance.Publish(nowMicros);
            var upbit = Upbit.Publish(nowMicros);
            Interlocked.Exchange(ref lastStepMicros, nowMicros);
            return new SimStepResult(nowMicros, binance, upbit);
        }
    }

    /// <summary>Shifts <paramref name="venue"/>'s price of <paramref name="asset"/> by <paramref name="bps"/> from the last step's time for <paramref name="length"/>.</summary>
    public void Dislocate(VenueId venue, string asset, double bps, TimeSpan length) =>
        Model.Dislocate(venue, asset, bps, LastStepMicros, length.Ticks / 10);
}
