using System.Diagnostics;

namespace Arbiter.Fanout;

/// <summary>
/// The client side of the benchmark, in the current process: <c>count</c> reading clients and optionally one stalled
/// client on the server's <c>/ws</c>. The <c>clients</c> command runs one in a child process; the test runs one in-process.
/// </summary>
public sealed class ClientFleet : IClientFleet
{
    private const int ConnectParallelism = 32;
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(200);

    private readonly Uri url;
    private readonly int count;
    private readonly bool withStalled;
    private readonly TimeSpan connectTimeout;
    private readonly TimeSpan drainTimeout;
    private readonly MeasureWindow window = new();
    private readonly List<FleetClient> healthy = [];
    private readonly List<Task> loops = [];
    private readonly CancellationTokenSource stopping = new();
    private FleetClient? stalled;

    /// <param name="url">The server's <c>ws://…/ws</c>.</param>
    /// <param name="count">Reading clients (1..100,000).</param>
    /// <param name="withStalled">Adds one client that reads only the snapshot.</param>
    /// <param name="connectTimeout">For connecting every client and receiving every snapshot.</param>
    /// <param name="drainTimeout">After the window's end, how long to wait for every client to read past it.</param>
    public ClientFleet(Uri url, int count, bool withStalled, TimeSpan connectTimeout, TimeSpan drainTimeout)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 100_000);
        this.url = url;
        this.count = count;
        this.withStalled = withStalled;
        this.connectTimeout = connectTimeout;
        this.drainTimeout = drainTimeout;
    }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(connectTimeout);
        using var gate = new SemaphoreSlim(ConnectParallelism);
        var clients = new List<FleetClient>(count + 1);
        for (var i = 0; i < count; i++)
        {
            clients.Add(new FleetClient(window, stalled: false));
        }

        healthy.AddRange(clients);
        if (withStalled)
        {
            stalled = new FleetClient(window, stalled: true);
            clients.Add(stalled);
        }

        try
        {
            await Task.WhenAll(clients.Select(async client =>
            {
                await gate.WaitAsync(deadline.Token).ConfigureAwait(false);
                try
                {
                    await client.ConnectAsync(url, deadline.Token).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }

                lock (loops)
                {
                    loops.Add(Task.Run(() => client.RunAsync(stopping.Token), CancellationToken.None));
                }
            })).ConfigureAwait(false);

            // A client the server drops already (too slow) is a result, reported with the measurement, not a failure.
            while (!clients.TrueForAll(c => c.SnapshotReceived || c.DropReason is not null))
            {
                await Task.Delay(10, deadline.Token).ConfigureAwait(false);
            }

            if (healthy.TrueForAll(c => c.DropReason is not null))
            {
                throw new InvalidOperationException($"Every client lost its connection before its snapshot: {healthy[0].DropReason}");
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var connected = clients.Count(c => c.SnapshotReceived);
            throw new TimeoutException($"Connecting {clients.Count} clients to {url} timed out after {connectTimeout.TotalSeconds:F0} s ({connected} had their snapshot).");
        }
        catch (System.Net.WebSockets.WebSocketException ex)
        {
            throw new InvalidOperationException($"Connecting to {url} failed: {ex.Message}", ex);
        }
    }

    public async Task<FleetReport> MeasureAsync(long start, long end, CancellationToken cancellationToken)
    {
        window.Set(start, end);
        var endWallClock = DateTimeOffset.FromUnixTimeMilliseconds(end / 1000);
        var untilEnd = endWallClock - DateTimeOffset.UtcNow;
        if (untilEnd > TimeSpan.Zero)
        {
            await Task.Delay(untilEnd, cancellationToken).ConfigureAwait(false);
        }

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < drainTimeout && !healthy.TrueForAll(c => c.ReachedEnd || c.DropReason is not null))
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }

        // Conflation replaces a pending message in place with newer content, so a client can read a message stamped
        // after the window's end just before one stamped inside it: give such stragglers a moment.
        await Task.Delay(SettleTime, cancellationToken).ConfigureAwait(false);
        return Report();
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        foreach (var client in healthy)
        {
            client.Abort();
        }

        stalled?.Abort();
        Task[] running;
        lock (loops)
        {
            running = [.. loops];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        foreach (var client in healthy)
        {
            client.Dispose();
        }

        stalled?.Dispose();
        stopping.Dispose();
    }

    /// <summary>Sums the reading clients' counts and merges their histograms (the clients' loops keep running: the counters are read as they are).</summary>
    private FleetReport Report()
    {
        var merged = new LatencyHistogram();
        long total = 0, receivedMin = long.MaxValue, receivedMax = 0, ocMin = long.MaxValue, ocMax = 0;
        long frames = 0, batches = 0, malformed = 0, badTimes = 0, negative = 0, errors = 0;
        int snapshots = 0, dropped = 0, incomplete = 0;
        var reasons = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var c in healthy)
        {
            merged.Add(c.Latencies);
            total += c.Received;
            receivedMin = Math.Min(receivedMin, c.Received);
            receivedMax = Math.Max(receivedMax, c.Received);
            ocMin = Math.Min(ocMin, c.OpenedOrClosed);
            ocMax = Math.Max(ocMax, c.OpenedOrClosed);
            frames += c.Frames;
            batches += c.BatchFrames;
            malformed += c.MalformedFrames;
            badTimes += c.BadTimes;
            negative += c.NegativeLatencies;
            errors += c.ErrorMessages;
            snapshots += c.SnapshotReceived ? 1 : 0;
            if (c.DropReason is { } reason)
            {
                dropped++;
                reasons.Add(reason);
            }
            else if (!c.ReachedEnd)
            {
                incomplete++;
            }
        }

        return new FleetReport(
            healthy.Count, snapshots, stalled?.SnapshotReceived, dropped, [.. reasons], incomplete,
            total, receivedMin, receivedMax, ocMin, ocMax, frames, batches, malformed, badTimes, negative, errors,
            merged.Percentile(0.50), merged.Percentile(0.99), merged.Percentile(0.999), merged.Max);
    }
}
