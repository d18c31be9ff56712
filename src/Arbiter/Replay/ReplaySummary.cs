namespace Arbiter.Replay;

/// <summary>What a replay did: capture lines read, opportunity events written, opportunities opened, and the last clock value (unix µs).</summary>
public sealed record ReplaySummary(long Records, long EventsWritten, long OpportunitiesOpened, long EndTime);
