using Arbiter.Core;

namespace Arbiter.Capture;

/// <summary>One line of a capture, decoded: <see cref="Data"/> holds the exact bytes received.</summary>
public sealed record CaptureRecord(long Time, string Kind, VenueId? Venue, string? Connection, string? Url, byte[] Data, string? Error, int LineNumber);
