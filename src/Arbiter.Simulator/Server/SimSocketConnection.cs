using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Arbiter.Simulator;

/// <summary>
/// One accepted WebSocket: a bounded outbox drained by its own send loop (so a slow client never blocks the
/// pump: when the outbox is full the client is disconnected), and a receive loop that hands text to the session.
/// </summary>
internal sealed class SimSocketConnection
{
    private const int MaxMessageBytes = 1 << 20;

    /// <summary>How long a server-initiated close waits for the client's close frame before the connection is dropped.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket socket;
    private readonly HttpContext context;
    private readonly Channel<byte[]> outbox;
    private int aborted;
    private int closing;

    public SimSocketConnection(WebSocket socket, HttpContext context, SimSession session, int capacity)
    {
        this.socket = socket;
        this.context = context;
        Session = session;
        outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });
    }

    public SimSession Session { get; }

    /// <summary>Why the connection ended, for diagnostics: "aborted", "client closed", or the transport error's type.</summary>
    public string EndReason { get; private set; } = "";

    public bool IsAborted => Volatile.Read(ref aborted) != 0;

    /// <summary>True once <see cref="CloseAfterQueued"/> was called: nothing more is queued.</summary>
    public bool IsClosing => Volatile.Read(ref closing) != 0;

    /// <summary>Queues a frame; false when the outbox is full or the connection is gone or closing (the caller then aborts it).</summary>
    public bool TryEnqueue(byte[] frame) => Volatile.Read(ref aborted) == 0 && Volatile.Read(ref closing) == 0 && outbox.Writer.TryWrite(frame);

    /// <summary>The venue closes the connection: the frames already queued are sent, then a close frame (1000); the client has <see cref="CloseTimeout"/> to answer it.</summary>
    public void CloseAfterQueued()
    {
        if (Interlocked.Exchange(ref closing, 1) == 0)
        {
            outbox.Writer.TryComplete();
        }
    }

    /// <summary>Closes the TCP connection at once, without a close handshake (as a venue dropping a socket).</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref aborted, 1) == 0)
        {
            EndReason = "aborted";
            outbox.Writer.TryComplete();
            try
            {
                context.Abort();
            }
            catch (ObjectDisposedException)
            {
                // The request ended in the meantime (the client went away while the server stopped): nothing left to abort.
            }
        }
    }

    public async Task RunAsync(Action<SimSocketConnection, string> onText, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sender = SendLoopAsync(stop);
        var clientClosed = false;
        try
        {
            clientClosed = await ReceiveLoopAsync(onText, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransportEnd(e))
        {
            EndReason = EndReason.Length == 0 ? e.GetType().Name : EndReason;
        }

        outbox.Writer.TryComplete();
        if (!clientClosed)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await sender.ConfigureAwait(false);
            if (clientClosed && socket.State == WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", stop.Token).ConfigureAwait(false);
                EndReason = "client closed";
            }
        }
        catch (Exception e) when (IsTransportEnd(e))
        {
            EndReason = EndReason.Length == 0 ? e.GetType().Name : EndReason;
        }
    }

    private static bool IsTransportEnd(Exception e) =>
        e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException or InvalidOperationException
        || e.GetType().Name == "ConnectionAbortedException";

    private async Task SendLoopAsync(CancellationTokenSource stop)
    {
        var cancellationToken = stop.Token;
        var type = Session.SendsBinaryFrames ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
        await foreach (var frame in outbox.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await socket.SendAsync(frame, type, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }

        if (IsClosing && !IsAborted && socket.State == WebSocketState.Open)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cancellationToken).ConfigureAwait(false);
            EndReason = "server closed";
            stop.CancelAfter(CloseTimeout); // the receive loop ends with the client's close frame, or at the timeout
        }
    }

    /// <returns>True when the client closed the socket with a close frame.</returns>
    private async Task<bool> ReceiveLoopAsync(Action<SimSocketConnection, string> onText, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return true;
            }

            message.Write(buffer, 0, result.Count);
            if (message.Length > MaxMessageBytes)
            {
                Abort();
                return false;
            }

            if (result.EndOfMessage)
            {
                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                onText(this, text);
            }
        }
    }
}
