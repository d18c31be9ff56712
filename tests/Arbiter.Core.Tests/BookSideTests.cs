using Arbiter.Core;

namespace Arbiter.Core.Tests;

public sealed class BookSideTests
{
    private static readonly Instrument Btc = new(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5);

    [Fact]
    public void Set_Bids_AreReadBestFirstDescending()
    {
        var book = new OrderBook(Btc, capacity: 4);
        book.Set(Side.Bid, 100, 1);
        book.Set(Side.Bid, 300, 3);
        book.Set(Side.Bid, 200, 2);
        book.Set(Side.Bid, 50, 5); // forces growth past capacity 4
        book.Set(Side.Bid, 400, 4);
        Assert.Equal([400L, 300L, 200L, 100L, 50L], Prices(book.Bids));
        Assert.Equal([4L, 3L, 2L, 1L, 5L], Quantities(book.Bids));
    }

    [Fact]
    public void Set_Asks_AreReadBestFirstAscending()
    {
        var book = new OrderBook(Btc);
        book.Set(Side.Ask, 300, 3);
        book.Set(Side.Ask, 100, 1);
        book.Set(Side.Ask, 200, 2);
        Assert.Equal([100L, 200L, 300L], Prices(book.Asks));
        Assert.Equal(100L, book.Asks.BestPrice);
    }

    [Fact]
    public void Set_ZeroQuantity_RemovesLevel_AndMissingRemoveIsNoOp()
    {
        var book = new OrderBook(Btc);
        book.Set(Side.Ask, 100, 1);
        book.Set(Side.Ask, 200, 2);
        Assert.True(book.Set(Side.Ask, 100, 0));
        Assert.False(book.Set(Side.Ask, 150, 0));
        Assert.Equal([200L], Prices(book.Asks));
    }

    [Fact]
    public void Set_ExistingPrice_ReplacesQuantity()
    {
        var book = new OrderBook(Btc);
        book.Set(Side.Bid, 100, 1);
        book.Set(Side.Bid, 100, 7);
        Assert.Equal(1, book.Bids.Count);
        Assert.Equal(7L, book.Bids.BestQuantity);
    }

    [Fact]
    public void Load_BestFirstLevels_BuildsSortedSide_SkippingZeros()
    {
        var side = new BookSide(Side.Bid);
        side.Load([new Level(300, 3), new Level(200, 0), new Level(100, 1)]);
        Assert.Equal([300L, 100L], Prices(side));
    }

    [Fact]
    public void Load_UnorderedWithRepeat_KeepsLastQuantity()
    {
        var side = new BookSide(Side.Ask);
        side.Load([new Level(200, 2), new Level(100, 1), new Level(200, 9), new Level(300, 3)]);
        Assert.Equal([100L, 200L, 300L], Prices(side));
        Assert.Equal([1L, 9L, 3L], Quantities(side));
    }

    [Fact]
    public void TruncateTo_KeepsBestLevels()
    {
        var book = new OrderBook(Btc);
        for (var p = 1; p <= 10; p++)
        {
            book.Set(Side.Bid, p, 1);
            book.Set(Side.Ask, 100 + p, 1);
        }

        book.TruncateTo(3);
        Assert.Equal([10L, 9L, 8L], Prices(book.Bids));
        Assert.Equal([101L, 102L, 103L], Prices(book.Asks));
    }

    [Fact]
    public void IsCrossed_BidAtOrAboveAsk_IsTrue()
    {
        var book = new OrderBook(Btc);
        book.Set(Side.Bid, 100, 1);
        book.Set(Side.Ask, 101, 1);
        Assert.False(book.IsCrossed);
        book.Set(Side.Bid, 101, 1); // locked
        Assert.True(book.IsCrossed);
    }

    [Fact]
    public void ContentEquals_SameLevelsDifferentInsertionOrder_IsTrue()
    {
        var a = new OrderBook(Btc);
        var b = new OrderBook(Btc);
        a.Set(Side.Bid, 1, 1);
        a.Set(Side.Bid, 2, 2);
        b.Set(Side.Bid, 2, 2);
        b.Set(Side.Bid, 1, 1);
        Assert.True(a.ContentEquals(b));
        b.Set(Side.Bid, 1, 3);
        Assert.False(a.ContentEquals(b));
    }

    [Fact]
    public void Set_RandomOperations_MatchSortedDictionaryModel()
    {
        // An independent model: a SortedDictionary per side.
        var random = new Random(12345);
        var book = new OrderBook(Btc, capacity: 4);
        var bids = new SortedDictionary<long, long>();
        for (var i = 0; i < 20_000; i++)
        {
            var price = random.Next(1, 200);
            var quantity = random.Next(0, 3) == 0 ? 0 : random.Next(1, 1000);
            book.Set(Side.Bid, price, quantity);
            if (quantity == 0)
            {
                bids.Remove(price);
            }
            else
            {
                bids[price] = quantity;
            }
        }

        Assert.Equal(bids.Keys.Reverse().ToArray(), Prices(book.Bids));
        Assert.Equal(bids.Values.Reverse().ToArray(), Quantities(book.Bids));
    }

    private static long[] Prices(BookSide side) => Enumerable.Range(0, side.Count).Select(side.PriceAt).ToArray();

    private static long[] Quantities(BookSide side) => Enumerable.Range(0, side.Count).Select(side.QuantityAt).ToArray();
}
