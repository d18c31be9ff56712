namespace Arbiter.Venues;

/// <summary>What differs between the venues that use <see cref="BridgedBookSync"/>; one instance per protocol.</summary>
internal sealed class BridgedBookSyncSettings
{
    public BridgedBookSyncSettings(BookSnapshotParser parseSnapshot, TimeSpan snapshotRetryDelay, int maxBufferedUpdates)
    {
        ParseSnapshot = parseSnapshot ?? throw new ArgumentNullException(nameof(parseSnapshot));
        SnapshotRetryDelayMicros = snapshotRetryDelay.Ticks / TimeSpan.TicksPerMicrosecond;
        MaxBufferedUpdates = maxBufferedUpdates;
    }

    public BookSnapshotParser ParseSnapshot { get; }

    /// <summary>Earliest re-request of a snapshot after a failed, stale or non-bridging one, in µs.</summary>
    public long SnapshotRetryDelayMicros { get; }

    /// <summary>Updates buffered while waiting for a snapshot; beyond it the buffer restarts.</summary>
    public int MaxBufferedUpdates { get; }

    /// <summary>Levels per side the venue keeps in this stream, set on every published snapshot and delta; 0 = the whole book.</summary>
    public int Depth { get; init; }

    /// <summary>
    /// Whether a snapshot whose id is exactly one below the first buffered event's U bridges it. Gate (REFERENCE §4): yes,
    /// refetch only when id + 1 &lt; U. Binance (§1): no, refetch whenever lastUpdateId &lt; U, as its procedure says.
    /// </summary>
    public bool SnapshotMayPrecedeFirstUpdate { get; init; }
}
