namespace Arbiter.Venues.Bybit;

/// <summary>What the parser has seen so far in one Bybit message.</summary>
internal struct BybitFrameFields
{
    public bool HasTopic;
    public bool IsOrderbook;
    public bool HasType;
    public bool IsSnapshot;
    public bool IsDelta;
    public bool HasTimestamp;
    public bool HasMatchTime;
    public bool HasData;
    public bool HasUpdateId;
    public bool UnknownSymbol;
    public bool HasSuccess;
    public bool Success;
    public bool IsPing;
    public bool IsRequestReply;

    /// <summary><c>ts</c>: when the system produced the message (ms).</summary>
    public long Timestamp;

    /// <summary><c>cts</c>: the matching engine's time of the book (ms).</summary>
    public long MatchTime;

    /// <summary><c>req_id</c> of a reply when it is a decimal number of at most 18 digits (the ids this adapter sends), else 0.</summary>
    public long RequestId;

    /// <summary><c>u</c>: the update id.</summary>
    public long UpdateId;

    /// <summary>Byte range of "data" seen before "topic" (parsed at the end); End 0 = none.</summary>
    public int DataStart;
    public int DataEnd;
}
