using Arbiter.Core;
using static Arbiter.Engine.Tests.Events;

namespace Arbiter.Engine.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void Process_SameEventsTwice_IdenticalOutputs()
    {
        var instruments = new TestInstruments();
        var events = RandomSession(instruments, seed: 20260101, count: 20_000);

        var first = Run(events);
        var second = Run(events);

        // The session must exercise the lifecycle, or this test could not fail.
        Assert.True(first.Opportunities.Count(e => e.Kind == OpportunityEventKind.Opened) >= 10);
        Assert.Contains(first.Opportunities, e => e.Kind == OpportunityEventKind.Updated);
        Assert.Contains(first.Opportunities, e => e.Kind == OpportunityEventKind.Closed && e.CloseReason != "unprofitable");
        Assert.Contains(first.Opportunities, e => e.Kind == OpportunityEventKind.Closed && e.CloseReason == "unprofitable");
        Assert.NotEmpty(first.BookTopReports);
        Assert.Equal(first.All, second.All);
    }

    [Fact]
    public void Process_RandomSession_PublishesOnlyFromSyncedBooks()
    {
        var instruments = new TestInstruments();
        var events = RandomSession(instruments, seed: 7, count: 20_000);
        var sink = new GatingCheckSink();
        var engine = new MarketEngine(new EngineOptions().WithFixedFx(), sink);
        sink.Engine = engine;
        foreach (var e in events)
        {
            engine.Process(e);
        }

        Assert.True(sink.Published > 100);
        Assert.Empty(sink.Violations);
        Assert.Equal(engine.Stats.OpportunitiesOpened - engine.Stats.OpportunitiesClosed, engine.OpenOpportunities.Count);
    }

    private static RecordingOutputSink Run(List<MarketEvent> events)
    {
        var sink = new RecordingOutputSink();
        var engine = new MarketEngine(new EngineOptions().WithFixedFx(), sink);
        foreach (var e in events)
        {
            engine.Process(e);
        }

        return sink;
    }

    /// <summary>
    /// Three BTC books (Upbit at a premium, Bybit at a discount to Binance) with random deltas, occasional crossing
    /// deltas, invalidations, resyncs, 12 s silences and ticks.
    /// </summary>
    private static List<MarketEvent> RandomSession(TestInstruments instruments, int seed, int count)
    {
        var random = new Random(seed);
        Instrument[] books = [instruments.BinanceBtcUsdt, instruments.UpbitKrwBtc, instruments.BybitBtcUsdt];
        int[] offsets = [0, 130, -60];
        var mids = new int[books.Length];
        var sequences = new long[books.Length];
        var events = new List<MarketEvent>(count);
        var time = At(0);
        for (var i = 0; i < books.Length; i++)
        {
            events.Add(SnapshotAround(books[i], ++sequences[i], time, mids[i] = 60_000 + offsets[i] + random.Next(-80, 80), random));
        }

        for (var n = 0; n < count; n++)
        {
            time += random.Next(100) == 0 ? 12 * Second : random.Next(1, 50_000);
            var i = random.Next(books.Length);
            var roll = random.Next(1000);
            if (roll < 5)
            {
                events.Add(Invalidated(books[i], time, BookInvalidReason.SequenceGap));
            }
            else if (roll < 10)
            {
                events.Add(Syncing(books[i], time));
            }
            else if (roll < 40)
            {
                events.Add(SnapshotAround(books[i], ++sequences[i], time, mids[i] = 60_000 + offsets[i] + random.Next(-80, 80), random));
            }
            else if (roll < 100)
            {
                events.Add(Tick(time));
            }
            else
            {
                var e = new MarketEvent { Kind = MarketEventKind.BookDelta, Venue = books[i].Venue, Instrument = books[i], Sequence = ++sequences[i], ReceiveTime = time };
                var bid = random.Next(2) == 0;

                // One delta in a hundred sets a level on the wrong side of the mid, crossing the book until a snapshot.
                var away = roll < 110 ? -20 : random.Next(5, 100);
                var usd = bid ? mids[i] - away : mids[i] + away;
                (bid ? e.Bids : e.Asks).Add(PriceUnits(books[i], usd), random.Next(4) == 0 ? 0 : QuantityUnits(books[i], random.Next(1, 300)));
                events.Add(e);
            }
        }

        return events;
    }

    private static MarketEvent SnapshotAround(Instrument instrument, long sequence, long time, int mid, Random random)
    {
        var e = new MarketEvent { Kind = MarketEventKind.BookSnapshot, Venue = instrument.Venue, Instrument = instrument, Sequence = sequence, ReceiveTime = time };
        for (var level = 0; level < 10; level++)
        {
            e.Bids.Add(PriceUnits(instrument, mid - 5 - (level * 10)), QuantityUnits(instrument, random.Next(1, 300)));
            e.Asks.Add(PriceUnits(instrument, mid + 5 + (level * 10)), QuantityUnits(instrument, random.Next(1, 300)));
        }

        return e;
    }

    // USD → instrument price units (KRW at 1380 per USD).
    private static long PriceUnits(Instrument instrument, int usd) =>
        instrument.Quote == Asset.Krw ? usd * 1380L : usd * FixedPoint.Pow10(instrument.PriceScale);

    // Hundredths of a coin → quantity units.
    private static long QuantityUnits(Instrument instrument, int hundredths) => hundredths * FixedPoint.Pow10(instrument.QuantityScale) / 100;
}
