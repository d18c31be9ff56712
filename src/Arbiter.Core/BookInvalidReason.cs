namespace Arbiter.Core;

/// <summary>Why a book lost its synced state.</summary>
public enum BookInvalidReason : byte
{
    None = 0,

    /// <summary>An update was missing between the last applied one and the next.</summary>
    SequenceGap,

    /// <summary>Best bid at or above best ask.</summary>
    Crossed,

    /// <summary>The engine queue was full: an update could not be delivered.</summary>
    QueueOverflow,

    /// <summary>A frame for this book could not be parsed.</summary>
    MalformedFrame,

    /// <summary>The connection carrying the book closed.</summary>
    Disconnected,

    /// <summary>The venue's checksum did not match the local book.</summary>
    ChecksumMismatch,

    /// <summary>The REST snapshot could not be fetched or did not bridge the buffered updates.</summary>
    SnapshotFailed,

    /// <summary>The feed was silent for longer than allowed and is being reconnected.</summary>
    FeedSilent,
}
