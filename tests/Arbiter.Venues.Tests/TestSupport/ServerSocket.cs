using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

namespace Arbiter.Venues.Tests.TestSupport;

/// <summary>The server side of one accepted WebSocket.</summary>
internal sealed class ServerSocket(WebSocket socket, int index, ConcurrentQueue<string> received, CancellationToken token)
{
    /// <summary>1 for the first connection the server accepted, 2 for the next...</summary>
    public int Index { get; } = index;

    public CancellationToken Token { get; } = token;

    public Task SendAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, Token);

    public Task SendBinaryAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Binary, endOfMessage: true, Token);

    /// <summary>One message sent as several frames.</summary>
    public async Task SendFragmentsAsync(params string[] parts)
    {
        for (var i = 0; i < parts.Length; i++)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(parts[i]), WebSocketMessageType.Text, endOfMessage: i == parts.Length - 1, Token);
        }
    }

    public void Abort() => socket.Abort();

    /// <summary>A clean close with <paramref name="status"/>, waiting for the client's answer.</summary>
    public Task CloseAsync(WebSocketCloseStatus status) => socket.CloseAsync(status, "test", Token);

    /// <summary>Records what the client sends until it closes (or the server stops).</summary>
    public async Task ReceiveUntilClosedAsync()
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            received.Enqueue(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }

    /// <summary>Keeps the connection open and silent until the client leaves.</summary>
    public Task HoldAsync() => ReceiveUntilClosedAsync();
}
