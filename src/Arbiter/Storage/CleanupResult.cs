namespace Arbiter.Storage;

/// <summary>Rows one retention cleanup deleted.</summary>
public sealed record CleanupResult(long Opportunities, long Alerts, long VenueEvents);
