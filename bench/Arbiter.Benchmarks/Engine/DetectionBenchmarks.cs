using Arbiter.Core;
using Arbiter.Engine;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Benchmarks.Engine;

/// <summary>
/// Detection for one asset across 8 venues × 20 levels per side (<see cref="DetectionMarket"/>): the measured operation
/// is <see cref="MarketEngine.Process"/> of one BookDelta that changes one level's quantity by 1 BTC, which re-evaluates the
/// 14 ordered pairs of that venue, walks the profitable ones, prices and republishes them. Invocations alternate between
/// the changed and the original quantity so that the books return to their state; every open opportunity stays open.
/// Baseline, same run: <see cref="NaiveDetector"/> applying the same level change and finding the best pair with LINQ over decimals.
/// A third method is a breakdown, not a replacement: the same engine work with <see cref="EngineOptions.UpdateThreshold"/> 1.0, so
/// that the walks run but no update is published and the exact decimal pricing pass (<c>DepthWalker.Price</c>) is skipped.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet derives its runner from the benchmark class.</remarks>
[MemoryDiagnoser]
public class DetectionBenchmarks
{
    private MarketEngine engine = null!;
    private MarketEngine unpublishedEngine = null!;
    private NaiveDetector naive = null!;
    private MarketEvent changed = new();
    private MarketEvent restored = new();
    private (VenueId Venue, Side Side, decimal Price, decimal Changed, decimal Original) naiveDelta;
    private bool engineFlip;
    private bool unpublishedFlip;
    private bool naiveFlip;

    [Params(DetectionCase.DislocatedVenue, DetectionCase.Counterparty, DetectionCase.NoCross)]
    public DetectionCase Case { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalog = new InstrumentCatalog();
        var market = new DetectionMarket(catalog);
        var options = new EngineOptions { Fx = new FxOptions { UsdKrw = DetectionMarket.UsdKrw, UsdtUsd = 1m, UsdcUsd = 1m } };
        engine = new MarketEngine(options, new NullOutputSink());
        var unpublishedOptions = new EngineOptions { Fx = new FxOptions { UsdKrw = DetectionMarket.UsdKrw, UsdtUsd = 1m, UsdcUsd = 1m }, UpdateThreshold = 1.0 };
        unpublishedEngine = new MarketEngine(unpublishedOptions, new NullOutputSink());
        naive = new NaiveDetector(options.MinNetProfitUsd);
        foreach (var venue in market.Venues)
        {
            var instrument = venue.Instrument;
            var snapshot = new MarketEvent
            {
                Kind = MarketEventKind.BookSnapshot,
                Venue = instrument.Venue,
                Instrument = instrument,
                Sequence = 1,
                ReceiveTime = DetectionMarket.ReceiveTime,
            };
            var book = new NaiveBook(instrument.Venue, options.TakerFees[instrument.Venue], instrument.Quote, DetectionMarket.UsdKrw);
            foreach (var level in venue.Bids)
            {
                snapshot.Bids.Add(level.Price, level.Quantity);
                book.Bids.Add((instrument.PriceToDecimal(level.Price), instrument.QuantityToDecimal(level.Quantity)));
            }

            foreach (var level in venue.Asks)
            {
                snapshot.Asks.Add(level.Price, level.Quantity);
                book.Asks.Add((instrument.PriceToDecimal(level.Price), instrument.QuantityToDecimal(level.Quantity)));
            }

            engine.Process(snapshot);
            unpublishedEngine.Process(snapshot);
            naive.Add(book);
        }

        var (deltaVenue, side, original, changedLevel) = market.DeltaOf(Case);
        var deltaInstrument = deltaVenue.Instrument;
        changed = Delta(deltaInstrument, side, changedLevel);
        restored = Delta(deltaInstrument, side, original);
        naiveDelta = (deltaInstrument.Venue, side, deltaInstrument.PriceToDecimal(original.Price), deltaInstrument.QuantityToDecimal(changedLevel.Quantity), deltaInstrument.QuantityToDecimal(original.Quantity));

        var open = engine.OpenOpportunities.Count;
        Check(open > 0, "no opportunity is open after the snapshots");
        Check(open == 6, $"{open} opportunities open, the scenario expects 6 (buy Upbit, sell each venue but Coinbase)");
        CheckAgreement(deltaInstrument.Venue);

        // A few alternations: the opportunities stay open, and (except for the no-cross case) get republished every time.
        var updatedBefore = engine.Stats.OpportunitiesUpdated;
        for (var i = 0; i < 4; i++)
        {
            Engine();
            EngineWithoutRepublishing();
            Naive();
        }

        var updates = engine.Stats.OpportunitiesUpdated - updatedBefore;
        Check(engine.OpenOpportunities.Count == open && engine.Stats.OpportunitiesClosed == 0, "an opportunity closed while alternating the delta");
        Check(Case == DetectionCase.NoCross ? updates == 0 : updates >= 4, $"{updates} updates in 4 alternations");
        CheckAgreement(deltaInstrument.Venue);
        Check(unpublishedEngine.OpenOpportunities.Count == open && unpublishedEngine.Stats.OpportunitiesUpdated == 0 && unpublishedEngine.Stats.OpportunitiesClosed == 0, "the threshold-1.0 engine published or closed");
        var walks = string.Join(", ", engine.OpenOpportunities.Select(o => $"{o.Buy.Venue}->{o.Sell.Venue} {o.BuyLevels}x{o.SellLevels} levels {o.Size} BTC net {o.NetProfitUsd:F2} USD"));
        Console.WriteLine($"// DetectionBenchmarks {Case}: {open} open opportunities ({walks}), {updates / 4.0} published updates per delta");
    }

