namespace Arbiter.Storage;

/// <summary>The store's file cannot be used (corrupt, not a database, written by a newer schema, unreadable); the message names the file. The host prints it and exits with code 2.</summary>
public sealed class StoreOpenException : Exception
{
    public StoreOpenException(string message)
        : base(message)
    {
    }

    public StoreOpenException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public StoreOpenException()
    {
    }
}
