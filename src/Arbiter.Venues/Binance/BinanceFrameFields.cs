namespace Arbiter.Venues.Binance;

/// <summary>What the parser has seen so far in one frame (the wrapper and the event share it).</summary>
internal struct BinanceFrameFields
{
    public bool HasEventType;
    public bool IsDepthUpdate;
    public bool IsShutdown;
    public bool UnknownSymbol;
    public bool HasFirst;
    public bool HasLast;
    public bool HasResult;
    public bool HasId;
    public bool HasError;

    /// <summary>"b" or "a" was not an array (fine for other events, malformed for a depthUpdate).</summary>
    public bool BadLevels;
    public long First;
    public long Last;
    public long EventTime;

    /// <summary>Nesting of the object being read: 1 for a raw event, 2 inside the combined-stream wrapper.</summary>
    public int Depth;

    /// <summary>Byte range of a level array seen before the symbol was known (parsed at the end); End 0 = none.</summary>
    public int BidStart;
    public int BidEnd;
    public int AskStart;
    public int AskEnd;
}
