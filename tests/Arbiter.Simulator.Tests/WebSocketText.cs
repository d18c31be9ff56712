using System.Net.WebSockets;
using System.Text;

namespace Arbiter.Simulator.Tests;

/// <summary>Small ClientWebSocket helpers for the server tests.</summary>
internal static class WebSocketText
{
    public static async Task<ClientWebSocket> ConnectAsync(Uri uri)
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await socket.ConnectAsync(uri, timeout.Token);
        return socket;
    }

    public static async Task SendAsync(ClientWebSocket socket, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    /// <summary>The next whole message's bytes; throws after 5 s.</summary>
    public static async Task<byte[]> ReceiveAsync(ClientWebSocket socket) => (await ReceiveMessageAsync(socket)).Bytes;

    /// <summary>The next whole message with its frame type; throws after 5 s.</summary>
    public static async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveMessageAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException("closed by the server");
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }

    public static async Task<string> ReceiveTextAsync(ClientWebSocket socket) => Encoding.UTF8.GetString(await ReceiveAsync(socket));
}
