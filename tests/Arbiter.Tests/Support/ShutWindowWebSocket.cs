using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Arbiter.Tests.Support;

/// <summary>
/// A WebSocket client whose TCP receive window is small (SO_RCVBUF set before connecting), so a server that sends to it
/// while it does not read blocks after a known amount of data: the kernel's send buffer (at most <c>tcp_wmem</c>'s
/// maximum), this small window, and the server's own write buffers. Lets a test put a server's send loop in the
/// "client too slow" state deterministically, by sending more than <see cref="BytesToFillTheConnection"/>.
/// </summary>
internal sealed class ShutWindowWebSocket : IDisposable
{
    private const int ReceiveBuffer = 16 * 1024;

    private readonly HttpMessageInvoker invoker;

    private ShutWindowWebSocket(ClientWebSocket socket, HttpMessageInvoker invoker)
    {
        Socket = socket;
        this.invoker = invoker;
    }

    public ClientWebSocket Socket { get; }

    /// <summary>
    /// More bytes than the connection can hold while the client does not read: the largest kernel send buffer
    /// (<c>/proc/sys/net/ipv4/tcp_wmem</c>, 64 MiB when unknown), four times the receive window (the kernel doubles it),
    /// and 8 MiB for the server's pipes and one frame in flight.
    /// </summary>
    public static long BytesToFillTheConnection
    {
        get
        {
            long sendBuffer = 64L << 20;
            try
            {
                var fields = File.ReadAllText("/proc/sys/net/ipv4/tcp_wmem").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                sendBuffer = long.Parse(fields[2], CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // Not Linux: assume a generous buffer.
            }

            return sendBuffer + (4 * ReceiveBuffer) + (8L << 20);
        }
    }

    public static async Task<ShutWindowWebSocket> ConnectAsync(Uri uri)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = ReceiveBuffer };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var invoker = new HttpMessageInvoker(handler);
        var ws = new ClientWebSocket();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await ws.ConnectAsync(uri, invoker, timeout.Token);
            return new ShutWindowWebSocket(ws, invoker);
        }
        catch
        {
            ws.Dispose();
            invoker.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Socket.Dispose();
        invoker.Dispose();
    }
}
