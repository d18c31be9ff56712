using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Arbiter.Tests.Support;

/// <summary>
/// Reads the API's <c>/ws</c> stream as messages: a frame is one JSON message or a <c>{"type":"batch","messages":[...]}</c>
/// whose messages are handed out one by one, in order, with their exact text. Messages of a batch not yet handed out
/// are kept per socket, so consecutive calls on the same socket continue where the last one stopped.
/// </summary>
internal static class WebSocketMessages
{
    private static readonly ConditionalWeakTable<ClientWebSocket, Queue<string>> Pending = [];

    /// <summary>The next message's exact JSON text; fails after <paramref name="timeout"/> (default 10 s) or when the server closes.</summary>
    public static async Task<string> ReceiveTextAsync(ClientWebSocket ws, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await ReceiveTextAsync(ws, cancel.Token);
    }

    /// <summary>The next message's exact JSON text.</summary>
    public static async Task<string> ReceiveTextAsync(ClientWebSocket ws, CancellationToken cancellationToken)
    {
        var pending = Pending.GetOrCreateValue(ws);
        while (pending.Count == 0)
        {
            foreach (var message in Unwrap(await ReceiveFrameAsync(ws, cancellationToken)))
            {
                pending.Enqueue(message);
            }
        }

        return pending.Dequeue();
    }

    /// <summary>The next message, parsed.</summary>
    public static async Task<JsonElement> ReceiveAsync(ClientWebSocket ws, CancellationToken cancellationToken) =>
        Parse(await ReceiveTextAsync(ws, cancellationToken));

    /// <summary>One whole frame's text as sent (a batch is not unwrapped); throws when the server closes, with its status and reason.</summary>
    public static async Task<string> ReceiveFrameAsync(ClientWebSocket ws, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        using var frame = new MemoryStream();
        while (true)
        {
            var result = await ws.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketClosedException(ws.CloseStatus, ws.CloseStatusDescription);
            }

            frame.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(frame.GetBuffer(), 0, (int)frame.Length);
            }
        }
    }

    /// <summary>The messages of one frame: the batch's messages (exact text, in order), or the frame itself.</summary>
    public static IReadOnlyList<string> Unwrap(string frame)
    {
        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement;
        if (root.GetProperty("type").GetString() != "batch")
        {
            return [frame];
        }

        var messages = new List<string>();
        foreach (var message in root.GetProperty("messages").EnumerateArray())
        {
            messages.Add(message.GetRawText());
        }

        return messages;
    }

    public static JsonElement Parse(string message)
    {
        using var document = JsonDocument.Parse(message);
        return document.RootElement.Clone();
    }
}
