using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// Which market each simulated venue lists for an asset: its quote currency and its own spelling of the symbol
/// (REFERENCE cross-exchange table). Written out here rather than taken from the adapters' symbology, so that the
/// simulator and the adapters cannot share one mistake.
/// </summary>
public static class SimListings
{
    /// <summary>Every venue, in <see cref="VenueId"/> order.</summary>
    public static IReadOnlyList<VenueId> AllVenues { get; } = Enum.GetValues<VenueId>();

    /// <summary>"USDT", "USD" or "KRW".</summary>
    public static string Quote(VenueId venue) => venue switch
    {
        VenueId.Binance or VenueId.Bybit or VenueId.GateIo or VenueId.Okx => "USDT",
        VenueId.Coinbase or VenueId.Kraken => "USD",
        VenueId.Upbit or VenueId.Bithumb => "KRW",
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "Unknown venue."),
    };

    /// <summary>True for the KRW venues, whose books are priced with UsdKrw and the KRW grid.</summary>
    public static bool IsKrw(VenueId venue) => venue is VenueId.Upbit or VenueId.Bithumb;

    /// <summary>The venue's symbol of <paramref name="asset"/> against its quote: BTCUSDT, BTC-USD, BTC_USDT, KRW-BTC, BTC-USDT, BTC/USD.</summary>
    public static string Symbol(VenueId venue, string asset)
    {
        ArgumentException.ThrowIfNullOrEmpty(asset);
        var quote = Quote(venue);
        return venue switch
        {
            VenueId.Binance or VenueId.Bybit => asset + quote,
            VenueId.Coinbase or VenueId.Okx => asset + "-" + quote,
            VenueId.GateIo => asset + "_" + quote,
            VenueId.Upbit or VenueId.Bithumb => quote + "-" + asset,
            VenueId.Kraken => asset + "/" + quote,
            _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "Unknown venue."),
        };
    }
}
