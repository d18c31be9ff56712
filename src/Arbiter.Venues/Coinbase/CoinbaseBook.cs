using Arbiter.Core;

namespace Arbiter.Venues.Coinbase;

/// <summary>What the Coinbase protocol keeps per book: its publisher, its connection, and where it is in the sync.</summary>
internal sealed class CoinbaseBook : IVenueBook
{
    public CoinbaseBook(BookPublisher publisher, int connection)
    {
        Publisher = publisher;
        Connection = connection;
    }

    public BookPublisher Publisher { get; }

    public int Connection { get; }

    public Instrument Instrument => Publisher.Instrument;

    /// <summary>Unsynced while its connection is closed; Syncing until a snapshot is applied; then Synced.</summary>
    public BookSyncState State { get; set; }

    /// <summary>The book needs a snapshot again: the resubscription is driven by its connection, so only the owed invalidation is left to publish.</summary>
    public void FlushOverflow(long at) => Publisher.TryFlush(at);
}
