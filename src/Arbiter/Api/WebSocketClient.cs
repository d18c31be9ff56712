using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace Arbiter.Api;

/// <summary>
/// One dashboard or API WebSocket client: its subscription, its cursor in the hub's shared <see cref="BroadcastLog"/>,
/// and the loops that send (everything new since the last frame, filtered and conflated, as one message or one
/// <c>batch</c> frame, at most one frame per <c>Api:ClientFlushInterval</c>) and read the client's subscribe messages.
/// The hub appends each message once for all clients and never waits for one; the per-client work (filtering,
/// skipping superseded messages, framing, sending) is done here, at the client's own pace, so its cost grows with the
/// frames a client is sent, not with the events the hub broadcasts. A lone message is sent from the hub's bytes; a
/// batch copies them into a pooled buffer held only for that send.
/// </summary>
public sealed class WebSocketClient
{
    /// <summary>A frame holds at most this many payload bytes (a single larger message is sent alone).</summary>
    public const int MaxFrameBytes = 1 << 20;

    /// <summary>A frame holds at most this many messages.</summary>
    public const int MaxFrameMessages = 1024;

    private static readonly byte[] BatchStart = """{"type":"batch","messages":["""u8.ToArray();
    private static readonly byte[] BatchEnd = "]}"u8.ToArray();

    private readonly WebSocket socket;
    private readonly ApiHub hub;
    private readonly TimeSpan sendTimeout;
    private readonly TimeSpan flushInterval;
    private readonly Action? abortConnection;
    private readonly ConcurrentQueue<OutboundMessage> replies = new();
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private BroadcastLog? log;
    private Subscription? pending;
    private SubscriptionFilter filter;
    private long cursor;
    private Task<bool>? localWait;
    private volatile string? abandonReason;
    private volatile bool left;
    private CancellationToken runToken;