    [Benchmark(Baseline = true, Description = "Naive LINQ over decimals")]
    public NaiveOpportunity? Naive()
    {
        var d = naiveDelta;
        naive.Apply(d.Venue, d.Side, d.Price, (naiveFlip = !naiveFlip) ? d.Changed : d.Original);
        return naive.Best(d.Venue);
    }

    [Benchmark(Description = "MarketEngine.Process(BookDelta)")]
    public long Engine()
    {
        engine.Process((engineFlip = !engineFlip) ? changed : restored);
        return engine.Clock;
    }

    [Benchmark(Description = "same, UpdateThreshold 1.0 (breakdown: no exact pricing, no publish)")]
    public long EngineWithoutRepublishing()
    {
        unpublishedEngine.Process((unpublishedFlip = !unpublishedFlip) ? changed : restored);
        return unpublishedEngine.Clock;
    }

    private static MarketEvent Delta(Instrument instrument, Side side, Level level)
    {
        var e = new MarketEvent
        {
            Kind = MarketEventKind.BookDelta,
            Venue = instrument.Venue,
            Instrument = instrument,
            Sequence = 2,
            ReceiveTime = DetectionMarket.ReceiveTime,
        };
        e[side].Add(level.Price, level.Quantity);
        return e;
    }

    /// <summary>The naive detector's best pair for the changed venue is the engine's best open opportunity among that venue's pairs: same venues, size and net.</summary>
    private void CheckAgreement(VenueId venue)
    {
        var best = naive.Best(venue);
        var engineBest = engine.OpenOpportunities
            .Where(o => o.Buy.Venue == venue || o.Sell.Venue == venue)
            .MaxBy(o => o.NetProfitUsd);
        if (best is null || engineBest is null)
        {
            Check(best is null && engineBest is null, $"naive best {best}, engine best {engineBest}");
            return;
        }

        Check(best.Buy == engineBest.Buy.Venue && best.Sell == engineBest.Sell.Venue, $"naive best {best.Buy}→{best.Sell}, engine {engineBest.Buy.Venue}→{engineBest.Sell.Venue}");
        Check(best.Size == engineBest.Size, $"naive size {best.Size}, engine {engineBest.Size}");
        Check(best.BuyLevels == engineBest.BuyLevels && best.SellLevels == engineBest.SellLevels, "levels differ");
        Check(Math.Abs(best.NetUsd - engineBest.NetProfitUsd) < 0.000001m, $"naive net {best.NetUsd}, engine {engineBest.NetProfitUsd}");
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Detection benchmark setup: " + what + ".");
        }
    }
}
