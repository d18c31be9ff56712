using System.Globalization;
using System.Net;
using System.Runtime.ExceptionServices;
using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// The live driver of one venue: fetches the market lists, keeps one <see cref="VenueConnection"/> per
/// <see cref="IVenueProtocol.Connections"/> entry, and carries out the protocol's requests (REST GETs, sends, reconnects).
/// Every input reaches the protocol through the <see cref="IngestGate"/>.
/// </summary>
/// <remarks>
/// HTTP 429/418 start a ban window (Retry-After, else <see cref="VenueFeedOptions.DefaultBanDuration"/>): no request
/// to the venue leaves before it ends (RELIABILITY row 9). A REST request always ends in exactly one
/// <see cref="IVenueProtocol.OnRestResponse"/> or <see cref="IVenueProtocol.OnRestFailure"/>, unless the run is stopping.
/// </remarks>
public sealed class VenueFeed : IVenueActions
{
    private readonly IngestGate gate;
    private readonly HttpClient http;
    private readonly IMarketEventSink sink;
    private readonly VenueFeedOptions options;
    private readonly Random? random;
    private readonly Action<string, ConnectionState>? connectionStateChanged;
    private readonly TimeProvider clock;
    private readonly ReconnectBackoff backoff;
    private readonly object sync = new();
    private readonly HashSet<Task> inflight = [];
    private VenueConnection[] connections = [];
    private CancellationTokenSource? run;
    private Exception? failure;
    private long bannedUntilTicks;
    private int started;

    /// <param name="createProtocol">Builds the venue protocol around this feed's actions, e.g. <c>a => new BinanceProtocol(o, catalog, sink, a)</c>.</param>
    /// <param name="gate">The ingest gate shared by all venues; its clock drives every delay.</param>
    /// <param name="http">Client whose BaseAddress is the venue's REST base URL; owned by the caller.</param>
    /// <param name="sink">Where connection state changes are published.</param>
    /// <param name="options">Validated here; defaults when null.</param>
    /// <param name="random">Seeds the jitter of every backoff (reproducible runs); shared randomness when null.</param>
    /// <param name="connectionStateChanged">Called with (connection name, state) on every connection state change.</param>
    public VenueFeed(
        Func<IVenueActions, IVenueProtocol> createProtocol,
        IngestGate gate,
        HttpClient http,
        IMarketEventSink sink,
        VenueFeedOptions? options = null,
        Random? random = null,
        Action<string, ConnectionState>? connectionStateChanged = null)
    {
        ArgumentNullException.ThrowIfNull(createProtocol);
        this.gate = gate ?? throw new ArgumentNullException(nameof(gate));
        this.http = http ?? throw new ArgumentNullException(nameof(http));
        this.sink = sink ?? throw new ArgumentNullException(nameof(sink));
        this.options = options ?? new VenueFeedOptions();
        this.options.Validate();
        this.random = random;
        this.connectionStateChanged = connectionStateChanged;
        clock = gate.Clock;
        backoff = new ReconnectBackoff(this.options.Connection.Resilience, random is null ? null : new Random(random.Next()));
        Protocol = createProtocol(this) ?? throw new InvalidOperationException("createProtocol returned null.");
    }

    public IVenueProtocol Protocol { get; }

    /// <summary>The connections, once the market lists are in.</summary>
    public IReadOnlyList<VenueConnection> Connections => Volatile.Read(ref connections);

    /// <summary>End of the current REST ban window (in the past when there is none).</summary>
    public DateTimeOffset BannedUntil => new(Interlocked.Read(ref bannedUntilTicks), TimeSpan.Zero);

    /// <summary>
    /// Runs the feed until <paramref name="cancellationToken"/> fires, then returns after every connection is closed and
    /// every REST request has finished. Throws only for bugs (an exception from the protocol), after stopping everything.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref started, 1) != 0)
        {
            throw new InvalidOperationException($"The {Protocol.Venue.Name()} feed can only run once.");
        }

