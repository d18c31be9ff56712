using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// The transport-free simulator: one seeded <see cref="MarketModel"/> and the venues that publish it, stepped on
/// the caller's clock. The same options, seed and sequence of <see cref="Step"/> times give byte-identical outputs.
/// </summary>
public sealed class Simulation
{
    private readonly object stepGate = new();
    private readonly SimVenue?[] byVenue;
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
        Fx = new SimFxQuote(options.UsdKrw);
        byVenue = new SimVenue?[SimListings.AllVenues.Count];
        foreach (var venue in options.EnabledVenues)
        {
            byVenue[(int)venue] = Create(venue, Model, options, startMicros);
        }

        Venues = [.. byVenue.OfType<SimVenue>()];
    }

    public SimulatorOptions Options { get; }

    public long StartMicros { get; }

    public MarketModel Model { get; }

    /// <summary>The USD/KRW quote source (Dunamu's format): <see cref="SimFxQuote.Rate"/> and <see cref="SimFxQuote.Down"/> control it.</summary>
    public SimFxQuote Fx { get; }

    /// <summary>The simulated Binance (throws when it is not enabled).</summary>
    public BinanceSimVenue Binance => (BinanceSimVenue)Venue(VenueId.Binance);

    /// <summary>The simulated Upbit (throws when it is not enabled).</summary>
    public UpbitSimVenue Upbit => (UpbitSimVenue)Venue(VenueId.Upbit);

    /// <summary>The simulated Coinbase (throws when it is not enabled).</summary>
    public CoinbaseSimVenue Coinbase => (CoinbaseSimVenue)Venue(VenueId.Coinbase);

    /// <summary>The simulated Gate.io (throws when it is not enabled).</summary>
    public GateIoSimVenue GateIo => (GateIoSimVenue)Venue(VenueId.GateIo);

    /// <summary>The simulated Bithumb (throws when it is not enabled).</summary>
    public BithumbSimVenue Bithumb => (BithumbSimVenue)Venue(VenueId.Bithumb);

    /// <summary>The simulated Kraken (throws when it is not enabled).</summary>
    public KrakenSimVenue Kraken => (KrakenSimVenue)Venue(VenueId.Kraken);

    /// <summary>The simulated Bybit (throws when it is not enabled).</summary>
    public BybitSimVenue Bybit => (BybitSimVenue)Venue(VenueId.Bybit);

    /// <summary>The simulated OKX (throws when it is not enabled).</summary>
    public OkxSimVenue Okx => (OkxSimVenue)Venue(VenueId.Okx);

    /// <summary>The enabled venues, in <see cref="VenueId"/> order.</summary>
    public IReadOnlyList<SimVenue> Venues { get; }

    /// <summary>Time of the last step, unix microseconds.</summary>
    public long LastStepMicros => Interlocked.Read(ref lastStepMicros);

    public SimVenue Venue(VenueId venue) =>
        (uint)venue < (uint)byVenue.Length && byVenue[(int)venue] is { } simulated
            ? simulated
            : throw new ArgumentOutOfRangeException(nameof(venue), venue, "The venue is not enabled in this simulation.");

    /// <summary>True when <paramref name="venue"/> is simulated in this run.</summary>
    public bool Has(VenueId venue) => (uint)venue < (uint)byVenue.Length && byVenue[(int)venue] is not null;

    /// <summary>
    /// Advances the market one step at <paramref name="nowMicros"/> (earlier times are treated as the last step's
    /// time) and returns what each venue sends. Thread-safe: steps are serialised.
    /// </summary>
    public SimStepResult Step(long nowMicros)
    {
        lock (stepGate)
        {
            nowMicros = Math.Max(nowMicros, lastStepMicros);
            foreach (var venue in Venues)
            {
                venue.PrepareStep();
            }

            Model.Step(nowMicros);
            var outputs = new IReadOnlyList<SimOutput>?[byVenue.Length];
            foreach (var venue in Venues)
            {
                outputs[(int)venue.Venue] = venue.Publish(nowMicros);
            }

            Interlocked.Exchange(ref lastStepMicros, nowMicros);
            return new SimStepResult(nowMicros, outputs);
        }
    }

    /// <summary>Shifts <paramref name="venue"/>'s price of <paramref name="asset"/> by <paramref name="bps"/> from the last step's time for <paramref name="length"/>.</summary>
    public void Dislocate(VenueId venue, string asset, double bps, TimeSpan length) =>
        Model.Dislocate(venue, asset, bps, LastStepMicros, length.Ticks / 10);

    private static SimVenue Create(VenueId venue, MarketModel model, SimulatorOptions options, long startMicros) => venue switch
    {
        VenueId.Binance => new BinanceSimVenue(model, options, startMicros),
        VenueId.Upbit => new UpbitSimVenue(model, options, startMicros),
        VenueId.Bithumb => new BithumbSimVenue(model, options, startMicros),
        VenueId.Coinbase => new CoinbaseSimVenue(model, options, startMicros),
        VenueId.GateIo => new GateIoSimVenue(model, options, startMicros),
        VenueId.Kraken => new KrakenSimVenue(model, options, startMicros),
        VenueId.Bybit => new BybitSimVenue(model, options, startMicros),
        VenueId.Okx => new OkxSimVenue(model, options, startMicros),
        _ => throw new NotSupportedException($"The simulator has no {venue.Name()} venue yet; disable it (Simulator:{venue}:Enabled=false)."),
    };
}
