using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Arbiter.Venues.Tests.TestSupport;

/// <summary>A Kestrel server on 127.0.0.1 (ephemeral port): a WebSocket endpoint with optional HTTP routes, or plain HTTP only.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private int connections;

    private LoopbackServer(WebApplication app) => this.app = app;

    public int Port { get; private set; }

    public Uri HttpBase => new($"http://127.0.0.1:{Port}");

    /// <summary>The WebSocket endpoint (any path that is not an HTTP route).</summary>
    public Uri WebSocketUrl(string pathAndQuery = "/ws") => new($"ws://127.0.0.1:{Port}{pathAndQuery}");

    public int Connections => Volatile.Read(ref connections);

    /// <summary>Texts the clients sent, in arrival order.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    public static Task<LoopbackServer> StartAsync(Func<ServerSocket, Task> onSocket, Action<WebApplication>? routes = null) =>
        StartCoreAsync((app, server) =>
        {
            app.UseWebSockets();
            routes?.Invoke(app);
            app.Use(async (HttpContext context, RequestDelegate next) =>
            {
                if (!context.WebSockets.IsWebSocketRequest)
                {
                    await next(context);
                    return;
                }

                var index = Interlocked.Increment(ref server.connections);
                using var socket = await context.WebSockets.AcceptWebSocketAsync();
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, server.stopping.Token);
                try
                {
                    await onSocket(new ServerSocket(socket, index, server.Received, linked.Token));
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
                {
                    // The client went away or the server is stopping: the test decides what that means.
                    socket.Abort();
                }
            });
        });

    /// <summary>Starts a plain HTTP server (no WebSocket endpoint) that answers every request with <paramref name="handle"/>.</summary>
    public static Task<LoopbackServer> StartHttpAsync(RequestDelegate handle) => StartCoreAsync((app, _) => app.Run(handle));

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private static async Task<LoopbackServer> StartCoreAsync(Action<WebApplication, LoopbackServer> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackServer(app);
        configure(app, server);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        return server;
    }
}
