namespace Arbiter.Core;

/// <summary>An L2 order book of one instrument: sorted price levels per side plus the venue sequence and timestamps of the last update.</summary>
public sealed class OrderBook
{
    public OrderBook(Instrument instrument, int capacity = 64)
    {
        Instrument = instrument ?? throw new ArgumentNullException(nameof(instrument));
        Bids = new BookSide(Side.Bid, capacity);
        Asks = new BookSide(Side.Ask, capacity);
    }

    public Instrument Instrument { get; }

    public BookSide Bids { get; }

    public BookSide Asks { get; }

    /// <summary>The venue's sequence of the last applied update (Binance <c>u</c>; the message timestamp where a venue has no sequence).</summary>
    public long Sequence { get; set; }

    /// <summary>Exchange timestamp of the last applied update, unix microseconds (0 when the venue sends none).</summary>
    public long ExchangeTime { get; set; }

    /// <summary>Receive timestamp of the last applied update, unix microseconds.</summary>
    public long ReceiveTime { get; set; }

    public BookSide this[Side side] => side == Side.Bid ? Bids : Asks;

    /// <summary>True when the best bid is at or above the best ask (crossed or locked).</summary>
    public bool IsCrossed => !Bids.IsEmpty && !Asks.IsEmpty && Bids.BestPrice >= Asks.BestPrice;

    public bool IsEmpty => Bids.IsEmpty && Asks.IsEmpty;

    public bool Set(Side side, long price, long quantity) => this[side].Set(price, quantity);

    public void Load(ReadOnlySpan<Level> bids, ReadOnlySpan<Level> asks)
    {
        Bids.Load(bids);
        Asks.Load(asks);
    }

    public void TruncateTo(int depth)
    {
        Bids.TruncateTo(depth);
        Asks.TruncateTo(depth);
    }

    public void Clear()
    {
        Bids.Clear();
        Asks.Clear();
        Sequence = 0;
        ExchangeTime = 0;
        ReceiveTime = 0;
    }

    /// <summary>Same levels on both sides (sequence and timestamps are not compared).</summary>
    public bool ContentEquals(OrderBook other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Bids.ContentEquals(other.Bids) && Asks.ContentEquals(other.Asks);
    }
}
