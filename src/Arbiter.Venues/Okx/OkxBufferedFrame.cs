namespace Arbiter.Venues.Okx;

/// <summary>One <c>books</c> update held while its book waits for a REST snapshot; its bytes live in the buffer's shared array.</summary>
internal struct OkxBufferedFrame
{
    public long PrevSeqId;
    public long SeqId;
    public long ReceiveTime;
    public int Start;
    public int Length;
}
