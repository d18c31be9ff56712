namespace Arbiter.Simulator;

/// <summary>The last N versions of one symbol's book, looked up by sequence. Not thread-safe: the owning venue locks.</summary>
internal sealed class TruthRing
{
    private readonly BookVersion[] items;
    private int start;
    private int count;

    public TruthRing(int capacity, BookVersion initial)
    {
        items = new BookVersion[capacity];
        Add(initial);
    }

    public BookVersion Latest => items[(start + count - 1) % items.Length];

    public BookVersion Oldest => items[start];

    public int Count => count;

    /// <summary>Appends a version; sequences must increase strictly.</summary>
    public void Add(BookVersion version)
    {
        if (count > 0 && version.Sequence <= Latest.Sequence)
        {
            throw new InvalidOperationException($"Sequence {version.Sequence} does not follow {Latest.Sequence}.");
        }

        if (count == items.Length)
        {
            items[start] = version;
            start = (start + 1) % items.Length;
        }
        else
        {
            items[(start + count) % items.Length] = version;
            count++;
        }
    }

    /// <summary>Binary search over the ring, which is sorted by sequence.</summary>
    public bool TryGet(long sequence, out BookVersion version)
    {
        var lo = 0;
        var hi = count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var candidate = items[(start + mid) % items.Length];
            if (candidate.Sequence == sequence)
            {
                version = candidate;
                return true;
            }

            if (candidate.Sequence < sequence)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        version = null!;
        return false;
    }
}
