using System.Net.WebSockets;

namespace Arbiter.Tests.Support;

/// <summary>The server closed the WebSocket while a test expected a message; carries the close status and reason.</summary>
internal sealed class WebSocketClosedException(WebSocketCloseStatus? status, string? reason)
    : InvalidOperationException($"server closed the WebSocket: {status} {reason}")
{
    public WebSocketCloseStatus? Status { get; } = status;

    public string? Reason { get; } = reason;
}
