using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace Arbiter.Api;

/// <summary>
/// One dashboard or API WebSocket client: its subscription, its bounded conflating queue, and the loops that send the
/// queue (everything pending at once, as one message or one <c>batch</c> frame) and read the client's subscribe messages.
/// The hub only enqueues (never waits); the bytes each message carries were serialised once by the hub: a lone
/// message is sent from them directly, a batch copies them into a pooled buffer held only for that send.
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
    private readonly ConflatingSendQueue queue;
    private readonly TimeSpan sendTimeout;
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Action? abortConnection;
    private volatile string? abandonReason;
    private CancellationToken runToken;

    /// <param name="abortConnection">
    /// Aborts the underlying connection (the HTTP context's <c>Abort</c>): called when a send passes its deadline, so a
    /// send stuck behind a shut TCP window ends even where cancelling the WebSocket send alone would not release it.
    /// </param>
    public WebSocketClient(WebSocket socket, ApiHub hub, int queueCapacity, TimeSpan sendTimeout, SubscriptionFilter filter, Action? abortConnection = null)
    {
        this.abortConnection = abortConnection;
        this.socket = socket ?? throw new ArgumentNullException(nameof(socket));
        this.hub = hub ?? throw new ArgumentNullException(nameof(hub));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sendTimeout, TimeSpan.Zero);
        queue = new ConflatingSendQueue(queueCapacity);
        this.sendTimeout = sendTimeout;
        Filter = filter ?? throw new ArgumentNullException(nameof(filter));
    }

    /// <summary>What this client receives; changed by the hub (under its lock) when the client subscribes.</summary>
    public SubscriptionFilter Filter { get; internal set; }

    /// <summary>The close reason once the client was dropped; null while it is served.</summary>
    public string? AbandonReason => abandonReason;

    /// <summary>The reason a client is closed with when more than <paramref name="capacity"/> messages are pending (at most 123 bytes).</summary>
    public static string QueueFullReason(int capacity) => $"client too slow: more than {capacity} messages pending";

    /// <summary>The reason recorded when one send does not complete within <paramref name="timeout"/>.</summary>
    public static string SendTimeoutReason(TimeSpan timeout) => $"client too slow: a send did not complete within {timeout.TotalSeconds:0.###} s";

    /// <summary>Queues a message; false when the client must be dropped (more than the capacity pending) or was already closed.</summary>
    public bool TryEnqueue(OutboundMessage message)
    {
        switch (queue.Enqueue(message))
        {
            case EnqueueResult.QueuedFirst:
                wake.Writer.TryWrite(true);
                return true;
            case EnqueueResult.Queued:
            case EnqueueResult.Replaced:
                return true;
            case EnqueueResult.Overflow:
                hub.CountQueueFull();
                Abandon(QueueFullReason(queue.Capacity));
                return false;
            default:
                return false;
        }
    }

    /// <summary>Queues a fresh snapshot: nothing queued after it may replace a message queued before it.</summary>
    internal bool TryEnqueueSnapshot(OutboundMessage snapshot)
    {
        queue.Barrier();
        return TryEnqueue(snapshot);
    }

    /// <summary>Stops sending: the queue is emptied and the send loop closes the socket with 1008 and <paramref name="reason"/>.</summary>
    public void Abandon(string reason)
    {
        Interlocked.CompareExchange(ref abandonReason, reason, null);
        queue.Close();
        wake.Writer.TryWrite(true);
    }

    /// <summary>Sends queued messages and reads subscribe messages until the client leaves, is dropped or the host stops.</summary>
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
            queue.Close();

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
        try
        {
            while (true)
            {
                if (abandonReason is null && queue.Count == 0)
                {
                    await wake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }

                if (abandonReason is { } reason)
                {
                    if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        deadline.CancelAfter(sendTimeout);
                        await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, reason, deadline.Token).ConfigureAwait(false);
                    }

                    return;
                }

                if (queue.IsClosed)
                {
                    return; // the client left
                }

                batch.Clear();
                var bytes = queue.TakeBatch(batch, MaxFrameBytes, MaxFrameMessages);
                if (batch.Count == 0)
                {
                    continue;
                }

                if (socket.State != WebSocketState.Open)
                {
                    return;
                }

                // One message goes out from the hub's bytes as they are; a batch is copied into a pooled buffer,
                // held only while it is sent (an idle client holds none).
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

        queue.Close();
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
                TryEnqueue(OutboundMessage.Create(w =>
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
            queue.Close();
            wake.Writer.TryWrite(true);
        }
    }
}
