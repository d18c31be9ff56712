using Arbiter.Core;

namespace Arbiter.Venues.GateIo;

/// <summary>What <see cref="GateIoParser"/> has seen so far in one frame (the envelope and its <c>result</c>).</summary>
internal struct GateIoFrameFields
{
    public bool IsBookChannel;
    public bool IsPong;
    public bool IsUpdateEvent;
    public bool IsRequestEvent;
    public bool IsSubscribe;
    public bool HasError;
    public bool HasResult;
    public bool UnknownSymbol;
    public bool Full;
    public bool HasFirst;
    public bool HasLast;

    /// <summary>A level array was not an array of [price, amount] string pairs.</summary>
    public bool BadLevels;
    public long First;
    public long Last;
    public long TimeMillis;

    /// <summary>The watched pair named first in a request reply's <c>payload</c> (<c>["BTC_USDT","100ms"]</c>), if any.</summary>
    public Instrument? PayloadInstrument;

    /// <summary>Byte range of a <c>result</c> object seen before <c>channel</c>/<c>event</c> (parsed at the end); End 0 = none.</summary>
    public int ResultStart;
    public int ResultEnd;

    /// <summary>Byte ranges of level arrays seen before the pair was known (parsed at the end); End 0 = none.</summary>
    public int BidStart;
    public int BidEnd;
    public int AskStart;
    public int AskEnd;
}
