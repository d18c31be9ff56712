namespace Arbiter.Engine;

/// <summary>
/// The lifecycle of opportunities keyed by (buy instrument, sell instrument): opens them, publishes an update when size
/// or net profit moved by at least the threshold against the last published values, and closes them with a reason.
/// </summary>
internal sealed class OpportunityTracker
{
    /// <summary>Close reason when a pair no longer clears the profit and premium minimums (or no longer crosses at all).</summary>
    public const string UnprofitableReason = "unprofitable";

    private readonly Dictionary<long, TrackedOpportunity> byPair = [];
    private readonly List<TrackedOpportunity> open = [];
    private readonly IEngineOutputSink sink;
    private long nextId = 1;

    public OpportunityTracker(IEngineOutputSink sink, double updateThreshold)
    {
        this.sink = sink;
        UpdateThreshold = updateThreshold;
    }

    /// <summary>Relative move of size or net that publishes an update; changed only on the engine thread (runtime settings).</summary>
    public double UpdateThreshold { get; set; }

    /// <summary>Open opportunities, in the order they opened.</summary>
    public int Count => open.Count;

    public long OpenedCount { get; private set; }

    public long UpdatedCount { get; private set; }

    public long ClosedCount { get; private set; }

    public TrackedOpportunity this[int index] => open[index];

    public static long KeyOf(int buyId, int sellId) => ((long)buyId << 32) | (uint)sellId;

    public TrackedOpportunity? Find(int buyId, int sellId) => byPair.TryGetValue(KeyOf(buyId, sellId), out var tracked) ? tracked : null;

    /// <summary>True when the walk's size or net moved by at least the threshold, relative to the last published values.</summary>
    public bool HasMoved(TrackedOpportunity tracked, in DepthWalk walk) =>
        MovedBeyond(walk.Size, tracked.PublishedSize) || MovedBeyond(walk.NetUsd, tracked.PublishedNet);

    public void Open(BookEntry buy, BookEntry sell, in DepthWalk walk, in OpportunityValues values, TransferQuote transfer, long time)
    {
        var opportunity = new Opportunity
        {
            Id = nextId++,
            Asset = buy.Instrument.Base,
            Buy = buy.Instrument,
            Sell = sell.Instrument,
            Size = values.Size,
            AverageBuyPrice = values.AverageBuyPrice,
            AverageSellPrice = values.AverageSellPrice,
            BuyLevels = values.BuyLevels,
            SellLevels = values.SellLevels,
            GrossProfitUsd = values.GrossProfitUsd,
            NetProfitUsd = values.NetProfitUsd,
            NetPremiumBps = values.NetPremiumBps,
            BuyFeeRate = buy.Pricing.FeeRate,
            SellFeeRate = sell.Pricing.FeeRate,
            BuySequence = buy.Book.Sequence,
            SellSequence = sell.Book.Sequence,
            FirstSeen = time,
            LastUpdated = time,
            PeakNetProfitUsd = values.NetProfitUsd,
            PeakNetPremiumBps = values.NetPremiumBps,
            Transfer = transfer,
            BuyFxRate = buy.Pricing.Usd.Rate,
            SellFxRate = sell.Pricing.Usd.Rate,
            BuyFills = values.BuyFills,
            SellFills = values.SellFills,
        };
        var tracked = new TrackedOpportunity(buy, sell, opportunity, walk);
        byPair.Add(tracked.Key, tracked);
        open.Add(tracked);
        OpenedCount++;
        sink.OnOpportunity(new OpportunityEvent(OpportunityEventKind.Opened, time, opportunity, null));
    }

    public void Update(TrackedOpportunity tracked, in DepthWalk walk, in OpportunityValues values, TransferQuote transfer, long time) =>
        Publish(tracked, walk, values, transfer, time, OpportunityEventKind.Updated);

    /// <summary>Publishes a new transfer mode (a route opened or closed), with the values of the walk it was computed on.</summary>
    public void ChangeTransfer(TrackedOpportunity tracked, in DepthWalk walk, in OpportunityValues values, TransferQuote transfer, long time) =>
        Publish(tracked, walk, values, transfer, time, OpportunityEventKind.TransferChanged);

    private void Publish(TrackedOpportunity tracked, in DepthWalk walk, in OpportunityValues values, TransferQuote transfer, long time, OpportunityEventKind kind)
    {
        var previous = tracked.Published;
        var opportunity = previous with
        {
            Size = values.Size,
            AverageBuyPrice = values.AverageBuyPrice,
            AverageSellPrice = values.AverageSellPrice,
            BuyLevels = values.BuyLevels,
            SellLevels = values.SellLevels,
            GrossProfitUsd = values.GrossProfitUsd,
            NetProfitUsd = values.NetProfitUsd,
            NetPremiumBps = values.NetPremiumBps,
            BuyFeeRate = tracked.Buy.Pricing.FeeRate,
            SellFeeRate = tracked.Sell.Pricing.FeeRate,
            BuySequence = tracked.Buy.Book.Sequence,
            SellSequence = tracked.Sell.Book.Sequence,
            LastUpdated = time,
            PeakNetProfitUsd = Math.Max(previous.PeakNetProfitUsd, values.NetProfitUsd),
            PeakNetPremiumBps = Math.Max(previous.PeakNetPremiumBps, values.NetPremiumBps),
            Transfer = transfer,
            BuyFxRate = tracked.Buy.Pricing.Usd.Rate,
            SellFxRate = tracked.Sell.Pricing.Usd.Rate,
            BuyFills = values.BuyFills,
            SellFills = values.SellFills,
        };
        tracked.Publish(opportunity, walk);
        UpdatedCount++;
        sink.OnOpportunity(new OpportunityEvent(kind, time, opportunity, null));
    }

    public void Close(TrackedOpportunity tracked, long time, string reason)
    {
        byPair.Remove(tracked.Key);
        open.Remove(tracked);
        ClosedCount++;
        var last = tracked.Published with { LastUpdated = time };
        sink.OnOpportunity(new OpportunityEvent(OpportunityEventKind.Closed, time, last, reason));
    }

    /// <summary>The open opportunities' last published states.</summary>
    public Opportunity[] Snapshot()
    {
        var copy = new Opportunity[open.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = open[i].Published;
        }

        return copy;
    }

    // Threshold 0 publishes every change, but never an identical recomputation.
    private bool MovedBeyond(double current, double published) =>
        current != published && Math.Abs(current - published) >= UpdateThreshold * Math.Abs(published);
}
