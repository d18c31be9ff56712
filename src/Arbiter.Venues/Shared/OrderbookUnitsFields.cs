namespace Arbiter.Venues;

/// <summary>What <see cref="OrderbookUnitsParser"/> has seen so far in one message.</summary>
internal struct OrderbookUnitsFields
{
    public bool IsOrderbook;
    public bool UnknownCode;
    public bool HasTimestamp;
    public bool HasUnits;
    public bool IsPong;
    public bool HasError;

    /// <summary>The timestamp exactly as sent (ms or µs).</summary>
    public long Timestamp;

    /// <summary>The timestamp in unix microseconds.</summary>
    public long TimestampMicros;

    /// <summary>Byte range of "orderbook_units" seen before "code"/"type" (parsed at the end); End 0 = none.</summary>
    public int UnitsStart;
    public int UnitsEnd;
}
