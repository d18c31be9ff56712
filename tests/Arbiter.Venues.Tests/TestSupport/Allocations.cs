namespace Arbiter.Venues.Tests.TestSupport;

/// <summary>Measures what code under test allocates on the current thread, robustly on a loaded machine.</summary>
internal static class Allocations
{
    /// <summary>
    /// Bytes allocated on this thread by the least-allocating of three runs of <paramref name="body"/> (after one warm-up
    /// run). A runtime event (a method recompiled at a higher tier, an on-stack replacement) can allocate once inside one
    /// run on a busy machine; code that allocates per call allocates in all three.
    /// </summary>
    public static long Minimum(Action body)
    {
        body();
        var least = long.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            body();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
