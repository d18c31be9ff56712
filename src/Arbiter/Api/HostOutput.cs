using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Api;

/// <summary>One engine output, copied off the engine thread for the API hub and the events file.</summary>
public sealed record HostOutput(long Time, OpportunityEvent? Opportunity = null, BookTop[]? Tops = null, VenueId Venue = default, ConnectionState Connection = default);
