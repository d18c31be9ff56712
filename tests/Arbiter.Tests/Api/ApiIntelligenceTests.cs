using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Hosting;
using Arbiter.Intelligence;
using Arbiter.Venues;

namespace Arbiter.Tests.Api;

/// <summary>The market-intelligence API: exact JSON of /api/fx, /api/premiums, /api/quality, /api/wallets, collisions in /api/markets, and the WebSocket messages.</summary>
public sealed class ApiIntelligenceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 13, 0, 0, TimeSpan.Zero);
    private static readonly long T0 = UnixMicros.FromDateTimeOffset(Start);
    private static readonly Instrument BinanceBtc = new(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5);
    private static readonly Instrument UpbitBtc = new(VenueId.Upbit, "KRW-BTC", Asset.Btc, Asset.Krw, 0, 8);
    private static readonly Instrument BinanceEth = new(VenueId.Binance, "ETHUSDT", Asset.Of("ETH"), Asset.Usdt, 2, 4);
    private static readonly Instrument CoinbaseEth = new(VenueId.Coinbase, "ETH-USD", Asset.Of("ETH"), Asset.Usd, 2, 8);
    private static readonly Instrument UpbitUsdt = new(VenueId.Upbit, "KRW-USDT", Asset.Usdt, Asset.Krw, 0, 8);

    [Fact]
    public void FxJson_RatesWithStatusSourceAndAge_TetherPremium_SourceHealth()
    {
        var hub = Hub(out _, fxSource: () => new FxSourceHealth("https://fx.example/rate", "0.basePrice", 1391.5m, T0 - 12_000_000, null, null, 1, 0, 1));
        hub.Apply(new HostOutput(T0, Fx: Fx()));

        Assert.Equal(
            "{\"time\":\"2026-11-21T13:00:00.000000Z\",\"rates\":["
            + "{\"pair\":\"USD/KRW\",\"status\":\"live\",\"usable\":true,\"rate\":\"1391.5\",\"source\":\"http: https://fx.example/rate\",\"time\":\"2026-11-21T12:59:48.000000Z\",\"ageSeconds\":12},"
            + "{\"pair\":\"USDT/USD\",\"status\":\"live\",\"usable\":true,\"rate\":\"1.0002\",\"source\":\"books: kraken USDT/USD\",\"time\":\"2026-11-21T12:59:59.500000Z\",\"ageSeconds\":0},"
            + "{\"pair\":\"USDC/USD\",\"status\":\"missing\",\"usable\":false,\"rate\":null,\"source\":\"none\",\"time\":null,\"ageSeconds\":null}],"
            + "\"tether\":[{\"venue\":\"upbit\",\"symbol\":\"KRW-USDT\",\"mid\":\"1405\",\"bps\":\"97.0397\"}],"
            + "\"source\":{\"url\":\"https://fx.example/rate\",\"jsonPath\":\"0.basePrice\",\"lastRate\":\"1391.5\",\"lastSuccess\":\"2026-11-21T12:59:48.000000Z\",\"lastFailure\":null,\"lastError\":null,\"fetches\":1,\"failures\":0,\"published\":1}}",
            hub.FxJson());
    }

    [Fact]
    public void FxJson_StaleDerivedAndConfigured_AreLabelled_AgeKeepsGrowing()
    {
        var hub = Hub(out var clock);
        var fx = new FxState(
            T0,
            new FxRate(Asset.Usd, Asset.Krw, 1390m, T0 - 900_000_000, "derived: upbit KRW-USDT / USDT/USD", FxRateStatus.Derived),
            new FxRate(Asset.Usdt, Asset.Usd, 1m, T0 - 1_000_000_000, "books: kraken USDT/USD", FxRateStatus.Stale),
            new FxRate(Asset.Usdc, Asset.Usd, 1m, T0, "configured", FxRateStatus.Configured),
            []);
        hub.Apply(new HostOutput(T0, Fx: fx));
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(
            "{\"time\":\"2026-11-21T13:00:30.000000Z\",\"rates\":["
            + "{\"pair\":\"USD/KRW\",\"status\":\"derived\",\"usable\":true,\"rate\":\"1390\",\"source\":\"derived: upbit KRW-USDT / USDT/USD\",\"time\":\"2026-11-21T12:45:00.000000Z\",\"ageSeconds\":930},"
            + "{\"pair\":\"USDT/USD\",\"status\":\"stale\",\"usable\":false,\"rate\":\"1\",\"source\":\"books: kraken USDT/USD\",\"time\":\"2026-11-21T12:43:20.000000Z\",\"ageSeconds\":1030},"
            + "{\"pair\":\"USDC/USD\",\"status\":\"configured\",\"usable\":true,\"rate\":\"1\",\"source\":\"configured\",\"time\":\"2026-11-21T13:00:00.000000Z\",\"ageSeconds\":30}],"
            + "\"tether\":[],\"source\":null}",
            hub.FxJson());
    }

    [Fact]
    public void PremiumsJson_LatestMatrixPerAsset_FilteredByAsset()
    {
        var hub = Hub(out _);
        hub.Apply(new HostOutput(T0 - 2, Premiums: [BtcMatrix(T0 - 2, 100m)]));
        hub.Apply(new HostOutput(T0 - 1, Premiums: [BtcMatrix(T0 - 1, 150.1234m), EthMatrix(T0 - 1)]));

        const string btc = "{\"asset\":\"BTC\",\"time\":\"2026-11-21T12:59:59.999999Z\",\"cells\":["
            + "{\"buy\":{\"venue\":\"binance\",\"symbol\":\"BTCUSDT\",\"quote\":\"USDT\"},\"sell\":{\"venue\":\"upbit\",\"symbol\":\"KRW-BTC\",\"quote\":\"KRW\"},\"kind\":\"kimchi\",\"bps\":\"150.1234\"},"
            + "{\"buy\":{\"venue\":\"upbit\",\"symbol\":\"KRW-BTC\",\"quote\":\"KRW\"},\"sell\":{\"venue\":\"binance\",\"symbol\":\"BTCUSDT\",\"quote\":\"USDT\"},\"kind\":\"kimchi\",\"bps\":\"-151.5\"}]}";
        const string eth = "{\"asset\":\"ETH\",\"time\":\"2026-11-21T12:59:59.999999Z\",\"cells\":["
            + "{\"buy\":{\"venue\":\"binance\",\"symbol\":\"ETHUSDT\",\"quote\":\"USDT\"},\"sell\":{\"venue\":\"coinbase\",\"symbol\":\"ETH-USD\",\"quote\":\"USD\"},\"kind\":\"usdLike\",\"bps\":\"3.25\"}]}";
        Assert.Equal("{\"time\":\"2026-11-21T13:00:00.000000Z\",\"premiums\":[" + btc + "]}", hub.PremiumsJson("btc"));
        Assert.Equal("{\"time\":\"2026-11-21T13:00:00.000000Z\",\"premiums\":[" + btc + "," + eth + "]}", hub.PremiumsJson());
        Assert.Equal("{\"time\":\"2026-11-21T13:00:00.000000Z\",\"premiums\":[]}", hub.PremiumsJson("DOGE"));
    }

    [Fact]
    public void QualityJson_EveryCounterAndTheScore()
    {
        var hub = Hub(out _);
        hub.Apply(new HostOutput(T0, Quality: new VenueQuality(VenueId.Upbit, 62.5, true, 1200, 1, 2, 3, 4, 5, 6, 1, T0)));
        hub.Apply(new HostOutput(T0, Quality: new VenueQuality(VenueId.Binance, 100, false, 5000, 0, 0, 0, 0, 0, 0, 0, T0)));

        Assert.Equal(
            "{\"time\":\"2026-11-21T13:00:00.000000Z\",\"quality\":["
            + "{\"venue\":\"binance\",\"score\":100,\"excluded\":false,\"accepted\":5000,\"rejected\":{\"total\":0,\"nonPositivePrice\":0,\"crossed\":0,\"exchangeTimeTooOld\":0,\"outsideBounds\":0,\"wideSpread\":0},\"resyncs\":0,\"staleBooks\":0,\"time\":\"2026-11-21T13:00:00.000000Z\"},"
            + "{\"venue\":\"upbit\",\"score\":62.5,\"excluded\":true,\"accepted\":1200,\"rejected\":{\"total\":15,\"nonPositivePrice\":1,\"crossed\":2,\"exchangeTimeTooOld\":3,\"outsideBounds\":4,\"wideSpread\":5},\"resyncs\":6,\"staleBooks\":1,\"time\":\"2026-11-21T13:00:00.000000Z\"}]}",
            hub.QualityJson());

        // /api/venues carries each running venue's score and exclusion next to its connection and books (this hub runs Binance only).
        using var venues = System.Text.Json.JsonDocument.Parse(hub.VenuesJson());
        var binance = Assert.Single(venues.RootElement.GetProperty("venues").EnumerateArray());
        Assert.Equal("{\"score\":100,\"excluded\":false}", binance.GetProperty("quality").GetRawText());
        hub.Apply(new HostOutput(T0, Quality: new VenueQuality(VenueId.Binance, 88.25, true, 5000, 0, 0, 0, 0, 0, 0, 0, T0)));
        using var after = System.Text.Json.JsonDocument.Parse(hub.VenuesJson());
        Assert.Equal("{\"score\":88.25,\"excluded\":true}", after.RootElement.GetProperty("venues")[0].GetProperty("quality").GetRawText());
    }

    [Fact]
    public void WalletsJson_SourcesStatusAndChanges_FilteredByVenueAndAsset()
    {
        var snapshot = new WalletSnapshot(VenueId.GateIo, T0 - 60_000_000, [XrpWallet(withdrawOpen: false, "rXRPcontract"), new AssetWallet(Asset.Btc, [], true, false)], "GET https://api.gateio.ws/api/v4/wallet/currency_chains");
        var sources = new[]
        {
            new WalletSourceStatus(VenueId.Binance, "GET https://api.binance.com/sapi/v1/capital/config/getall (keyed)", true, "CANA…wxyz", null, T0 - 5_000_000, "HTTP 401: invalid signature", 3, 3, null),
            new WalletSourceStatus(VenueId.GateIo, snapshot.Source, false, null, T0 - 60_000_000, null, null, 1, 0, snapshot),
        };
        var hub = Hub(out _, wallets: () => sources);
        var change = new WalletChange(VenueId.GateIo, Asset.Of("XRP"), "XRP", XrpWallet(true, null).Networks[0], snapshot.Assets[0].Networks[0], T0 - 60_000_000);
        hub.Apply(new HostOutput(change.Time, WalletChange: change));
        hub.Apply(new HostOutput(change.Time, WalletChange: change with { Venue = VenueId.Binance }));

        const string gateio = "{\"venue\":\"gateio\",\"source\":\"GET https://api.gateio.ws/api/v4/wallet/currency_chains\",\"keyed\":false,\"apiKey\":null,"
            + "\"lastSuccess\":\"2026-11-21T12:59:00.000000Z\",\"lastFailure\":null,\"lastError\":null,\"fetches\":1,\"failures\":0,\"snapshotTime\":\"2026-11-21T12:59:00.000000Z\",\"assets\":["
            + "{\"asset\":\"XRP\",\"depositOpen\":null,\"withdrawOpen\":null,\"networks\":[{\"network\":\"XRP\",\"venueNetwork\":\"XRP Ledger\",\"depositOpen\":true,\"withdrawOpen\":false,\"withdrawFee\":\"0.25\",\"withdrawMin\":\"20\",\"confirmations\":1,\"contract\":\"rXRPcontract\"}]}";
        const string btc = "{\"asset\":\"BTC\",\"depositOpen\":true,\"withdrawOpen\":false,\"networks\":[]}";
        const string changeJson = "{\"venue\":\"gateio\",\"asset\":\"XRP\",\"network\":\"XRP\","
            + "\"previous\":{\"network\":\"XRP\",\"venueNetwork\":\"XRP Ledger\",\"depositOpen\":true,\"withdrawOpen\":true,\"withdrawFee\":\"0.25\",\"withdrawMin\":\"20\",\"confirmations\":1,\"contract\":null},"
            + "\"current\":{\"network\":\"XRP\",\"venueNetwork\":\"XRP Ledger\",\"depositOpen\":true,\"withdrawOpen\":false,\"withdrawFee\":\"0.25\",\"withdrawMin\":\"20\",\"confirmations\":1,\"contract\":\"rXRPcontract\"},"
            + "\"time\":\"2026-11-21T12:59:00.000000Z\"}";
        Assert.Equal("{\"time\":\"2026-11-21T13:00:00.000000Z\",\"wallets\":[" + gateio + "]}],\"walletChanges\":[" + changeJson + "]}", hub.WalletsJson(VenueId.GateIo, "xrp"));
        Assert.Equal("{\"time\":\"2026-11-21T13:00:00.000000Z\",\"wallets\":[" + gateio + "," + btc + "]}],\"walletChanges\":[" + changeJson + "]}", hub.WalletsJson(VenueId.GateIo));

        var all = hub.WalletsJson();
        Assert.StartsWith(
            "{\"time\":\"2026-11-21T13:00:00.000000Z\",\"wallets\":[{\"venue\":\"binance\",\"source\":\"GET https://api.binance.com/sapi/v1/capital/config/getall (keyed)\",\"keyed\":true,\"apiKey\":\"CANA\\u2026wxyz\","
            + "\"lastSuccess\":null,\"lastFailure\":\"2026-11-21T12:59:55.000000Z\",\"lastError\":\"HTTP 401: invalid signature\",\"fetches\":3,\"failures\":3,\"snapshotTime\":null,\"assets\":[]},",
            all,
            StringComparison.Ordinal);
        Assert.EndsWith(",\"walletChanges\":[" + changeJson + "," + changeJson.Replace("gateio", "binance", StringComparison.Ordinal) + "]}", all, StringComparison.Ordinal);
    }

    [Fact]
    public void MarketsJson_TickerCollision_SaysWhyTheAssetIsNotMatched()
    {
        var binance = new MarketList();
        binance.Add("XYZUSDT", Asset.Of("XYZ"), Asset.Usdt);
        var gateio = new MarketList();
        gateio.Add("XYZ_USDT", Asset.Of("XYZ"), Asset.Usdt);
        var binanceWallets = new WalletSnapshot(VenueId.Binance, T0, [new AssetWallet(Asset.Of("XYZ"), [new NetworkStatus("ETH", "ERC20", true, true, 1m, null, null, "0xAbC0000000000000000000000000000000000001")])], "keyed");
        var gateioWallets = new WalletSnapshot(VenueId.GateIo, T0, [new AssetWallet(Asset.Of("XYZ"), [new NetworkStatus("ETH", "ETH", true, true, 2m, null, null, "0xdef0000000000000000000000000000000000002")])], "public");
        var hub = new ApiHub(new Dictionary<VenueId, VenueCounters>(), new ManualTimeProvider(Start))
        {
            MarketSources = () => [(VenueId.Binance, binance), (VenueId.GateIo, gateio)],
            WalletSources = () =>
            [
                new WalletSourceStatus(VenueId.Binance, "keyed", true, null, T0, null, null, 1, 0, binanceWallets),
                new WalletSourceStatus(VenueId.GateIo, "public", false, null, T0, null, null, 1, 0, gateioWallets),
            ],
            Discovery = () => [new MarketDiscoveryStatus(VenueId.Binance, T0, null, null, 1, binance), new MarketDiscoveryStatus(VenueId.GateIo, null, T0, "HTTP 503 Service Unavailable from GET /api/v4/spot/currency_pairs", 0, null)],
        };

        Assert.Equal(
            "{\"venues\":[\"binance\",\"gateio\"],\"assets\":[{\"asset\":\"XYZ\",\"listings\":[{\"venue\":\"binance\",\"symbol\":\"XYZUSDT\",\"quote\":\"USDT\"},{\"venue\":\"gateio\",\"symbol\":\"XYZ_USDT\",\"quote\":\"USDT\"}]}],"
            + "\"collisions\":[{\"asset\":\"XYZ\",\"venues\":[\"binance\",\"gateio\"],\"network\":\"ETH\",\"contracts\":[\"0xAbC0000000000000000000000000000000000001\",\"0xdef0000000000000000000000000000000000002\"],"
            + "\"reason\":\"ticker-collision: XYZ on ETH is 0xAbC0000000000000000000000000000000000001 at binance but 0xdef0000000000000000000000000000000000002 at gateio\"}],"
            + "\"discovery\":[{\"venue\":\"binance\",\"lastSuccess\":\"2026-11-21T13:00:00.000000Z\",\"lastFailure\":null,\"lastError\":null,\"markets\":1},"
            + "{\"venue\":\"gateio\",\"lastSuccess\":null,\"lastFailure\":\"2026-11-21T13:00:00.000000Z\",\"lastError\":\"HTTP 503 Service Unavailable from GET /api/v4/spot/currency_pairs\",\"markets\":0}]}",
            hub.MarketsJson());
    }

    [Fact]
    public void OpportunityJson_CarriesTheTransferQuote_AndTransferChangedHasItsOwnType()
    {
        var available = new TransferQuote(true, null, "XRP", 0.25m, 0.1234m, 9.8766m, 41.5m, 120.5m);
        var o = Opportunity(available);
        Assert.Equal(
            "{\"type\":\"opportunity.opened\",\"time\":\"2026-11-21T13:00:00.000000Z\",\"opportunity\":{\"id\":7,\"asset\":\"BTC\","
            + "\"buy\":{\"venue\":\"binance\",\"symbol\":\"BTCUSDT\",\"quote\":\"USDT\",\"averagePrice\":\"100000\",\"levels\":1,\"feeRate\":\"0.001\",\"fxRate\":\"1.0002\",\"sequence\":11,\"fills\":[{\"price\":\"100000\",\"quantity\":\"0.5\"}]},"
            + "\"sell\":{\"venue\":\"upbit\",\"symbol\":\"KRW-BTC\",\"quote\":\"KRW\",\"averagePrice\":\"140000000\",\"levels\":2,\"feeRate\":\"0.0005\",\"fxRate\":\"1391.5\",\"sequence\":22,\"fills\":[{\"price\":\"140000100\",\"quantity\":\"0.25\"},{\"price\":\"139999900\",\"quantity\":\"0.25\"}]},"
            + "\"size\":\"0.5\",\"grossProfitUsd\":\"10\",\"netProfitUsd\":\"10\",\"netPremiumBps\":\"2\",\"peakNetProfitUsd\":\"10\",\"peakNetPremiumBps\":\"2\","
            + "\"firstSeen\":\"2026-11-21T13:00:00.000000Z\",\"lastUpdated\":\"2026-11-21T13:00:00.000000Z\",\"durationMs\":0,"
            + "\"transfer\":{\"available\":true,\"unavailable\":null,\"network\":\"XRP\",\"withdrawFee\":\"0.25\",\"feeUsd\":\"0.1234\",\"netProfitUsd\":\"9.8766\",\"netPremiumBps\":\"41.5\",\"minProfitableSize\":\"120.5\"}}}",
            ApiJson.Opportunity(new OpportunityEvent(OpportunityEventKind.Opened, T0, o, null)));

        var closedRoute = ApiJson.Opportunity(new OpportunityEvent(OpportunityEventKind.TransferChanged, T0, o with { Transfer = TransferQuote.None("no-route") }, null));
        Assert.StartsWith("{\"type\":\"opportunity.transferChanged\",", closedRoute, StringComparison.Ordinal);
        Assert.EndsWith(",\"transfer\":{\"available\":false,\"unavailable\":\"no-route\",\"network\":null,\"withdrawFee\":null,\"feeUsd\":null,\"netProfitUsd\":null,\"netPremiumBps\":null,\"minProfitableSize\":null}}}", closedRoute, StringComparison.Ordinal);

        var closed = ApiJson.Opportunity(new OpportunityEvent(OpportunityEventKind.Closed, T0, o, "fx-stale"));
        Assert.EndsWith("}},\"closeReason\":\"fx-stale\"}", closed, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_TransferChanged_UpdatesTheOpenOpportunityInPlace()
    {
        var hub = Hub(out _);
        var o = Opportunity(new TransferQuote(true, null, "XRP", 0.25m, 0.1234m, 9.8766m, 41.5m, 120.5m));
        hub.Apply(new HostOutput(T0, Opportunity: new OpportunityEvent(OpportunityEventKind.Opened, T0, o, null)));
        hub.Apply(new HostOutput(T0, Opportunity: new OpportunityEvent(OpportunityEventKind.TransferChanged, T0, o with { Transfer = TransferQuote.None("no-route") }, null)));
        var json = hub.OpportunitiesJson();
        Assert.Contains("\"transfer\":{\"available\":false,\"unavailable\":\"no-route\"", json, StringComparison.Ordinal);
        Assert.Equal(1, json.Split("\"id\":7").Length - 1);
        Assert.EndsWith("\"recentClosed\":[]}", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSocket_SnapshotThenFxQualityWalletImmediately_PremiumsConflatedToTheLatestPerAsset()
    {
        var hub = Hub(out var clock);
        hub.Apply(new HostOutput(T0, Fx: Fx()));
        hub.Apply(new HostOutput(T0, Premiums: [BtcMatrix(T0, 100m)]));
        hub.Apply(new HostOutput(T0, Quality: new VenueQuality(VenueId.Upbit, 62.5, true, 1200, 1, 2, 3, 4, 5, 6, 1, T0)));
        hub.FlushPremiums();
        await using var server = new ApiServer(new ApiOptions { Url = "http://127.0.0.1:0" }, hub);
        await server.StartAsync(CancellationToken.None);
        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri($"ws://{server.Address.Authority}/ws"), CancellationToken.None);

        var snapshot = await ReceiveTextAsync(ws);
        Assert.StartsWith("{\"type\":\"snapshot\",\"time\":\"2026-11-21T13:00:00.000000Z\",\"venues\":[", snapshot, StringComparison.Ordinal);
        Assert.Contains(",\"fx\":{\"rates\":[{\"pair\":\"USD/KRW\",\"status\":\"live\"", snapshot, StringComparison.Ordinal);
        Assert.Contains(",\"premiums\":[{\"asset\":\"BTC\",\"time\":\"2026-11-21T13:00:00.000000Z\",\"cells\":[", snapshot, StringComparison.Ordinal);
        Assert.Contains(",\"quality\":[{\"venue\":\"upbit\",\"score\":62.5,", snapshot, StringComparison.Ordinal);
        Assert.EndsWith(",\"wallets\":[],\"walletChanges\":[]}", snapshot, StringComparison.Ordinal);

        // Three matrices for BTC and one for ETH within one interval: one message, the latest of each.
        hub.Apply(new HostOutput(T0 + 1, Premiums: [BtcMatrix(T0 + 1, 101m)]));
        hub.Apply(new HostOutput(T0 + 2, Premiums: [BtcMatrix(T0 + 2, 102m), EthMatrix(T0 + 2)]));
        hub.Apply(new HostOutput(T0 + 3, Premiums: [BtcMatrix(T0 + 3, 103m)]));
        var change = new WalletChange(VenueId.GateIo, Asset.Of("XRP"), "XRP", null, XrpWallet(true, null).Networks[0], T0 + 4);
        hub.Apply(new HostOutput(T0 + 4, WalletChange: change));
        Assert.Equal(
            "{\"type\":\"wallet\",\"time\":\"2026-11-21T13:00:00.000004Z\",\"change\":{\"venue\":\"gateio\",\"asset\":\"XRP\",\"network\":\"XRP\",\"previous\":null,"
            + "\"current\":{\"network\":\"XRP\",\"venueNetwork\":\"XRP Ledger\",\"depositOpen\":true,\"withdrawOpen\":true,\"withdrawFee\":\"0.25\",\"withdrawMin\":\"20\",\"confirmations\":1,\"contract\":null},\"time\":\"2026-11-21T13:00:00.000004Z\"}}",
            await ReceiveTextAsync(ws));

        // One message per asset (so each can be filtered and conflated on its own), in asset order.
        hub.FlushPremiums();
        var premiums = await ReceiveTextAsync(ws);
        Assert.StartsWith("{\"type\":\"premiums\",\"time\":\"2026-11-21T13:00:00.000004Z\",\"premiums\":[{\"asset\":\"BTC\",\"time\":\"2026-11-21T13:00:00.000003Z\",", premiums, StringComparison.Ordinal);
        Assert.Contains("\"bps\":\"103\"", premiums, StringComparison.Ordinal);
        Assert.DoesNotContain("\"ETH\"", premiums, StringComparison.Ordinal);
        Assert.DoesNotContain("\"bps\":\"101\"", premiums, StringComparison.Ordinal);
        Assert.DoesNotContain("\"bps\":\"102\"", premiums, StringComparison.Ordinal);
        Assert.Equal(
            "{\"type\":\"premiums\",\"time\":\"2026-11-21T13:00:00.000004Z\",\"premiums\":[{\"asset\":\"ETH\",\"time\":\"2026-11-21T13:00:00.000002Z\",\"cells\":["
            + "{\"buy\":{\"venue\":\"binance\",\"symbol\":\"ETHUSDT\",\"quote\":\"USDT\"},\"sell\":{\"venue\":\"coinbase\",\"symbol\":\"ETH-USD\",\"quote\":\"USD\"},\"kind\":\"usdLike\",\"bps\":\"3.25\"}]}]}",
            await ReceiveTextAsync(ws));

        // Nothing changed since: no premiums message; the next message is the quality update.
        hub.FlushPremiums();
        hub.Apply(new HostOutput(T0 + 5, Quality: new VenueQuality(VenueId.Upbit, 70, false, 1300, 1, 2, 3, 4, 5, 6, 0, T0 + 5)));
        Assert.StartsWith("{\"type\":\"quality\",\"time\":\"2026-11-21T13:00:00.000005Z\",\"quality\":{\"venue\":\"upbit\",\"score\":70,\"excluded\":false,", await ReceiveTextAsync(ws), StringComparison.Ordinal);

        hub.Apply(new HostOutput(T0 + 6, Fx: Fx()));
        Assert.StartsWith("{\"type\":\"fx\",\"time\":\"2026-11-21T13:00:00.000006Z\",\"rates\":[{\"pair\":\"USD/KRW\",", await ReceiveTextAsync(ws), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, clock.GetUtcNow() - Start);
    }

    [Fact]
    public async Task RunAsync_PremiumsFlushOnTheirInterval_StatsOnSchedulesStats()
    {
        var clock = new ManualTimeProvider(Start);
        var hub = new ApiHub(new Dictionary<VenueId, VenueCounters> { [VenueId.Binance] = new() }, clock) { StatsInterval = TimeSpan.FromSeconds(10) };
        await using var server = new ApiServer(new ApiOptions { Url = "http://127.0.0.1:0" }, hub);
        await server.StartAsync(CancellationToken.None);
        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri($"ws://{server.Address.Authority}/ws"), CancellationToken.None);
        Assert.StartsWith("{\"type\":\"snapshot\"", await ReceiveTextAsync(ws), StringComparison.Ordinal);
        var outputs = Channel.CreateUnbounded<HostOutput>();
        var run = hub.RunAsync(outputs.Reader, CancellationToken.None);

        await outputs.Writer.WriteAsync(new HostOutput(T0, Premiums: [BtcMatrix(T0, 100m)]));
        await Support.RecordingEventSink.WaitUntilAsync(() => hub.PremiumsJson().Contains("BTC", StringComparison.Ordinal), "the matrix applied");
        clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.StartsWith("{\"type\":\"premiums\",", await ReceiveTextAsync(ws), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMilliseconds(9750)); // 10 s since start: the stats broadcast
        Assert.StartsWith("{\"type\":\"stats\",\"time\":\"2026-11-21T13:00:10.000000Z\",\"stats\":{", await ReceiveTextAsync(ws), StringComparison.Ordinal);

        outputs.Writer.Complete();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void CleanUp_DropsBooksNotSyncedAndNotReportedForTheRetention_KeepsSyncedOnes()
    {
        var hub = new ApiHub(new Dictionary<VenueId, VenueCounters> { [VenueId.Binance] = new(), [VenueId.Upbit] = new() }, new ManualTimeProvider(Start)) { StaleRetention = TimeSpan.FromMinutes(10) };
        var old = T0 - 601_000_000;
        var catalog = new InstrumentCatalog();
        var binance = catalog.Add(new Instrument(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5));
        var upbit = catalog.Add(new Instrument(VenueId.Upbit, "KRW-BTC", Asset.Btc, Asset.Krw, 0, 8));
        var upbitEth = catalog.Add(new Instrument(VenueId.Upbit, "KRW-ETH", Asset.Of("ETH"), Asset.Krw, 0, 8));
        hub.Apply(new HostOutput(old, Tops: [new BookTop(binance, BookSyncState.Synced, BookInvalidReason.None, 1, 1, 2, 1, 5, old)]));
        hub.Apply(new HostOutput(old, Tops: [new BookTop(upbit, BookSyncState.Stale, BookInvalidReason.None, 1, 1, 2, 1, 5, old)]));
        hub.Apply(new HostOutput(T0 - 1_000_000, Tops: [new BookTop(upbitEth, BookSyncState.Stale, BookInvalidReason.None, 1, 1, 2, 1, 5, T0 - 1_000_000)]));
        Assert.Equal(3, CountBooks(hub));

        hub.CleanUp();

        var venues = hub.VenuesJson();
        Assert.Equal(2, CountBooks(hub));
        Assert.Contains("\"symbol\":\"BTCUSDT\"", venues, StringComparison.Ordinal);
        Assert.Contains("\"symbol\":\"KRW-ETH\"", venues, StringComparison.Ordinal);
        Assert.DoesNotContain("\"symbol\":\"KRW-BTC\"", venues, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_WalletsWithUnknownVenue_Is400_AndTheNewEndpointsAnswer()
    {
        var hub = Hub(out _);
        await using var server = new ApiServer(new ApiOptions { Url = "http://127.0.0.1:0" }, hub);
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.Address };
        using var bad = await http.GetAsync(new Uri("/api/wallets?venue=ftx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("{\"error\":\"unknown venue; use one of binance, coinbase, bybit, gateio, upbit, bithumb, okx, kraken\"}", await bad.Content.ReadAsStringAsync());
        Assert.Equal(hub.WalletsJson(VenueId.Upbit, "BTC"), await http.GetStringAsync(new Uri("/api/wallets?venue=Upbit&asset=BTC", UriKind.Relative)));
        Assert.Equal(hub.FxJson(), await http.GetStringAsync(new Uri("/api/fx", UriKind.Relative)));
        Assert.Equal(hub.PremiumsJson("ETH"), await http.GetStringAsync(new Uri("/api/premiums?asset=ETH", UriKind.Relative)));
        Assert.Equal(hub.QualityJson(), await http.GetStringAsync(new Uri("/api/quality", UriKind.Relative)));
    }

    internal static Task<string> ReceiveTextAsync(ClientWebSocket ws) => Support.WebSocketMessages.ReceiveTextAsync(ws, TimeSpan.FromSeconds(10));

    private static int CountBooks(ApiHub hub) => System.Text.Json.JsonDocument.Parse(hub.VenuesJson()).RootElement.GetProperty("books").GetArrayLength();

    private static ApiHub Hub(out ManualTimeProvider clock, Func<FxSourceHealth>? fxSource = null, Func<IReadOnlyList<WalletSourceStatus>>? wallets = null)
    {
        clock = new ManualTimeProvider(Start);
        return new ApiHub(new Dictionary<VenueId, VenueCounters> { [VenueId.Binance] = new() }, clock) { FxSource = fxSource, WalletSources = wallets };
    }

    private static FxState Fx() => new(
        T0,
        new FxRate(Asset.Usd, Asset.Krw, 1391.5m, T0 - 12_000_000, "http: https://fx.example/rate", FxRateStatus.Live),
        new FxRate(Asset.Usdt, Asset.Usd, 1.0002m, T0 - 500_000, "books: kraken USDT/USD", FxRateStatus.Live),
        new FxRate(Asset.Usdc, Asset.Usd, 0m, 0, "none", FxRateStatus.Missing),
        [new TetherPremium(UpbitUsdt, 1405m, 97.0397m)]);

    private static PremiumMatrix BtcMatrix(long time, decimal bps) => new(
        Asset.Btc,
        time,
        [new PremiumCell(BinanceBtc, UpbitBtc, PremiumKind.Kimchi, bps), new PremiumCell(UpbitBtc, BinanceBtc, PremiumKind.Kimchi, -151.5m)]);

    private static PremiumMatrix EthMatrix(long time) => new(Asset.Of("ETH"), time, [new PremiumCell(BinanceEth, CoinbaseEth, PremiumKind.UsdLike, 3.25m)]);

    private static AssetWallet XrpWallet(bool withdrawOpen, string? contract) =>
        new(Asset.Of("XRP"), [new NetworkStatus("XRP", "XRP Ledger", true, withdrawOpen, 0.25m, 20m, 1, contract)]);

    /// <summary>The fan-out tests' opportunity 7 (net 10 USD), at a USDT rate of 1.0002, with <paramref name="transfer"/> and the legs' fills.</summary>
    private static Opportunity Opportunity(TransferQuote transfer) => WebSocketFanoutTests.Opportunity(7, 10m, BinanceBtc, UpbitBtc) with
    {
        BuyFxRate = 1.0002m,
        Transfer = transfer,
        BuyFills = new([new LevelFill(100000m, 0.5m)]),
        SellFills = new([new LevelFill(140000100m, 0.25m), new LevelFill(139999900m, 0.25m)]),
    };
}
