namespace Arbiter.Simulator;

/// <summary>
/// How one Upbit-shaped venue spells its orderbook JSON (<see cref="OrderbookUnitsFrames"/>): the same fields, in the
/// venue's order and number spelling.
/// </summary>
internal sealed class OrderbookUnitsStyle
{
    /// <summary>
    /// Upbit (REFERENCE §5): <c>{"type","code","timestamp","total_ask_size","total_bid_size","orderbook_units","stream_type","level":0}</c>,
    /// numbers printed as doubles ("137002000.0"), timestamp in ms; REST <c>{"market","timestamp",...,"orderbook_units","level":0}</c>.
    /// </summary>
    public static readonly OrderbookUnitsStyle Upbit = new(timestampAfterUnits: false, wholeNumbersWithPointZero: true, level: 0, restLevel: true, restTimestampDivisor: 1);

    /// <summary>
    /// Bithumb's current API (REFERENCE §6, captured frames):
    /// <c>{"type","code","total_ask_size","total_bid_size","orderbook_units","level":1,"timestamp","stream_type"}</c>, whole
    /// numbers printed as integers ("3715000"), timestamp in µs; REST <c>{"market","timestamp"(ms),"total_ask_size","total_bid_size","orderbook_units"}</c>.
    /// </summary>
    public static readonly OrderbookUnitsStyle Bithumb = new(timestampAfterUnits: true, wholeNumbersWithPointZero: false, level: 1, restLevel: false, restTimestampDivisor: 1000);

    private OrderbookUnitsStyle(bool timestampAfterUnits, bool wholeNumbersWithPointZero, int level, bool restLevel, long restTimestampDivisor)
    {
        TimestampAfterUnits = timestampAfterUnits;
        WholeNumbersWithPointZero = wholeNumbersWithPointZero;
        Level = level;
        RestLevel = restLevel;
        RestTimestampDivisor = restTimestampDivisor;
    }

    /// <summary>WebSocket messages: "level" and "timestamp" follow the units (Bithumb) rather than "timestamp" following "code" (Upbit).</summary>
    public bool TimestampAfterUnits { get; }

    /// <summary>Whole numbers keep ".0" (Upbit prints its doubles so); otherwise they are plain integers.</summary>
    public bool WholeNumbersWithPointZero { get; }

    /// <summary>The "level" value of a WebSocket message (the price grouping: Upbit 0, Bithumb 1 when none was asked for).</summary>
    public int Level { get; }

    /// <summary>True when the REST object ends with "level".</summary>
    public bool RestLevel { get; }

    /// <summary>The REST timestamp is the message sequence divided by this (Bithumb's socket sends µs, its REST ms).</summary>
    public long RestTimestampDivisor { get; }
}
