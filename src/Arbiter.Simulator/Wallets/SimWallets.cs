using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// The seeded wallet model of one simulated venue: every configured asset (also those it lists no market of, such as its
/// quote USDT) with its networks, fees, minimums, confirmations and contracts, and their deposit/withdrawal switches.
/// Thread-safe; a change is visible on the next fetch of the venue's wallet endpoint.
/// </summary>
public sealed class SimWallets
{
    private readonly object gate = new();
    private readonly List<SimWalletNetwork> entries = [];

    internal SimWallets(VenueId venue, IReadOnlyList<SimAssetOptions> assets)
    {
        Venue = venue;
        var factor = SimWalletDefaults.FeeFactor(venue);
        foreach (var asset in assets)
        {
            foreach (var n in asset.Networks ?? SimWalletDefaults.Networks(asset.Code))
            {
                var network = NetworkNames.Unify(n.Network, Asset.Of(asset.Code));
                var (fee, min, confirmations) = SimWalletDefaults.Base(asset.Code, network);
                string? contract = null;
                if (n.VenueContracts is { } overrides)
                {
                    foreach (var (name, address) in overrides)
                    {
                        if (VenueNames.TryParse(name, out var v) && v == venue)
                        {
                            contract = address;
                        }
                    }
                }

                contract ??= n.Contract ?? SimWalletDefaults.Contract(asset.Code, network);
                entries.Add(new SimWalletNetwork(
                    asset.Code,
                    network,
                    SimWalletDefaults.Spelling(venue, asset.Code, network),
                    DepositOpen: true,
                    WithdrawOpen: true,
                    SimWalletDefaults.Normalize(n.WithdrawFee ?? (fee * factor)),
                    SimWalletDefaults.Normalize(n.WithdrawMin ?? min),
                    n.Confirmations ?? confirmations,
                    contract));
            }
        }
    }

    public VenueId Venue { get; }

    /// <summary>Every entry, asset by asset in configuration order, networks in their order.</summary>
    public IReadOnlyList<SimWalletNetwork> All
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    /// <summary>The asset codes covered, in configuration order.</summary>
    public IReadOnlyList<string> Assets
    {
        get
        {
            var codes = new List<string>();
            foreach (var e in All)
            {
                if (!codes.Contains(e.Asset))
                {
                    codes.Add(e.Asset);
                }
            }

            return codes;
        }
    }

    /// <summary>The networks of <paramref name="asset"/> (empty when the venue's wallet does not cover it).</summary>
    public IReadOnlyList<SimWalletNetwork> Networks(string asset)
    {
        var result = new List<SimWalletNetwork>();
        foreach (var e in All)
        {
            if (string.Equals(e.Asset, asset, StringComparison.OrdinalIgnoreCase))
            {
                result.Add(e);
            }
        }

        return result;
    }

    /// <summary>The entry of <paramref name="asset"/> on <paramref name="network"/> (unified code or the venue's spelling), or null.</summary>
    public SimWalletNetwork? Find(string asset, string network)
    {
        var index = IndexOf(asset, network);
        lock (gate)
        {
            return index >= 0 ? entries[index] : null;
        }
    }

    /// <summary>Opens or suspends deposits and/or withdrawals of <paramref name="asset"/> on <paramref name="network"/> (null leaves a switch as it is).</summary>
    /// <exception cref="ArgumentException">The asset or the network is not in this venue's wallet.</exception>
    public SimWalletNetwork SetOpen(string asset, string network, bool? deposit = null, bool? withdraw = null) =>
        Update(asset, network, e => e with { DepositOpen = deposit ?? e.DepositOpen, WithdrawOpen = withdraw ?? e.WithdrawOpen });

    /// <summary>Sets the contract this venue publishes for <paramref name="asset"/> on <paramref name="network"/> (stages a ticker collision; null = none).</summary>
    public SimWalletNetwork SetContract(string asset, string network, string? contract) =>
        Update(asset, network, e => e with { Contract = contract });

    /// <summary>Sets the withdrawal fee of <paramref name="asset"/> on <paramref name="network"/>.</summary>
    public SimWalletNetwork SetWithdrawFee(string asset, string network, decimal fee)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fee);
        return Update(asset, network, e => e with { WithdrawFee = SimWalletDefaults.Normalize(fee) });
    }

    /// <summary>
    /// What an adapter should report for this venue, in Core types: per network with fee, minimum, confirmations and
    /// contract; or, for Kraken (asset level only), no networks and the asset open when any network is.
    /// Venues whose endpoint publishes less (Gate.io no fee, Coinbase a single status) are compared field by field by tests.
    /// </summary>
    public IReadOnlyList<AssetWallet> Truth()
    {
        var result = new List<AssetWallet>();
        foreach (var code in Assets)
        {
            var networks = Networks(code);
            if (Venue == VenueId.Kraken)
            {
                result.Add(new AssetWallet(Asset.Of(code), [], networks.Any(n => n.DepositOpen), networks.Any(n => n.WithdrawOpen)));
            }
            else
            {
                result.Add(new AssetWallet(Asset.Of(code), [.. networks.Select(n => n.ToStatus())]));
            }
        }

        return result;
    }

    private SimWalletNetwork Update(string asset, string network, Func<SimWalletNetwork, SimWalletNetwork> change)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(network);
        lock (gate)
        {
            var index = IndexOf(asset, network);
            if (index < 0)
            {
                var known = entries.Any(e => string.Equals(e.Asset, asset, StringComparison.OrdinalIgnoreCase));
                throw new ArgumentException(known
                    ? $"{Venue.Name()} has no {asset.ToUpperInvariant()} network '{network}' (has {string.Join(", ", entries.Where(e => string.Equals(e.Asset, asset, StringComparison.OrdinalIgnoreCase)).Select(e => e.Network))})."
                    : $"{Venue.Name()} has no wallet for asset '{asset}' (has {string.Join(", ", entries.Select(e => e.Asset).Distinct())}).");
            }

            entries[index] = change(entries[index]);
            return entries[index];
        }
    }

    private int IndexOf(string asset, string network)
    {
        lock (gate)
        {
            var code = asset.ToUpperInvariant();
            if (!entries.Any(e => e.Asset == code))
            {
                return -1; // also keeps an unknown string out of Asset's registry
            }

            var unified = NetworkNames.Unify(network, Asset.Of(code));
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                if (e.Asset == code && (e.Network == unified || string.Equals(e.VenueNetwork, network, StringComparison.OrdinalIgnoreCase)))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
