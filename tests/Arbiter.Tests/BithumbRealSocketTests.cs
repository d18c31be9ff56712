using Arbiter.Core;
using Arbiter.Simulator;
using Arbiter.Tests.Support;

namespace Arbiter.Tests;

/// <summary>Bithumb through `arbiter demo` over real sockets: a refused subscription is an error and a server close, and the reconnect resubscribes.</summary>
public sealed class BithumbRealSocketTests
{
    [Fact]
    public async Task Demo_SubscribeRefused_ErrorThenServerCloseThenTheReconnectResubscribes()
    {
        await using var demo = new DemoRun();
        demo.Settings.Simulator.Only(VenueId.Bithumb);
        demo.Settings.Feed.Connection.Resilience.InitialDelay = TimeSpan.FromMilliseconds(200);
        await demo.StartAsync(seed: 41);
        using var http = new HttpClient();
        await demo.WaitAllSyncedAsync(TimeSpan.FromSeconds(15));
        var venue = demo.Simulator.Simulation.Bithumb;
        var counters = demo.Pipeline.Feeds.Single().Protocol.Counters;
        var reconnectsBefore = counters.Reconnects;

        foreach (var kind in new[] { FaultKind.SubscribeRefused, FaultKind.DroppedConnection })
        {
            using var response = await http.PostAsync(new Uri(demo.Simulator.RestBase(VenueId.Bithumb), $"/_sim/fault?kind={kind}"), null);
            response.EnsureSuccessStatusCode();
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((venue.Faults[FaultKind.SubscribeRefused] == 0 || counters.VenueErrors == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, venue.Faults[FaultKind.SubscribeRefused]);
        Assert.Equal(1, counters.VenueErrors); // the refusal reached the adapter before the close
        await demo.WaitAllSyncedAsync(TimeSpan.FromSeconds(15));
        Assert.True(counters.Reconnects >= reconnectsBefore + 2, $"reconnects {reconnectsBefore} -> {counters.Reconnects}: the drop and the server's close");
        deadline = DateTime.UtcNow.AddSeconds(10);
        while (demo.Simulator.ConnectionCount(VenueId.Bithumb) != 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50); // the refused socket is gone once the client answered the close
        }

        Assert.Equal(1, demo.Simulator.ConnectionCount(VenueId.Bithumb));
        Assert.Equal(0, venue.Limits.MessageBreaches);
        Assert.Equal(0, venue.Limits.ConnectBreaches);
    }
}
