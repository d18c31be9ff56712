using Arbiter.Core;

namespace Arbiter.Venues.Upbit;

/// <summary>What the Upbit protocol keeps per book: its publisher, whether its connection is up, and the last applied timestamp.</summary>
internal sealed class UpbitBook
{
    public UpbitBook(BookPublisher publisher) => Publisher = publisher;

    public BookPublisher Publisher { get; }

    /// <summary>Unsynced while the connection is closed; Syncing until a message is applied; then Synced.</summary>
    public BookSyncState State { get; set; }

    /// <summary>Timestamp (ms) of the last applied message; older ones are ignored.</summary>
    public long LastTimestamp { get; set; } = long.MinValue;
}
