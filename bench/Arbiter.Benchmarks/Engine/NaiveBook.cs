using Arbiter.Core;

namespace Arbiter.Benchmarks.Engine;

/// <summary>A book as a typical bot keeps it: unsorted lists of decimal (price, quantity) in the quote currency, plus the venue's fee and USD rate.</summary>
internal sealed class NaiveBook
{
    public NaiveBook(VenueId venue, decimal feeRate, Asset quote, decimal usdKrw)
    {
        Venue = venue;
        FeeRate = feeRate;
        IsKrw = quote == Asset.Krw;
        UsdKrw = usdKrw;
    }

    public VenueId Venue { get; }

    public decimal FeeRate { get; }

    public bool IsKrw { get; }

    public decimal UsdKrw { get; }

    public List<(decimal Price, decimal Quantity)> Bids { get; } = [];

    public List<(decimal Price, decimal Quantity)> Asks { get; } = [];

    public decimal ToUsd(decimal quote) => IsKrw ? quote / UsdKrw : quote;
}