        // Not a linked source: it is never disposed, so a late Fail() can always cancel it safely; only the
        // registration on the caller's token is released when the run ends.
        var stop = new CancellationTokenSource();
        using var registration = cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), stop);
        lock (sync)
        {
            run = stop;
        }

        var token = stop.Token;
        try
        {
            if (await LoadMarketListsAsync(token).ConfigureAwait(false))
            {
                await RunConnectionsAsync(token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping: fall through to the drain below.
        }
        finally
        {
            lock (sync)
            {
                run = null;
            }

            stop.Cancel();
            await DrainAsync().ConfigureAwait(false);
        }

        if (Volatile.Read(ref failure) is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <inheritdoc/>
    public void RequestRest(string pathAndQuery)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathAndQuery);
        Task task;
        lock (sync)
        {
            if (run is null)
            {
                // Not running (or stopping): nobody will wait for the answer.
                Protocol.Counters.CountRestFailure();
                return;
            }

            task = FetchRequestedAsync(pathAndQuery, run.Token);
            inflight.Add(task);
        }

        _ = task.ContinueWith(static (t, s) => ((VenueFeed)s!).OnRequestCompleted(t), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <inheritdoc/>
    public void Send(string connectionId, string text) => FindConnection(connectionId)?.Send(connectionId, text);

    /// <inheritdoc/>
    public void Reconnect(string connectionId, BookInvalidReason reason) => FindConnection(connectionId)?.Reconnect(connectionId);

    private static string SpecName(string connectionId)
    {
        var hash = connectionId.LastIndexOf('#');
        return hash < 0 ? connectionId : connectionId[..hash];
    }

    private VenueConnection? FindConnection(string connectionId)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        var name = SpecName(connectionId);
        foreach (var connection in Volatile.Read(ref connections))
        {
            if (connection.Name == name)
            {
                return connection;
            }
        }

        return null;
    }

    private async Task<bool> LoadMarketListsAsync(CancellationToken token)
    {
        for (var attempt = 0; ; attempt++)
        {
            var ok = true;
            foreach (var path in Protocol.MarketListRequests)
            {
                ok &= await FetchAsync(path, token).ConfigureAwait(false);
            }

            // A list that arrived but yielded no connection (unparsable body) is retried like a failed request.
            if (ok && Protocol.Connections.Count > 0)
            {
                return true;
            }

            await Task.Delay(backoff.Delay(attempt), clock, token).ConfigureAwait(false);
        }
    }

    private async Task RunConnectionsAsync(CancellationToken token)
    {
        var specs = Protocol.Connections;
        var created = new VenueConnection[specs.Count];
        var connectPacer = Protocol.ConnectLimit is { } limit ? new RatePacer(limit, clock) : null; // one per venue: the limit is per IP
        for (var i = 0; i < created.Length; i++)
        {
            var connectionRandom = random is null ? null : new Random(random.Next());
            created[i] = new VenueConnection(specs[i], Protocol, gate, sink, options.Connection, connectionRandom, connectionStateChanged, connectPacer);
        }

        Volatile.Write(ref connections, created);
        var tasks = new Task[created.Length];
        for (var i = 0; i < created.Length; i++)
        {
            tasks[i] = RunConnectionAsync(created[i], token);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private async Task RunConnectionAsync(VenueConnection connection, CancellationToken token)
    {
        try
        {
            await connection.RunAsync(token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A bug (the protocol threw): stop the whole feed and surface it from RunAsync.
            Fail(ex);
        }
    }

    private async Task FetchRequestedAsync(string pathAndQuery, CancellationToken token)
    {
        // Leave the caller (the protocol, inside the ingest gate) before doing any work.
        await Task.Yield();
        try
        {
            await FetchAsync(pathAndQuery, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The run is stopping: the answer is no longer wanted.
            return;
        }
    }

    /// <summary>GETs a path after any ban window and delivers the body or the failure to the protocol; true on 2xx.</summary>
    private async Task<bool> FetchAsync(string pathAndQuery, CancellationToken token)
    {
        await WaitOutBanAsync(token).ConfigureAwait(false);
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(pathAndQuery, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            gate.RestFailure(Protocol, pathAndQuery, ex.Message);
            return false;
        }
        catch (TaskCanceledException) when (!token.IsCancellationRequested)
        {
            gate.RestFailure(Protocol, pathAndQuery, "timeout");
            return false;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.TooManyRequests || status == 418)
            {
                Ban(response);
                gate.RestFailure(Protocol, pathAndQuery, string.Create(CultureInfo.InvariantCulture, $"HTTP {status}: banned until {BannedUntil:O}"));
                return false;
            }

            if (!response.IsSuccessStatusCode)
            {
                gate.RestFailure(Protocol, pathAndQuery, string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {response.ReasonPhrase}"));
                return false;
            }

            byte[] body;
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                gate.RestFailure(Protocol, pathAndQuery, ex.Message);
                return false;
            }

            gate.Rest(Protocol, pathAndQuery, body);
            return true;
        }
    }

    private void Ban(HttpResponseMessage response)
    {
        var now = clock.GetUtcNow();
        var retryAfter = response.Headers.RetryAfter;
        var until = retryAfter?.Delta is { } delta && delta > TimeSpan.Zero ? now + delta
            : retryAfter?.Date is { } date && date > now ? date
            : now + options.DefaultBanDuration;
        var ticks = until.UtcTicks;
        long seen;
        do
        {
            seen = Interlocked.Read(ref bannedUntilTicks);
            if (seen >= ticks)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref bannedUntilTicks, ticks, seen) != seen);
    }

    private async Task WaitOutBanAsync(CancellationToken token)
    {
        while (true)
        {
            var wait = BannedUntil - clock.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, clock, token).ConfigureAwait(false);
        }
    }

    private void OnRequestCompleted(Task task)
    {
        lock (sync)
        {
            inflight.Remove(task);
        }

        if (task.Exception is { } ex)
        {
            Fail(ex.InnerException ?? ex);
        }
    }

    private void Fail(Exception ex)
    {
        Interlocked.CompareExchange(ref failure, ex, null);
        CancellationTokenSource? toCancel;
        lock (sync)
        {
            toCancel = run;
        }

        // Outside the lock: cancellation callbacks end sessions, whose continuations may enter the ingest gate.
        toCancel?.Cancel();
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            Task[] pending;
            lock (sync)
            {
                inflight.RemoveWhere(static t => t.IsCompleted);
                if (inflight.Count == 0)
                {
                    return;
                }

                pending = [.. inflight];
            }

            await Task.WhenAll(pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var task in pending)
            {
                if (task.Exception is { } ex)
                {
                    Fail(ex.InnerException ?? ex);
                }
            }
        }
    }
}
