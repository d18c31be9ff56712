namespace Arbiter.Core;

/// <summary>
/// Evidence that one ticker names two different tokens on two venues: both venues give a contract address for the same
/// network and the addresses differ. Such an asset is not matched across those venues.
/// </summary>
/// <param name="Asset">The ticker both venues use.</param>
/// <param name="First">The lower venue id of the two.</param>
/// <param name="Second">The other venue.</param>
/// <param name="Network">The unified network both gave a contract for.</param>
/// <param name="FirstContract">The contract on <paramref name="First"/>.</param>
/// <param name="SecondContract">The contract on <paramref name="Second"/>.</param>
public sealed record TickerCollision(Asset Asset, VenueId First, VenueId Second, string Network, string FirstContract, string SecondContract)
{
    /// <summary>"ticker-collision: XYZ on ETH is 0xabc… at binance but 0xdef… at gateio", the reason shown by the API.</summary>
    public string Reason => $"ticker-collision: {Asset} on {Network} is {FirstContract} at {First.Name()} but {SecondContract} at {Second.Name()}";

    /// <summary>
    /// The collision between <paramref name="a"/> at <paramref name="venueA"/> and <paramref name="b"/> at <paramref name="venueB"/>, or null
    /// when no network carries a contract on both (no evidence: the assets are matched). Addresses compare case-insensitively
    /// (EVM checksummed hex mixes cases) after trimming.
    /// </summary>
    public static TickerCollision? Find(VenueId venueA, AssetWallet a, VenueId venueB, AssetWallet b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (venueA > venueB)
        {
            (venueA, venueB, a, b) = (venueB, venueA, b, a);
        }

        foreach (var network in a.Networks)
        {
            if (string.IsNullOrWhiteSpace(network.ContractAddress))
            {
                continue;
            }

            var other = b.Find(network.Network);
            if (other is null || string.IsNullOrWhiteSpace(other.ContractAddress))
            {
                continue;
            }

            var first = network.ContractAddress.Trim();
            var second = other.ContractAddress.Trim();
            if (!string.Equals(first, second, StringComparison.OrdinalIgnoreCase))
            {
                return new TickerCollision(a.Asset, venueA, venueB, network.Network, first, second);
            }
        }

        return null;
    }
}
