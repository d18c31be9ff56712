namespace Arbiter.Venues;

/// <summary>A connection attempt or session failed for a transport reason (refused, dropped, silent, oversize frame): retried with backoff.</summary>
public sealed class VenueConnectionException : Exception
{
    public VenueConnectionException()
    {
    }

    public VenueConnectionException(string message)
        : base(message)
    {
    }

    public VenueConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
