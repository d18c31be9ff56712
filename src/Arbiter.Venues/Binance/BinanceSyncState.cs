namespace Arbiter.Venues.Binance;

/// <summary>Where a Binance book is in the official sync procedure (REFERENCE §1).</summary>
public enum BinanceSyncState : byte
{
    /// <summary>Its connection is not open.</summary>
    Closed = 0,

    /// <summary>Buffering diff events until a REST snapshot bridges them.</summary>
    Syncing = 1,

    /// <summary>Snapshot applied; each event is applied in sequence.</summary>
    Synced = 2,
}
