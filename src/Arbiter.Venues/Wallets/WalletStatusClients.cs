using Arbiter.Core;
using Arbiter.Venues.Binance;
using Arbiter.Venues.Bithumb;
using Arbiter.Venues.Bybit;
using Arbiter.Venues.Coinbase;
using Arbiter.Venues.GateIo;
using Arbiter.Venues.Kraken;
using Arbiter.Venues.Okx;
using Arbiter.Venues.Upbit;

namespace Arbiter.Venues.Wallets;

/// <summary>Builds the wallet-status client of a venue: public where the venue has a public endpoint, keyed where it needs keys.</summary>
public static class WalletStatusClients
{
    /// <summary>
    /// The client for <paramref name="venue"/> at <paramref name="baseUrl"/> (the venue REST base; for Coinbase the Exchange
    /// base, <see cref="CoinbaseOptions.ExchangeRestBaseUrl"/>), or null when the venue needs keys and none were given
    /// (Binance, Bybit, OKX, Upbit). Bithumb uses its keyed API when given keys, else its public one.
    /// </summary>
    public static IWalletStatusClient? Create(VenueId venue, Uri baseUrl, VenueCredentials? credentials, TimeProvider? clock = null) => venue switch
    {
        VenueId.GateIo => new GateIoWalletClient(baseUrl, credentials, clock),
        VenueId.Coinbase => new CoinbaseWalletClient(baseUrl, credentials, clock),
        VenueId.Kraken => new KrakenWalletClient(baseUrl, credentials, clock),
        VenueId.Bithumb => new BithumbWalletClient(baseUrl, credentials, clock),
        VenueId.Binance => credentials is null ? null : new BinanceWalletClient(baseUrl, credentials, clock),
        VenueId.Bybit => credentials is null ? null : new BybitWalletClient(baseUrl, credentials, clock),
        VenueId.Okx => credentials is null ? null : new OkxWalletClient(baseUrl, credentials, clock),
        VenueId.Upbit => credentials is null ? null : new UpbitWalletClient(baseUrl, credentials, clock),
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "Unknown venue."),
    };

    /// <summary>True for venues whose wallet status can be read without keys: Gate.io, Coinbase, Kraken (asset level) and Bithumb.</summary>
    public static bool HasPublicEndpoint(VenueId venue) => venue is VenueId.GateIo or VenueId.Coinbase or VenueId.Kraken or VenueId.Bithumb;
}
