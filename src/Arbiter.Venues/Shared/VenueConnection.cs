using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// One logical WebSocket connection of a venue, kept alive for the whole run: connect (through
/// <see cref="ConnectionResilience"/>), report <see cref="IngestGate.Opened"/>, hand every complete message to
/// <see cref="IngestGate.Frame"/>, report <see cref="IngestGate.Closed"/>, and start again.
/// </summary>
/// <remarks>
/// Messages of any size up to <see cref="VenueConnectionOptions.MaxFrameBytes"/> are assembled from their fragments in a
/// pooled buffer; text and binary messages are both delivered (Upbit sends its JSON as binary frames). A session ends on
/// a server close or transport error, on silence longer than the idle timeout, after <see cref="ConnectionSpec.MaxLifetime"/>,
/// on an oversize message, or when the protocol asks for a reconnect.
/// </remarks>
public sealed class VenueConnection
{
    private const int InitialBufferBytes = 64 * 1024;
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(1);

    private readonly ConnectionSpec spec;
    private readonly IVenueProtocol protocol;
    private readonly IngestGate gate;
    private readonly IMarketEventSink sink;
    private readonly VenueConnectionOptions options;
    private readonly TimeProvider clock;
    private readonly ConnectionResilience resilience;
    private readonly Action<string, ConnectionState>? stateChanged;
    private readonly RatePacer? connectPacer;
    private ConnectionSession? current;
    private int opens;
    private int state;
    private int running;