    /// <param name="lagLimit">How many broadcast messages the client may fall behind before it is dropped as too slow.</param>
    /// <param name="flushInterval">The least time between two frames (zero: send as soon as the previous frame is out).</param>
    /// <param name="abortConnection">
    /// Aborts the underlying connection (the HTTP context's <c>Abort</c>): called when a send passes its deadline, so a
    /// send stuck behind a shut TCP window ends even where cancelling the WebSocket send alone would not release it.
    /// </param>
    public WebSocketClient(WebSocket socket, ApiHub hub, int lagLimit, TimeSpan sendTimeout, SubscriptionFilter filter, Action? abortConnection = null, TimeSpan flushInterval = default)
    {
        this.socket = socket ?? throw new ArgumentNullException(nameof(socket));
        this.hub = hub ?? throw new ArgumentNullException(nameof(hub));
        ArgumentOutOfRangeException.ThrowIfLessThan(lagLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sendTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(flushInterval, TimeSpan.Zero);
        LagLimit = lagLimit;
        this.sendTimeout = sendTimeout;
        this.flushInterval = flushInterval;
        this.abortConnection = abortConnection;
        InitialFilter = filter ?? throw new ArgumentNullException(nameof(filter));
        this.filter = filter;
    }

    /// <summary>The subscription the client connected with (its query string).</summary>
    public SubscriptionFilter InitialFilter { get; }

    /// <summary>How many broadcast messages the client may fall behind.</summary>
    public int LagLimit { get; }

    /// <summary>The last broadcast sequence this client has taken (sent or skipped).</summary>
    public long Cursor => Volatile.Read(ref cursor);

    /// <summary>The close reason once the client was dropped; null while it is served.</summary>
    public string? AbandonReason => abandonReason;

    /// <summary>The reason a client is closed with when it falls more than <paramref name="limit"/> messages behind (at most 123 bytes).</summary>
    public static string TooFarBehindReason(int limit) => $"client too slow: more than {limit} messages behind";

    /// <summary>The reason recorded when one send does not complete within <paramref name="timeout"/>.</summary>
    public static string SendTimeoutReason(TimeSpan timeout) => $"client too slow: a send did not complete within {timeout.TotalSeconds:0.###} s";

    /// <summary>
    /// Starts (or restarts, after a subscribe message) the client at <paramref name="head"/> of <paramref name="broadcast"/>
    /// with <paramref name="snapshot"/> first: called by the hub under its lock, so every message after
    /// <paramref name="head"/> is newer than the snapshot. The send loop switches at its next frame.
    /// </summary>
    internal void Start(BroadcastLog broadcast, SubscriptionFilter subscription, OutboundMessage snapshot, long head)
    {
        log ??= broadcast;
        if (Volatile.Read(ref cursor) == 0)
        {
            Volatile.Write(ref cursor, head); // the hub's lag check reads it before the first frame
        }

        Volatile.Write(ref pending, new Subscription(subscription, snapshot, head));
        wake.Writer.TryWrite(true);
    }

    /// <summary>Queues a reply to this client alone (an error message), sent with its next frame.</summary>
    internal void Reply(OutboundMessage message)
    {
        replies.Enqueue(message);
        wake.Writer.TryWrite(true);
    }

    /// <summary>Drops a client that fell more than <see cref="LagLimit"/> behind (also the hub's check, for a client stuck in a send).</summary>
    internal void DropTooFarBehind()
    {
        // The send under way (if any) finishes or times out as usual; then the client gets the close with the reason.
        if (Interlocked.CompareExchange(ref abandonReason, TooFarBehindReason(LagLimit), null) is null)
        {
            hub.CountQueueFull();
            wake.Writer.TryWrite(true);
        }
    }

    /// <summary>Stops sending: the send loop closes the socket with 1008 and <paramref name="reason"/>.</summary>
    public void Abandon(string reason)
    {
        Interlocked.CompareExchange(ref abandonReason, reason, null);
        wake.Writer.TryWrite(true);
    }

    /// <summary>Sends and reads subscribe messages until the client leaves, is dropped or the host stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receive = ReceiveLoopAsync(stop.Token);
        try
        {
            await SendLoopAsync(stop.Token).ConfigureAwait(false);
        }
        finally
        {
            left = true;

            // The receive loop ends when the client answers the close; a client that never does is not waited for forever.
            if (await Task.WhenAny(receive, Task.Delay(sendTimeout, CancellationToken.None)).ConfigureAwait(false) != receive)
            {
                socket.Abort();
            }

            await stop.CancelAsync().ConfigureAwait(false);
            await receive.ConfigureAwait(false);
        }
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        var batch = new List<OutboundMessage>();
        runToken = cancellationToken;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // The deadline is armed only around a send: when it fires the client is dropped there and then (counted, the
        // connection aborted), whether or not the stuck send notices its cancellation.
        using var watchdog = deadline.Token.UnsafeRegister(static state => ((WebSocketClient)state!).OnSendDeadline(), this);
        var lastFrame = 0L;
        try
        {
            while (true)
            {
                await WaitForWorkAsync(cancellationToken).ConfigureAwait(false);
                if (abandonReason is { } reason)
                {
                    if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        deadline.CancelAfter(sendTimeout);
                        await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, reason, deadline.Token).ConfigureAwait(false);
                    }

                    return;
                }

                if (left || socket.State != WebSocketState.Open)
                {
                    return; // the client left
                }

                // At most one frame per flush interval: what arrives meanwhile goes out together, conflated.
                var wait = flushInterval - Stopwatch.GetElapsedTime(lastFrame);
                if (lastFrame != 0 && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                batch.Clear();
                if (!Gather(batch, out var bytes))
                {
                    DropTooFarBehind();
                    continue; // closes with the reason
                }

                if (batch.Count == 0)
                {
                    continue;
                }

                lastFrame = Stopwatch.GetTimestamp();
                byte[]? frame = null;
                try
                {
                    ReadOnlyMemory<byte> payload;
                    if (batch.Count == 1)
                    {
                        payload = batch[0].Payload;
                    }
                    else
                    {
                        frame = ArrayPool<byte>.Shared.Rent(BatchStart.Length + bytes + (batch.Count - 1) + BatchEnd.Length);
                        payload = WriteBatch(frame, batch);
                    }

                    batch.Clear();
                    deadline.CancelAfter(sendTimeout);
                    await socket.SendAsync(payload, WebSocketMessageType.Text, true, deadline.Token).ConfigureAwait(false);
                }
                finally
                {
                    if (frame is not null)
                    {
                        ArrayPool<byte>.Shared.Return(frame);
                    }
                }

                // Disarmed, not reset: TryReset would also remove the watchdog registration.
                deadline.CancelAfter(Timeout.InfiniteTimeSpan);
                if (deadline.IsCancellationRequested)
                {
                    // The send completed only as the deadline passed: as slow as a stalled one.
                    DropStalled();
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException
            && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // A stalled client (the TCP window stays shut): the cancelled send aborted the socket.
            DropStalled();
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ChannelClosedException or IOException or ObjectDisposedException)
        {
            // The client went away or the host is stopping.
        }
        finally
        {
            batch.Clear();
        }
    }

    /// <summary>Returns once there is something to do: a (re)start, a reply, a newer broadcast message, a drop or the client leaving.</summary>
    private async ValueTask WaitForWorkAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            while (wake.Reader.TryRead(out _))
            {
                // Local signals are re-checked below.
            }

            if (abandonReason is not null || left || Volatile.Read(ref pending) is not null || !replies.IsEmpty)
            {
                return;
            }

            if (log is null)
            {
                await wake.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var appended = log.WaitAsync(Volatile.Read(ref cursor));
            if (appended.IsCompleted)
            {
                return;
            }

            // One local wait at a time, kept across turns until a local signal completes it (a new wait every turn
            // would pile up waiters on a client that gets broadcasts but never a local signal).
            var local = localWait is { IsCompleted: false } pendingWait ? pendingWait : localWait = wake.Reader.WaitToReadAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(appended, local).ConfigureAwait(false) == appended)
            {
                return;
            }

            localWait = null;
            await local.ConfigureAwait(false); // surfaces cancellation
        }
    }

    /// <summary>
    /// Fills <paramref name="batch"/>: a pending (re)start's snapshot, replies, then the broadcast messages after the
    /// cursor that pass the filter and are not superseded, up to the frame limits. False when the client has fallen
    /// more than <see cref="LagLimit"/> behind (or its next message was already overwritten).
    /// </summary>
    private bool Gather(List<OutboundMessage> batch, out int bytes)
    {
        bytes = 0;
        if (Interlocked.Exchange(ref pending, null) is { } start)
        {
            filter = start.Filter;
            Volatile.Write(ref cursor, start.Head);
            Add(batch, start.Snapshot, ref bytes);
        }

        while (batch.Count < MaxFrameMessages && replies.TryDequeue(out var reply))
        {
            Add(batch, reply, ref bytes);
        }

        if (log is null)
        {
            return true;
        }

        var head = log.Head;
        var at = Volatile.Read(ref cursor);
        if (head - at > LagLimit)
        {
            return false;
        }

        while (at < head && batch.Count < MaxFrameMessages && (batch.Count == 0 || bytes < MaxFrameBytes))
        {
            var message = log.Read(at + 1);
            if (message is null)
            {
                return false;
            }

            at++;
            if (message.SupersededBy == 0 && filter.Passes(message))
            {
                Add(batch, message, ref bytes);
            }
        }

        Volatile.Write(ref cursor, at);
        return true;
    }

    private static void Add(List<OutboundMessage> batch, OutboundMessage message, ref int bytes)
    {
        batch.Add(message);
        bytes += message.Payload.Length;
    }

    private void OnSendDeadline()
    {
        if (runToken.IsCancellationRequested)
        {
            return; // the host is stopping or the client left: not a stalled send
        }

        DropStalled();
        abortConnection?.Invoke();
    }

    /// <summary>Records the send-timeout drop (once, counted once) and aborts the socket.</summary>
    private void DropStalled()
    {
        if (Interlocked.CompareExchange(ref abandonReason, SendTimeoutReason(sendTimeout), null) is null)
        {
            hub.CountSendTimeout();
        }

        left = true;
        socket.Abort();
    }

    /// <summary>Writes <c>{"type":"batch","messages":[m1,m2,...]}</c> into <paramref name="frame"/> (large enough) and returns the written part.</summary>
    internal static ReadOnlyMemory<byte> WriteBatch(byte[] frame, List<OutboundMessage> batch)
    {
        var span = frame.AsSpan();
        BatchStart.CopyTo(span);
        var at = BatchStart.Length;
        for (var i = 0; i < batch.Count; i++)
        {
            if (i > 0)
            {
                frame[at++] = (byte)',';
            }

            var payload = batch[i].Payload.Span;
            payload.CopyTo(span[at..]);
            at += payload.Length;
        }

        BatchEnd.CopyTo(span[at..]);
        at += BatchEnd.Length;
        return frame.AsMemory(0, at);
    }

    /// <summary>Reads client messages: a valid subscribe changes the filter (the hub replies with a filtered snapshot); anything else gets one error reply.</summary>
    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[SubscribeMessage.MaxBytes + 1];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var length = 0;
                var oversize = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(oversize ? 0 : length), cancellationToken).ConfigureAwait(false);
                    if (!oversize)
                    {
                        length += result.Count;
                        oversize = length > SubscribeMessage.MaxBytes;
                    }
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken).ConfigureAwait(false);
                    }

                    break;
                }

                string? error;
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    error = "binary messages are not accepted; send a JSON text message";
                }
                else if (oversize)
                {
                    error = $"message too large: more than {SubscribeMessage.MaxBytes} bytes";
                }
                else if (SubscribeMessage.TryParse(buffer.AsSpan(0, length), out var filter, out var parseError))
                {
                    hub.Subscribe(this, filter);
                    continue;
                }
                else
                {
                    error = parseError;
                }

                hub.CountRejectedClientMessage();
                Reply(OutboundMessage.Create(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("type", "error");
                    w.WriteString("error", error);
                    w.WriteEndObject();
                }));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Gone.
        }
        finally
        {
            // The client left: stop sending (the send loop wakes and ends).
            left = true;
            wake.Writer.TryWrite(true);
        }
    }

    /// <summary>A (re)start: the filter, the snapshot sent first, and the broadcast sequence the snapshot reflects.</summary>
    private sealed record Subscription(SubscriptionFilter Filter, OutboundMessage Snapshot, long Head);
}
