using System.Buffers;
using System.Net.WebSockets;

namespace Arbiter.Fanout;

/// <summary>
/// One benchmark WebSocket client: reads every frame into one reused buffer, records the delivery latency
/// (receive wall clock − message <c>time</c>) of each message inside the measured window, and counts what it got.
/// A stalled client reads the snapshot and then never reads again, so its TCP window fills.
/// </summary>
internal sealed class FleetClient : IMessageSink, IDisposable
{
    private const int InitialBuffer = 64 * 1024;
    private const int MaxFrame = 64 * 1024 * 1024;

    private readonly ClientWebSocket socket = new();
    private readonly MeasureWindow window;
    private readonly bool stalled;
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private long receivedAt;
    private bool frameInWindow;
    private int snapshotReceived;
    private int reachedEnd;

    public FleetClient(MeasureWindow window, bool stalled)
    {
        this.window = window;
        this.stalled = stalled;
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
    }

    public LatencyHistogram Latencies { get; } = new();

    public bool SnapshotReceived => Volatile.Read(ref snapshotReceived) == 1;

    /// <summary>True once a message with a time at or after the window's end arrived: everything inside it has been read.</summary>
    public bool ReachedEnd => Volatile.Read(ref reachedEnd) == 1;

    /// <summary>Messages with a time inside the window (snapshots excluded).</summary>
    public long Received { get; private set; }

    /// <summary>opportunity.opened/closed messages inside the window (never conflated by the server).</summary>
    public long OpenedOrClosed { get; private set; }

    /// <summary>Frames holding at least one message inside the window.</summary>
    public long Frames { get; private set; }

    /// <summary>Of which carried more than one message (a batch).</summary>
    public long BatchFrames { get; private set; }

    public long MalformedFrames { get; private set; }

    /// <summary>Messages without a parseable time (snapshots excluded).</summary>
    public long BadTimes { get; private set; }

    /// <summary>Messages whose time was after the receive clock (clamped to 0 µs).</summary>
    public long NegativeLatencies { get; private set; }

    public long ErrorMessages { get; private set; }

    /// <summary>Why the connection ended while the fleet still wanted it, or null.</summary>
    public string? DropReason { get; private set; }

    public async Task ConnectAsync(Uri url, CancellationToken cancellationToken) =>
        await socket.ConnectAsync(url, cancellationToken).ConfigureAwait(false);

    /// <summary>Reads frames until cancelled, the server closes, or (stalled) the snapshot has arrived.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        Grow(length);
                    }

                    result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        DropReason = $"closed by the server: {socket.CloseStatus} {socket.CloseStatusDescription}";
                        return;
                    }

                    length += result.Count;
                }
                while (!result.EndOfMessage);

                receivedAt = WallClockMicros();
                frameInWindow = false;
                var messages = FrameReader.Read(buffer.AsSpan(0, length), this);
                if (messages < 0)
                {
                    MalformedFrames++;
                }
                else if (frameInWindow)
                {
                    Frames++;
                    BatchFrames += messages > 1 ? 1 : 0;
                }

                if (stalled && SnapshotReceived)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The fleet is shutting down.
        }
        catch (WebSocketException ex) when (!cancellationToken.IsCancellationRequested)
        {
            DropReason = "connection lost: " + ex.Message;
        }
        catch (WebSocketException)
        {
            // Aborted by the fleet while shutting down.
        }
    }

    /// <summary>Ends the connection at once (no close handshake: a benchmark of 1,000 clients stops quickly).</summary>
    public void Abort() => socket.Abort();

    public void OnMessage(MessageKind kind, long time)
    {
        if (kind == MessageKind.Snapshot)
        {
            Volatile.Write(ref snapshotReceived, 1);
            return;
        }

        if (kind == MessageKind.Error)
        {
            ErrorMessages++;
        }

        if (time < 0)
        {
            BadTimes++;
            return;
        }

        if (time >= window.End)
        {
            Volatile.Write(ref reachedEnd, 1);
            return;
        }

        if (time < window.Start)
        {
            return;
        }

        Received++;
        frameInWindow = true;
        if (kind == MessageKind.OpportunityOpenedOrClosed)
        {
            OpenedOrClosed++;
        }

        var latency = receivedAt - time;
        if (latency < 0)
        {
            NegativeLatencies++;
        }

        Latencies.Record(latency);
    }

    public void Dispose()
    {
        socket.Dispose();
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    /// <summary>The receive clock: the same wall clock the server stamps message times with, in unix µs.</summary>
    private static long WallClockMicros() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    private void Grow(int length)
    {
        if (buffer.Length >= MaxFrame)
        {
            throw new WebSocketException($"frame larger than {MaxFrame} bytes");
        }

        var grown = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, length).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = grown;
    }
}
