namespace Arbiter.Simulator;

/// <summary>Thread-safe count of faults actually injected by one venue, per kind.</summary>
public sealed class FaultCounters
{
    private readonly long[] counts = new long[Enum.GetValues<FaultKind>().Length];

    public long this[FaultKind kind] => Interlocked.Read(ref counts[(int)kind]);

    public long Total
    {
        get
        {
            long total = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                total += Interlocked.Read(ref counts[i]);
            }

            return total;
        }
    }

    /// <summary>A copy of all counts keyed by kind, in enum order.</summary>
    public IReadOnlyDictionary<FaultKind, long> Snapshot()
    {
        var copy = new SortedDictionary<FaultKind, long>();
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            copy[kind] = this[kind];
        }

        return copy;
    }

    internal void Increment(FaultKind kind) => Interlocked.Increment(ref counts[(int)kind]);
}
