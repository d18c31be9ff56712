using Spectre.Console;

namespace Arbiter.Terminal;

/// <summary>
/// Shows the running pipeline's status until cancelled: a live Spectre.Console table refreshed every second on an
/// interactive terminal, plain lines every <c>StatusInterval</c> otherwise (pipes, logs, CI). Either way it adds, once,
/// the first-run hint when no venue has sent anything after a few seconds.
/// </summary>
public sealed class StatusPrinter(Func<TerminalStatus> status, Func<long> restFailures, TextWriter output, TimeSpan interval, TimeSpan? hintAfter = null)
{
    /// <summary>How long without any frame before the hint about <c>arbiter demo</c> (9 s unless given).</summary>
    public TimeSpan HintAfter { get; } = hintAfter ?? TimeSpan.FromSeconds(9);

    /// <summary>True when <paramref name="output"/> is this process's console, not redirected, and ANSI-capable.</summary>
    public static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi;

    /// <summary>"No venue has sent any data yet (N failed REST requests so far). Without internet access, try `arbiter demo` …".</summary>
    public string Hint() =>
        $"No venue has sent any data yet ({restFailures()} failed REST requests so far). Without internet access, try `arbiter demo` (simulated exchanges on 127.0.0.1).";

    public async Task RunAsync(bool interactive, CancellationToken cancellationToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            if (interactive)
            {
                await RunLiveAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RunPlainAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task RunPlainAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        var rate = new FrameRate();
        var started = DateTimeOffset.UtcNow;
        var hinted = false;
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var now = status();
            await output.WriteLineAsync(StatusText.Line(now, rate.Next(now.Frames, DateTimeOffset.UtcNow))).ConfigureAwait(false);
            if (!hinted && DateTimeOffset.UtcNow - started >= HintAfter && now.Frames == 0)
            {
                hinted = true;
                await output.WriteLineAsync(Hint()).ConfigureAwait(false);
            }
        }
    }

    private async Task RunLiveAsync(CancellationToken cancellationToken)
    {
        var rate = new FrameRate();
        var started = DateTimeOffset.UtcNow;
        var first = status();
        await AnsiConsole.Live(StatusTable.Build(first, 0)).AutoClear(false).StartAsync(async context =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = status();
                var hint = now.Frames == 0 && DateTimeOffset.UtcNow - started >= HintAfter ? Hint() : null;
                context.UpdateTarget(StatusTable.Build(now, rate.Next(now.Frames, DateTimeOffset.UtcNow) ?? 0, hint));
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Frames per second between successive samples (null for the first).</summary>
    private sealed class FrameRate
    {
        private long lastFrames = -1;
        private DateTimeOffset lastTime;

        public double? Next(long frames, DateTimeOffset time)
        {
            double? rate = lastFrames < 0 || time <= lastTime ? null : (frames - lastFrames) / (time - lastTime).TotalSeconds;
            (lastFrames, lastTime) = (frames, time);
            return rate;
        }
    }
}
