using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>What <see cref="SnapshotBookProtocol"/> keeps per book: its publisher, its connection, its state and the time of the last applied message.</summary>
internal sealed class SnapshotBook : IVenueBook
{
    public SnapshotBook(BookPublisher publisher, int connection)
    {
        Publisher = publisher;
        Connection = connection;
    }

    public BookPublisher Publisher { get; }

    public int Connection { get; }

    /// <summary>Unsynced while its connection is closed; Syncing until a message is applied; then Synced.</summary>
    public BookSyncState State { get; set; }

    /// <summary>Exchange time (µs) of the last applied message; older ones are ignored. Reset by each new connection.</summary>
    public long LastExchangeTime { get; set; } = long.MinValue;

    /// <summary>The next message is a full book, so nothing but the owed invalidation (and its Syncing) is needed.</summary>
    public void FlushOverflow(long at) => Publisher.TryFlush(at);
}
