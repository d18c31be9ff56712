using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Arbiter.Fanout;

/// <summary>The results as markdown, and the targets of issue 5 checked against them.</summary>
internal static class FanoutTable
{
    /// <summary>Server CPU per client per event, baseline subtracted.</summary>
    public const double CpuTargetMicros = 1.0;

    /// <summary>p99 shift caused by one stalled client.</summary>
    public const double ShiftTarget = 0.10;

    /// <summary>Below this share of the asked rate the generator could not keep up and the run is not valid.</summary>
    public const double MinRateShare = 0.95;

    public static string Markdown(FanoutSettings settings, IReadOnlyList<ClientCountResult> results, string command, IReadOnlyList<string> misses)
    {
        var s = new StringBuilder();
        s.AppendLine("# WebSocket fan-out: server CPU per client per message, and one stalled client");
        s.AppendLine();
        s.AppendLine(Inv($"Command: `{command}` (from the repository root)."));
        s.AppendLine();
        s.AppendLine(Inv($"Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {settings.Rate} events/s asked, {settings.Warmup:0.#} s warm-up and {settings.Seconds:0.#} s measured per run, {settings.Repeat} pair(s) per client count. Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}."));
        s.AppendLine();
        s.AppendLine("What is measured: the benchmark process is the server: the real `ApiServer` + `ApiHub` on 127.0.0.1, fed by a generator");
        s.AppendLine("thread (`hub.Apply(HostOutput)`, paced by Stopwatch in ~1 ms bursts) with book-top changes of 200 instruments (25");
        s.AppendLine("assets × 8 venues, one top per output) and every 100th event an opportunity event (opened → updated → closed). The");
        s.AppendLine("clients run in a child process (the same executable, `clients`): N `ClientWebSocket`s on `/ws` that read every frame");
        s.AppendLine("(single message or `batch`), parse each message's `type` and `time` with `Utf8JsonReader` and record receive wall clock −");
        s.AppendLine("`time` in preallocated histograms. The measured window is fixed in message time, so the generator and the clients count");
        s.AppendLine("the same events exactly. Server CPU = `Process.TotalProcessorTime` of the server process over the window. CPU/client/event");
        s.AppendLine("= (CPU/s(N clients) − CPU/s(baseline)) / (N × events/s); \"raw\" does not subtract the baseline. Shift = p99(N + stalled) /");
        s.AppendLine("p99(N) − 1 over the reading clients. Both processes share the machine's cores.");
        s.AppendLine();
        s.AppendLine("| Clients | Run | Events/s | Msgs/client/s | Msgs/frame | Server CPU % | CPU/client/event µs | raw µs | p50 µs | p99 µs | p99.9 µs | p99 with stalled µs | Shift % | Dropped (reading) | Stalled client dropped |");
        s.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var b = r.Baseline;
            s.AppendLine(Inv($"| 0 | baseline for {r.Clients} | {b.EventsPerSecond:F0} | | | {b.CpuPercent:F1} | | | | | | | | | |"));
            for (var i = 0; i < r.Pairs.Count; i++)
            {
                var (h, st) = r.Pairs[i];
                var f = h.Fleet!;
                var perFrame = f.Frames == 0 ? 0 : (double)f.ReceivedTotal / f.Frames;
                s.AppendLine(Inv($"| {r.Clients} | pair {i + 1} | {h.EventsPerSecond:F0} | {h.MessagesPerClientPerSecond:F0} | {perFrame:F2} | {h.CpuPercent:F1} | {ClientCountResult.CpuPerClientEvent(h, b):F3} | {ClientCountResult.RawCpuPerClientEvent(h):F3} | {f.P50} | {f.P99} | {f.P999} | {st.Fleet!.P99} | {ClientCountResult.P99Shift(h, st) * 100:F1} | {f.Dropped + st.Fleet.Dropped} | {Dropped(st)} |"));
            }

            s.AppendLine(Inv($"| {r.Clients} | **median** | | | | | **{r.MedianCpuPerClientEvent:F3}** | {r.MedianRawCpuPerClientEvent:F3} | | | | | **{r.MedianShift * 100:F1}** | | |"));
        }

        s.AppendLine();
        s.AppendLine("Msgs/frame: messages inside the window per frame that held any (> 1 when the server batches). Events");
        s.AppendLine("are counted in the window; a client may receive fewer messages than events when the server conflates books per instrument.");
        s.AppendLine();
        s.AppendLine(Inv($"Targets (issue 5): CPU/client/event ≤ {CpuTargetMicros} µs (median, baseline subtracted); p99 shift < {ShiftTarget * 100:F0} % (median); no reading client dropped; events/s ≥ {MinRateShare * 100:F0} % of the asked rate."));
        s.AppendLine();
        if (settings.Quick)
        {
            s.AppendLine("Quick mode (--seconds < 5): targets reported, not judged.");
        }

        if (misses.Count == 0)
        {
            s.AppendLine("Result: every target met.");
        }
        else
        {
            s.AppendLine("Result: missed:");
            foreach (var miss in misses)
            {
                s.AppendLine("- " + miss);
            }
        }

        return s.ToString();
    }

    /// <summary>Each target missed, in words; empty when all are met.</summary>
    public static IReadOnlyList<string> Misses(FanoutSettings settings, IReadOnlyList<ClientCountResult> results)
    {
        var misses = new List<string>();
        foreach (var r in results)
        {
            if (r.MedianCpuPerClientEvent > CpuTargetMicros)
            {
                misses.Add(Inv($"{r.Clients} clients: CPU/client/event {r.MedianCpuPerClientEvent:F3} µs > {CpuTargetMicros} µs"));
            }

            if (!(r.MedianShift < ShiftTarget))
            {
                misses.Add(Inv($"{r.Clients} clients: p99 shift with a stalled client {r.MedianShift * 100:F1} % ≥ {ShiftTarget * 100:F0} %"));
            }

            foreach (var run in r.Pairs.SelectMany(p => new[] { p.Healthy, p.Stalled }).Append(r.Baseline))
            {
                if (run.EventsPerSecond < settings.Rate * MinRateShare)
                {
                    misses.Add(Inv($"{r.Clients} clients: the generator reached {run.EventsPerSecond:F0} events/s < {MinRateShare * 100:F0} % of {settings.Rate} (run not valid)"));
                }

                if (run.Fleet is { } f && (f.Dropped > 0 || f.Incomplete > 0 || f.Snapshots != f.Healthy || f.MalformedFrames > 0 || f.BadTimes > 0))
                {
                    misses.Add(Inv($"{r.Clients} clients{(run.WithStalled ? " + stalled" : "")}: {f.Dropped} reading clients dropped ({string.Join("; ", f.DropReasons)}), {f.Incomplete} incomplete, {f.Snapshots}/{f.Healthy} snapshots, {f.MalformedFrames} malformed frames, {f.BadTimes} messages without a time"));
                }
            }
        }

        return misses;
    }

    private static string Dropped(ScenarioResult stalled) => stalled.StalledDroppedAfterSeconds is { } after
        ? Inv($"after {after:F1} s")
        : Inv($"not within {stalled.StalledWatchedSeconds:F0} s");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
