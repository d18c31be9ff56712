using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Hosting;
using Arbiter.Simulator;
using Arbiter.Venues;

namespace Arbiter.Tests.Contract;

/// <summary>
/// Bithumb (current API, REFERENCE §6): market list with a CAUTION market, then captured full-book messages, each replacing
/// the book: an older one ignored, a zero size at a live price dropped, a quoted 16-digit timestamp read.
/// </summary>
public sealed class BithumbContractTests : VenueContractTests
{
    protected override VenueId Venue => VenueId.Bithumb;

    protected override int Seed => 13;

    /// <summary>PEPE is listed with market_warning "CAUTION" in the fixture list: it must get no book.</summary>
    protected override IReadOnlyList<string> FixtureAssets => ["BTC", "ETH", "PEPE"];

    protected override IEnumerable<ContractStep> FixtureScript() =>
    [
        new ContractStep.Rest("/v1/market/all?isDetails=true", "bithumb-market-all.json"),
        new ContractStep.Open(0),
        new ContractStep.Frame(0, "bithumb-orderbook-krw-eth-snapshot.json"), // timestamp 1790133505546514
        new ContractStep.Frame(0, "bithumb-orderbook-krw-eth-realtime.json"), // 1790133505627050: replaces
        new ContractStep.Frame(0, "bithumb-orderbook-krw-eth-snapshot.json"), // older again: ignored
        new ContractStep.Frame(0, "bithumb-orderbook-ccxt-string-timestamp.json"), // KRW-BTC, "1783657882348968"
        new ContractStep.Frame(0, "bithumb-orderbook-krw-btc-zero-size.json"), // 1790133505564033: replaces
    ];

    // Transcribed from the fixtures: KRW-ETH from the realtime frame; KRW-BTC from the zero-size frame, whose third ask
    // ("ask_price":116215000,"ask_size":0) is no level.
    protected override IEnumerable<ExpectedBook> ExpectedBooks() =>
    [
        new(
            "KRW-ETH",
            [("3714000", "4.106"), ("3713000", "15.599"), ("3712000", "135.5129")],
            [("3715000", "8.4592"), ("3716000", "3.3766"), ("3717000", "4.1755")]),
        new(
            "KRW-BTC",
            [("116204000", "0.0037"), ("116203000", "0.0025"), ("116201000", "0.0004")],
            [("116208000", "0.3313"), ("116209000", "0.0001")]),
    ];

    [Fact]
    public void Simulator_CautionMarket_IsListedButNeverWatched()
    {
        var simulation = new Simulation(new SimulatorOptions().Only(VenueId.Bithumb), 1_767_225_600_000_000);
        var venue = simulation.Bithumb;
        var caution = venue.CautionMarket;
        var adapter = VenueAdapters.For(VenueId.Bithumb);
        var options = new VenuesOptions();
        string[] assets = [.. simulation.Options.ResolvedAssets.Select(a => a.Code), caution["KRW-".Length..]];
        adapter.PointAtSimulator(options, new Uri("ws://sim"), new Uri("http://sim"), assets);
        var engine = new MarketEngine(new EngineOptions(), new NoOutput());
        var protocol = adapter.Create(null, options, new InstrumentCatalog(), new DirectMarketEventSink(engine, new MarketEventPool()), new NullVenueActions());
        var path = Assert.Single(protocol.MarketListRequests);
        var list = venue.HandleRest(path);
        Assert.Contains($"\"market\":\"{caution}\"", list.BodyText, StringComparison.Ordinal);
        Assert.Contains("\"market_warning\":\"CAUTION\"", list.BodyText, StringComparison.Ordinal);

        protocol.OnRestResponse(path, list.Body, 0);

        Assert.Equal(venue.Symbols, protocol.Symbols!.Instruments.Select(i => i.Symbol));
        Assert.False(protocol.Symbols.Markets.TryGet(caution, out _, out _));
        Assert.True(protocol.Symbols.Markets.TryGet("BTC-ETH", out _, out _));
    }

    private sealed class NoOutput : IEngineOutputSink
    {
        public void OnOpportunity(OpportunityEvent opportunityEvent)
        {
        }

        public void OnBookTops(IReadOnlyList<BookTop> changed, long time)
        {
        }

        public void OnConnectionChanged(VenueId venue, ConnectionState state, long time)
        {
        }
    }
}
