using Arbiter.Core;

namespace Arbiter.Tests.Contract;

/// <summary>Upbit: market list, one 15-unit orderbook message (a full snapshot, REFERENCE §5).</summary>
public sealed class UpbitContractTests : VenueContractTests
{
    protected override VenueId Venue => VenueId.Upbit;

    protected override int Seed => 11;

    protected override IEnumerable<ContractStep> FixtureScript() =>
    [
        new ContractStep.Rest("/v1/market/all?is_details=true", "upbit-market-all.json"),
        new ContractStep.Open(0),
        new ContractStep.Frame(0, "upbit-orderbook-krw-btc-15.json"),
    ];

    // The units of upbit-orderbook-krw-btc-15.json, transcribed (1.37001E8 = 137001000, 1.0E-4 = 0.0001).
    protected override IEnumerable<ExpectedBook> ExpectedBooks() =>
    [
        new(
            "KRW-BTC",
            [
                ("137001000", "0.036"), ("137000000", "0.25"), ("136999000", "0.0001"), ("136998000", "0.4"), ("136997000", "0.0021"),
                ("136996000", "0.75"), ("136995000", "1.1"), ("136994000", "0.0099"), ("136993000", "5"), ("136992000", "0.3"),
                ("136991000", "0.00012345"), ("136990000", "0.6"), ("136989000", "2.25"), ("136988000", "0.04"), ("136987000", "0.5"),
            ],
            [
                ("137002000", "0.106"), ("137003000", "0.0001"), ("137004000", "0.5"), ("137005000", "0.00520391"), ("137006000", "2"),
                ("137007000", "0.0313"), ("137008000", "0.001"), ("137009000", "1.23456789"), ("137010000", "0.2"), ("137011000", "0.07"),
                ("137012000", "3.5"), ("137013000", "0.0005"), ("137014000", "0.99"), ("137015000", "0.015"), ("137016000", "10"),
            ]),
    ];
}
