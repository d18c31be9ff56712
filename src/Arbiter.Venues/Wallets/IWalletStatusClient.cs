using Arbiter.Core;

namespace Arbiter.Venues.Wallets;

/// <summary>Fetches one venue's deposit/withdrawal status per asset and network, from its public endpoint or, with keys, its keyed one.</summary>
public interface IWalletStatusClient
{
    VenueId Venue { get; }

    /// <summary>True when the endpoint needs API keys (Binance, Bybit, OKX, Upbit, Bithumb's new API).</summary>
    bool RequiresKeys { get; }

    /// <summary>The endpoint, for users: "GET https://api.gateio.ws/api/v4/wallet/currency_chains".</summary>
    string Source { get; }

    /// <summary>
    /// Fetches the status of <paramref name="assets"/> (Arbiter codes). Expected failures (HTTP errors, refused keys,
    /// malformed bodies) come back as <see cref="WalletFetch.Error"/>, never as exceptions; assets the venue does not
    /// list are left out of the snapshot. <paramref name="now"/> (unix µs) becomes the snapshot's time.
    /// </summary>
    Task<WalletFetch> FetchAsync(HttpClient http, IReadOnlyList<Asset> assets, long now, CancellationToken cancellationToken);
}
