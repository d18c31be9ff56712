using Arbiter.Core;

namespace Arbiter.Tests.Contract;

/// <summary>Binance: exchangeInfo, one diff event buffered, the REST snapshot it bridges (REFERENCE §1 procedure).</summary>
public sealed class BinanceContractTests : VenueContractTests
{
    protected override VenueId Venue => VenueId.Binance;

    protected override IEnumerable<ContractStep> FixtureScript() =>
    [
        new ContractStep.Rest("/api/v3/exchangeInfo", "binance-exchangeInfo.json"),
        new ContractStep.Open(0),
        new ContractStep.Frame(0, "binance-depthUpdate-btcusdt-10x10.json"),
        new ContractStep.Rest("/api/v3/depth?symbol=BTCUSDT", "binance-depth-snapshot-btcusdt.json"),
    ];

    // Snapshot (lastUpdateId 72512046110) with the event U 72512046100..u 72512046131 applied on top; by hand.
    protected override IEnumerable<ExpectedBook> ExpectedBooks() =>
    [
        new(
            "BTCUSDT",
            [("96850.01", "1.52341"), ("96850.00", "0.00012"), ("96849.50", "0.2"), ("96849.01", "3.1"), ("96848.00", "0.0516"), ("96847.77", "0.006"), ("96846.20", "12"), ("96840.00", "0.99999"), ("96800.00", "3")],
            [("96850.02", "0.84211"), ("96850.50", "0.0103"), ("96851.00", "2"), ("96851.99", "0.00005"), ("96852.40", "0.314"), ("96855.55", "7.77777"), ("96860.00", "1"), ("96870.00", "2.5"), ("96899.99", "0.1")]),
    ];
}
