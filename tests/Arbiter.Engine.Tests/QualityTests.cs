using Arbiter.Core;
using static Arbiter.Engine.Tests.Events;

namespace Arbiter.Engine.Tests;

public sealed class QualityTests
{
    private static readonly InstrumentCatalog Catalog = new();
    private static readonly Instrument Binance = Catalog.Add(new Instrument(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5));
    private static readonly Instrument Bybit = Catalog.Add(new Instrument(VenueId.Bybit, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 6));
    private static readonly Instrument Coinbase = Catalog.Add(new Instrument(VenueId.Coinbase, "BTC-USD", Asset.Btc, Asset.Usd, 2, 8));
    private static readonly Instrument Upbit = Catalog.Add(new Instrument(VenueId.Upbit, "KRW-BTC", Asset.Btc, Asset.Krw, 0, 8));

    private static MarketEvent Good(int i) => Snapshot(Upbit, i, At(1 + (i * 0.01)), Levels(("83300000", "1")), Levels(("83400000", "1")));

    /// <summary>Well-formed and in sequence, but the spread is (200,000,000 − 83,300,000) ÷ 141,650,000 = 82 % &gt; 50 %.</summary>
    private static MarketEvent Bad(int i) => Snapshot(Upbit, i, At(1 + (i * 0.01)), Levels(("83300000", "1")), Levels(("200000000", "1")));

    [Fact]
    public void Quality_VenueSendingOneBadTickInFive_IsExcludedThenReadmittedWhenClean()
    {
        var f = new EngineFixture();
        f.Process(Snapshot(Binance, 1, At(1), Levels(("59990.00", "1")), Levels(("60000.00", "1"))));

        // 500 Upbit snapshots, every fifth one bad: 100 rejected, 400 accepted.
        // Score = 100 × (1 − rejected in the last 200 ÷ 200): below 90 once the window holds 21 rejections, i.e. at the
        // 21st bad tick, update 105 (i = 104): 100 × (1 − 21/200) = 89.5.
        for (var i = 0; i < 500; i++)
        {
            f.Process(i % 5 == 4 ? Bad(i) : Good(i));
            Assert.Equal(i >= 104, f.Engine.QualityOf(VenueId.Upbit).Excluded);
        }

        var afterBad = f.Engine.QualityOf(VenueId.Upbit);
        Assert.Equal((400L, 100L, 0L, 0L, 0L, 0L), (afterBad.Accepted, afterBad.WideSpread, afterBad.Crossed, afterBad.NonPositivePrice, afterBad.ExchangeTimeTooOld, afterBad.OutsideBounds));
        Assert.Equal(80.0, afterBad.Score); // the last 200 updates hold 40 bad ones
        Assert.Empty(f.Engine.OpenOpportunities);
        var excludedAt = f.Sink.Opportunities.Count;

        // Clean again: the window still holds (200 − k) ÷ 5 bad ticks after k clean updates; 95 (readmission) needs at
        // most 10 of them, so the venue returns at exactly the 150th clean update, and its pair reopens at once.
        for (var k = 1; k <= 200; k++)
        {
            f.Process(Good(500 + k));
            Assert.Equal(k < 150, f.Engine.QualityOf(VenueId.Upbit).Excluded);
            if (k == 149)
            {
                Assert.Equal(excludedAt, f.Sink.Opportunities.Count);
            }
        }

        Assert.Equal(OpportunityEventKind.Opened, f.Sink.Opportunities[excludedAt].Kind);
        Assert.Single(f.Engine.OpenOpportunities);
        f.Process(Tick(At(10)));
        var published = f.Sink.Quality.Last(q => q.Venue == VenueId.Upbit);
        Assert.Equal((600L, 100L, 100.0, false), (published.Accepted, published.Rejected, published.Score, published.Excluded));
    }

    [Fact]
    public void Quality_WhileBadTickInBook_PairIsClosedWithReason()
    {
        var f = new EngineFixture();
        f.Process(Snapshot(Binance, 1, At(1), Levels(("59990.00", "1")), Levels(("60000.00", "1"))), Good(0));
        Assert.Single(f.Sink.Opportunities);

        f.Process(Bad(1));
        Assert.Equal(("upbit:KRW-BTC Rejected(WideSpread)", QualityReason.WideSpread), (f.Sink.Opportunities[^1].CloseReason, f.Engine.GetRejection(Upbit)));

        f.Process(Good(2));
        Assert.Equal(OpportunityEventKind.Opened, f.Sink.Opportunities[^1].Kind);
    }

    [Fact]
    public void Quality_EachReason_CountedExactly()
    {
        var f = new EngineFixture();
        f.Process(
            Snapshot(Binance, 1, At(1), Levels(("99990.00", "1")), Levels(("100000.00", "1"))),
            Snapshot(Bybit, 1, At(1), Levels(("99995.00", "1")), Levels(("100005.00", "1"))));

        // Non-positive: a zero bid. Crossed: bid 100,010 over ask 100,005. Too old: exchange time 30.000001 s behind.
        f.Process(Snapshot(Coinbase, 1, At(2), Levels(("0.00", "1")), Levels(("100010.00", "1"))));
        f.Process(Snapshot(Coinbase, 2, At(2), Levels(("100010.00", "1")), Levels(("100005.00", "1"))));
        var old = Snapshot(Coinbase, 3, At(2), Levels(("99990.00", "1")), Levels(("100000.00", "1")));
        old.ExchangeTime = At(2) - 30_000_001;
        f.Process(old);

        // Outside bounds: mid 160,005 USD against the median of Binance 99,995 and Bybit 100,000 (99,997.5): +60 % > 50 %.
        f.Process(Snapshot(Coinbase, 4, At(3), Levels(("160000.00", "1")), Levels(("160010.00", "1"))));

        // A lag of exactly 30 s passes.
        var edge = Snapshot(Coinbase, 5, At(4), Levels(("99990.00", "1")), Levels(("100000.00", "1")));
        edge.ExchangeTime = At(4) - 30_000_000;
        f.Process(edge);

        var q = f.Engine.QualityOf(VenueId.Coinbase);
        Assert.Equal((1L, 1L, 1L, 1L, 1L, 0L), (q.NonPositivePrice, q.Crossed, q.ExchangeTimeTooOld, q.OutsideBounds, q.Accepted, q.WideSpread));
        Assert.Equal(QualityReason.None, f.Engine.GetRejection(Coinbase));

        // Four rejections in a 200 window and no resyncs: 100 × (1 − 4/200) = 98.
        Assert.Equal((98.0, false), (q.Score, q.Excluded));
    }

    [Fact]
    public void Quality_Resyncs_CountOnlyBooksThatLostTheirSnapshot()
    {
        var f = new EngineFixture();
        f.Process(Syncing(Upbit, At(1)), Good(0), Invalidated(Upbit, At(2), BookInvalidReason.SequenceGap), Syncing(Upbit, At(2)), Good(200));

        // The first Syncing precedes any snapshot: not a resync. The gap loses the book (1); the Syncing that follows
        // finds it already empty (not counted again).
        var q = f.Engine.QualityOf(VenueId.Upbit);
        Assert.Equal((1L, 2L), (q.Resyncs, q.Accepted));
        Assert.Equal(99.0, q.Score); // one resync in the last minute costs one point
    }
}
