using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Simulator;
using Arbiter.Venues;
using Arbiter.Venues.Binance;
using Arbiter.Venues.Upbit;

namespace Arbiter.Benchmarks.EndToEnd;

/// <summary>
/// The <c>latency</c> command: the simulator on 127.0.0.1 (10 ms steps, automatic dislocations) feeding Binance and Upbit
/// <see cref="VenueFeed"/>s → <see cref="IngestGate"/> → <see cref="ChannelMarketEventSink"/> → <see cref="EngineLoop"/>, wired
/// as the host's LivePipeline does, with an observer measuring gate stamp → book applied for every book event.
/// </summary>
internal static class LatencyHarness
{
    private const string Usage = "usage: latency [--seconds N (default 20)] [--warmup N (default 2)] [--out FILE (default bench/results/latency.md)]";

    public static async Task<int> RunAsync(string[] args)
    {
        double seconds = 20, warmup = 2;
        string? outPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--seconds" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds > 0:
                case "--warmup" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out warmup) && warmup >= 0:
                case "--out" when (outPath = value) is not null:
                    i++;
                    break;
                default:
                    await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 2;
            }
        }

        outPath ??= Path.Combine(RepositoryRoot(), "bench", "results", "latency.md");
        var command = "dotnet run -c Release --project bench/Arbiter.Benchmarks -- latency " + string.Join(' ', args);
        var report = await MeasureAsync(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup), command.TrimEnd()).ConfigureAwait(false);
        Console.WriteLine(report);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
        await File.WriteAllTextAsync(outPath, report).ConfigureAwait(false);
        Console.WriteLine($"Written to {Path.GetFullPath(outPath)}");
        return 0;
    }

    private static async Task<string> MeasureAsync(TimeSpan duration, TimeSpan warmup, string command)
    {
        var clock = new StopwatchTimeProvider();
        var simOptions = new SimulatorOptions { StepInterval = TimeSpan.FromMilliseconds(10) }.Only(VenueId.Binance, VenueId.Upbit); // the two venues this harness wires
        simOptions.AutoDislocation.Enabled = true;
        await using var simulator = new SimulatorServer(simOptions);
        await simulator.StartAsync().ConfigureAwait(false);
        var assets = simOptions.ResolvedAssets.Select(a => a.Code).ToArray();

        // The host's LivePipeline wiring, without the API, capture and events file.
        var catalog = new InstrumentCatalog();
        var pool = new MarketEventPool();
        var engineOptions = new EngineOptions { Fx = new FxOptions { UsdKrw = simOptions.UsdKrw, UsdtUsd = 1m, UsdcUsd = 1m } };
        var outputs = new CountingOutputSink();
        var observer = new LatencyObserver(clock, capacity: 1 << 20);
        var engine = new MarketEngine(engineOptions, outputs, observer);
        var sink = new ChannelMarketEventSink(engineOptions, pool);
        var loop = new EngineLoop(engine, sink);
        var gate = new IngestGate(clock);
        var binance = new BinanceOptions
        {
            WsBaseUrl = simulator.BinanceWsBase.ToString().TrimEnd('/'),
            RestBaseUrl = simulator.BinanceRestBase.ToString().TrimEnd('/'),
            AllowInsecureUrls = true,
            Assets = assets,
        };
        var upbit = new UpbitOptions
        {
            WsUrl = new Uri(simulator.UpbitWsBase, "/websocket/v1").ToString(),
            RestBaseUrl = simulator.UpbitRestBase.ToString().TrimEnd('/'),
            AllowInsecureUrls = true,
            Assets = assets,
        };
        using var binanceHttp = new HttpClient { BaseAddress = new Uri(binance.RestBaseUrl), Timeout = TimeSpan.FromSeconds(15) };
        using var upbitHttp = new HttpClient { BaseAddress = new Uri(upbit.RestBaseUrl), Timeout = TimeSpan.FromSeconds(15) };
        VenueFeed[] feeds =
        [
            new(a => new BinanceProtocol(binance, catalog, sink, a), gate, binanceHttp, sink),
            new(a => new UpbitProtocol(upbit, catalog, sink, a), gate, upbitHttp, sink),
        ];

        var engineTask = Task.Run(() => loop.RunAsync(CancellationToken.None), CancellationToken.None);
        using var stopFeeds = new CancellationTokenSource();
        var feedTasks = feeds.Select(f => f.RunAsync(stopFeeds.Token)).ToArray();
        var ticks = TickAsync(gate, sink, clock, stopFeeds.Token);

        await Task.Delay(warmup).ConfigureAwait(false);
        var windowStart = UnixMicros.Now(clock);
        var framesAtStart = feeds.Select(f => f.Protocol.Counters.Frames).ToArray();
        var watch = Stopwatch.StartNew();
        await Task.Delay(duration).ConfigureAwait(false);
        var framesAtEnd = feeds.Select(f => f.Protocol.Counters.Frames).ToArray();
        var windowSeconds = watch.Elapsed.TotalSeconds;
        var windowEnd = UnixMicros.Now(clock);

        gate.Seal();
        await stopFeeds.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(feedTasks).ConfigureAwait(false);
        await ticks.ConfigureAwait(false);
        sink.Complete();
        await engineTask.ConfigureAwait(false);
        await simulator.StopAsync().ConfigureAwait(false);

        var all = observer.Samples;
        var window = all.Where(s => s.ReceiveTime >= windowStart && s.ReceiveTime < windowEnd).ToList();
        LatencyDistribution[] rows =
        [
            LatencyDistribution.Of("all book events, measured window", window.Select(s => s.LatencyMicros)),
            LatencyDistribution.Of("binance (diff deltas)", window.Where(s => s.Venue == VenueId.Binance).Select(s => s.LatencyMicros)),
            LatencyDistribution.Of("upbit (15-level snapshots)", window.Where(s => s.Venue == VenueId.Upbit).Select(s => s.LatencyMicros)),
            LatencyDistribution.Of("all book events incl. warm-up and initial sync", all.Select(s => s.LatencyMicros)),
        ];

        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine("# End-to-end latency: ingest gate stamp → engine applied");
        text.AppendLine();
        text.AppendLine(inv, $"Command: `{command}` (from the repository root).");
        text.AppendLine();
        text.AppendLine(inv, $"Run: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; {windowSeconds:F1} s measured after a {warmup.TotalSeconds:F0} s warm-up. Machine: {Machine()}.");
        text.AppendLine();
        text.AppendLine("What is measured: `SimulatorServer` on 127.0.0.1 (StepInterval 10 ms, automatic dislocations on, seed 1, BTC/ETH/XRP) →");
        text.AppendLine("Binance (combined diff stream + REST snapshot) and Upbit (15-level orderbook) `VenueFeed`s → `IngestGate` (stamps");
        text.AppendLine("`ReceiveTime`) → protocol parse → `ChannelMarketEventSink` → `EngineLoop` → `MarketEngine` applies the levels →");
        text.AppendLine("`IEngineObserver.OnBookApplied`, where the harness reads the clock. Both ends read one clock: a `TimeProvider` that is");
        text.AppendLine("UTC at start plus `Stopwatch` elapsed time. The gate truncates its stamp to whole µs (samples read 0–1 µs high).");
        text.AppendLine("Detection runs after `OnBookApplied` and is not included (see DetectionBenchmarks for its cost). The simulator, both");
        text.AppendLine("feeds and the engine share the machine's cores. The measured window holds the events whose gate stamp falls in it.");
        text.AppendLine();
        text.AppendLine("| Book events | Count | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(row.ToMarkdownRow());
        }

        text.AppendLine();
        text.AppendLine("| Venue | Frames in window | Frames/s | Malformed | Gaps | Resyncs | Queue overflows |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        long totalFrames = 0;
        for (var i = 0; i < feeds.Length; i++)
        {
            var c = feeds[i].Protocol.Counters;
            var frames = framesAtEnd[i] - framesAtStart[i];
            totalFrames += frames;
            text.AppendLine(inv, $"| {feeds[i].Protocol.Venue.Name()} | {frames} | {frames / windowSeconds:F0} | {c.MalformedFrames} | {c.SequenceGaps} | {c.Resyncs} | {c.QueueOverflows} |");
        }

        text.AppendLine(inv, $"| total | {totalFrames} | {totalFrames / windowSeconds:F0} | | | | |");
        text.AppendLine();
        var stats = engine.Stats;
        text.AppendLine(inv, $"Engine: {stats.EventsProcessed} events processed, opportunities opened {outputs.Opened} / updated {outputs.Updated} / closed {outputs.Closed}, channel rejections {sink.RejectedCount}.");
        return text.ToString();
    }

    private static async Task TickAsync(IngestGate gate, ChannelMarketEventSink sink, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                gate.Tick(sink);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private static string Machine()
    {
        var cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
            // Not Linux: the model name is only decoration.
        }

        return $"{cpu}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Arbiter.slnx")))
            {
                return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
