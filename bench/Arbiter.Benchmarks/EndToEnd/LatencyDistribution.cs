using System.Globalization;

namespace Arbiter.Benchmarks.EndToEnd;

/// <summary>Count and nearest-rank percentiles of a set of latencies, in microseconds.</summary>
internal sealed record LatencyDistribution(string Label, int Count, double P50, double P90, double P99, double P999, double Max)
{
    public static LatencyDistribution Of(string label, IEnumerable<double> latencies)
    {
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return sorted.Length == 0
            ? new LatencyDistribution(label, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)
            : new LatencyDistribution(label, sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), Rank(sorted, 0.999), sorted[^1]);
    }

    public string ToMarkdownRow() =>
        string.Create(CultureInfo.InvariantCulture, $"| {Label} | {Count} | {P50:F1} | {P90:F1} | {P99:F1} | {P999:F1} | {Max:F1} |");

    // Nearest rank: the smallest value with at least p of the samples at or below it.
    private static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
