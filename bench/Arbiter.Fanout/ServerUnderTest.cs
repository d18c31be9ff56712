using System.Diagnostics;
using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Hosting;
using Arbiter.Venues;

namespace Arbiter.Fanout;

/// <summary>The measured server: the real <see cref="ApiServer"/> over an <see cref="ApiHub"/> on 127.0.0.1 (port 0), fed by the <see cref="EventGenerator"/>.</summary>
internal sealed class ServerUnderTest : IAsyncDisposable
{
    private readonly ApiHub hub;
    private readonly ApiServer server;

    public ServerUnderTest(int rate)
    {
        var counters = new Dictionary<VenueId, VenueCounters>();
        foreach (var venue in VenueNames.All)
        {
            counters[venue] = new VenueCounters();
        }

        hub = new ApiHub(counters, TimeProvider.System);
        server = new ApiServer(new ApiOptions { Url = "http://127.0.0.1:0" }, hub);
        Generator = new EventGenerator(hub, rate);
    }

    public EventGenerator Generator { get; }

    /// <summary>The <c>/ws</c> URL once started.</summary>
    public Uri WebSocketUrl { get; private set; } = new("ws://127.0.0.1/ws");

    /// <summary>Clients the hub currently broadcasts to (a dropped client leaves at once).</summary>
    public int ClientCount => hub.ClientCount;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        WebSocketUrl = new UriBuilder(server.Address) { Scheme = "ws", Path = "/ws" }.Uri;
        Generator.Start();
    }

    /// <summary>CPU time of this whole process (server, hub, generator; in-process clients too when the fleet runs here).</summary>
    public static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        Generator.Dispose();
        await server.DisposeAsync().ConfigureAwait(false);
    }
}
