namespace Arbiter.Core;

/// <summary>Everything one fetch of a venue's wallet status returned: the assets it covers, when, and from which endpoint.</summary>
/// <param name="Venue">The venue.</param>
/// <param name="Time">When it was fetched, unix microseconds (the host clock, the same clock as market events' receive times).</param>
/// <param name="Assets">The assets covered; an asset missing here is unknown, not closed.</param>
/// <param name="Source">The endpoint it came from, e.g. "GET /api/v4/wallet/currency_chains" or "GET /sapi/v1/capital/config/getall (keyed)".</param>
public sealed record WalletSnapshot(VenueId Venue, long Time, IReadOnlyList<AssetWallet> Assets, string Source)
{
    /// <summary>The status of <paramref name="asset"/>, or null when this snapshot does not cover it.</summary>
    public AssetWallet? Find(Asset asset)
    {
        foreach (var wallet in Assets)
        {
            if (wallet.Asset == asset)
            {
                return wallet;
            }
        }

        return null;
    }
}
