namespace Arbiter.Venues;

/// <summary>One watched book inside a venue protocol: its publisher, the connection that carries it, and what to do once an owed overflow invalidation got through.</summary>
internal interface IVenueBook
{
    BookPublisher Publisher { get; }

    /// <summary>Index of the <see cref="ConnectionSpec"/> that carries this book.</summary>
    int Connection { get; }

    /// <summary>Publishes the owed QueueOverflow invalidation if possible and, once it is out, restarts the book's sync.</summary>
    void FlushOverflow(long at);
}
