namespace Arbiter.Venues;

/// <summary>How many books of a protocol still owe the engine a BookInvalidated(QueueOverflow): lets the hot path skip the flush with one read.</summary>
internal sealed class OverflowTracker
{
    public int Pending { get; private set; }

    public void Add() => Pending++;

    public void Remove() => Pending--;
}
