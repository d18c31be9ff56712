namespace Arbiter.Venues.Kraken;

/// <summary>What the parser has seen so far in one Kraken message.</summary>
internal struct KrakenFrameFields
{
    public KrakenChannel Channel;
    public bool IsSnapshot;
    public bool IsUpdate;
    public bool IsPong;
    public bool IsRequestAnswer;
    public bool HasSuccess;
    public bool Success;
    public bool HasError;
    public bool HasRequestId;
    public long RequestId;

    /// <summary>Byte range of "data" seen before "channel"/"type" (parsed at the end); End 0 = none.</summary>
    public int DataStart;
    public int DataEnd;

    // Inside the book element.
    public bool HasData;
    public bool UnknownSymbol;
    public bool HasChecksum;
    public bool HasTimestamp;
    public uint Checksum;
    public long Timestamp;

    /// <summary>Byte ranges of "bids"/"asks" seen before "symbol" (parsed once the symbol is known); End 0 = none.</summary>
    public int BidsStart;
    public int BidsEnd;
    public int AsksStart;
    public int AsksEnd;
}
