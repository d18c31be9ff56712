using System.Net.Http.Json;
using System.Text.Json;
using Arbiter.Commands;
using Arbiter.Hosting;
using Arbiter.Simulator;

namespace Arbiter.Tests.Support;

/// <summary>Runs `arbiter demo` in-process (the same code path as the command) on a free API port, and exposes its parts.</summary>
internal sealed class DemoRun : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource<PipelineRunner.Started> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SimulatorServer> simulator = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? run;

    public StringWriter Output { get; } = new();

    /// <summary>The demo's settings; the simulator's wallet keys are the suite's canary credentials (see <see cref="SuiteCanary"/>).</summary>
    public ArbiterSettings Settings { get; } = SettingsLoader.Load(null, new Dictionary<string, string?>
    {
        ["Api:Url"] = "http://127.0.0.1:0",
        ["Simulator:ApiKey"] = SuiteCanary.Key,
        ["Simulator:ApiSecret"] = SuiteCanary.Secret,
        ["Simulator:ApiPassphrase"] = SuiteCanary.Passphrase,
    }, dotEnvPath: null);

    public Uri ApiAddress { get; private set; } = null!;

    public SimulatorServer Simulator { get; private set; } = null!;

    public LivePipeline Pipeline { get; private set; } = null!;

    public async Task StartAsync(int seed, string? recordPath = null, string? eventsPath = null, TimeSpan? duration = null)
    {
        Settings.StatusInterval = TimeSpan.Zero;
        run = Program.DemoAsync(Settings, seed, recordPath, eventsPath, duration, TextWriter.Synchronized(Output), stop.Token, started.SetResult, simulator.SetResult);
        var first = await Task.WhenAny(started.Task, run).WaitAsync(TimeSpan.FromSeconds(30));
        if (first == run)
        {
            await run; // surfaces the startup failure
        }

        var s = await started.Task;
        ApiAddress = s.ApiAddress!;
        Pipeline = s.Pipeline;
        Simulator = await simulator.Task;
    }

    /// <summary>Waits for the demo to end by itself (its duration) or stops it.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        if (run is not null)
        {
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Polls /api/venues until every simulated book (all venues × assets) is Synced; fails the test after <paramref name="timeout"/>.</summary>
    public async Task WaitAllSyncedAsync(TimeSpan timeout)
    {
        var expected = Simulator.Simulation.Venues.Sum(v => v.Symbols.Count);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var venues = await http.GetFromJsonAsync<JsonElement>(new Uri(ApiAddress, "/api/venues"));
            var books = venues.GetProperty("books");
            last = venues.ToString();
            if (books.GetArrayLength() == expected && books.EnumerateArray().All(b => b.GetProperty("state").GetString() == "Synced"))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"the {expected} books did not all reach Synced within {timeout}: {last}");
    }

    public async Task WaitForEndAsync(TimeSpan timeout)
    {
        if (run is not null)
        {
            await run.WaitAsync(timeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            stop.Dispose();
            SuiteCanary.Keep("demo", Output.ToString());
        }
    }
}
