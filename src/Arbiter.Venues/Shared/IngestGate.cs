using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// The single door every raw input passes through: it stamps the receive time (whole microseconds, from the
/// injected clock), writes the input to the capture when recording, and calls the protocol, all under one lock.
/// One lock for all venues makes the capture order the processing order, which is what makes replay exact.
/// </summary>
public sealed class IngestGate
{
    private readonly object gate = new();
    private readonly TimeProvider clock;
    private readonly ICaptureWriter? capture;
    private bool sealedOff;

    public IngestGate(TimeProvider clock, ICaptureWriter? capture = null)
    {
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        this.capture = capture;
    }

    public TimeProvider Clock => clock;

    /// <summary>
    /// Closes the door for a shutdown: later inputs are neither recorded nor processed. The disconnects a stop causes
    /// are not market data, so neither the capture nor the engine sees them, and both end in the same state.
    /// </summary>
    public void Seal()
    {
        lock (gate)
        {
            sealedOff = true;
        }
    }

    public void Frame(IVenueProtocol protocol, string connectionId, ReadOnlySpan<byte> utf8)
    {
        lock (gate)
        {
            if (sealedOff)
            {
                return;
            }

            var at = UnixMicros.Now(clock);
            capture?.WriteFrame(protocol.Venue, connectionId, at, utf8);
            protocol.OnFrame(connectionId, utf8, at);
        }
    }

    public void Rest(IVenueProtocol protocol, string pathAndQuery, ReadOnlySpan<byte> body)
    {
        lock (gate)
        {
            if (sealedOff)
            {
                return;
            }

            var at = UnixMicros.Now(clock);
            capture?.WriteRest(protocol.Venue, pathAndQuery, at, body);
            protocol.OnRestResponse(pathAndQuery, body, at);
        }
    }

    public void RestFailure(IVenueProtocol protocol, string pathAndQuery, string error)
    {
        lock (gate)
        {
            if (sealedOff)
            {
                return;
            }

            var at = UnixMicros.Now(clock);
            capture?.WriteRestFailure(protocol.Venue, pathAndQuery, at, error);
            protocol.OnRestFailure(pathAndQuery, error, at);
        }
    }

    public void Opened(IVenueProtocol protocol, string connectionId, Uri url)
    {
        lock (gate)
        {
            if (sealedOff)
            {
                return;
            }

            var at = UnixMicros.Now(clock);
            capture?.WriteOpen(protocol.Venue, connectionId, at, url);
            protocol.OnOpened(connectionId, at);
        }
    }

    public void Closed(IVenueProtocol protocol, string connectionId)
    {
        lock (gate)
        {
            if (sealedOff)
            {
                return;
            }

            var at = UnixMicros.Now(clock);
            capture?.WriteClose(protocol.Venue, connectionId, at);
            protocol.OnClosed(connectionId, at);
        }
    }

    /// <summary>
    /// Publishes one reference input that is not a venue frame (an FX quote, a wallet snapshot) at the gate's clock, under
    /// its lock like every frame: <paramref name="record"/> writes it to the capture, <paramref name="fill"/> sets the
    /// rented event. Null when sealed (nothing recorded or published), else whether the engine's queue took it.
    /// </summary>
    public bool? Reference(IMarketEventSink sink, Action<long>? record, Action<MarketEvent> fill)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(fill);
        lock (gate)
        {
            if (sealedOff)
            {
                return null;
            }

            var at = UnixMicros.Now(clock);
            record?.Invoke(at);
            var e = sink.Rent();
            e.ReceiveTime = at;
            fill(e);
            return sink.TryPublish(e);
        }
    }

    /// <summary>Publishes a clock tick to the engine (recorded, so replay ages books at the same moments).</summary>
    public void Tick(IMarketEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (gate)
        {
            if (sealedOff)
            {
                return;
            }

            var at = UnixMicros.Now(clock);
            capture?.WriteTick(at);
            var e = sink.Rent();
            e.Kind = MarketEventKind.Tick;
            e.ReceiveTime = at;
            sink.TryPublish(e);
        }
    }
}
