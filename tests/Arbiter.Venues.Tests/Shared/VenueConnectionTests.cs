using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Tests.TestSupport;

namespace Arbiter.Venues.Tests.Shared;

public sealed class VenueConnectionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static VenueConnectionOptions FastOptions(TimeSpan? idle = null, int maxFrameBytes = 16 * 1024 * 1024) => new()
    {
        IdleTimeout = idle ?? TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        MaxFrameBytes = maxFrameBytes,
        Resilience = new ConnectionResilienceOptions
        {
            InitialDelay = TimeSpan.FromMilliseconds(20),
            MaxDelay = TimeSpan.FromMilliseconds(100),
            StableAfter = TimeSpan.FromMinutes(1),
            BreakerFailureThreshold = 100,
        },
    };

    private static async Task StopAsync(CancellationTokenSource cts, Task run)
    {
        await cts.CancelAsync();
        await run.WaitAsync(Timeout); // completes without throwing
    }

    [Fact]
    public async Task RunAsync_ServerSendsFrames_DeliveredInOrderAfterOpen()
    {
        await using var server = await LoopbackServer.StartAsync(async s =>
        {
            for (var i = 1; i <= 5; i++)
            {
                await s.SendAsync("frame-" + i);
            }

            await s.HoldAsync();
        });
        var protocol = new RecordingProtocol();
        var sink = new RecordingSink();
        var states = new List<ConnectionState>();
        var connection = new VenueConnection(new ConnectionSpec("test-0", server.WebSocketUrl()), protocol, new IngestGate(TimeProvider.System), sink, FastOptions(), stateChanged: (_, s) => { lock (states) { states.Add(s); } });
        using var cts = new CancellationTokenSource();

        var run = connection.RunAsync(cts.Token);
        await protocol.WaitForAsync(log => log.Count >= 6, Timeout);

        Assert.Equal(
            ["open test-0#1", "frame test-0#1 frame-1", "frame test-0#1 frame-2", "frame test-0#1 frame-3", "frame test-0#1 frame-4", "frame test-0#1 frame-5"],
            protocol.Log);
        Assert.Equal("test-0#1", connection.CurrentConnectionId);
        Assert.Equal(ConnectionState.Connected, connection.State);
        await StopAsync(cts, run);

        Assert.Equal("close test-0#1", protocol.Log[^1]);
        Assert.Equal([ConnectionState.Connecting, ConnectionState.Connected, ConnectionState.Disconnected], states);
        var changes = sink.Events.Where(e => e.Kind == MarketEventKind.ConnectionChanged).ToArray();
        Assert.Equal([ConnectionState.Connecting, ConnectionState.Connected, ConnectionState.Disconnected], changes.Select(e => e.Connection).ToArray());
        Assert.All(changes, e => Assert.Equal(VenueId.Upbit, e.Venue));
        Assert.Equal(0, protocol.Counters.Reconnects); // a shutdown is not a reconnect
    }

    [Fact]
    public async Task RunAsync_FragmentedAndLargeMessages_AssembledIntoSingleFrames()
    {
        var large = new string('x', 200_000); // beyond the initial 64 KiB buffer
        await using var server = await LoopbackServer.StartAsync(async s =>
        {
            await s.SendFragmentsAsync("{\"a\":", "1,\"b\":", "2}");
            await s.SendFragmentsAsync(large[..70_000], large[70_000..150_000], large[150_000..]);
            await s.SendBinaryAsync("{\"binary\":true}");
            await s.HoldAsync();
        });
        var protocol = new RecordingProtocol();
        var connection = new VenueConnection(new ConnectionSpec("test-0", server.WebSocketUrl()), protocol, new IngestGate(TimeProvider.System), new RecordingSink(), FastOptions());
        using var cts = new CancellationTokenSource();

        var run = connection.RunAsync(cts.Token);
        await protocol.WaitForAsync(log => log.Count >= 4, Timeout);
        await StopAsync(cts, run);

        Assert.Equal("frame test-0#1 {\"a\":1,\"b\":2}", protocol.Log[1]);
        Assert.Equal("frame test-0#1 " + large, protocol.Log[2]);
        Assert.Equal("frame test-0#1 {\"binary\":true}", protocol.Log[3]);
        Assert.Equal(3, protocol.Counters.Frames);
    }

    [Fact]
    public async Task RunAsync_ServerDropsConnection_ClosedThenReconnectedWithNextId()
    {
        await using var server = await LoopbackServer.StartAsync(async s =>
        {
            await s.SendAsync("from-" + s.Index);
            if (s.Index == 1)
            {
                // Drop abruptly, but only once the client has read the frame (a reset discards unread data).
                await Task.Delay(200, s.Token);
                s.Abort();
                return;
            }

            await s.HoldAsync();
        });
        var protocol = new RecordingProtocol();
        var connection = new VenueConnection(new ConnectionSpec("test-0", server.WebSocketUrl()), protocol, new IngestGate(TimeProvider.System), new RecordingSink(), FastOptions());
        using var cts = new CancellationTokenSource();

        var run = connection.RunAsync(cts.Token);
        await protocol.WaitForAsync(log => log.Contains("frame test-0#2 from-2"), Timeout);
        await StopAsync(cts, run);

        Assert.Equal(["open test-0#1", "frame test-0#1 from-1", "close test-0#1", "open test-0#2", "frame test-0#2 from-2"], protocol.Log.Take(5).ToArray());
        Assert.Equal(1, protocol.Counters.Reconnects);
    }

    [Fact]
    public async Task RunAsync_SilentServer_IdleTimeoutReconnectsAndCounts()
    {
        await using var server = await LoopbackServer.StartAsync(async s =>
        {
            await s.SendAsync("hello-" + s.Index);
            await s.HoldAsync(); // then silence
        });
        var protocol = new RecordingProtocol();
        var connection = new VenueConnection(new ConnectionSpec("test-0", server.WebSocketUrl()), protocol, new IngestGate(TimeProvider.System), new RecordingSink(), FastOptions(idle: TimeSpan.FromMilliseconds(300)));
        using var cts = new CancellationTokenSource();

        var run = connection.RunAsync(cts.Token);
        await protocol.WaitForAsync(log => log.Contains("frame test-0#2 hello-2"), Timeout);
        await StopAsync(cts, run);

        Assert.Equal(["open test-0#1", "frame test-0#1 hello-1", "close test-0#1", "open test-0#2"], protocol.Log.Take(4).ToArray());
        Assert.True(protocol.Counters.IdleTimeouts >= 1);
        Assert.Equal(protocol.Counters.IdleTimeouts, protocol.Counters.Reconnects);
    }

    [Fact]
    public async Task RunAsync_SpecIdleTimeout_OverridesTransportDefault()
    {
        await using var server = await LoopbackServer.StartAsync(s => s.HoldAsync());
        var protocol = new RecordingProtocol();
        var spec = new ConnectionSpec("test-0", server.WebSocketUrl()) { IdleTimeout = TimeSpan.FromMilliseconds(200) };
        var connection = new VenueConnection(spec, protocol, new IngestGate(TimeProvider.System), new RecordingSink(), FastOptions(idle: TimeSpan.FromMinutes(10)));
        using var cts = new CancellationTokenSource();

        var run = connection.RunAsync(cts.Token);
        await protocol.WaitForAsync(log => log.Contains("open test-0#2"), Timeout);
        await StopAsync(cts, run);

        Assert.True(protocol.Counters.IdleTimeouts >= 1);
    }

    [Fact]
    public async Task RunAsync_MessageOverMaxFrameBytes_CountedMalformedAndReconnected()
    {
        await using var server = await LoopbackServer.StartAsync(async s =>
        {
            await s.SendAsync(s.Index == 1 ? new string('y', 2_000) : "small");
            await s.HoldAsync();
        });
        var protocol = new RecordingProtocol();
        var connection = new VenueConnection(new ConnectionSpec("test-0", server.WebSocketUrl()), protocol, new IngestGate(TimeProvider.System), new RecordingSink(), FastOptions(maxFrameBytes: 1_024));
        using var cts = new CancellationTokenSource();

        var run = connection.RunAsync(cts.Token);
        await protocol.WaitForAsync(log => log.Contains("frame test-0#2 small"), Timeout);
        await StopAsync(cts, run);

        Assert.Equal(["open test-0#1", "close test-0#1", "open test-0#2", "frame test-0#2 small"], protocol.Log.Take(4).ToArray());
        Assert.Equal(1, protocol.Counters.MalformedFrames);
        Assert.Equal(1, protocol.Counters.Frames);
    }

    [Fact]
    public async Task Send_FromOnOpenedAndPeriodicPing_ReceivedByServerInOrder()
    {
        await using var server = await LoopbackServer.StartAsync(s => s.ReceiveUntilClosedAsync());
        var protocol = new RecordingProtocol();
        var spec = new ConnectionSpec("test-0", server.WebSocketUrl(), PingText: "PING", PingInterval: TimeSpan.FromMilliseconds(100));
        VenueConnection? connection = null;
        protocol.Opened = id => Assert.True(connection!.Send(id, "[{\"ticket\":\"t\"}]"));
        connection = new VenueConnection(spec, protocol, new IngestGate(TimeProvider.System), new RecordingSink(), FastOptions());
        using var cts = new CancellationTokenSource();

        var run = connection.RunAsync(cts.Token);
        var deadline = DateTime.UtcNow + Timeout;
        while (server.Received.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await StopAsync(cts, run);

        var received = server.Received.ToArray();
        Assert.True(received.Length >= 3, string.Join(",", received));
        Assert.Equal("[{\"ticket\":\"t\"}]", received[0]);
        Assert.All(received.Skip(1), text => Assert.Equal("PING", text));
        Assert.False(connection.Send("test-0#1", "late"));
    }

    [Fact]
    public async Task Reconnect_CurrentConnection_ReplacedWithNextId()
    {
        await using var server = await LoopbackServer.StartAsync(async s =>
        {
            await s.SendAsync("hi-" + s.Index);
            await s.HoldAsync();
        });
        var protocol = new RecordingProtocol();
        var connection = new VenueConnection(new ConnectionSpec("test-0", server.WebSocketUrl()), protocol, new IngestGate(TimeProvider.System), new RecordingSink(), FastOptions());
        using var cts = new CancellationTokenSource();

        var run = connection.RunAsync(cts.Token);
        await protocol.WaitForAsync(log => log.Contains("frame test-0#1 hi-1"), Timeout);
        Assert.False(connection.Reconnect("test-0#7"));
        Assert.True(connection.Reconnect("test-0#1"));
        await protocol.WaitForAsync(log => log.Contains("frame test-0#2 hi-2"), Timeout);
        await StopAsync(cts, run);

        Assert.Equal(["open test-0#1", "frame test-0#1 hi-1", "close test-0#1", "open test-0#2"], protocol.Log.Take(4).ToArray());
    }

    [Fact]
    public async Task RunAsync_NothingListening_RetriesWithoutOpeningAndStopsCleanly()
    {
        int port;
        await using (var closed = await LoopbackServer.StartAsync(s => s.HoldAsync()))
        {
            port = closed.Port;
        }

        var protocol = new RecordingProtocol();
        var attempts = 0;
        var connection = new VenueConnection(
            new ConnectionSpec("test-0", new Uri($"ws://127.0.0.1:{port}/ws")), protocol, new IngestGate(TimeProvider.System), new RecordingSink(), FastOptions(),
            stateChanged: (_, s) =>
            {
                if (s == ConnectionState.Connecting)
                {
                    Interlocked.Increment(ref attempts);
                }
            });
        using var cts = new CancellationTokenSource();

        var run = connection.RunAsync(cts.Token);
        var deadline = DateTime.UtcNow + Timeout;
        while (Volatile.Read(ref attempts) < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        await StopAsync(cts, run);

        Assert.True(attempts >= 3);
        Assert.Empty(protocol.Log);
        Assert.Equal(ConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task RunAsync_MaxLifetimeReached_PlannedReconnectWithoutBackoff()
    {
        await using var server = await LoopbackServer.StartAsync(async s =>
        {
            await s.SendAsync("tick-" + s.Index);
            await s.HoldAsync();
        });
        var protocol = new RecordingProtocol();
        var spec = new ConnectionSpec("test-0", server.WebSocketUrl(), MaxLifetime: TimeSpan.FromMilliseconds(300));
        var options = FastOptions();
        options.Resilience.InitialDelay = TimeSpan.FromMinutes(10); // a failure would stall the test: a planned reconnect must not wait
        options.Resilience.MaxDelay = TimeSpan.FromMinutes(10);
        var connection = new VenueConnection(spec, protocol, new IngestGate(TimeProvider.System), new RecordingSink(), options);
        using var cts = new CancellationTokenSource();

        var run = connection.RunAsync(cts.Token);
        await protocol.WaitForAsync(log => log.Contains("frame test-0#3 tick-3"), Timeout);
        await StopAsync(cts, run);

        Assert.Equal(
            ["open test-0#1", "frame test-0#1 tick-1", "close test-0#1", "open test-0#2", "frame test-0#2 tick-2", "close test-0#2", "open test-0#3"],
            protocol.Log.Take(7).ToArray());
        Assert.Equal(0, protocol.Counters.IdleTimeouts);
    }

    [Fact]
    public async Task RunAsync_MaxLifetimeWithOverlap_OpensTheReplacementBeforeClosingTheOld()
    {
        await using var server = await LoopbackServer.StartAsync(async s =>
        {
            await s.SendAsync("tick-" + s.Index);
            await s.HoldAsync();
        });
        var protocol = new RecordingProtocol();
        var spec = new ConnectionSpec("test-0", server.WebSocketUrl(), MaxLifetime: TimeSpan.FromMilliseconds(300)) { OverlapOnLifetime = true };
        var options = FastOptions();
        options.Resilience.InitialDelay = TimeSpan.FromMinutes(10); // the replacement must not wait for a backoff
        options.Resilience.MaxDelay = TimeSpan.FromMinutes(10);
        var connection = new VenueConnection(spec, protocol, new IngestGate(TimeProvider.System), new RecordingSink(), options);
        using var cts = new CancellationTokenSource();

        var run = connection.RunAsync(cts.Token);
        await protocol.WaitForAsync(log => log.Contains("frame test-0#3 tick-3"), Timeout);
        await StopAsync(cts, run);

        // Each replacement is announced (and receives) before its predecessor's close: no moment without a connection.
        var log = protocol.Log.ToArray();
        Assert.Equal(["open test-0#1", "frame test-0#1 tick-1", "open test-0#2"], log.Take(3).ToArray());
        Assert.True(Array.IndexOf(log, "open test-0#2") < Array.IndexOf(log, "close test-0#1"), string.Join(" | ", log));
        Assert.True(Array.IndexOf(log, "open test-0#3") < Array.IndexOf(log, "close test-0#2"), string.Join(" | ", log));
        Assert.Equal(ConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task RunAsync_ConnectLimit_SpacesTheVenuesConnectsUnderIt()
    {
        await using var server = await LoopbackServer.StartAsync(async s =>
        {
            await s.SendAsync("tick-" + s.Index);
            await s.HoldAsync();
        });
        var protocol = new RecordingProtocol();
        var opened = new List<long>();
        protocol.Opened = _ => opened.Add(System.Diagnostics.Stopwatch.GetTimestamp());
        var pacer = new RatePacer(new RateLimit(1, TimeSpan.FromMilliseconds(250)), TimeProvider.System); // margin: +75 ms
        var gate = new IngestGate(TimeProvider.System);
        var first = new VenueConnection(new ConnectionSpec("test-0", server.WebSocketUrl()), protocol, gate, new RecordingSink(), FastOptions(), connectPacer: pacer);
        var second = new VenueConnection(new ConnectionSpec("test-1", server.WebSocketUrl()), protocol, gate, new RecordingSink(), FastOptions(), connectPacer: pacer);
        using var cts = new CancellationTokenSource();

        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var runs = new[] { first.RunAsync(cts.Token), second.RunAsync(cts.Token) };
        await protocol.WaitForAsync(log => log.Count(l => l.StartsWith("frame", StringComparison.Ordinal)) == 2, Timeout);
        await cts.CancelAsync();
        await Task.WhenAll(runs);

        Assert.Equal(2, opened.Count);
        // Whichever connected first began at or after start; the other could begin only 325 ms later (window + margin).
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(start, opened[1]) >= TimeSpan.FromMilliseconds(325), "the second connect waited for the window");
    }

    [Fact]
    public async Task RunAsync_ServerClosesWithPolicyViolation_ReconnectsOnlyAfterBackoffEvenWhenStable()
    {
        await using var server = await LoopbackServer.StartAsync(async s =>
        {
            if (s.Index == 1)
            {
                await Task.Delay(200, s.Token);
                await s.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation);
                return;
            }

            await s.HoldAsync();
        });
        var protocol = new RecordingProtocol();
        var opened = new List<long>();
        protocol.Opened = _ => opened.Add(System.Diagnostics.Stopwatch.GetTimestamp());
        var options = FastOptions();
        options.Resilience.StableAfter = TimeSpan.FromMilliseconds(50); // the first session counts as stable...
        options.Resilience.InitialDelay = TimeSpan.FromMilliseconds(600); // ...but 1008 still waits for the backoff
        options.Resilience.MaxDelay = TimeSpan.FromSeconds(1);
        var connection = new VenueConnection(new ConnectionSpec("test-0", server.WebSocketUrl()), protocol, new IngestGate(TimeProvider.System), new RecordingSink(), options, new FixedRandom(0));
        using var cts = new CancellationTokenSource();

        var run = connection.RunAsync(cts.Token);
        await protocol.WaitForAsync(log => log.Contains("open test-0#2"), Timeout);
        await StopAsync(cts, run);

        var gap = System.Diagnostics.Stopwatch.GetElapsedTime(opened[0], opened[1]);
        Assert.True(gap >= TimeSpan.FromMilliseconds(750), $"reconnected {gap.TotalMilliseconds} ms after opening");
    }
}
