using Arbiter.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arbiter.Simulator;

/// <summary>
/// Hosts the enabled simulated venues on 127.0.0.1, each on its own listener, with one pump that steps the
/// <see cref="Simulation"/> every StepInterval of the injected <see cref="TimeProvider"/> and sends each socket
/// the frames it subscribed to.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly object gate = new();
    private readonly TimeProvider time;
    private readonly SimVenueListener?[] byVenue;
    private readonly SimVenueListener[] listeners;
    private readonly ILogger logger;
    private readonly SimFxListener fxListener;
    private CancellationTokenSource? stopping;
    private Task? pump;
    private bool stopped;

    /// <summary>Validates <paramref name="options"/> and builds the simulation at the clock's current time; nothing listens before <see cref="StartAsync"/>.</summary>
    public SimulatorServer(SimulatorOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
        Simulation = new Simulation(options, UnixMicros.Now(time));
        byVenue = new SimVenueListener?[SimListings.AllVenues.Count];
        foreach (var venue in Simulation.Venues)
        {
            byVenue[(int)venue.Venue] = new SimVenueListener(venue, gate, time, options, options.For(venue.Venue).Port, this.logger);
        }

        listeners = [.. byVenue.OfType<SimVenueListener>()];
        fxListener = new SimFxListener(Simulation.Fx, time, options.FxPort);
    }

    public Simulation Simulation { get; }

    /// <summary>ws://127.0.0.1:port of the simulated Binance: append "/ws/btcusdt@depth@100ms" or "/stream?streams=…".</summary>
    public Uri BinanceWsBase => WsBase(VenueId.Binance);

    /// <summary>http://127.0.0.1:port of the simulated Binance: append "/api/v3/depth?…", "/api/v3/exchangeInfo".</summary>
    public Uri BinanceRestBase => RestBase(VenueId.Binance);

    /// <summary>ws://127.0.0.1:port of the simulated Upbit: append "/websocket/v1".</summary>
    public Uri UpbitWsBase => WsBase(VenueId.Upbit);

    /// <summary>http://127.0.0.1:port of the simulated Upbit: append "/v1/market/all", "/v1/orderbook?markets=…".</summary>
    public Uri UpbitRestBase => RestBase(VenueId.Upbit);

    /// <summary>ws://127.0.0.1:port of <paramref name="venue"/>'s listener (the venue's WebSocket paths go after it).</summary>
    public Uri WsBase(VenueId venue) => Listener(venue).WsBase ?? throw NotStarted();

    /// <summary>http://127.0.0.1:port of <paramref name="venue"/>'s listener (its REST paths and /_sim/ go after it).</summary>
    public Uri RestBase(VenueId venue) => Listener(venue).HttpBase ?? throw NotStarted();

    /// <summary>
    /// http://127.0.0.1:port of the FX quote source: append "/v1/forex/recent?codes=FRX.KRWUSD" (Dunamu's path); control with
    /// POST "/_sim/fx?down=true|false[&amp;rate=1400]" or <see cref="Simulation"/>.Fx.
    /// </summary>
    public Uri FxUrl => fxListener.HttpBase ?? throw NotStarted();

    /// <summary>The full quote URL: <see cref="FxUrl"/> + "/v1/forex/recent?codes=FRX.KRWUSD".</summary>
    public Uri FxQuoteUrl => new(FxUrl, SimFxQuote.Path + "?codes=" + SimFxQuote.UsdKrwCode);

    /// <summary>Clients disconnected because their outbox was full.</summary>
    public long SlowClientDisconnects => listeners.Sum(l => l.SlowClientDisconnects);

    /// <summary>Open WebSocket connections of <paramref name="venue"/> (0 when it is not simulated).</summary>
    public int ConnectionCount(VenueId venue) =>
        (uint)venue < (uint)byVenue.Length && byVenue[(int)venue] is { } listener ? listener.ConnectionCount : 0;

    /// <summary>Drops every open socket of every venue at once (a reconnect storm).</summary>
    public void DropAllConnections()
    {
        foreach (var listener in listeners)
        {
            listener.AbortAll();
        }
    }

    /// <summary>Binds both listeners and starts the pump.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (stopping is not null)
        {
            throw new InvalidOperationException("The simulator server was already started.");
        }

        stopping = new CancellationTokenSource();
        await Task.WhenAll(listeners.Select(l => l.StartAsync(cancellationToken)).Append(fxListener.StartAsync(cancellationToken))).ConfigureAwait(false);
        pump = Task.Run(() => PumpAsync(stopping.Token), CancellationToken.None);
        foreach (var listener in listeners)
        {
            SimulatorLog.Started(logger, listener.VenueName, listener.HttpBase!);
        }

        SimulatorLog.Started(logger, "fx", fxListener.HttpBase!);
    }

    /// <summary>Stops the pump, drops every socket and closes the listeners. A fault of the pump is rethrown here.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (stopping is null || stopped)
        {
            return;
        }

        stopped = true;
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            if (pump is not null)
            {
                await pump.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The pump ends by cancellation; any other exception is a bug and propagates.
        }
        finally
        {
            pump = null;
            await Task.WhenAll(listeners.Select(l => l.StopAsync(cancellationToken)).Append(fxListener.StopAsync(cancellationToken))).ConfigureAwait(false);
            SimulatorLog.Stopped(logger);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var listener in listeners)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        await fxListener.DisposeAsync().ConfigureAwait(false);
        stopping?.Dispose();
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Simulation.Options.StepInterval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            lock (gate)
            {
                var result = Simulation.Step(UnixMicros.Now(time));
                foreach (var listener in listeners)
                {
                    listener.Dispatch(result.For(listener.Venue));
                }
            }
        }
    }

    private SimVenueListener Listener(VenueId venue) =>
        (uint)venue < (uint)byVenue.Length && byVenue[(int)venue] is { } listener
            ? listener
            : throw new ArgumentOutOfRangeException(nameof(venue), venue, "The venue is not enabled in this simulation.");

    private static InvalidOperationException NotStarted() => new("The simulator server is not started: call StartAsync first.");
}
