using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Arbiter.Venues.Tests.Wallets;

/// <summary>A Kestrel HTTP server on 127.0.0.1 (ephemeral port) that records each request and answers from a test-given function.</summary>
internal sealed class WalletServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private WalletServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<WalletRequest> Requests { get; } = new();

    /// <summary>Starts a server whose answer to each request is <paramref name="answer"/>(request).</summary>
    public static async Task<WalletServer> StartAsync(Func<WalletRequest, WalletAnswer> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new WalletServer(app);
        app.Run(async context =>
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in context.Request.Headers)
            {
                headers[header.Key] = header.Value.ToString();
            }

            var request = new WalletRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers);
            server.Requests.Enqueue(request);
            var reply = answer(request);
            if (reply.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(reply.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return; // the client gave up, as the test intended
                }
            }

            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(reply.Body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri($"http://127.0.0.1:{new Uri(address).Port}");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
