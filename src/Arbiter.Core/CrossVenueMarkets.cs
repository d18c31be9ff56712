namespace Arbiter.Core;

/// <summary>
/// The common markets across venues: which assets trade on two or more venues, where, and in which quote currencies,
/// built from the venues' market lists (which hold only markets that are trading: halted, delisted and cancel-only
/// markets were left out when each list was parsed).
/// </summary>
public sealed class CrossVenueMarkets
{
    private CrossVenueMarkets(IReadOnlyList<CrossVenueAsset> assets, IReadOnlyList<VenueId> venues)
    {
        Assets = assets;
        Venues = venues;
    }

    /// <summary>Assets on two or more venues, by code; listings by venue, then quote, then symbol.</summary>
    public IReadOnlyList<CrossVenueAsset> Assets { get; }

    /// <summary>The venues whose market lists went in (those without a list yet are left out).</summary>
    public IReadOnlyList<VenueId> Venues { get; }

    /// <summary>Builds the common markets from each venue's list; a null list (not fetched yet) is skipped.</summary>
    public static CrossVenueMarkets Build(IEnumerable<(VenueId Venue, MarketList? Markets)> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var byAsset = new Dictionary<Asset, List<CrossVenueListing>>();
        var venues = new SortedSet<VenueId>();
        foreach (var (venue, markets) in lists)
        {
            if (markets is null)
            {
                continue;
            }

            venues.Add(venue);
            foreach (var (symbol, baseAsset, quote) in markets.Entries)
            {
                if (!byAsset.TryGetValue(baseAsset, out var listings))
                {
                    byAsset[baseAsset] = listings = [];
                }

                listings.Add(new CrossVenueListing(venue, symbol, quote));
            }
        }

        var assets = new List<CrossVenueAsset>();
        foreach (var (asset, listings) in byAsset)
        {
            listings.Sort((a, b) => a.Venue != b.Venue ? a.Venue.CompareTo(b.Venue)
                : a.Quote != b.Quote ? string.CompareOrdinal(a.Quote.Code, b.Quote.Code)
                : string.CompareOrdinal(a.Symbol, b.Symbol));
            var entry = new CrossVenueAsset(asset, listings);
            if (entry.Venues.Count >= 2)
            {
                assets.Add(entry);
            }
        }

        assets.Sort((a, b) => string.CompareOrdinal(a.Asset.Code, b.Asset.Code));
        return new CrossVenueMarkets(assets, [.. venues]);
    }
}
