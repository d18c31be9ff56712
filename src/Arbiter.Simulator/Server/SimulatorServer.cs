using Arbiter.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arbiter.Simulator;

/// <summary>
/// Hosts the simulated Binance and Upbit on 127.0.0.1, each on its own listener, with one pump that steps the
/// <see cref="Simulation"/> every StepInterval of the injected <see cref="TimeProvider"/> and sends each socket
/// the frames it subscribed to.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly object gate = new();
    private readonly TimeProvider time;
    private readonly SimVenueListener binance;
    private readonly SimVenueListener upbit;
    private readonly ILogger logger;
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
        binance = new SimVenueListener(Simulation.Binance, gate, time, options, options.BinancePort, this.logger);
        upbit = new SimVenueListener(Simulation.Upbit, gate, time, options, options.UpbitPort, this.logger);
    }

    public Simulation Simulation { get; }

    /// <summary>ws://127.0.0.1:port: append "/ws/btcusdt@depth@100ms" or "/stream?streams=…".</summary>
    public Uri BinanceWsBase => binance.WsBase ?? throw NotStarted();

    /// <summary>http://127.0.0.1:port: append "/api/v3/depth?…", "/api/v3/exchangeInfo".</summary>
    public Uri BinanceRestBase => binance.HttpBase ?? throw NotStarted();

    /// <summary>ws://127.0.0.1:port: append "/websocket/v1".</summary>
    public Uri UpbitWsBase => upbit.WsBase ?? throw NotStarted();

    /// <summary>http://127.0.0.1:port: append "/v1/market/all", "/v1/orderbook?markets=…".</summary>
    public Uri UpbitRestBase => upbit.HttpBase ?? throw NotStarted();

    /// <summary>Clients disconnected because their outbox was full.</summary>
    public long SlowClientDisconnects => binance.SlowClientDisconnects + upbit.SlowClientDisconnects;

    /// <summary>Open WebSocket connections of <paramref name="venue"/>.</summary>
    public int ConnectionCount(VenueId venue) => venue switch
    {
        VenueId.Binance => binance.ConnectionCount,
        VenueId.Upbit => upbit.ConnectionCount,
        _ => 0,
    };

    /// <summary>Binds both listeners and starts the pump.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (stopping is not null)
        {
            throw new InvalidOperationException("The simulator server was already started.");
        }

        stopping = new CancellationTokenSource();
        await Task.WhenAll(binance.StartAsync(cancellationToken), upbit.StartAsync(cancellationToken)).ConfigureAwait(false);
        pump = Task.Run(() => PumpAsync(stopping.Token), CancellationToken.None);
        SimulatorLog.Started(logger, BinanceRestBase, UpbitRestBase);
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
            await Task.WhenAll(binance.StopAsync(cancellationToken), upbit.StopAsync(cancellationToken)).ConfigureAwait(false);
            SimulatorLog.Stopped(logger);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await binance.DisposeAsync().ConfigureAwait(false);
        await upbit.DisposeAsync().ConfigureAwait(false);
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
                binance.Dispatch(result.Binance);
                upbit.Dispatch(result.Upbit);
            }
        }
    }

    private static InvalidOperationException NotStarted() => new("The simulator server is not started: call StartAsync first.");
}
