namespace Arbiter.Storage;

/// <summary>One venue status change: kind "connection" (state), "quality" (excluded / readmitted) or "wallet" (a network's deposit/withdrawal status). Time: unix µs.</summary>
public sealed record VenueStatusRow(long Id, string Venue, long Time, string Kind, string State, string? Detail);
