using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Arbiter.Api;

/// <summary>One dashboard or API WebSocket client with its own bounded send queue.</summary>
public sealed class WebSocketClient
{
    private readonly WebSocket socket;
    private readonly Channel<string> queue;
    private string? abandonReason;

    public WebSocketClient(WebSocket socket, int queueCapacity)
    {
        this.socket = socket ?? throw new ArgumentNullException(nameof(socket));
        queue = Channel.CreateBounded<string>(new BoundedChannelOptions(queueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public bool TryEnqueue(string message) => queue.Writer.TryWrite(message);

    /// <summary>Stops sending; the send loop closes the socket with <paramref name="reason"/>.</summary>
    public void Abandon(string reason)
    {
        abandonReason = reason;
        queue.Writer.TryComplete();
    }

    /// <summary>Sends queued messages until the client leaves, is abandoned or the host stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var receive = DrainIncomingAsync(cancellationToken);
        try
        {
            await foreach (var message in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (socket.State != WebSocketState.Open)
                {
                    break;
                }

                await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
            }

            if (abandonReason is not null && socket.State == WebSocketState.Open)
            {
                await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, abandonReason, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ChannelClosedException)
        {
            // The client went away or the host is stopping.
        }
        finally
        {
            queue.Writer.TryComplete();
        }

        await receive.ConfigureAwait(false);
    }

    private async Task DrainIncomingAsync(CancellationToken cancellationToken)
    {
        // The API is push-only: incoming messages are read (so close frames are seen) and discarded.
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken).ConfigureAwait(false);
                    }

                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Gone.
        }
        finally
        {
            queue.Writer.TryComplete();
        }
    }
}
