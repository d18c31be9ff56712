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

    public double MedianCpuPerClientEvent => Median(Pairs.Select(p => CpuPerClientEvent(p.Healthy, Baseline)));

    public double MedianRawCpuPerClientEvent => Median(Pairs.Select(p => RawCpuPerClientEvent(p.Healthy)));

    public double MedianShift => Median(Pairs.Select(p => P99Shift(p.Healthy, p.Stalled)));

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
