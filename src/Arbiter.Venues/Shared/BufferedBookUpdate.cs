namespace Arbiter.Venues;

/// <summary>One diff event held while a book waits for its snapshot; its levels live in the buffer's shared level array.</summary>
internal struct BufferedBookUpdate
{
    public long First;
    public long Last;
    public long ExchangeTime;
    public long ReceiveTime;
    public int BidStart;
    public int BidCount;
    public int AskStart;
    public int AskCount;
}
