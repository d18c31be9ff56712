using Arbiter.Core;

namespace Arbiter.Venues.Wallets;

/// <summary>
/// Gathers the networks of the requested assets while a venue body is read, and gives them back in the order the assets
/// were requested. Venue codes are matched as strings first, so a venue's thousands of other codes are never interned.
/// </summary>
internal sealed class WalletCollector
{
    private readonly List<Asset> order = [];
    private readonly Dictionary<string, Asset> byCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Asset, Entry> entries = [];

    public WalletCollector(IReadOnlyList<Asset> assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        foreach (var asset in assets)
        {
            if (!asset.IsNone && byCode.TryAdd(asset.Code, asset))
            {
                order.Add(asset);
            }
        }
    }

    /// <summary>The requested assets, each once, in request order.</summary>
    public IReadOnlyList<Asset> Assets => order;

    /// <summary>The requested asset with Arbiter code <paramref name="code"/>, if it was requested.</summary>
    public bool TryMatch(string? code, out Asset asset)
    {
        asset = default;
        return code is not null && byCode.TryGetValue(code, out asset);
    }

    /// <summary>Marks <paramref name="asset"/> as listed by the venue (it appears in the snapshot even with no networks).</summary>
    public void Listed(Asset asset, bool? depositOpen = null, bool? withdrawOpen = null)
    {
        var entry = Get(asset);
        entry.DepositOpen ??= depositOpen;
        entry.WithdrawOpen ??= withdrawOpen;
    }

    public void Add(Asset asset, NetworkStatus network) => Get(asset).Networks.Add(network);

    public IReadOnlyList<AssetWallet> Build()
    {
        var wallets = new List<AssetWallet>(entries.Count);
        foreach (var asset in order)
        {
            if (entries.TryGetValue(asset, out var entry))
            {
                wallets.Add(new AssetWallet(asset, entry.Networks, entry.DepositOpen, entry.WithdrawOpen));
            }
        }

        return wallets;
    }

    private Entry Get(Asset asset)
    {
        if (!entries.TryGetValue(asset, out var entry))
        {
            entry = new Entry();
            entries.Add(asset, entry);
        }

        return entry;
    }

    private sealed class Entry
    {
        public List<NetworkStatus> Networks { get; } = [];

        public bool? DepositOpen { get; set; }

        public bool? WithdrawOpen { get; set; }
    }
}
