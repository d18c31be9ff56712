using Arbiter.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Arbiter.Simulator;

/// <summary>The FX quote source's own Kestrel listener on 127.0.0.1 (Dunamu is its own host in reality): <see cref="SimFxQuote"/> over HTTP.</summary>
internal sealed class SimFxListener(SimFxQuote quote, TimeProvider time, int port) : IAsyncDisposable
{
    private readonly SimLoopbackHost host = new();

    public Uri? HttpBase { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await host.StartAsync(port, app => app.Run(HandleAsync), cancellationToken).ConfigureAwait(false);
        HttpBase = new Uri($"http://127.0.0.1:{host.Port}");
    }

    public Task StopAsync(CancellationToken cancellationToken) => host.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private Task HandleAsync(HttpContext context) =>
        SimLoopbackHost.WriteAsync(context, quote.Handle(context.Request.Method, context.Request.Path.Value + context.Request.QueryString.Value, UnixMicros.Now(time)));
}
