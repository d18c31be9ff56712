namespace Arbiter.Venues.Upbit;

/// <summary>What the parser has seen so far in one Upbit message.</summary>
internal struct UpbitFrameFields
{
    public bool IsOrderbook;
    public bool UnknownCode;
    public bool HasTimestamp;
    public bool HasUnits;
    public bool IsPong;
    public bool HasError;
    public long Timestamp;

    /// <summary>Byte range of "orderbook_units" seen before "code"/"type" (parsed at the end); End 0 = none.</summary>
    public int UnitsStart;
    public int UnitsEnd;
}
