using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Arbiter.Tests.Support;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (a real socket, one response per connection) whose answer is set by the test:
/// status, body and an optional delay before answering. Records each request's path and query.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private readonly List<string> requests = [];
    private volatile Response response = new(200, "{}", TimeSpan.Zero);

    public LoopbackHttpServer()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    /// <summary>Request targets received so far ("/v1/forex/recent?codes=FRX.KRWUSD").</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public void Answer(int status, string body, TimeSpan delay = default) => response = new Response(status, body, delay);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[4096];
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var n = await stream.ReadAsync(buffer, stop.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    head.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }

                var requestLine = head.ToString()[..head.ToString().IndexOf("\r\n", StringComparison.Ordinal)];
                lock (requests)
                {
                    requests.Add(requestLine.Split(' ')[1]);
                }

                var answer = response;
                if (answer.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(answer.Delay, stop.Token);
                }

                var body = Encoding.UTF8.GetBytes(answer.Body);
                var reason = answer.Status switch { 200 => "OK", 503 => "Service Unavailable", 404 => "Not Found", _ => "Status" };
                var header = string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 {answer.Status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(header), stop.Token);
                await stream.WriteAsync(body, stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // The client left or the server is stopping.
            }
        }
    }

    private sealed record Response(int Status, string Body, TimeSpan Delay);
}
