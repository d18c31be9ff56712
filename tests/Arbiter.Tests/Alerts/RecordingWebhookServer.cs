using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Arbiter.Tests.Alerts;

/// <summary>A webhook endpoint on 127.0.0.1 (Kestrel, port 0) that records each POST's path, content type and body, and answers <see cref="Status"/>.</summary>
internal sealed class RecordingWebhookServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<Request> requests = [];

    private RecordingWebhookServer()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            lock (requests)
            {
                requests.Add(new Request(context.Request.Method, context.Request.Path.Value ?? "", context.Request.ContentType, body));
            }

            context.Response.StatusCode = Status;
        });
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public int Status { get; set; } = 204;

    public IReadOnlyList<Request> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public static async Task<RecordingWebhookServer> StartAsync()
    {
        var server = new RecordingWebhookServer();
        await server.app.StartAsync();
        server.BaseAddress = new Uri(server.app.Urls.First() + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    internal sealed record Request(string Method, string Path, string? ContentType, string Body);
}
