using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Storage;
using static Arbiter.Tests.Storage.StoreFixtures;

namespace Arbiter.Tests.Storage;

/// <summary>One row per opportunity of a run, exact through its lifecycle; queries by asset, venue, time; newest first.</summary>
public sealed class OpportunityHistoryTests
{
    private static readonly TransferQuote Route = new(true, null, "TRX", 0.0001m, 9.5m, 3.25m, 12.5m, 0.2m);

    [Fact]
    public void Write_OpenedUpdatedTransferChangedClosed_GivesOneRowWithPeakDurationAndCloseReason()
    {
        using var fx = new StoreFixtures();
        using var store = fx.Open();
        var run = store.StartRun(T0);
        var opened = Opportunity(1, BinanceBtc, UpbitBtc, T0, T0, net: 12.5m, bps: 41.2m, peakNet: 12.5m, peakBps: 41.2m);
        var updated = opened with { NetProfitUsd = 20.75m, NetPremiumBps = 55.1234m, PeakNetProfitUsd = 20.75m, PeakNetPremiumBps = 55.1234m, Size = 0.75m, LastUpdated = T0 + 1_000_000 };
        var lower = updated with { NetProfitUsd = 15m, NetPremiumBps = 44m, LastUpdated = T0 + 2_000_000 };
        var routed = lower with { Transfer = Route };
        var closed = routed with { LastUpdated = T0 + 4_500_000 };

        store.Write(run, [Event(OpportunityEventKind.Opened, T0, opened), Event(OpportunityEventKind.Updated, T0 + 1_000_000, updated)]);
        store.Write(run, [Event(OpportunityEventKind.Updated, T0 + 2_000_000, lower), Event(OpportunityEventKind.TransferChanged, T0 + 3_000_000, routed)]);
        store.Write(run, [Event(OpportunityEventKind.Closed, T0 + 4_500_000, closed, "below-threshold")]);

        var row = Assert.Single(store.QueryOpportunities(new HistoryFilter()));
        Assert.Equal(
            new OpportunityHistoryRow(
                run, 1, "BTC", "binance", "BTCUSDT", "upbit", "KRW-BTC",
                FirstSeen: T0, LastUpdated: T0 + 4_500_000, ClosedAt: T0 + 4_500_000, CloseReason: "below-threshold",
                PeakNetProfitUsd: 20.75m, PeakNetPremiumBps: 55.1234m, DurationMicros: 4_500_000,
                Size: 0.75m, NetProfitUsd: 15m, NetPremiumBps: 44m,
                TransferAvailable: true, TransferNetwork: "TRX", TransferFee: 0.0001m, TransferFeeUsd: 9.5m, TransferNetProfitUsd: 3.25m, TransferUnavailable: null,
                Events: 5),
            row);
    }

    [Fact]
    public void Write_StillOpen_HasNoCloseAndDurationSoFar_SameIdInANewRunIsANewRow()
    {
        using var fx = new StoreFixtures();
        using var store = fx.Open();
        var first = store.StartRun(T0);
        var o = Opportunity(1, CoinbaseEth, KrakenEth, T0, T0, net: 2m, bps: 11m, peakNet: 2m, peakBps: 11m);
        store.Write(first, [Event(OpportunityEventKind.Opened, T0, o), Event(OpportunityEventKind.Updated, T0 + 250_000, o with { LastUpdated = T0 + 250_000 })]);
        var second = store.StartRun(T0 + 60_000_000);
        store.Write(second, [Event(OpportunityEventKind.Opened, T0 + 61_000_000, o with { FirstSeen = T0 + 61_000_000 })]);

        var rows = store.QueryOpportunities(new HistoryFilter());
        Assert.Equal([(second, 1L, T0 + 61_000_000, (long?)null, 0L, 1), (first, 1L, T0, (long?)null, 250_000L, 2)], rows.Select(r => (r.RunId, r.OpportunityId, r.FirstSeen, r.ClosedAt, r.DurationMicros, r.Events)));
        Assert.Equal("no-wallet-status", rows[1].TransferUnavailable);
        Assert.False(rows[1].TransferAvailable);
        Assert.Null(rows[1].TransferFee);
    }

