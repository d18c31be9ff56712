using Arbiter.Core;

namespace Arbiter.Intelligence;

/// <summary>One venue's periodic market-list refresh, for <c>/api/markets</c>. Times are unix µs; null = never.</summary>
public sealed record MarketDiscoveryStatus(VenueId Venue, long? LastSuccess, long? LastFailure, string? LastError, int Markets, MarketList? List);
