namespace Arbiter.Engine;

/// <summary>An open opportunity: its two books and the last published state, with the walk's size and net behind it (doubles, for the update test).</summary>
internal sealed class TrackedOpportunity
{
    public TrackedOpportunity(BookEntry buy, BookEntry sell, Opportunity published, in DepthWalk walk)
    {
        Buy = buy;
        Sell = sell;
        Published = published;
        PublishedSize = walk.Size;
        PublishedNet = walk.NetUsd;
    }

    public BookEntry Buy { get; }

    public BookEntry Sell { get; }

    public long Key => OpportunityTracker.KeyOf(Buy.Id, Sell.Id);

    public Opportunity Published { get; private set; }

    public double PublishedSize { get; private set; }

    public double PublishedNet { get; private set; }

    /// <summary>
    /// Records a published state. The doubles come from the same walk as <paramref name="opportunity"/>, so that an
    /// unchanged book compares equal (the rounded decimals would not).
    /// </summary>
    public void Publish(Opportunity opportunity, in DepthWalk walk)
    {
        Published = opportunity;
        PublishedSize = walk.Size;
        PublishedNet = walk.NetUsd;
    }
}
