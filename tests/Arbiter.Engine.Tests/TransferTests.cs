using Arbiter.Core;
using static Arbiter.Engine.Tests.Events;

namespace Arbiter.Engine.Tests;

public sealed class TransferTests
{
    private static readonly InstrumentCatalog Catalog = new();
    private static readonly Instrument Coinbase = Catalog.Add(new Instrument(VenueId.Coinbase, "BTC-USD", Asset.Btc, Asset.Usd, 2, 8));
    private static readonly Instrument Kraken = Catalog.Add(new Instrument(VenueId.Kraken, "BTC/USD", Asset.Btc, Asset.Usd, 1, 8));
    private static readonly Asset Xyz = Asset.Of("XYZ");
    private static readonly Instrument CoinbaseXyz = Catalog.Add(new Instrument(VenueId.Coinbase, "XYZ-USD", Xyz, Asset.Usd, 4, 2));
    private static readonly Instrument KrakenXyz = Catalog.Add(new Instrument(VenueId.Kraken, "XYZ/USD", Xyz, Asset.Usd, 4, 2));

    private static EngineFixture Fixture()
    {
        var options = new EngineOptions();
        options.TakerFees[VenueId.Coinbase] = 0.001m;
        options.TakerFees[VenueId.Kraken] = 0.001m;
        return new EngineFixture(options);
    }

    private static AssetWallet Btc(bool deposit, bool withdraw, decimal? fee) =>
        new(Asset.Btc, [new NetworkStatus("BTC", "bitcoin", deposit, withdraw, fee, 0.001m)]);

    /// <summary>Buy on Coinbase: 0.05 BTC at 100,000 then 1 at 100,100; sell on Kraken: 2 BTC at 101,000. Fees 0.1 % each side.</summary>
    private static MarketEvent[] Books(double at) =>
    [
        Snapshot(Coinbase, 1, At(at), Levels(("99000.00", "1")), Levels(("100000.00", "0.05"), ("100100.00", "1"))),
        Snapshot(Kraken, 1, At(at), Levels(("101000.0", "2")), Levels(("101100.0", "1"))),
    ];

    [Fact]
    public void Transfer_WithdrawalFee_UnprofitableBelowHandComputedSize()
    {
        var f = Fixture();
        f.Process(
            Wallets(VenueId.Coinbase, At(1), Btc(true, true, 0.0005m)),
            Wallets(VenueId.Kraken, At(1), Btc(true, true, 0.0001m)));
        f.Process(Books(1));

        var o = Assert.Single(f.Sink.Opportunities).Opportunity;

        // Inventory mode: per BTC, 101,000 × 0.999 = 100,899 received.
        //   level 1: 0.05 × (100,899 − 100,000 × 1.001) = 0.05 × 799.0 = 39.95
        //   level 2: 1.00 × (100,899 − 100,100 × 1.001) = 1 × 698.9 = 698.9          → net 738.85 on 1.05 BTC.
        Assert.Equal((1.05m, 738.85m), (o.Size, o.NetProfitUsd));

        // Transfer mode: Coinbase withdraws on BTC for 0.0005 BTC, worth 0.0005 × 101,000 × 0.999 = 50.4495 USD.
        // Net 738.85 − 50.4495 = 688.4005; premium 688.4005 ÷ ((100,000 × 0.05 + 100,100) × 1.001 = 105,205.1) → 65.4341 bps.
        // Break-even: 39.95 after level 1 is short of 50.4495 by 10.4995, covered at 698.9 per BTC after 10.4995 ÷ 698.9
        // = 0.01502289… BTC more: X = 0.06502289… BTC. Below X transfer mode loses money, above it gains: the smallest
        // profitable size at 8 decimals is 0.06502290.
        var t = o.Transfer;
        Assert.True(t.Available);
        Assert.Null(t.Unavailable);
        Assert.Equal(("BTC", 0.0005m, 50.4495m, 688.4005m, 65.4341m, 0.06502290m), (t.Network, t.WithdrawFee, t.FeeUsd, t.NetProfitUsd, t.NetPremiumBps, t.MinProfitableSize));
    }

