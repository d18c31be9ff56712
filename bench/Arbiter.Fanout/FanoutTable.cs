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

    /// <summary>A run whose events/s differ from the asked rate by more than this share is not valid: the generator was starved (below), or caught up in a burst after a stall (above).</summary>
    public const double RateTolerance = 0.05;

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
        s.AppendLine("| Clients | Run | Events/s | Msgs/client/s | Msgs/frame | Server CPU % | CPU/client/event µs | raw µs | p50 µs | p99 µs | p99.9 µs | p99 with stalled µs | Shift % | Reading clients dropped (N / N + stalled) | Stalled client dropped |");
        s.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        double rate = settings.Rate;
        foreach (var r in results)
        {
            var b = r.Baseline;
            s.AppendLine(Inv($"| 0 | baseline for {r.Clients} | {b.EventsPerSecond:F0} | | | {b.CpuPercent:F1} | | | | | | | | | |"));
            for (var i = 0; i < r.Pairs.Count; i++)
            {
                var (h, st) = r.Pairs[i];
                var f = h.Fleet!;
                var perFrame = f.Frames == 0 ? 0 : (double)f.ReceivedTotal / f.Frames;
                var valid = ClientCountResult.IsValid(h, rate) && ClientCountResult.IsValid(st, rate);
                s.AppendLine(Inv($"| {r.Clients} | pair {i + 1}{(valid ? "" : " (invalid)")} | {h.EventsPerSecond:F0} | {h.MessagesPerClientPerSecond:F0} | {perFrame:F2} | {h.CpuPercent:F1} | {ClientCountResult.CpuPerClientEvent(h, b):F3} | {ClientCountResult.RawCpuPerClientEvent(h):F3} | {Micros(f, f.P50)} | {Micros(f, f.P99)} | {Micros(f, f.P999)} | {Micros(st.Fleet!, st.Fleet!.P99)} | {Number(ClientCountResult.P99Shift(h, st) * 100, "F1")} | {f.Dropped} / {st.Fleet.Dropped} | {Dropped(st)} |"));
            }

            s.AppendLine(Inv($"| {r.Clients} | **median of valid pairs** | | | | | **{Number(r.MedianCpuPerClientEvent(rate), "F3")}** | {Number(r.MedianRawCpuPerClientEvent(rate), "F3")} | | | | | **{Number(r.MedianShift(rate) * 100, "F1")}** | | |"));
        }

        s.AppendLine();
        s.AppendLine("Msgs/frame: messages inside the window per frame that held any (> 1 when the server batches). Events");
        s.AppendLine("are counted in the window; a client may receive fewer messages than events when the server conflates books per instrument.");
        s.AppendLine("A pair is invalid when a reading client was dropped or missed the window's end, a frame was malformed, or the generator");
        s.AppendLine("was not within 5 % of the asked rate (starved, or catching up after a stall); the medians use the valid pairs only.");
        s.AppendLine();
        s.AppendLine(Inv($"Targets (issue 5): CPU/client/event ≤ {CpuTargetMicros} µs (median, baseline subtracted); |p99 shift| < {ShiftTarget * 100:F0} % (median); no reading client dropped; events/s within {RateTolerance * 100:F0} % of the asked rate."));
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
        double rate = settings.Rate;
        foreach (var r in results)
        {
            if (!r.ValidPairs(rate).Any())
            {
                misses.Add(Inv($"{r.Clients} clients: no valid pair, so neither target can be judged"));
            }
            else
            {
                if (!(r.MedianCpuPerClientEvent(rate) <= CpuTargetMicros))
                {
                    misses.Add(Inv($"{r.Clients} clients: CPU/client/event {r.MedianCpuPerClientEvent(rate):F3} µs > {CpuTargetMicros} µs"));
                }

                // "Moves the others' p99 by less than 10 %": either way, a faster p99 with the stalled client is noise too.
                if (!(Math.Abs(r.MedianShift(rate)) < ShiftTarget))
                {
                    misses.Add(Inv($"{r.Clients} clients: p99 shift with a stalled client {r.MedianShift(rate) * 100:F1} %, not within ±{ShiftTarget * 100:F0} %"));
                }
            }

            foreach (var run in r.Pairs.SelectMany(p => new[] { p.Healthy, p.Stalled }).Append(r.Baseline))
            {
                if (Math.Abs(run.EventsPerSecond - settings.Rate) > settings.Rate * RateTolerance)
                {
                    misses.Add(Inv($"{r.Clients} clients: the generator ran at {run.EventsPerSecond:F0} events/s, not within {RateTolerance * 100:F0} % of {settings.Rate} (a starved machine; run not valid)"));
                }

                if (run.Fleet is { } f && (f.Dropped > 0 || f.Incomplete > 0 || f.Snapshots != f.Healthy || f.MalformedFrames > 0 || f.BadTimes > 0))
                {
                    misses.Add(Inv($"{r.Clients} clients{(run.WithStalled ? " + stalled" : "")}: {f.Dropped} reading clients dropped ({string.Join("; ", f.DropReasons)}), {f.Incomplete} incomplete, {f.Snapshots}/{f.Healthy} snapshots, {f.MalformedFrames} malformed frames, {f.BadTimes} messages without a time"));
                }
            }
        }

        return misses;
    }

    private static string Dropped(ScenarioResult stalled) => stalled switch
    {
        { Fleet.Dropped: > 0 } => "unknown: reading clients were dropped too",
        { StalledDroppedAfterSeconds: { } after } => Inv($"after {after:F1} s"),
        _ => Inv($"not within {stalled.StalledWatchedSeconds:F0} s"),
    };

    private static string Micros(FleetReport fleet, long micros) => fleet.ReceivedTotal == 0 ? "–" : micros.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
