using Arbiter.Core;
using static Arbiter.Engine.Tests.Events;

namespace Arbiter.Engine.Tests;

public sealed class EngineOutputsTests
{
    [Fact]
    public void Tick_BooksChanged_ReportsOnlyChangedTops()
    {
        var f = new EngineFixture();
        f.Process(
            Snapshot(f.Binance, 5, At(1), Levels(("59990.00", "1")), Levels(("60000.00", "2"))),
            Snapshot(f.Upbit, 9, At(1), Levels(("83000000", "1")), Levels(("83400000", "1"))),
            Tick(At(2)));

        var (tops, time) = Assert.Single(f.Sink.BookTopReports);
        Assert.Equal(At(2), time);
        Assert.Equal(
            [
                new BookTop(f.Binance, BookSyncState.Synced, BookInvalidReason.None, 5999000, 100000, 6000000, 200000, 5, At(1)),
                new BookTop(f.Upbit, BookSyncState.Synced, BookInvalidReason.None, 83000000, 100000000, 83400000, 100000000, 9, At(1)),
            ],
            tops);

        // A delta below the top changes nothing reported; a tick without changes sends nothing.
        f.Process(Delta(f.Binance, 6, At(3), Levels(("59000.00", "1")), Levels()), Tick(At(4)));
        Assert.Single(f.Sink.BookTopReports);

        // The Upbit top changes; later Binance (last update at 3 s) turns Stale at 13 s + 1 µs.
        f.Process(Delta(f.Upbit, 10, At(5), Levels(("83000000", "0.5")), Levels()), Tick(At(6)));
        Assert.Equal(
            [new BookTop(f.Upbit, BookSyncState.Synced, BookInvalidReason.None, 83000000, 50000000, 83400000, 100000000, 10, At(5))],
            f.Sink.BookTopReports[^1].Tops);

        f.Process(Tick(At(13) + 1));
        Assert.Equal(
            [new BookTop(f.Binance, BookSyncState.Stale, BookInvalidReason.None, 5999000, 100000, 6000000, 200000, 6, At(3))],
            f.Sink.BookTopReports[^1].Tops);

        f.Process(Invalidated(f.Upbit, At(14), BookInvalidReason.ChecksumMismatch), Tick(At(14)));
        Assert.Equal(
            [new BookTop(f.Upbit, BookSyncState.Unsynced, BookInvalidReason.ChecksumMismatch, 0, 0, 0, 0, 0, 0)],
            f.Sink.BookTopReports[^1].Tops);
        Assert.Equal(4, f.Sink.BookTopReports.Count);
    }

    [Fact]
    public void Process_ConnectionChanged_ForwardsToSinkAtEngineClock()
    {
        var f = new EngineFixture();
        f.Process(Tick(At(5)), Connection(VenueId.Kraken, ConnectionState.CircuitOpen, At(4)));

        Assert.Equal([(VenueId.Kraken, ConnectionState.CircuitOpen, At(5))], f.Sink.Connections);
        Assert.Equal(At(5), f.Engine.Clock);
    }

    [Fact]
    public void Process_InstrumentNotInCatalog_Throws()
    {
        var f = new EngineFixture();
        var loose = new Instrument(VenueId.Okx, "BTC-USDT", Asset.Btc, Asset.Usdt, 1, 8);

        Assert.Throws<ArgumentException>(() => f.Engine.Process(Snapshot(loose, 1, At(1), Levels(), Levels())));
    }

    [Fact]
    public void Instruments_SeenOutOfOrder_ListedInIdOrder()
    {
        var f = new EngineFixture();
        f.Process(
            Syncing(f.Instruments.GateIoPepeUsdt, At(1)),
            Syncing(f.Upbit, At(1)),
            Syncing(f.Binance, At(1)));

        Assert.Equal([f.Binance, f.Upbit, f.Instruments.GateIoPepeUsdt], f.Engine.Instruments);
        Assert.Null(f.Engine.GetBook(f.Instruments.BybitBtcUsdt));
        Assert.Equal(BookSyncState.Unsynced, f.Engine.GetState(f.Instruments.BybitBtcUsdt, out _));
    }
}
