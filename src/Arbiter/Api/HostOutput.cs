using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Api;

/// <summary>One engine output, copied off the engine thread for the API hub and the events file; exactly one of the optional parts is set (none: a connection change).</summary>
public sealed record HostOutput(
    long Time,
    OpportunityEvent? Opportunity = null,
    BookTop[]? Tops = null,
    VenueId Venue = default,
    ConnectionState Connection = default,
    PremiumMatrix[]? Premiums = null,
    FxState? Fx = null,
    VenueQuality? Quality = null,
    WalletChange? WalletChange = null);
