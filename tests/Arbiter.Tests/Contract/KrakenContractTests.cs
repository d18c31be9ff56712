using Arbiter.Core;

namespace Arbiter.Tests.Contract;

/// <summary>Kraken: AssetPairs, the docs' book snapshot (10 + 10 levels) and the update that follows it (REFERENCE §8).</summary>
public sealed class KrakenContractTests : VenueContractTests
{
    protected override VenueId Venue => VenueId.Kraken;

    protected override int Seed => 13;

    // The docs' example pair; kraken-assetpairs.json lists it online with pair_decimals 4 and lot_decimals 8.
    protected override IReadOnlyList<string> FixtureAssets => ["MATIC"];

    protected override IEnumerable<ContractStep> FixtureScript() =>
    [
        new ContractStep.Rest("/0/public/AssetPairs", "kraken-assetpairs.json"),
        new ContractStep.Open(0),
        new ContractStep.Frame(0, "kraken-book-snapshot-matic-usd.json"),
        new ContractStep.Frame(0, "kraken-book-update-matic-usd.json"),
    ];

    // The snapshot's levels, transcribed; the update sets the bid 0.5657 from 606.70854372 to 1098.3947558 (both checksums hold).
    protected override IEnumerable<ExpectedBook> ExpectedBooks() =>
    [
        new(
            "MATIC/USD",
            [
                ("0.5666", "4831.75496356"), ("0.5665", "6658.22734739"), ("0.5664", "18724.91513344"), ("0.5663", "11563.92544914"), ("0.5662", "14006.65365711"),
                ("0.5661", "17454.85679807"), ("0.566", "18097.1547"), ("0.5659", "33644.89175666"), ("0.5658", "148.3464"), ("0.5657", "1098.3947558"),
            ],
            [
                ("0.5668", "4410.79769741"), ("0.5669", "4655.40412487"), ("0.567", "49844.89424998"), ("0.5671", "24306.41678"), ("0.5672", "29783.25223475"),
                ("0.5673", "57234.71239278"), ("0.5674", "45065.04744"), ("0.5675", "5912.76380354"), ("0.5676", "42514.92434778"), ("0.5677", "36304.0847022"),
            ]),
    ];
}
