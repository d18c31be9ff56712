using Arbiter.Core;
using Arbiter.Simulator;

namespace Arbiter.Tests.Contract;

/// <summary>
/// OKX: instruments; a WebSocket snapshot and a checksummed update that chains from it; then a reconnect without a
/// WebSocket snapshot (OKX's 2026 change), an update buffered, the REST snapshot it bridges (prevSeqId ≤ snapshot seqId &lt;
/// seqId) and one more update, both with checksum 0 (REFERENCE §7 "Sequencing", "Checksum", "Deprecation").
/// </summary>
public class OkxContractTests : VenueContractTests
{
    protected override VenueId Venue => VenueId.Okx;

    protected override int Seed => 13;

    protected override IEnumerable<ContractStep> FixtureScript() =>
    [
        new ContractStep.Rest("/api/v5/public/instruments?instType=SPOT", "okx-instruments-spot.json"),
        new ContractStep.Open(0),
        new ContractStep.Frame(0, "okx-books-btc-usdt-10x10.json"),
        new ContractStep.Frame(0, "okx-books-update-btc-usdt.json"),
        new ContractStep.Close(0),
        new ContractStep.Open(0),
        new ContractStep.Frame(0, "okx-books-update-btc-usdt-nochecksum-1.json"),
        new ContractStep.Rest("/api/v5/market/books?instId=BTC-USDT", "okx-market-books-rest-btc-usdt.json"),
        new ContractStep.Frame(0, "okx-books-update-btc-usdt-nochecksum-2.json"),
    ];

    [Fact]
    public void MarketList_OfTheSimulatedVenue_SuspendedMarketSkipped()
    {
        var sim = new Simulation(new SimulatorOptions().Only(VenueId.Okx), UnixMicros.FromDateTimeOffset(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)));
        var body = sim.Okx.HandleRest(Venues.Okx.OkxProtocol.MarketListPath).Body;
        var options = new Venues.Okx.OkxOptions { Assets = ["BTC", "ETH", "XRP", "LUNA"] };
        var protocol = new Venues.Okx.OkxProtocol(options, new InstrumentCatalog(), new DiscardSink(), Venues.NullVenueActions.Instance);

        protocol.OnRestResponse(Venues.Okx.OkxProtocol.MarketListPath, body, 0);

        Assert.Contains("\"LUNA-USDT\"", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Equal(["BTC-USDT", "ETH-USDT", "XRP-USDT"], protocol.Instruments.Select(i => i.Symbol));
        Assert.False(protocol.Symbols!.Markets.TryGet("LUNA-USDT", out _, out _));
    }

    // By hand: the REST book (seqId 28311565017) with update 1 (28311565010 -> 28311565024: ask 97010.5 -> 0.8, ask
    // 97011 deleted, bid 97010 deleted, bid 97009.9 0.05 added) and update 2 (-> 28311565031: ask 97010.2 1.5 added,
    // bid 97008 -> 0.011, bid 97005 deleted). The books before the reconnect are gone (Disconnected).
    protected override IEnumerable<ExpectedBook> ExpectedBooks() =>
    [
        new(
            "BTC-USDT",
            [("97009.9", "0.05"), ("97009.2", "2.25"), ("97008", "0.011"), ("97007.7", "3")],
            [("97010.2", "1.5"), ("97010.5", "0.8"), ("97012.3", "0.02"), ("97013", "4"), ("97015.8", "0.333")]),
    ];

    private sealed class DiscardSink : IMarketEventSink
    {
        public MarketEvent Rent() => new();

        public bool TryPublish(MarketEvent marketEvent) => true;
    }
}

/// <summary>
/// OKX after its 2026 change, end to end: the simulated venue sends no WebSocket snapshot, so every (re)subscription is
/// synced by the adapter's REST-snapshot bridge, under the same faults and checks.
/// </summary>
public sealed class OkxNoWsSnapshotContractTests : OkxContractTests
{
    protected override int Seed => 17;

    protected override void ConfigureSimulator(SimulatorOptions options) => options.Okx.WsSnapshot = SimWsSnapshot.None;
}
