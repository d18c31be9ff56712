using Arbiter.Core;

namespace Arbiter.Tests.Contract;

/// <summary>Coinbase: product list, the documented level2 snapshot (sequence_num 0), then an update on the same connection (sequence_num 1) (REFERENCE §2).</summary>
public sealed class CoinbaseContractTests : VenueContractTests
{
    protected override VenueId Venue => VenueId.Coinbase;

    protected override int Seed => 13;

    protected override IEnumerable<ContractStep> FixtureScript() =>
    [
        new ContractStep.Rest("/api/v3/brokerage/market/products?product_type=SPOT", "coinbase-products.json"),
        new ContractStep.Open(0),
        new ContractStep.Frame(0, "coinbase-l2-snapshot-btc-usd.json"),
        new ContractStep.Frame(0, "coinbase-l2-update-btc-usd.json"),
    ];

    // Snapshot: bids 21921.73 x 0.06317902, 21921.3 x 0.02 (no offers). Update: bid 21921.73 -> "0" (removed),
    // bid 21921.5 x 0.4 (new), offer 21922.01 x "1.25000000" (new). By hand:
    protected override IEnumerable<ExpectedBook> ExpectedBooks() =>
    [
        new("BTC-USD", [("21921.5", "0.4"), ("21921.3", "0.02")], [("21922.01", "1.25")]),
    ];
}
