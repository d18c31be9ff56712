using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>Receives every raw input in the order it is processed, so a run can be replayed exactly.</summary>
public interface ICaptureWriter
{
    void WriteFrame(VenueId venue, string connectionId, long receivedAt, ReadOnlySpan<byte> utf8);

    void WriteRest(VenueId venue, string pathAndQuery, long receivedAt, ReadOnlySpan<byte> body);

    void WriteRestFailure(VenueId venue, string pathAndQuery, long at, string error);

    void WriteOpen(VenueId venue, string connectionId, long at, Uri url);

    void WriteClose(VenueId venue, string connectionId, long at);

    void WriteTick(long at);
}
