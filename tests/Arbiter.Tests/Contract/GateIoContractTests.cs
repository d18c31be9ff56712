using Arbiter.Core;

namespace Arbiter.Tests.Contract;

/// <summary>
/// Gate.io: currency_pairs, the subscribe ack, one spot.order_book_update buffered, the REST book <c>with_id=true</c> it
/// bridges (REFERENCE §4 procedure: U ≤ id+1 ≤ u).
/// </summary>
public sealed class GateIoContractTests : VenueContractTests
{
    protected override VenueId Venue => VenueId.GateIo;

    protected override int Seed => 13;

    protected override IEnumerable<ContractStep> FixtureScript() =>
    [
        new ContractStep.Rest("/api/v4/spot/currency_pairs", "gateio-currency-pairs.json"),
        new ContractStep.Open(0),
        new ContractStep.Frame(0, "gateio-subscribe-ack.json"),
        new ContractStep.Frame(0, "gateio-order-book-update-btc-usdt-10x10.json"),
        new ContractStep.Frame(0, "gateio-pong.json"),
        new ContractStep.Rest("/api/v4/spot/order_book?currency_pair=BTC_USDT", "gateio-order-book-rest-btc-usdt.json"),
    ];

    // The REST book (id 73777715190) with the update U 73777715169..u 73777715212 applied on top; by hand:
    // bids 104020.3 removed, 104027.1/104027/104024.5/104014.5 changed, 104026.5/104025.9/104018.8/104010/104005.7 added;
    // asks 104027.2 and 104027.4 removed, 104028.1/104030 changed, 104027.5/104031.6/104033.3/104035/104040.2/104045.9 added.
    protected override IEnumerable<ExpectedBook> ExpectedBooks() =>
    [
        new(
            "BTC_USDT",
            [
                ("104027.1", "0.509392"), ("104027", "0.477932"), ("104026.5", "0.00012"), ("104026.2", "0.75"), ("104025.9", "1.25"),
                ("104024.5", "0.010343"), ("104018.8", "0.3"), ("104014.5", "0.509392"), ("104010", "2.001"), ("104005.7", "0.000001"),
                ("104000", "3"),
            ],
            [
                ("104027.5", "0.044617"), ("104027.9", "0.25"), ("104028.1", "0.039322"), ("104030", "0.5"), ("104031.6", "1.2"),
                ("104033.3", "0.000321"), ("104035", "0.75"), ("104036.8", "0.02"), ("104040.2", "3.5"), ("104045.9", "0.012"),
                ("104050", "1.5"),
            ]),
    ];
}
