using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Arbiter.Venues;

/// <summary>
/// State of one physical connection: its cancellation, outgoing queue, and the watchdog that ends it on connect timeout,
/// silence or lifetime and sends the venue's application ping.
/// </summary>
internal sealed class ConnectionSession : IDisposable
{
    private static readonly TimeSpan MinWatchdogPeriod = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxWatchdogPeriod = TimeSpan.FromSeconds(1);

    private readonly TimeProvider clock;
    private readonly CancellationToken outer;
    private readonly CancellationTokenSource cts = new();
    private readonly CancellationTokenRegistration outerRegistration;
    private readonly Channel<string> outgoing;
    private readonly TimeSpan connectTimeout;
    private readonly TimeSpan idleTimeout;
    private readonly TimeSpan? lifetime;
    private readonly string? pingText;
    private readonly TimeSpan? pingInterval;
    private readonly RatePacer? sendPacer;
    private readonly long startedAt;
    private ITimer? watchdog;
    private long connectedAt;
    private long lastReceiveAt;
    private long lastPingAt;
    private long endedAt;
    private int endReason;

    public ConnectionSession(ConnectionSpec spec, VenueConnectionOptions options, TimeProvider clock, CancellationToken outer)
    {
        this.clock = clock;
        this.outer = outer;
        outgoing = Channel.CreateBounded<string>(new BoundedChannelOptions(options.SendQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        connectTimeout = options.ConnectTimeout;
        idleTimeout = spec.IdleTimeout ?? options.IdleTimeout;
        lifetime = spec.OverlapOnLifetime ? null : spec.MaxLifetime; // an overlapping replacement is started by the connection instead
        pingText = spec.PingInterval is null ? null : spec.PingText;
        pingInterval = spec.PingInterval;
        sendPacer = spec.SendLimit is { } limit ? new RatePacer(limit, clock) : null;
        startedAt = clock.GetTimestamp();

        // Not a linked source: its registration is released in Dispose while the source itself stays valid, so a late
        // watchdog tick or queued reconnect can still cancel it harmlessly after the session is gone.
        outerRegistration = outer.UnsafeRegister(static s => ((ConnectionSession)s!).End(SessionEnd.Shutdown), this);
    }

    public CancellationToken Token => cts.Token;

    /// <summary>"{spec}#{n}" once connected.</summary>
    public string Id { get; private set; } = "";

    public SessionEnd EndReason => (SessionEnd)Volatile.Read(ref endReason);

    public bool IsConnected => Volatile.Read(ref connectedAt) != 0;

    /// <summary>How long the connection was up (until it ended, or until now).</summary>
    public TimeSpan ConnectedFor
    {
        get
        {
            var from = Volatile.Read(ref connectedAt);
            if (from == 0)
            {
                return TimeSpan.Zero;
            }

            var to = Volatile.Read(ref endedAt);
            return clock.GetElapsedTime(from, to == 0 ? clock.GetTimestamp() : to);
        }
    }

    public void StartWatchdog()
    {
        var period = Min(connectTimeout, idleTimeout);
        if (lifetime is { } l)
        {
            period = Min(period, l);
        }

        if (pingInterval is { } p)
        {
            period = Min(period, p);
        }

        period /= 4;
        period = period < MinWatchdogPeriod ? MinWatchdogPeriod : period > MaxWatchdogPeriod ? MaxWatchdogPeriod : period;
        watchdog = clock.CreateTimer(static s => ((ConnectionSession)s!).OnWatchdog(), this, period, period);
    }

    public void MarkConnected(string id)
    {
        Id = id;
        var now = clock.GetTimestamp();
        Volatile.Write(ref lastReceiveAt, now);
        Volatile.Write(ref lastPingAt, now);
        Volatile.Write(ref connectedAt, now);
    }

    /// <summary>Something arrived: the feed is not silent.</summary>
    public void MarkReceived() => Volatile.Write(ref lastReceiveAt, clock.GetTimestamp());

    /// <summary>Ends the session for <paramref name="reason"/> (the first reason wins) and cancels its I/O.</summary>
    public void End(SessionEnd reason)
    {
        if (TrySetReason(reason))
        {
            Cancel();
        }
    }

    /// <summary>
    /// Like <see cref="End"/> but cancels on the thread pool: used from inside the ingest gate (a protocol asking for a
    /// reconnect), so that no I/O continuation can run inline and re-enter the protocol.
    /// </summary>
    public void EndSoon(SessionEnd reason)
    {
        if (TrySetReason(reason))
        {
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.Cancel(), this, preferLocal: false);
        }
    }

    /// <summary>The reason for a transport exception: shutdown when the run was cancelled.</summary>
    public SessionEnd FailureReason => outer.IsCancellationRequested ? SessionEnd.Shutdown : SessionEnd.TransportError;

    public bool TrySend(string text) => outgoing.Writer.TryWrite(text);

    /// <summary>Sends queued texts one at a time (WebSocket sends must not overlap), paced by the spec's SendLimit, until the session ends.</summary>
    public async Task RunSenderAsync(ClientWebSocket socket)
    {
        byte[]? buffer = null;
        try
        {
            while (await outgoing.Reader.WaitToReadAsync(Token).ConfigureAwait(false))
            {
                while (outgoing.Reader.TryRead(out var text))
                {
                    var max = Encoding.UTF8.GetMaxByteCount(text.Length);
                    if (buffer is null || buffer.Length < max)
                    {
                        if (buffer is not null)
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                        }

                        buffer = ArrayPool<byte>.Shared.Rent(max);
                    }

                    var length = Encoding.UTF8.GetBytes(text, buffer);
                    if (sendPacer is not null)
                    {
                        await sendPacer.WaitTurnAsync(Token).ConfigureAwait(false); // the venue's message limit (ConnectionSpec.SendLimit)
                    }

                    await socket.SendAsync(buffer.AsMemory(0, length), WebSocketMessageType.Text, endOfMessage: true, Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (VenueConnection.IsTransportFailure(ex))
        {
            End(FailureReason);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    public void Dispose()
    {
        watchdog?.Dispose();
        outerRegistration.Dispose();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private bool TrySetReason(SessionEnd reason)
    {
        if (Interlocked.CompareExchange(ref endReason, (int)reason, (int)SessionEnd.None) != (int)SessionEnd.None)
        {
            return false;
        }

        Volatile.Write(ref endedAt, clock.GetTimestamp());
        return true;
    }

    private void Cancel() => cts.Cancel();

    private void OnWatchdog()
    {
        if (EndReason != SessionEnd.None)
        {
            return;
        }

        var now = clock.GetTimestamp();
        var connected = Volatile.Read(ref connectedAt);
        if (connected == 0)
        {
            if (clock.GetElapsedTime(startedAt, now) >= connectTimeout)
            {
                End(SessionEnd.ConnectTimeout);
            }

            return;
        }

        if (clock.GetElapsedTime(Volatile.Read(ref lastReceiveAt), now) >= idleTimeout)
        {
            End(SessionEnd.IdleTimeout);
            return;
        }

        if (lifetime is { } l && clock.GetElapsedTime(connected, now) >= l)
        {
            End(SessionEnd.Lifetime);
            return;
        }

        if (pingText is not null && pingInterval is { } p && clock.GetElapsedTime(Volatile.Read(ref lastPingAt), now) >= p)
        {
            Volatile.Write(ref lastPingAt, now);
            TrySend(pingText);
        }
    }
}