    [Fact]
    public void Transfer_FeeAboveWholeWalk_HasNoProfitableSize()
    {
        var f = Fixture();
        f.Process(
            Wallets(VenueId.Coinbase, At(1), Btc(true, true, 0.01m)),
            Wallets(VenueId.Kraken, At(1), Btc(true, true, 0.0001m)));
        f.Process(Books(1));

        // Fee 0.01 BTC = 1,008.99 USD > 738.85 of inventory net: unprofitable at every size.
        var t = Assert.Single(f.Sink.Opportunities).Opportunity.Transfer;
        Assert.Equal((true, 1008.99m, -270.14m, (decimal?)null), (t.Available, t.FeeUsd, t.NetProfitUsd, t.MinProfitableSize));
    }

    [Fact]
    public void Transfer_OnlyNetworkSuspendedThenReopened_EmitsChangesAndTransferChangedEvents()
    {
        var f = Fixture();
        f.Process(
            Wallets(VenueId.Coinbase, At(1), Btc(true, true, 0.0005m)),
            Wallets(VenueId.Kraken, At(1), Btc(true, true, 0.0001m)));
        f.Process(Books(1));
        Assert.True(f.Sink.Opportunities[^1].Opportunity.Transfer.Available);
        Assert.Empty(f.Sink.WalletChanges);

        // Coinbase suspends BTC withdrawals: the next fetch makes transfer mode unavailable, nothing else changes.
        f.Process(Wallets(VenueId.Coinbase, At(2), Btc(true, false, 0.0005m)));
        var change = Assert.Single(f.Sink.WalletChanges);
        Assert.Equal((VenueId.Coinbase, Asset.Btc, "BTC", true, false), (change.Venue, change.Asset, change.Network, change.Previous!.WithdrawOpen, change.Current!.WithdrawOpen));
        var suspended = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.TransferChanged, suspended.Kind);
        Assert.Equal((false, "no-route", (decimal?)null), (suspended.Opportunity.Transfer.Available, suspended.Opportunity.Transfer.Unavailable, suspended.Opportunity.Transfer.NetProfitUsd));
        Assert.Equal(738.85m, suspended.Opportunity.NetProfitUsd);

        // Reopened: restored.
        f.Process(Wallets(VenueId.Coinbase, At(3), Btc(true, true, 0.0005m)));
        Assert.Equal(2, f.Sink.WalletChanges.Count);
        var restored = f.Sink.Opportunities[^1];
        Assert.Equal((OpportunityEventKind.TransferChanged, true, 688.4005m), (restored.Kind, restored.Opportunity.Transfer.Available, restored.Opportunity.Transfer.NetProfitUsd));

