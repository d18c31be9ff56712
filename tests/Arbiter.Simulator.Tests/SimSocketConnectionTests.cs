using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Arbiter.Simulator.Tests;

public sealed class SimSocketConnectionTests
{
    [Fact]
    public async Task TryEnqueue_ClientStoppedReading_FailsOnceTheOutboxIsFullAndAbortDropsTheConnection()
    {
        using var lifetime = new RecordingLifetime();
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);
        var socket = new StalledWebSocket();
        var session = new Simulation(new SimulatorOptions(), SimClock.Start).Binance.OpenSession("/ws", out _)!;
        var connection = new SimSocketConnection(socket, context, session, capacity: 4);
        var run = connection.RunAsync((_, _) => { }, lifetime.RequestAborted);

        Assert.True(connection.TryEnqueue([1]));
        await socket.FirstSendStarted.WaitAsync(TimeSpan.FromSeconds(5)); // the send loop now holds that frame
        for (var i = 0; i < 4; i++)
        {
            Assert.True(connection.TryEnqueue([2]));
        }

        Assert.False(connection.TryEnqueue([3]));
        Assert.False(connection.IsAborted);
        connection.Abort();
        Assert.True(lifetime.WasAborted);
        Assert.True(connection.IsAborted);
        Assert.False(connection.TryEnqueue([4]));
        await run.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("aborted", connection.EndReason);
    }
}
