namespace Arbiter.Venues;

/// <summary>Monotonic per-venue counters, written by the adapter and readable from any thread.</summary>
public sealed class VenueCounters
{
    private long frames;
    private long bytes;
    private long malformed;
    private long gaps;
    private long resyncs;
    private long overflows;
    private long reconnects;
    private long restFailures;
    private long ignored;
    private long unknownSymbols;
    private long venueErrors;
    private long idleTimeouts;
    private long checksumMismatches;

    public long Frames => Volatile.Read(ref frames);

    public long Bytes => Volatile.Read(ref bytes);

    /// <summary>Frames that could not be parsed or failed validation.</summary>
    public long MalformedFrames => Volatile.Read(ref malformed);

    /// <summary>Sequence gaps detected.</summary>
    public long SequenceGaps => Volatile.Read(ref gaps);

    /// <summary>Books rebuilt from a fresh snapshot after losing sync.</summary>
    public long Resyncs => Volatile.Read(ref resyncs);

    /// <summary>Events the engine queue refused.</summary>
    public long QueueOverflows => Volatile.Read(ref overflows);

    public long Reconnects => Volatile.Read(ref reconnects);

    public long RestFailures => Volatile.Read(ref restFailures);

    /// <summary>Frames dropped on purpose (stale or duplicate updates, acks, pongs).</summary>
    public long IgnoredFrames => Volatile.Read(ref ignored);

    /// <summary>Frames about a symbol this adapter does not track.</summary>
    public long UnknownSymbols => Volatile.Read(ref unknownSymbols);

    /// <summary>Error replies from the venue (bad subscription, rate limit...).</summary>
    public long VenueErrors => Volatile.Read(ref venueErrors);

    /// <summary>Connections dropped because nothing arrived for the idle timeout.</summary>
    public long IdleTimeouts => Volatile.Read(ref idleTimeouts);

    /// <summary>Books whose local copy disagreed with the venue's checksum (OKX, Kraken).</summary>
    public long ChecksumMismatches => Volatile.Read(ref checksumMismatches);

    public void CountFrame(int length)
    {
        Interlocked.Increment(ref frames);
        Interlocked.Add(ref bytes, length);
    }

    public void CountMalformed() => Interlocked.Increment(ref malformed);

    public void CountGap() => Interlocked.Increment(ref gaps);

    public void CountResync() => Interlocked.Increment(ref resyncs);

    public void CountOverflow() => Interlocked.Increment(ref overflows);

    public void CountReconnect() => Interlocked.Increment(ref reconnects);

    public void CountRestFailure() => Interlocked.Increment(ref restFailures);

    public void CountIgnored() => Interlocked.Increment(ref ignored);

    public void CountUnknownSymbol() => Interlocked.Increment(ref unknownSymbols);

    public void CountVenueError() => Interlocked.Increment(ref venueErrors);

    public void CountIdleTimeout() => Interlocked.Increment(ref idleTimeouts);

    public void CountChecksumMismatch() => Interlocked.Increment(ref checksumMismatches);
}