        // A fetch that changes nothing publishes nothing.
        f.Process(Wallets(VenueId.Coinbase, At(4), Btc(true, true, 0.0005m)));
        Assert.Equal((2, 3), (f.Sink.WalletChanges.Count, f.Sink.Opportunities.Count));
    }

    [Theory]
    [InlineData(true, false, "no-route")]
    [InlineData(false, true, "no-route")]
    public void Transfer_ClosedEnds_SayNoRoute(bool krakenDeposit, bool coinbaseWithdraw, string reason)
    {
        var f = Fixture();
        f.Process(
            Wallets(VenueId.Coinbase, At(1), Btc(true, coinbaseWithdraw, 0.0005m)),
            Wallets(VenueId.Kraken, At(1), Btc(krakenDeposit, true, 0.0001m)));
        f.Process(Books(1));

        Assert.Equal(reason, Assert.Single(f.Sink.Opportunities).Opportunity.Transfer.Unavailable);
    }

    [Fact]
    public void Transfer_NoStatusOrNoFee_SaysWhy()
    {
        var f = Fixture();
        f.Process(Books(1));
        Assert.Equal("no-wallet-status", Assert.Single(f.Sink.Opportunities).Opportunity.Transfer.Unavailable);

        var g = Fixture();
        g.Process(
            Wallets(VenueId.Coinbase, At(1), Btc(true, true, null)),
            Wallets(VenueId.Kraken, At(1), Btc(true, true, 0.0001m)));
        g.Process(Books(1));
        Assert.Equal("fee-unknown", Assert.Single(g.Sink.Opportunities).Opportunity.Transfer.Unavailable);

        var h = Fixture();
        h.Process(
            Wallets(VenueId.Coinbase, At(1), new AssetWallet(Asset.Btc, [], true, true)),
            Wallets(VenueId.Kraken, At(1), Btc(true, true, 0.0001m)));
        h.Process(Books(1));
        Assert.Equal("asset-level-only", Assert.Single(h.Sink.Opportunities).Opportunity.Transfer.Unavailable);
    }

    [Fact]
    public void Transfer_SeveralOpenNetworks_TakesCheapest()
    {
        var f = Fixture();
        var coinbase = new AssetWallet(Xyz, [
            new NetworkStatus("ETH", "ethereum", true, true, 3m, null, 12, "0xAbC"),
            new NetworkStatus("TRX", "tron", true, true, 1m, null, 20, "TXyz"),
            new NetworkStatus("BSC", "bnb", true, true, 0.5m, null, 15, "0x999")]);
        var kraken = new AssetWallet(Xyz, [
            new NetworkStatus("ETH", "ERC20", true, true, 2m, null, null, "0xabc"),
            new NetworkStatus("TRX", "TRC20", true, true, 1m, null, null, "TXyz")]);
        f.Process(Wallets(VenueId.Coinbase, At(1), coinbase), Wallets(VenueId.Kraken, At(1), kraken));
        f.Process(
            Snapshot(CoinbaseXyz, 1, At(1), Levels(("0.9000", "1000")), Levels(("1.0000", "1000"))),
            Snapshot(KrakenXyz, 1, At(1), Levels(("1.0500", "1000")), Levels(("1.1000", "1000"))));

        // BSC is cheapest at Coinbase but Kraken has no BSC: TRX (1) beats ETH (3). Contracts agree (case aside): matched.
        var t = Assert.Single(f.Sink.Opportunities).Opportunity.Transfer;
        Assert.Equal(("TRX", 1m), (t.Network, t.WithdrawFee));
        Assert.Empty(f.Engine.Collisions);
    }

    [Fact]
    public void Collision_SameTickerDifferentContracts_NoOpportunityAndReasonKept()
    {
        var f = Fixture();
        var coinbase = new AssetWallet(Xyz, [new NetworkStatus("ETH", "ethereum", true, true, 3m, null, 12, "0xAAA")]);
        var kraken = new AssetWallet(Xyz, [new NetworkStatus("ETH", "ERC20", true, true, 2m, null, null, "0xBBB")]);
        f.Process(Wallets(VenueId.Coinbase, At(1), coinbase), Wallets(VenueId.Kraken, At(1), kraken));
        f.Process(
            Snapshot(CoinbaseXyz, 1, At(1), Levels(("0.9000", "1000")), Levels(("1.0000", "1000"))),
            Snapshot(KrakenXyz, 1, At(1), Levels(("1.0500", "1000")), Levels(("1.1000", "1000"))),
            Tick(At(1.1)));

        Assert.Empty(f.Sink.Opportunities);
        Assert.Empty(f.Engine.Premiums(Xyz).Cells);
        Assert.Equal("ticker-collision: XYZ on ETH is 0xAAA at coinbase but 0xBBB at kraken", Assert.Single(f.Engine.Collisions).Reason);

        // Kraken corrects its contract: the pair is matched again at once.
        f.Process(Wallets(VenueId.Kraken, At(2), new AssetWallet(Xyz, [new NetworkStatus("ETH", "ERC20", true, true, 2m, null, null, "0xaaa")])));
        Assert.Equal(OpportunityEventKind.Opened, Assert.Single(f.Sink.Opportunities).Kind);
        Assert.Empty(f.Engine.Collisions);
    }

    [Fact]
    public void Collision_AppearingWhileOpen_ClosesWithReason()
    {
        var f = Fixture();
        f.Process(
            Snapshot(CoinbaseXyz, 1, At(1), Levels(("0.9000", "1000")), Levels(("1.0000", "1000"))),
            Snapshot(KrakenXyz, 1, At(1), Levels(("1.0500", "1000")), Levels(("1.1000", "1000"))));
        Assert.Single(f.Sink.Opportunities);

        f.Process(
            Wallets(VenueId.Coinbase, At(2), new AssetWallet(Xyz, [new NetworkStatus("ETH", "ethereum", true, true, 3m, null, 12, "0xAAA")])),
            Wallets(VenueId.Kraken, At(2), new AssetWallet(Xyz, [new NetworkStatus("ETH", "ERC20", true, true, 2m, null, null, "0xBBB")])));

        var closed = f.Sink.Opportunities[^1];
        Assert.Equal((OpportunityEventKind.Closed, "ticker-collision: XYZ on ETH is 0xAAA at coinbase but 0xBBB at kraken"), (closed.Kind, closed.CloseReason));
    }
}
