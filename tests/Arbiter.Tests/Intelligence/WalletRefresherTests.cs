using Arbiter.Core;
using Arbiter.Intelligence;
using Arbiter.Tests.Support;
using Arbiter.Venues;
using Arbiter.Venues.Wallets;

namespace Arbiter.Tests.Intelligence;

/// <summary>The wallet refresher on a manual clock: fetches every venue at start and every Schedules:Wallets, publishes snapshots, keeps per-venue health.</summary>
public sealed class WalletRefresherTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 13, 0, 0, TimeSpan.Zero);

    private static readonly AssetWallet XrpOpen = new(Asset.Of("XRP"), [new NetworkStatus("XRP", "XRP", true, true, 0.25m, 20m, 1)]);

    private static readonly AssetWallet XrpSuspended = new(Asset.Of("XRP"), [new NetworkStatus("XRP", "XRP", true, false, 0.25m, 20m, 1)]);

    [Fact]
    public async Task RunAsync_FetchesEachVenueAtStartAndEveryInterval_PublishingSnapshots()
    {
        var clock = new ManualTimeProvider(Start);
        var events = new RecordingEventSink();
        var gateio = new FakeWalletClient(VenueId.GateIo, false, "GET https://api.gateio.ws/api/v4/wallet/currency_chains");
        var binance = new FakeWalletClient(VenueId.Binance, true, "GET https://api.binance.com/sapi/v1/capital/config/getall (keyed)");
        gateio.Answer(XrpOpen);
        binance.Fail("HTTP 401 from GET https://api.binance.com/sapi/v1/capital/config/getall: invalid signature");
        var key = new VenueCredentials("CANARYKEY0123456789wxyz", "canary-secret-never-shown");
        var refresher = new WalletRefresher(
            [
                new WalletVenue(VenueId.GateIo, gateio, null, [Asset.Of("XRP"), Asset.Btc]),
                new WalletVenue(VenueId.Binance, binance, key, [Asset.Btc]),
                new WalletVenue(VenueId.Upbit, null, null, [Asset.Btc], "no wallet-status client: upbit needs a key"),
            ],
            new HttpClient(),
            new GatedIntelligenceInput(new IngestGate(clock), events, null),
            clock,
            TimeSpan.FromMinutes(5));
        using var stop = new CancellationTokenSource();

        var run = refresher.RunAsync(stop.Token);
        await RecordingEventSink.WaitUntilAsync(() => refresher.Status().Sum(s => s.Fetches) == 2, "the fetches at start");
        gateio.Answer(XrpSuspended);
        clock.Advance(TimeSpan.FromMinutes(5));
        await RecordingEventSink.WaitUntilAsync(() => refresher.Status().Sum(s => s.Fetches) == 4, "the fetches after one interval");
        await stop.CancelAsync();
        await run;

        var t0 = UnixMicros.FromDateTimeOffset(Start);
        var t1 = t0 + 300_000_000;
        var published = events.Events.Where(e => e.Kind == MarketEventKind.WalletStatus).ToList();
        Assert.Equal([(VenueId.GateIo, t0), (VenueId.GateIo, t1)], published.Select(e => (e.Venue, e.Time)));
        Assert.Equal([t0, t1], published.Select(e => e.Wallets!.Time));
        Assert.Same(XrpOpen, published[0].Wallets!.Assets.Single());
        Assert.Same(XrpSuspended, published[1].Wallets!.Assets.Single());
        Assert.Equal([Asset.Of("XRP"), Asset.Btc], gateio.Asked[0]);

        var status = refresher.Status();
        Assert.Equal([VenueId.Binance, VenueId.GateIo, VenueId.Upbit], status.Select(s => s.Venue));
        Assert.Equal(
            new WalletSourceStatus(VenueId.Binance, binance.Source, true, "CANA…wxyz", null, t1, "HTTP 401 from GET https://api.binance.com/sapi/v1/capital/config/getall: invalid signature", 2, 2, null),
            status[0]);
        Assert.Equal(new WalletSourceStatus(VenueId.GateIo, gateio.Source, false, null, t1, null, null, 2, 0, published[1].Wallets), status[1]);
        Assert.Equal(new WalletSourceStatus(VenueId.Upbit, null, false, null, null, null, "no wallet-status client: upbit needs a key", 0, 0, null), status[2]);
    }

    [Fact]
    public async Task RunAsync_NoVenueHasAClient_ReturnsAtOnce()
    {
        var clock = new ManualTimeProvider(Start);
        var events = new RecordingEventSink();
        var refresher = new WalletRefresher([new WalletVenue(VenueId.Upbit, null, null, [Asset.Btc], "keys needed")], new HttpClient(), new GatedIntelligenceInput(new IngestGate(clock), events, null), clock, TimeSpan.FromMinutes(5));
        await refresher.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(events.Events);
    }
}
