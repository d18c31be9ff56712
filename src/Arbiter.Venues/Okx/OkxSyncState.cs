namespace Arbiter.Venues.Okx;

/// <summary>Where an OKX book is in its sync (REFERENCE §7).</summary>
public enum OkxSyncState : byte
{
    /// <summary>Its connection is not open.</summary>
    Closed = 0,

    /// <summary>Waiting for a WebSocket snapshot, or buffering updates until a REST snapshot bridges them.</summary>
    Syncing = 1,

    /// <summary>In sequence: each update's prevSeqId must equal the last seqId.</summary>
    Synced = 2,
}