    [Fact]
    public void Query_ByAssetVenueAndTime_NewestFirst_WithLimit()
    {
        using var fx = new StoreFixtures();
        using var store = fx.Open();
        var run = store.StartRun(T0);
        const long Second = 1_000_000;
        store.Write(run,
        [
            Closed(1, BinanceBtc, UpbitBtc, T0, T0 + (10 * Second)),             // BTC binance→upbit, 0..10 s
            Closed(2, CoinbaseEth, KrakenEth, T0 + (5 * Second), T0 + (6 * Second)), // ETH coinbase→kraken, 5..6 s
            Closed(3, UpbitBtc, BinanceBtc, T0 + (20 * Second), T0 + (30 * Second)), // BTC upbit→binance, 20..30 s
            Event(OpportunityEventKind.Opened, T0 + (40 * Second), Opportunity(4, KrakenEth, CoinbaseEth, T0 + (40 * Second), T0 + (40 * Second), 1m, 1m, 1m, 1m)),
        ]);

        Assert.Equal([4L, 3, 2, 1], Ids(store, new HistoryFilter()));
        Assert.Equal([3L, 1], Ids(store, new HistoryFilter(Asset: "btc")));
        Assert.Equal([3L, 1], Ids(store, new HistoryFilter(Venue: "upbit")));
        Assert.Equal([4L, 2], Ids(store, new HistoryFilter(Venue: "kraken")));
        Assert.Equal([4L, 2], Ids(store, new HistoryFilter(Asset: "ETH", Venue: "coinbase")));
        Assert.Equal([2L, 1], Ids(store, new HistoryFilter(From: T0 + (5 * Second), To: T0 + (15 * Second)))); // open at some moment of 5..15 s
        Assert.Equal([3L], Ids(store, new HistoryFilter(From: T0 + (25 * Second), To: T0 + (39 * Second))));
        Assert.Equal([4L, 3], Ids(store, new HistoryFilter(Limit: 2)));
        Assert.Empty(Ids(store, new HistoryFilter(Asset: "SOL")));
    }

    [Fact]
    public void Write_VenueStatus_ConnectionQualityAndWalletChangesAreRows()
    {
        using var fx = new StoreFixtures();
        using var store = fx.Open();
        var run = store.StartRun(T0);
        var before = new NetworkStatus("TRX", "TRC20", true, true, 1m);
        store.Write(run,
        [
            new StoredOutput(new HostOutput(T0, Venue: VenueId.Okx, Connection: ConnectionState.Connected), true),
            new StoredOutput(new HostOutput(T0 + 1, Quality: new VenueQuality(VenueId.Bithumb, 41.5, true, 10, 0, 5, 0, 0, 0, 1, 0, T0 + 1)), false),
            new StoredOutput(new HostOutput(T0 + 2, WalletChange: new WalletChange(VenueId.Binance, Asset.Usdt, "TRX", before, before with { WithdrawOpen = false }, T0 + 2)), false),
            new StoredOutput(new HostOutput(T0 + 3, WalletChange: new WalletChange(VenueId.Binance, Asset.Btc, "BTC", null, new NetworkStatus("BTC", "BTC", true, false), T0 + 3)), false),
        ]);

        Assert.Equal(
            [
                new VenueStatusRow(4, "binance", T0 + 3, "wallet", "BTC BTC deposit open, withdraw closed", "new"),
                new VenueStatusRow(3, "binance", T0 + 2, "wallet", "USDT TRX deposit open, withdraw closed", "was deposit open, withdraw open"),
                new VenueStatusRow(2, "bithumb", T0 + 1, "quality", "excluded", "score 41.5"),
                new VenueStatusRow(1, "okx", T0, "connection", "connected", null),
            ],
            store.QueryVenueStatus(null, null, null, 100));
        Assert.Equal([1L], store.QueryVenueStatus("OKX", null, null, 100).Select(r => r.Id));
    }

    private static StoredOutput Closed(long id, Instrument buy, Instrument sell, long first, long closedAt) =>
        Event(OpportunityEventKind.Closed, closedAt, Opportunity(id, buy, sell, first, closedAt, 1m, 1m, 1m, 1m), "gone");

    private static List<long> Ids(SqliteStore store, HistoryFilter filter) => [.. store.QueryOpportunities(filter).Select(r => r.OpportunityId)];
}
