using System.CommandLine;
using Arbiter.Commands;
using Arbiter.Configuration;
using Arbiter.Core;
using Arbiter.Hosting;
using Arbiter.Replay;
using Arbiter.Simulator;

namespace Arbiter;

/// <summary>The <c>arbiter</c> command line: run, demo, sim, record, replay.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var configOption = new Option<string?>("--config") { Description = "JSON settings file (default: appsettings.json beside the executable)", Recursive = true };
        var eventsOption = new Option<string?>("--events") { Description = "Write the engine's opportunity events to this JSON Lines file" };
        var durationOption = new Option<double?>("--duration") { Description = "Stop after this many seconds (default: run until Ctrl+C)" };
        var seedOption = new Option<int?>("--seed") { Description = "Simulator seed (default from configuration)" };

        var run = new Command("run", "Live venues (default: the real exchange endpoints), engine, API and dashboard") { eventsOption, durationOption };
        run.SetAction((r, ct) => Guard(async () =>
        {
            var settings = SettingsLoader.Load(r.GetValue(configOption));
            await PipelineRunner.RunAsync(settings, null, r.GetValue(eventsOption), withApi: true, Seconds(r.GetValue(durationOption)), Console.Out, ct).ConfigureAwait(false);
        }));

        var recordDemoOption = new Option<string?>("--record") { Description = "Record every raw frame and REST response to this JSON Lines file" };
        var demo = new Command("demo", "The simulator in-process plus engine, API and dashboard") { recordDemoOption, eventsOption, durationOption, seedOption };
        demo.SetAction((r, ct) => Guard(async () =>
        {
            var settings = SettingsLoader.Load(r.GetValue(configOption));
            await DemoAsync(settings, r.GetValue(seedOption), r.GetValue(recordDemoOption), r.GetValue(eventsOption), Seconds(r.GetValue(durationOption)), Console.Out, ct).ConfigureAwait(false);
        }));

        var sim = new Command("sim", "The simulated exchanges alone, printing their URLs") { seedOption, durationOption };
        sim.SetAction((r, ct) => Guard(async () =>
        {
            var settings = SettingsLoader.Load(r.GetValue(configOption));
            await SimAsync(settings, r.GetValue(seedOption), Seconds(r.GetValue(durationOption)), Console.Out, ct).ConfigureAwait(false);
        }));

        var outOption = new Option<string>("--out") { Description = "Output file", Required = true };
        var record = new Command("record", "Live venues, recording every raw frame and REST response (no API)") { outOption, durationOption };
        record.SetAction((r, ct) => Guard(async () =>
        {
            var settings = SettingsLoader.Load(r.GetValue(configOption));
            await PipelineRunner.RunAsync(settings, r.GetValue(outOption), null, withApi: false, Seconds(r.GetValue(durationOption)), Console.Out, ct).ConfigureAwait(false);
        }));

        var fileArgument = new Argument<string>("FILE") { Description = "A capture written by record or demo --record" };
        var booksOption = new Option<string?>("--books") { Description = "Write every book at the end of the capture to this JSON Lines file" };
        var ignoreSettingsOption = new Option<bool>("--ignore-recorded-settings") { Description = "Keep the configured engine settings throughout, instead of applying the settings changes recorded in the capture" };
        var replay = new Command("replay", "Run a capture through the same adapters and engine, with no sockets") { fileArgument, outOption, booksOption, ignoreSettingsOption };
        replay.SetAction((r, ct) => Guard(() =>
        {
            var settings = SettingsLoader.Load(r.GetValue(configOption));
            var summary = ReplayRunner.Run(r.GetValue(fileArgument)!, r.GetValue(outOption)!, r.GetValue(booksOption), settings, applyRecordedSettings: !r.GetValue(ignoreSettingsOption));
            Console.Out.WriteLine($"Replayed {summary.Records} lines: {summary.OpportunitiesOpened} opportunities opened, {summary.EventsWritten} events written to {r.GetValue(outOption)}");
            return Task.CompletedTask;
        }));

        var root = new RootCommand("Arbiter: real-time cross-exchange crypto arbitrage monitor") { run, demo, sim, record, replay };
        root.Options.Add(configOption);
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }

    /// <summary>Starts the simulator with dislocations on, points the venues at it, and runs the whole system.</summary>
    public static async Task DemoAsync(
        ArbiterSettings settings,
        int? seed,
        string? recordPath,
        string? eventsPath,
        TimeSpan? duration,
        TextWriter output,
        CancellationToken cancellationToken,
        Action<PipelineRunner.Started>? started = null,
        Action<SimulatorServer>? simulatorStarted = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        await using var simulator = await StartSimulatorAsync(settings, seed, cancellationToken).ConfigureAwait(false);
        simulatorStarted?.Invoke(simulator);
        var exchanges = string.Join(", ", simulator.Simulation.Venues.Select(v => $"{v.Venue.Name()} {simulator.RestBase(v.Venue)}"));
        await output.WriteLineAsync($"Simulated exchanges: {exchanges}; USD/KRW {simulator.FxQuoteUrl} (seed {settings.Simulator.Seed})").ConfigureAwait(false);
        PipelineRunner.UseSimulator(settings, simulator);
        await PipelineRunner.RunAsync(settings, recordPath, eventsPath, withApi: true, duration, output, cancellationToken, started).ConfigureAwait(false);
    }

    private static async Task SimAsync(ArbiterSettings settings, int? seed, TimeSpan? duration, TextWriter output, CancellationToken cancellationToken)
    {
        await using var simulator = await StartSimulatorAsync(settings, seed, cancellationToken).ConfigureAwait(false);
        foreach (var venue in simulator.Simulation.Venues)
        {
            // Each venue serves its real paths under these bases (e.g. Binance /stream?streams=…, Upbit /websocket/v1, OKX /ws/v5/public).
            await output.WriteLineAsync($"{venue.Venue.Name(),-9}REST {simulator.RestBase(venue.Venue)}  WebSocket {simulator.WsBase(venue.Venue)}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"FX       USD/KRW {simulator.FxQuoteUrl}").ConfigureAwait(false);
        await output.WriteLineAsync("Truth: GET /_sim/books on any REST base. Stop with Ctrl+C.").ConfigureAwait(false);
        try
        {
            await Task.Delay(duration ?? Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C.
        }
    }

    private static async Task<SimulatorServer> StartSimulatorAsync(ArbiterSettings settings, int? seed, CancellationToken cancellationToken)
    {
        if (seed is { } s)
        {
            settings.Simulator.Seed = s;
        }

        settings.Simulator.AutoDislocation.Enabled = true;
        var simulator = new SimulatorServer(settings.Simulator);
        await simulator.StartAsync(cancellationToken).ConfigureAwait(false);
        return simulator;
    }

    private static TimeSpan? Seconds(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;

    /// <summary>Turns configuration errors into a message and exit code 2, and other failures into exit code 1.</summary>
    private static async Task<int> Guard(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return 0;
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }
        catch (Storage.StoreOpenException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }
        catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or FormatException or NotSupportedException)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }
    }
}
