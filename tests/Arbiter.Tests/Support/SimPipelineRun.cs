using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Arbiter.Commands;
using Arbiter.Hosting;
using Arbiter.Simulator;

namespace Arbiter.Tests.Support;

/// <summary>
/// The live pipeline with its API against the simulated venues on real sockets, like `arbiter demo` (same wiring:
/// <see cref="PipelineRunner.UseSimulator"/>) but with the test's settings and no automatic dislocations, so the test
/// moves the market itself. Collects every WebSocket message.
/// </summary>
internal sealed class SimPipelineRun : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<JsonElement> messages = new();
    private readonly ClientWebSocket ws = new();
    private Task? run;
    private Task? receive;

    public SimPipelineRun(IDictionary<string, string?> overrides)
    {
        var all = new Dictionary<string, string?>(overrides) { ["Api:Url"] = "http://127.0.0.1:0" };
        Settings = SettingsLoader.Load(null, all, dotEnvPath: null);
        Settings.StatusInterval = TimeSpan.Zero;
        Simulator = new SimulatorServer(Settings.Simulator);
    }

    public ArbiterSettings Settings { get; }

    public SimulatorServer Simulator { get; }

    public Uri ApiAddress { get; private set; } = null!;

    public LivePipeline Pipeline { get; private set; } = null!;

    /// <summary>Every WebSocket message so far, in order (the snapshot first).</summary>
    public IReadOnlyList<JsonElement> Messages => [.. messages];

    /// <summary>Starts the simulator; <paramref name="beforePipeline"/> may change it before the pipeline's first fetches.</summary>
    public async Task StartAsync(Action<SimulatorServer>? beforePipeline = null)
    {
        await Simulator.StartAsync(CancellationToken.None);
        beforePipeline?.Invoke(Simulator);
        PipelineRunner.UseSimulator(Settings, Simulator);
        var started = new TaskCompletionSource<PipelineRunner.Started>(TaskCreationOptions.RunContinuationsAsynchronously);
        run = PipelineRunner.RunAsync(Settings, null, null, withApi: true, null, TextWriter.Null, stop.Token, started.SetResult);
        var first = await Task.WhenAny(started.Task, run).WaitAsync(TimeSpan.FromSeconds(30));
        if (first == run)
        {
            await run;
        }

        var s = await started.Task;
        ApiAddress = s.ApiAddress!;
        Pipeline = s.Pipeline;
        await ws.ConnectAsync(new Uri($"ws://{ApiAddress.Authority}/ws"), CancellationToken.None);
        receive = ReceiveAsync();
    }

    /// <summary>Waits for the first message after index <paramref name="from"/> that <paramref name="match"/> accepts; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<(JsonElement Message, int Index)> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout, string what, int from = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var list = Messages;
            for (var i = from; i < list.Count; i++)
            {
                if (match(list[i]))
                {
                    return (list[i], i);
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"no {what} within {timeout} ({list.Count} messages; last types: {string.Join(", ", list.TakeLast(8).Select(m => Type(m)))})");
            }

            await Task.Delay(20);
        }
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = ApiAddress };
        return await http.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));
    }

    /// <summary>Polls <paramref name="path"/> until <paramref name="match"/> holds; fails after <paramref name="timeout"/> showing the last answer.</summary>
    public async Task<JsonElement> PollAsync(string path, Func<JsonElement, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var body = await GetAsync(path);
            if (match(body))
            {
                return body;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{path}: no {what} within {timeout}: {body}");
            }

            await Task.Delay(50);
        }
    }

    public static string Type(JsonElement message) => message.GetProperty("type").GetString()!;

    public static bool IsOpportunity(JsonElement message, string type, string asset, string? buy = null, string? sell = null)
    {
        if (Type(message) != type)
        {
            return false;
        }

        var o = message.GetProperty("opportunity");
        return o.GetProperty("asset").GetString() == asset
            && (buy is null || o.GetProperty("buy").GetProperty("venue").GetString() == buy)
            && (sell is null || o.GetProperty("sell").GetProperty("venue").GetString() == sell);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (run is not null)
        {
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        ws.Abort();
        if (receive is not null)
        {
            await receive;
        }

        ws.Dispose();
        await Simulator.DisposeAsync();
        stop.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (ws.State == WebSocketState.Open)
            {
                var result = await ws.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    foreach (var text in WebSocketMessages.Unwrap(Encoding.UTF8.GetString(message.ToArray())))
                    {
                        messages.Enqueue(WebSocketMessages.Parse(text));
                    }

                    message.SetLength(0);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The run ended.
        }
    }
}
