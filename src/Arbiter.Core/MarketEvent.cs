namespace Arbiter.Core;

/// <summary>
/// One input to the engine from an adapter. Pooled and reused: an adapter rents it from its sink, fills it and
/// publishes it; the engine applies it and returns it to the pool. Nobody may keep a reference after publishing.
/// </summary>
public sealed class MarketEvent
{
    public MarketEventKind Kind { get; set; }

    public VenueId Venue { get; set; }

    /// <summary>The book this event is about; null for connection changes and ticks.</summary>
    public Instrument? Instrument { get; set; }

    /// <summary>The venue sequence after this event (Binance <c>u</c>; the message timestamp for venues without one).</summary>
    public long Sequence { get; set; }

    /// <summary>Exchange timestamp, unix microseconds; 0 when the venue sends none.</summary>
    public long ExchangeTime { get; set; }

    /// <summary>When the frame carrying this event was received, unix microseconds (the capture's clock in replay).</summary>
    public long ReceiveTime { get; set; }

    /// <summary>Why the book was invalidated (<see cref="MarketEventKind.BookInvalidated"/>).</summary>
    public BookInvalidReason Reason { get; set; }

    /// <summary>The new connection state (<see cref="MarketEventKind.ConnectionChanged"/>).</summary>
    public ConnectionState Connection { get; set; }

    /// <summary>Number of book levels the venue keeps in this stream (e.g. 15 for Upbit); 0 = unlimited.</summary>
    public int Depth { get; set; }

    /// <summary>The rate of a <see cref="MarketEventKind.FxQuote"/> event.</summary>
    public FxQuote? Fx { get; set; }

    /// <summary>The fetched status of a <see cref="MarketEventKind.WalletStatus"/> event.</summary>
    public WalletSnapshot? Wallets { get; set; }

    /// <summary>The new settings of a <see cref="MarketEventKind.SettingsChanged"/> event.</summary>
    public EngineRuntimeSettings? Settings { get; set; }

    public LevelList Bids { get; } = new();

    public LevelList Asks { get; } = new();

    public LevelList this[Side side] => side == Side.Bid ? Bids : Asks;

    public void Reset()
    {
        Kind = default;
        Venue = default;
        Instrument = null;
        Sequence = 0;
        ExchangeTime = 0;
        ReceiveTime = 0;
        Reason = BookInvalidReason.None;
        Connection = default;
        Depth = 0;
        Fx = null;
        Wallets = null;
        Settings = null;
        Bids.Clear();
        Asks.Clear();
    }
}
