using Arbiter.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Arbiter.Simulator;

/// <summary>One venue's own Kestrel listener on 127.0.0.1 (so each venue has its own base URL, like a real host): its WebSocket and REST paths and the /_sim/ endpoints.</summary>
internal sealed class SimVenueListener : IAsyncDisposable
{
    /// <summary>Binance drops a client that does not answer a ping within a minute (REFERENCE.md §1).</summary>
    private static readonly TimeSpan PongTimeout = TimeSpan.FromSeconds(60);

    private readonly SimVenue venue;
    private readonly object gate;
    private readonly TimeProvider time;
    private readonly SimulatorOptions options;
    private readonly int port;
    private readonly ILogger logger;
    private readonly string venueName;
    private readonly List<SimSocketConnection> connections = [];
    private readonly SimLoopbackHost host = new();
    private long slowClientDisconnects;

    public SimVenueListener(SimVenue venue, object gate, TimeProvider time, SimulatorOptions options, int port, ILogger logger)
    {
        this.logger = logger;
        venueName = venue.Venue.Name();
        this.venue = venue;
        this.gate = gate;
        this.time = time;
        this.options = options;
        this.port = port;
    }

    public VenueId Venue => venue.Venue;

    public string VenueName => venueName;

    public Uri? HttpBase { get; private set; }

    public Uri? WsBase { get; private set; }

    public long SlowClientDisconnects => Interlocked.Read(ref slowClientDisconnects);

    public int ConnectionCount
    {
        get
        {
            lock (gate)
            {
                return connections.Count;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var webSockets = new WebSocketOptions { KeepAliveInterval = options.KeepAliveInterval };
        if (options.KeepAliveInterval > TimeSpan.Zero)
        {
            webSockets.KeepAliveTimeout = PongTimeout; // with a timeout the server sends real pings, not unsolicited pongs
        }

        await host.StartAsync(
            port,
            app =>
            {
                app.UseWebSockets(webSockets);
                app.Run(HandleAsync);
            },
            cancellationToken).ConfigureAwait(false);
        HttpBase = new Uri($"http://127.0.0.1:{host.Port}");
        WsBase = new Uri($"ws://127.0.0.1:{host.Port}");
    }

    /// <summary>Sends a step's outputs to the subscribed sockets; called by the pump under the shared gate.</summary>
    public void Dispatch(IReadOnlyList<SimOutput> outputs)
    {
        if (outputs.Count == 0 || connections.Count == 0)
        {
            return;
        }

        // A copy: aborting a connection can run its handler's clean-up inline, which removes it from the list.
        var current = connections.ToArray();
        foreach (var output in outputs)
        {
            if (output.Kind == SimOutputKind.Disconnect)
            {
                SimulatorLog.FaultDisconnect(logger, venueName, current.Length);
                foreach (var connection in current)
                {
                    connection.Abort();
                }

                continue;
            }

            if (output.Kind != SimOutputKind.Frame)
            {
                continue; // a stall is carried out by the venue withholding frames
            }

            foreach (var connection in current)
            {
                if (connection.IsClosing)
                {
                    continue; // closing after its last replies (Bithumb's error): the close frame follows what is queued
                }

                if (!connection.IsAborted && connection.Session.Select(output) is { } bytes && !connection.TryEnqueue(bytes))
                {
                    DropSlow(connection);
                }

                if (connection.Session.CloseRequested)
                {
                    connection.Abort(); // the venue closes it (e.g. Coinbase: no subscribe within 5 s)
                }
            }
        }
    }

    public void AbortAll()
    {
        SimSocketConnection[] current;
        lock (gate)
        {
            current = [.. connections];
        }

        foreach (var connection in current)
        {
            connection.Abort();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        AbortAll();
        return host.StopAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var pathAndQuery = context.Request.Path.Value + context.Request.QueryString.Value;
        if (context.WebSockets.IsWebSocketRequest)
        {
            await AcceptAsync(context, pathAndQuery).ConfigureAwait(false);
            return;
        }

        SimHttpResponse response;
        if (context.Request.Path.StartsWithSegments("/_sim"))
        {
            response = venue.HandleControl(context.Request.Method, pathAndQuery, UnixMicros.Now(time));
        }
        else
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in context.Request.Headers)
            {
                headers[name] = values.ToString();
            }

            response = venue.HandleHttp(new SimHttpRequest(context.Request.Method, pathAndQuery, headers, UnixMicros.Now(time)));
        }

        await SimLoopbackHost.WriteAsync(context, response).ConfigureAwait(false);
    }

    private async Task AcceptAsync(HttpContext context, string pathAndQuery)
    {
        if (!venue.TryAdmitConnection(UnixMicros.Now(time), out var refused))
        {
            await SimLoopbackHost.WriteAsync(context, refused).ConfigureAwait(false);
            return;
        }

        var session = venue.OpenSession(pathAndQuery, out var rejection);
        if (session is null)
        {
            await SimLoopbackHost.WriteAsync(context, rejection!).ConfigureAwait(false);
            return;
        }

        session.MessageWindow = venue.NewMessageWindow();
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var connection = new SimSocketConnection(socket, context, session, options.SocketQueueCapacity);
        lock (gate)
        {
            connections.Add(connection);
        }

        SimulatorLog.ClientConnected(logger, venueName, pathAndQuery);
        try
        {
            await connection.RunAsync(OnText, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            lock (gate)
            {
                connections.Remove(connection);
            }

            SimulatorLog.ClientGone(logger, venueName, connection.EndReason);
        }
    }

    private void DropSlow(SimSocketConnection connection)
    {
        Interlocked.Increment(ref slowClientDisconnects);
        SimulatorLog.SlowClientDropped(logger, venueName, options.SocketQueueCapacity);
        connection.Abort();
    }

    /// <summary>Client text is handled under the pump's gate, so a subscription's first frames and the step frames keep their order.</summary>
    private void OnText(SimSocketConnection connection, string text)
    {
        lock (gate)
        {
            if (connection.IsAborted || connection.IsClosing)
            {
                return;
            }

            var session = connection.Session;
            IReadOnlyList<byte[]> replies;
            if (session.MessageWindow is { } window && session.CountsTowardMessageLimit(text) && !window.TryAdd(UnixMicros.Now(time)))
            {
                venue.Limits.MessageBreach();
                if (session.RateLimitedReply(text) is not { } refusal)
                {
                    connection.Abort();
                    return;
                }

                replies = refusal;
            }
            else
            {
                venue.Limits.MessageAccepted();
                replies = session.Receive(text);
            }

            foreach (var reply in replies)
            {
                if (!connection.TryEnqueue(reply))
                {
                    DropSlow(connection);
                    return;
                }
            }

            if (session.CloseRequested)
            {
                connection.CloseAfterQueued(); // the venue closes after its error reply (Bithumb)
            }
        }
    }
}
