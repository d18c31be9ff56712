namespace Arbiter.Fanout;

/// <summary>For one client count: the baseline and each (N clients, N clients + stalled) pair, measured alternately.</summary>
public sealed record ClientCountResult(int Clients, ScenarioResult Baseline, IReadOnlyList<(ScenarioResult Healthy, ScenarioResult Stalled)> Pairs)
{
    /// <summary>Server CPU per client per event in µs with the baseline's CPU rate subtracted: (CPU/s(b) − CPU/s(a)) / (N × events/s(b)).</summary>
    public static double CpuPerClientEvent(ScenarioResult run, ScenarioResult baseline) =>
        (run.CpuPerSecond - baseline.CpuPerSecond) * 1e6 / (run.Clients * run.EventsPerSecond);

    /// <summary>The same without subtracting the baseline.</summary>
    public static double RawCpuPerClientEvent(ScenarioResult run) => run.CpuPerSecond * 1e6 / (run.Clients * run.EventsPerSecond);

    /// <summary>p99(with stalled) / p99(healthy only) − 1, over the reading clients.</summary>
    public static double P99Shift(ScenarioResult healthy, ScenarioResult stalled) =>
        healthy.Fleet is { P99: > 0 } h && stalled.Fleet is { } s ? ((double)s.P99 / h.P99) - 1 : double.NaN;

    /// <summary>Pairs whose runs are valid: no reading client dropped or incomplete, and the generator within <see cref="FanoutTable.RateTolerance"/> of the asked rate (<paramref name="rate"/>).</summary>
    public IEnumerable<(ScenarioResult Healthy, ScenarioResult Stalled)> ValidPairs(double rate) =>
        Pairs.Where(p => IsValid(p.Healthy, rate) && IsValid(p.Stalled, rate));

    /// <summary>Median over the valid pairs; NaN when there is none.</summary>
    public double MedianCpuPerClientEvent(double rate) => Median(ValidPairs(rate).Select(p => CpuPerClientEvent(p.Healthy, Baseline)));

    public double MedianRawCpuPerClientEvent(double rate) => Median(ValidPairs(rate).Select(p => RawCpuPerClientEvent(p.Healthy)));

    public double MedianShift(double rate) => Median(ValidPairs(rate).Select(p => P99Shift(p.Healthy, p.Stalled)));

    public static bool IsValid(ScenarioResult run, double rate) =>
        Math.Abs(run.EventsPerSecond - rate) <= rate * FanoutTable.RateTolerance && run.Fleet is null or { Dropped: 0, Incomplete: 0, MalformedFrames: 0, BadTimes: 0 } && run.Fleet?.Snapshots == run.Fleet?.Healthy;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
