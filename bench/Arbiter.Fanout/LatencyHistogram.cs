using System.Numerics;

namespace Arbiter.Fanout;

/// <summary>
/// Fixed-bucket latency histogram in microseconds (HdrHistogram-like, preallocated, no allocation per sample): exact
/// below 256 µs, then 128 sub-buckets per power of two (≤ 0.8 % relative error) up to 2^33 µs (≈ 2.4 h).
/// </summary>
internal sealed class LatencyHistogram
{
    private const int LinearLimit = 256;
    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int Octaves = 25;
    private const long Ceiling = (1L << 33) - 1;

    /// <summary>Number of buckets: the linear part plus <see cref="SubBuckets"/> per octave.</summary>
    public const int BucketCount = LinearLimit + (Octaves * SubBuckets);

    private readonly long[] counts = new long[BucketCount];

    /// <summary>Samples recorded.</summary>
    public long Count { get; private set; }

    /// <summary>The largest sample, exact (not bucketed).</summary>
    public long Max { get; private set; }

    /// <summary>Records one latency; negative values count as 0, values above the range go to the last bucket.</summary>
    public void Record(long micros)
    {
        var value = Math.Clamp(micros, 0, Ceiling);
        counts[IndexOf(value)]++;
        Count++;
        if (micros > Max)
        {
            Max = micros;
        }
    }

    /// <summary>Adds every sample of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += other.counts[i];
        }

        Count += other.Count;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>Nearest-rank percentile (0 &lt; <paramref name="fraction"/> ≤ 1): the upper edge of the bucket holding that rank, at most <see cref="Max"/>; 0 when empty.</summary>
    public long Percentile(double fraction)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Clamp((long)Math.Ceiling(fraction * Count), 1, Count);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperEdge(i), Max);
            }
        }

        return Max;
    }

    /// <summary>The bucket of a value in 0..2^33−1.</summary>
    public static int IndexOf(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        var shift = (63 - BitOperations.LeadingZeroCount((ulong)value)) - SubBucketBits;
        var mantissa = (int)(value >> shift);
        return LinearLimit + ((shift - 1) * SubBuckets) + (mantissa - SubBuckets);
    }

    /// <summary>The largest value that falls into bucket <paramref name="index"/>.</summary>
    public static long UpperEdge(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var shift = ((index - LinearLimit) / SubBuckets) + 1;
        var mantissa = ((index - LinearLimit) % SubBuckets) + SubBuckets;
        return ((long)(mantissa + 1) << shift) - 1;
    }
}
