namespace Arbiter.Core;

/// <summary>An asset that trades on two or more venues, with every market it has there.</summary>
public sealed record CrossVenueAsset(Asset Asset, IReadOnlyList<CrossVenueListing> Listings)
{
    /// <summary>The distinct venues listing the asset, in id order.</summary>
    public IReadOnlyList<VenueId> Venues => [.. Listings.Select(l => l.Venue).Distinct().Order()];
}
