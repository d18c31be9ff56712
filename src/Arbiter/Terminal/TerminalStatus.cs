using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Terminal;

/// <summary>What the terminal shows about a running pipeline at one moment.</summary>
/// <param name="Venues">The running venues in id order.</param>
/// <param name="Frames">Frames received from every venue since start.</param>
/// <param name="OpenOpportunities">Opportunities open now.</param>
/// <param name="OpportunitiesSeen">Opportunities opened since start.</param>
/// <param name="UsdKrw">The USD/KRW rate in use (with its status and time), or null before the engine published one.</param>
/// <param name="Time">When taken, unix microseconds.</param>
public sealed record TerminalStatus(IReadOnlyList<VenueStatus> Venues, long Frames, int OpenOpportunities, long OpportunitiesSeen, FxRate? UsdKrw, long Time);

/// <summary>One venue's line of <see cref="TerminalStatus"/>.</summary>
public sealed record VenueStatus(VenueId Venue, ConnectionState Connection, int BooksSynced, int Books, long Frames);
