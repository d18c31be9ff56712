using Arbiter.Core;

namespace Arbiter.Tests.Contract;

/// <summary>Bybit: instruments-info, the subscribe reply, a captured snapshot and the next delta (u + 1), a pong (REFERENCE §3).</summary>
public sealed class BybitContractTests : VenueContractTests
{
    protected override VenueId Venue => VenueId.Bybit;

    protected override int Seed => 13;

    protected override IEnumerable<ContractStep> FixtureScript() =>
    [
        new ContractStep.Rest("/v5/market/instruments-info?category=spot", "bybit-instruments-info-spot.json"),
        new ContractStep.Open(0),
        new ContractStep.Frame(0, "bybit-subscribe-reply.json"),
        new ContractStep.Frame(0, "bybit-orderbook-spot-btcusdt-snapshot-10x10.json"),
        new ContractStep.Frame(0, "bybit-orderbook-spot-btcusdt-delta.json"),
        new ContractStep.Frame(0, "bybit-pong.json"),
    ];

    // The snapshot (u 5179079, 10 bids and 10 asks) with the delta (u 5179080) applied by hand: bids 43728.19 and 43724.11,
    // 43720.3, 43636.36 added, 43725.35 and 43725.34 deleted (43725.32 and 43724.1 were not there); asks 43736.01, 43743.03,
    // 43752.77 added (the two deleted asks were not there).
    protected override IEnumerable<ExpectedBook> ExpectedBooks() =>
    [
        new(
            "BTCUSDT",
            [
                ("43732.01", "0.049391"), ("43731.97", "0.000609"), ("43730", "0.1101"), ("43729.91", "0.0015"), ("43728.19", "0.5"),
                ("43728.18", "0.270649"), ("43728.17", "0.049996"), ("43728", "0.1101"), ("43726.91", "0.0015"), ("43724.11", "0.333012"),
                ("43720.3", "0.034717"), ("43636.36", "0.027705"),
            ],
            [
                ("43732.02", "7.191274"), ("43732.03", "1.538305"), ("43732.04", "0.005"), ("43732.92", "0.08"), ("43732.97", "0.19"),
                ("43733.67", "0.413254"), ("43733.68", "0.054941"), ("43733.94", "0.004948"), ("43733.97", "0.19"), ("43734", "0.1101"),
                ("43736.01", "0.525"), ("43743.03", "0.009152"), ("43752.77", "0.5"),
            ]),
    ];
}
