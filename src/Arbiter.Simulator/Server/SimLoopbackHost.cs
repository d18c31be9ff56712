using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Arbiter.Simulator;

/// <summary>
/// The Kestrel start-up the simulator's listeners share: one empty web application on 127.0.0.1 (port 0 = ephemeral),
/// configured by its owner, with its start, stop and disposal, and the writing of a <see cref="SimHttpResponse"/>.
/// </summary>
internal sealed class SimLoopbackHost : IAsyncDisposable
{
    private WebApplication? app;

    /// <summary>The port actually bound; 0 until started.</summary>
    public int Port { get; private set; }

    /// <summary>Builds the application, lets <paramref name="configure"/> add its middleware, and starts listening on <paramref name="port"/>.</summary>
    public async Task StartAsync(int port, Action<WebApplication> configure, CancellationToken cancellationToken)
    {
        // The empty builder reads no configuration, environment or command line, and starts fast.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddLogging();
        app = builder.Build();
        configure(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Port = new Uri(address).Port;
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

    /// <summary>Writes <paramref name="response"/> as the answer of <paramref name="context"/>.</summary>
    public static async Task WriteAsync(HttpContext context, SimHttpResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body).ConfigureAwait(false);
    }
}
