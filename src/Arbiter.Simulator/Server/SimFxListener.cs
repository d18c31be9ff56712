using System.Net;
using Arbiter.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Arbiter.Simulator;

/// <summary>The FX quote source's own Kestrel listener on 127.0.0.1 (Dunamu is its own host in reality): <see cref="SimFxQuote"/> over HTTP.</summary>
internal sealed class SimFxListener(SimFxQuote quote, TimeProvider time, int port) : IAsyncDisposable
{
    private WebApplication? app;

    public Uri? HttpBase { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddLogging();
        app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        HttpBase = new Uri($"http://127.0.0.1:{new Uri(address).Port}");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            app = null;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var response = quote.Handle(context.Request.Method, context.Request.Path.Value + context.Request.QueryString.Value, UnixMicros.Now(time));
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body).ConfigureAwait(false);
    }
}
