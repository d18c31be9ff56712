using Arbiter.Core;
using Shouldly;

namespace Arbiter.Venues.Tests.Wallets;

/// <summary>Exact comparison of wallets (records holding lists compare their lists by reference, so compare member by member).</summary>
internal static class WalletAssert
{
    public static void Wallet(AssetWallet actual, string asset, bool? depositOpen, bool? withdrawOpen, params NetworkStatus[] networks)
    {
        actual.Asset.ShouldBe(Asset.Of(asset));
        actual.DepositOpen.ShouldBe(depositOpen);
        actual.WithdrawOpen.ShouldBe(withdrawOpen);
        actual.Networks.Count.ShouldBe(networks.Length, $"networks of {asset}");
        for (var i = 0; i < networks.Length; i++)
        {
            actual.Networks[i].ShouldBe(networks[i]);
        }
    }

    public static WalletSnapshot Snapshot(Arbiter.Venues.Wallets.WalletFetch fetch)
    {
        fetch.Error.ShouldBeNull();
        fetch.Snapshot.ShouldNotBeNull();
        return fetch.Snapshot;
    }

    public static IReadOnlyList<Asset> Assets(params string[] codes) => [.. codes.Select(Asset.Of)];
}
