using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>
/// The latest wallet status of every venue: status changes between fetches, transfer routes, and the ticker-collision
/// guard (<see cref="TickerCollision"/>). Owned by the engine thread; updated every few minutes, read per published opportunity.
/// </summary>
internal sealed class WalletBook
{
    private readonly WalletSnapshot?[] byVenue = new WalletSnapshot?[VenueNames.Count];
    private readonly Dictionary<ushort, List<TickerCollision>> collisions = [];

    /// <summary>Every collision found in the latest snapshots.</summary>
    public IEnumerable<TickerCollision> Collisions => collisions.Values.SelectMany(c => c);

    /// <summary>
    /// Stores <paramref name="snapshot"/>, returns the networks whose deposit or withdrawal status changed against the
    /// previous snapshot of the same venue (none on a venue's first snapshot), and recomputes the collisions; the assets
    /// whose collisions changed are added to <paramref name="collisionsChanged"/>.
    /// </summary>
    public List<WalletChange> Apply(WalletSnapshot snapshot, long clock, HashSet<Asset> collisionsChanged)
    {
        var changes = new List<WalletChange>();
        var previous = byVenue[(int)snapshot.Venue];
        if (previous is not null)
        {
            Diff(previous, snapshot, clock, changes);
        }

        byVenue[(int)snapshot.Venue] = snapshot;
        RecomputeCollisions(collisionsChanged);
        return changes;
    }

    /// <summary>The collision between <paramref name="a"/> and <paramref name="b"/> for <paramref name="asset"/>, or null.</summary>
    public TickerCollision? CollisionOf(Asset asset, VenueId a, VenueId b)
    {
        if (!collisions.TryGetValue(asset.Id, out var list))
        {
            return null;
        }

        var (first, second) = a < b ? (a, b) : (b, a);
        foreach (var collision in list)
        {
            if (collision.First == first && collision.Second == second)
            {
                return collision;
            }
        }

        return null;
    }

    /// <summary>True when some venue pair collides for <paramref name="asset"/> (cheap pre-check for the hot path).</summary>
    public bool HasCollisions(Asset asset) => collisions.ContainsKey(asset.Id);

    /// <summary>
    /// The network open for withdrawal at <paramref name="from"/> and for deposit at <paramref name="to"/> with the lowest
    /// known withdrawal fee (ties: the network code in ordinal order).
    /// </summary>
    public TransferRoute Route(Asset asset, VenueId from, VenueId to)
    {
        var source = byVenue[(int)from]?.Find(asset);
        var target = byVenue[(int)to]?.Find(asset);
        if (source is null || target is null)
        {
            return new TransferRoute(null, 0m, null, "no-wallet-status");
        }

        if (source.Networks.Count == 0 || target.Networks.Count == 0)
        {
            return new TransferRoute(null, 0m, null, "asset-level-only");
        }

        NetworkStatus? best = null;
        var openWithoutFee = false;
        foreach (var network in source.Networks)
        {
            if (!network.WithdrawOpen || target.Find(network.Network) is not { DepositOpen: true })
            {
                continue;
            }

            if (network.WithdrawFee is not { } fee)
            {
                openWithoutFee = true;
                continue;
            }

            if (best is null
                || fee < best.WithdrawFee!.Value
                || (fee == best.WithdrawFee.Value && string.CompareOrdinal(network.Network, best.Network) < 0))
            {
                best = network;
            }
        }

        if (best is not null)
        {
            return new TransferRoute(best.Network, best.WithdrawFee!.Value, best.WithdrawMin, null);
        }

        return new TransferRoute(null, 0m, null, openWithoutFee ? "fee-unknown" : "no-route");
    }

    private static void Diff(WalletSnapshot previous, WalletSnapshot current, long clock, List<WalletChange> changes)
    {
        foreach (var wallet in current.Assets)
        {
            // An asset the previous fetch did not cover has no "before": its networks are news, not changes.
            if (previous.Find(wallet.Asset) is not { } before)
            {
                continue;
            }

            foreach (var network in wallet.Networks)
            {
                var old = before.Find(network.Network);
                if (old is null || old.DepositOpen != network.DepositOpen || old.WithdrawOpen != network.WithdrawOpen)
                {
                    changes.Add(new WalletChange(current.Venue, wallet.Asset, network.Network, old, network, clock));
                }
            }

            foreach (var old in before.Networks)
            {
                if (wallet.Find(old.Network) is null)
                {
                    changes.Add(new WalletChange(current.Venue, wallet.Asset, old.Network, old, null, clock));
                }
            }
        }
    }

    private void RecomputeCollisions(HashSet<Asset> changedAssets)
    {
        var found = new Dictionary<ushort, List<TickerCollision>>();
        for (var a = 0; a < byVenue.Length; a++)
        {
            if (byVenue[a] is not { } first)
            {
                continue;
            }

            foreach (var wallet in first.Assets)
            {
                for (var b = a + 1; b < byVenue.Length; b++)
                {
                    if (byVenue[b]?.Find(wallet.Asset) is { } other
                        && TickerCollision.Find((VenueId)a, wallet, (VenueId)b, other) is { } collision)
                    {
                        if (!found.TryGetValue(wallet.Asset.Id, out var list))
                        {
                            found[wallet.Asset.Id] = list = [];
                        }

                        list.Add(collision);
                    }
                }
            }
        }

        foreach (var (asset, list) in found)
        {
            if (!collisions.TryGetValue(asset, out var old) || !old.SequenceEqual(list))
            {
                changedAssets.Add(list[0].Asset);
            }
        }

        foreach (var (asset, old) in collisions)
        {
            if (!found.ContainsKey(asset))
            {
                changedAssets.Add(old[0].Asset);
            }
        }

        collisions.Clear();
        foreach (var (asset, list) in found)
        {
            collisions[asset] = list;
        }
    }
}
