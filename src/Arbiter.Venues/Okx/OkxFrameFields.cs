namespace Arbiter.Venues.Okx;

/// <summary>What the parser has seen so far in one OKX message (envelope and its single data object).</summary>
internal struct OkxFrameFields
{
    public bool IsBooks;
    public bool UnknownSymbol;
    public OkxAction Action;
    public OkxEvent Event;
    public bool HasData;
    public bool HasAsks;
    public bool HasBids;
    public bool HasTs;
    public bool HasSeqId;
    public bool HasPrevSeqId;
    public bool HasCode;
    public bool CodeIsZero;
    public long Ts;
    public long SeqId;
    public long PrevSeqId;
    public int Checksum;

    /// <summary>Byte range of "data" seen before the channel and symbol were known (parsed at the end); End 0 = none.</summary>
    public int DataStart;
    public int DataEnd;
}
