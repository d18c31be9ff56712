using System.Diagnostics;
using Arbiter.Core;

namespace Arbiter.Fanout;

/// <summary>
/// Runs the fan-out benchmark: one server process (this one) with the real API server fed at a steady rate; for each
/// client count a baseline without clients, then <see cref="FanoutSettings.Repeat"/> alternating pairs of (N clients,
/// N clients + 1 stalled client), each with a warm-up and a measured window.
/// </summary>
public static class FanoutBenchmark
{
    /// <summary>Lead time between choosing a window and its start, so that every party knows it before it begins.</summary>
    private static readonly TimeSpan WindowLead = TimeSpan.FromMilliseconds(300);

    private static readonly TimeSpan ClientsGoneTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates a client fleet: (ws URL, reading clients, with a stalled client) → fleet.</summary>
    public delegate IClientFleet FleetFactory(Uri url, int clients, bool withStalled);

    public static async Task<IReadOnlyList<ClientCountResult>> RunAsync(FanoutSettings settings, FleetFactory fleets, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(fleets);
        ArgumentNullException.ThrowIfNull(log);
        await using var server = new ServerUnderTest(settings.Rate);
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        log.WriteLine($"server on {server.WebSocketUrl}, generator at {settings.Rate} events/s over {server.Generator.Instruments} instruments");
        var results = new List<ClientCountResult>();
        foreach (var n in settings.Clients)
        {
            var baseline = await MeasureAsync(server, settings, null, n, false, 0, log, cancellationToken).ConfigureAwait(false);
            var pairs = new List<(ScenarioResult, ScenarioResult)>();
            for (var r = 0; r < settings.Repeat; r++)
            {
                var healthy = await MeasureAsync(server, settings, fleets, n, false, 0, log, cancellationToken).ConfigureAwait(false);
                var stalled = await MeasureAsync(server, settings, fleets, n, true, r == 0 ? settings.StallWait : 0, log, cancellationToken).ConfigureAwait(false);
                pairs.Add((healthy, stalled));
            }

            results.Add(new ClientCountResult(n, baseline, pairs));
        }

        return results;
    }

    private static async Task<ScenarioResult> MeasureAsync(
        ServerUnderTest server, FanoutSettings settings, FleetFactory? fleets, int n, bool withStalled, double stallWait, TextWriter log, CancellationToken cancellationToken)
    {
        var label = fleets is null ? "baseline (no clients)" : withStalled ? $"{n} clients + 1 stalled" : $"{n} clients";
        log.WriteLine($"{label}: connecting, warm-up {settings.Warmup:0.#} s, measuring {settings.Seconds:0.#} s");
        await WaitForClientCountAsync(server, 0, cancellationToken).ConfigureAwait(false);
        var fleet = fleets?.Invoke(server.WebSocketUrl, n, withStalled);
        try
        {
            if (fleet is not null)
            {
                await fleet.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }

            var connected = Stopwatch.StartNew();
            var expected = fleet is null ? 0 : n + (withStalled ? 1 : 0);
            using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var dropWatch = WatchForDropAsync(server, expected, connected, watching.Token);

            await Task.Delay(TimeSpan.FromSeconds(settings.Warmup), cancellationToken).ConfigureAwait(false);
            var start = UnixMicros.Now(TimeProvider.System) + (long)WindowLead.TotalMicroseconds;
            var end = start + (long)(settings.Seconds * 1_000_000);
            server.Generator.BeginWindow(start, end);
            var measuring = fleet?.MeasureAsync(start, end, cancellationToken);

            await DelayUntilAsync(start, cancellationToken).ConfigureAwait(false);
            var cpuStart = ServerUnderTest.ProcessCpu();
            await DelayUntilAsync(end, cancellationToken).ConfigureAwait(false);
            var cpu = (ServerUnderTest.ProcessCpu() - cpuStart).TotalSeconds;
            await server.Generator.WaitPastAsync(end, cancellationToken).ConfigureAwait(false);
            var events = server.Generator.InWindow;
            var openedOrClosed = server.Generator.OpenedOrClosedInWindow;
            var report = measuring is null ? null : await measuring.ConfigureAwait(false);

            double? droppedAfter = null;
            if (withStalled)
            {
                var waitUntil = TimeSpan.FromSeconds(stallWait);
                while (!dropWatch.IsCompleted && connected.Elapsed < waitUntil)
                {
                    await Task.Delay(50, cancellationToken).ConfigureAwait(false);
                }

                droppedAfter = dropWatch.IsCompleted ? await dropWatch.ConfigureAwait(false) : null;
            }

            var watched = connected.Elapsed.TotalSeconds;
            await watching.CancelAsync().ConfigureAwait(false);
            await dropWatch.ConfigureAwait(false);
            var result = new ScenarioResult(n * (fleet is null ? 0 : 1), withStalled, settings.Seconds, events, openedOrClosed, cpu, report, droppedAfter, watched);
            log.WriteLine(Describe(result));
            return result;
        }
        finally
        {
            if (fleet is not null)
            {
                await fleet.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Completes with the seconds after <paramref name="connected"/> at which the hub's client count first fell below <paramref name="expected"/>, or null when cancelled first.</summary>
    private static async Task<double?> WatchForDropAsync(ServerUnderTest server, int expected, Stopwatch connected, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                if (server.ClientCount < expected)
                {
                    return connected.Elapsed.TotalSeconds;
                }

                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Waits for the previous run's connections to be gone, so that each run starts from the same server state.</summary>
    private static async Task WaitForClientCountAsync(ServerUnderTest server, int count, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (server.ClientCount != count)
        {
            if (waited.Elapsed > ClientsGoneTimeout)
            {
                throw new TimeoutException($"The server still has {server.ClientCount} WebSocket clients {ClientsGoneTimeout.TotalSeconds:F0} s after the previous run ended.");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task DelayUntilAsync(long unixMicros, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromMicroseconds(unixMicros - UnixMicros.Now(TimeProvider.System));
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Describe(ScenarioResult r)
    {
        var line = FormattableString.Invariant($"  {r.Events / r.WindowSeconds:F0} events/s, server CPU {r.CpuPercent:F1} %");
        if (r.Fleet is { } f)
        {
            line += FormattableString.Invariant($", {r.MessagesPerClientPerSecond:F0} msgs/client/s, p50 {f.P50} µs, p99 {f.P99} µs, p99.9 {f.P999} µs, max {f.Max} µs, dropped {f.Dropped}, incomplete {f.Incomplete}");
        }

        if (r.WithStalled)
        {
            line += r switch
            {
                { Fleet.Dropped: > 0 } => ", stalled client's drop not told apart (reading clients were dropped too)",
                { StalledDroppedAfterSeconds: { } s } => FormattableString.Invariant($", stalled client dropped after {s:F1} s"),
                _ => FormattableString.Invariant($", stalled client not dropped within {r.StalledWatchedSeconds:F0} s"),
            };
        }

        return line;
    }
}