    /// <param name="spec">What to connect to.</param>
    /// <param name="protocol">Receives the connection's inputs through <paramref name="gate"/>.</param>
    /// <param name="gate">The single door to the protocol; its clock drives timeouts and the reconnect policy.</param>
    /// <param name="sink">Receives <see cref="MarketEventKind.ConnectionChanged"/> events.</param>
    /// <param name="options">Validated here.</param>
    /// <param name="random">Jitter source for the backoff; <see cref="Random.Shared"/> when null.</param>
    /// <param name="stateChanged">Called with (connection name, new state) on every change.</param>
    /// <param name="connectPacer">Shared by the venue's connections to stay under its connect limit; null = no limit.</param>
    public VenueConnection(
        ConnectionSpec spec,
        IVenueProtocol protocol,
        IngestGate gate,
        IMarketEventSink sink,
        VenueConnectionOptions? options = null,
        Random? random = null,
        Action<string, ConnectionState>? stateChanged = null,
        RatePacer? connectPacer = null)
    {
        this.spec = spec ?? throw new ArgumentNullException(nameof(spec));
        this.connectPacer = connectPacer;
        this.protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));
        this.gate = gate ?? throw new ArgumentNullException(nameof(gate));
        this.sink = sink ?? throw new ArgumentNullException(nameof(sink));
        this.options = options ?? new VenueConnectionOptions();
        this.options.Validate();
        this.stateChanged = stateChanged;
        clock = gate.Clock;
        resilience = new ConnectionResilience(this.options.Resilience, clock, random, OnRetryScheduled);
    }

    public string Name => spec.Name;

    public ConnectionSpec Spec => spec;

    public ConnectionState State => (ConnectionState)Volatile.Read(ref state);

    /// <summary>The id of the open physical connection ("{Name}#{n}"), or null.</summary>
    public string? CurrentConnectionId => Volatile.Read(ref current) is { IsConnected: true } s ? s.Id : null;

    /// <summary>Keeps the connection up until <paramref name="cancellationToken"/> fires, then returns (it does not throw on cancellation).</summary>
    /// <exception cref="InvalidOperationException">Already running.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref running, 1) != 0)
        {
            throw new InvalidOperationException($"Connection {spec.Name} is already running.");
        }

        try
        {
            await resilience.RunAsync(static (self, ct) => self.RunSessionAsync(ct), this, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            SetState(ConnectionState.Disconnected);
            Volatile.Write(ref running, 0);
        }
    }

    /// <summary>Queues a text message on the open connection <paramref name="connectionId"/>; false when that connection is gone or its queue is full.</summary>
    public bool Send(string connectionId, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var session = Volatile.Read(ref current);
        return session is { IsConnected: true } && session.Id == connectionId && session.TrySend(text);
    }

    /// <summary>Drops the open connection <paramref name="connectionId"/> so that a new one is made; false when it is already gone.</summary>
    public bool Reconnect(string connectionId)
    {
        var session = Volatile.Read(ref current);
        if (session is not { IsConnected: true } || session.Id != connectionId)
        {
            return false;
        }

        session.EndSoon(SessionEnd.Requested);
        return true;
    }

    internal static bool IsTransportFailure(Exception ex) =>
        ex is WebSocketException or OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException;

    private async ValueTask RunSessionAsync(CancellationToken cancellationToken)
    {
        SetState(ConnectionState.Connecting);
        OpenSocket open;
        try
        {
            open = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (VenueConnectionException)
        {
            SetState(ConnectionState.Disconnected);
            throw;
        }

        SetState(ConnectionState.Connected);
        gate.Opened(protocol, open.Session.Id, spec.Url);
        while (await ServeAsync(open, cancellationToken).ConfigureAwait(false) is { } successor)
        {
            open = successor; // a planned replacement took over: keep serving without a break in the feed
        }

        SetState(ConnectionState.Disconnected);
        cancellationToken.ThrowIfCancellationRequested();
        var session = open.Session;
        var reason = session.EndReason;
        protocol.Counters.CountReconnect();
        if (reason == SessionEnd.IdleTimeout)
        {
            protocol.Counters.CountIdleTimeout();
        }

        var upFor = session.ConnectedFor;
        if (reason == SessionEnd.Lifetime || (upFor >= resilience.Options.StableAfter && reason != SessionEnd.PolicyViolation))
        {
            return; // a healthy session: reconnect at once with the backoff reset
        }

        throw new VenueConnectionException(string.Create(CultureInfo.InvariantCulture, $"{session.Id} ended after {upFor.TotalSeconds:0.###} s ({reason})."));
    }

    /// <summary>Opens a physical connection (after the venue's connect pacing) and makes it current; throws <see cref="VenueConnectionException"/> when it fails.</summary>
    private async Task<OpenSocket> ConnectAsync(CancellationToken cancellationToken)
    {
        var session = new ConnectionSession(spec, options, clock, cancellationToken);
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.KeepAliveInterval = options.KeepAliveInterval;
            if (connectPacer is not null)
            {
                await connectPacer.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
            }

            session.StartWatchdog();
            await socket.ConnectAsync(spec.Url, session.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransportFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            session.End(SessionEnd.ConnectFailed);
            socket.Dispose();
            session.Dispose();
            throw new VenueConnectionException($"{spec.Name}: connecting to {spec.Url} failed ({session.EndReason}).", ex);
        }
        catch
        {
            socket.Dispose();
            session.Dispose();
            throw;
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"{spec.Name}#{Interlocked.Increment(ref opens)}");
        session.MarkConnected(id);
        Volatile.Write(ref current, session);
        return new OpenSocket(session, socket);
    }

    /// <summary>
    /// Receives on <paramref name="open"/> until it ends. With <see cref="ConnectionSpec.OverlapOnLifetime"/>, at the
    /// lifetime a successor is connected and announced first, and only then is this one closed; the successor is returned
    /// (null when the connection simply ended).
    /// </summary>
    private async Task<OpenSocket?> ServeAsync(OpenSocket open, CancellationToken cancellationToken)
    {
        var (session, socket) = (open.Session, open.Socket);
        OpenSocket? successor = null;
        var sender = session.RunSenderAsync(socket);
        try
        {
            var receive = ReceiveAsync(socket, session);
            if (spec.OverlapOnLifetime && spec.MaxLifetime is { } lifetime)
            {
                using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(session.Token);
                var due = Task.Delay(lifetime, clock, stopTimer.Token);
                if (await Task.WhenAny(receive, due).ConfigureAwait(false) == due && due.IsCompletedSuccessfully && !receive.IsCompleted)
                {
                    successor = await TryConnectSuccessorAsync(cancellationToken).ConfigureAwait(false);
                    session.End(SessionEnd.Lifetime);
                }

                await stopTimer.CancelAsync().ConfigureAwait(false);
            }

            await receive.ConfigureAwait(false);
        }
        finally
        {
            Interlocked.CompareExchange(ref current, null, session);
            session.End(session.FailureReason);
            await sender.ConfigureAwait(false);
            await CloseAsync(socket).ConfigureAwait(false);
            gate.Closed(protocol, session.Id);
            socket.Dispose();
            session.Dispose();
        }

        if (successor is not null)
        {
            protocol.Counters.CountReconnect();
        }

        return successor;
    }

    /// <summary>Connects the replacement of a connection at its lifetime and announces it; null when that failed (the old one then ends and the policy reconnects).</summary>
    private async Task<OpenSocket?> TryConnectSuccessorAsync(CancellationToken cancellationToken)
    {
        try
        {
            var successor = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            gate.Opened(protocol, successor.Session.Id, spec.Url);
            return successor;
        }
        catch (VenueConnectionException)
        {
            return null; // expected failure: the old connection closes and the resilience policy takes over
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket, ConnectionSession session)
    {
        var max = options.MaxFrameBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferBytes, max));
        try
        {
            while (true)
            {
                var count = 0;
                while (true)
                {
                    var limit = Math.Min(buffer.Length, max);
                    if (count == limit)
                    {
                        if (limit >= max)
                        {
                            // Expected failure: counted, and the connection replaced (the rest of the message cannot be skipped cheaply).
                            protocol.Counters.CountMalformed();
                            session.End(SessionEnd.Oversize);
                            return;
                        }

                        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, max));
                        buffer.AsSpan(0, count).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                        limit = Math.Min(buffer.Length, max);
                    }

                    ValueWebSocketReceiveResult result;
                    try
                    {
                        result = await socket.ReceiveAsync(buffer.AsMemory(count, limit - count), session.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (IsTransportFailure(ex))
                    {
                        session.End(session.FailureReason);
                        return;
                    }

                    session.MarkReceived();
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        session.End(socket.CloseStatus == WebSocketCloseStatus.PolicyViolation ? SessionEnd.PolicyViolation : SessionEnd.ServerClosed);
                        return;
                    }

                    count += result.Count;
                    if (result.EndOfMessage)
                    {
                        break;
                    }
                }

                gate.Frame(protocol, session.Id, buffer.AsSpan(0, count));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task CloseAsync(ClientWebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            socket.Abort();
            return;
        }

        using var timeout = new CancellationTokenSource(CloseTimeout, clock);
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransportFailure(ex))
        {
            // The peer is gone or slow: nothing more to say to it.
            socket.Abort();
        }
    }

    private void OnRetryScheduled(RetryScheduled retry)
    {
        if (retry.CircuitOpen)
        {
            SetState(ConnectionState.CircuitOpen);
        }
    }

    private void SetState(ConnectionState next)
    {
        if (Interlocked.Exchange(ref state, (int)next) == (int)next)
        {
            return;
        }

        stateChanged?.Invoke(spec.Name, next);
        var e = sink.Rent();
        e.Kind = MarketEventKind.ConnectionChanged;
        e.Venue = protocol.Venue;
        e.Connection = next;
        e.ReceiveTime = UnixMicros.Now(clock);
        if (!sink.TryPublish(e))
        {
            protocol.Counters.CountOverflow(); // a lost state change costs no book; the next one corrects it
        }
    }

    private sealed record OpenSocket(ConnectionSession Session, ClientWebSocket Socket);
}
