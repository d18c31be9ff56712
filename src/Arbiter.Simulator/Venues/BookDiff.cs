using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>The level changes between two versions of one book side: new or changed levels, and removals as quantity 0.</summary>
internal static class BookDiff
{
    /// <summary>Appends the changes from <paramref name="before"/> to <paramref name="after"/> (both best first) to <paramref name="changes"/>, best first.</summary>
    public static void Compute(Level[] before, Level[] after, bool descending, List<Level> changes)
    {
        var i = 0;
        var j = 0;
        while (i < before.Length || j < after.Length)
        {
            if (j == after.Length || (i < before.Length && Better(before[i].Price, after[j].Price, descending)))
            {
                changes.Add(new Level(before[i].Price, 0));
                i++;
            }
            else if (i == before.Length || Better(after[j].Price, before[i].Price, descending))
            {
                changes.Add(after[j]);
                j++;
            }
            else
            {
                if (before[i].Quantity != after[j].Quantity)
                {
                    changes.Add(after[j]);
                }

                i++;
                j++;
            }
        }
    }

    /// <summary>True when both sides hold exactly the same levels.</summary>
    public static bool Same(Level[] a, Level[] b) => a.AsSpan().SequenceEqual(b);

    private static bool Better(long price, long other, bool descending) => descending ? price > other : price < other;
}
