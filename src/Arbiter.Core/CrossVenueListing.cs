namespace Arbiter.Core;

/// <summary>One market of an asset on one venue: the venue's symbol and the quote currency.</summary>
public sealed record CrossVenueListing(VenueId Venue, string Symbol, Asset Quote);
