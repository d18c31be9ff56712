namespace Arbiter.Core;

/// <summary>Whether a book may be trusted. Only <see cref="Synced"/> books are read by anything downstream.</summary>
public enum BookSyncState : byte
{
    /// <summary>No usable state: never synced, or cleared after a fault.</summary>
    Unsynced = 0,

    /// <summary>Waiting for a snapshot to bridge buffered updates.</summary>
    Syncing = 1,

    /// <summary>Sequence-consistent, fresh and uncrossed.</summary>
    Synced = 2,

    /// <summary>Synced content, but older than the allowed age.</summary>
    Stale = 3,

    /// <summary>Content known to be wrong (crossed, checksum mismatch); see <see cref="BookInvalidReason"/>.</summary>
    Invalid = 4,
}
