using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Threading.Channels;

namespace Arbiter.Fanout;

/// <summary>
/// A <see cref="ClientFleet"/> in a child process: this executable started with <c>clients …</c>. Lines on its stdin
/// (<c>MEASURE start end</c>) and stdout (<c>READY</c>, <c>RESULT {json}</c>, <c>ERROR message</c>). Closing its stdin
/// ends it; it is killed when it does not exit, and whenever this process exits.
/// </summary>
internal sealed class ChildProcessFleet : IClientFleet
{
    private static readonly List<Process> Live = [];
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();
    private readonly Queue<string> errors = new();
    private readonly TimeSpan connectTimeout;
    private readonly TimeSpan drainTimeout;
    private readonly TextWriter log;

    static ChildProcessFleet() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    public ChildProcessFleet(Uri url, int count, bool withStalled, TimeSpan connectTimeout, TimeSpan drainTimeout, TextWriter log)
    {
        this.connectTimeout = connectTimeout;
        this.drainTimeout = drainTimeout;
        this.log = log;
        var info = StartInfo();
        foreach (var arg in (string[])["clients", "--url", url.ToString(), "--count", count.ToString(CultureInfo.InvariantCulture),
                     "--stalled", withStalled ? "1" : "0",
                     "--connect-timeout", connectTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
                     "--drain-timeout", drainTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)])
        {
            info.ArgumentList.Add(arg);
        }

        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.Environment["DOTNET_gcServer"] = "0";

        // The measuring side compiles its code fully optimised at first use: with tiering, the clients' parser ran
        // instrumented (PGO) code for seconds into the window while the machine was saturated.
        info.Environment["DOTNET_TieredCompilation"] = "0";
        process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                lines.Writer.TryComplete();
            }
            else
            {
                lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                lock (errors)
                {
                    errors.Enqueue(line);
                    if (errors.Count > 20)
                    {
                        errors.Dequeue();
                    }
                }
            }
        };
    }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start the client process {process.StartInfo.FileName}.");
        }

        lock (Live)
        {
            Live.Add(process);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var line = await NextLineAsync(connectTimeout + TimeSpan.FromSeconds(30), "READY", cancellationToken).ConfigureAwait(false);
        if (line != "READY")
        {
            throw Failure($"expected READY, got '{line}'");
        }
    }

    public async Task<FleetReport> MeasureAsync(long start, long end, CancellationToken cancellationToken)
    {
        await process.StandardInput.WriteLineAsync(FormattableString.Invariant($"MEASURE {start} {end}")).ConfigureAwait(false);
        await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        var window = TimeSpan.FromMicroseconds(end - start);
        var line = await NextLineAsync(window + drainTimeout + TimeSpan.FromSeconds(30), "RESULT", cancellationToken).ConfigureAwait(false);
        if (!line.StartsWith("RESULT ", StringComparison.Ordinal))
        {
            throw Failure($"expected RESULT, got '{line}'");
        }

        return JsonSerializer.Deserialize(line.AsSpan(7), FanoutJsonContext.Default.FleetReport)
            ?? throw Failure("RESULT without a report");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.Close();
                using var grace = new CancellationTokenSource(ExitGrace);
                try
                {
                    await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    log.WriteLine("client process did not exit after its stdin closed: killing it");
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        finally
        {
            lock (Live)
            {
                Live.Remove(process);
            }

            process.Dispose();
        }
    }

    /// <summary>This executable again: through the dotnet host when it runs as <c>dotnet Arbiter.Fanout.dll</c>, else its app host.</summary>
    private static ProcessStartInfo StartInfo()
    {
        var dll = typeof(ChildProcessFleet).Assembly.Location;
        var host = Environment.ProcessPath;
        var entry = Assembly.GetEntryAssembly()?.GetName().Name;
        if (host is not null && entry == "Arbiter.Fanout" && Path.GetFileNameWithoutExtension(host) == entry)
        {
            return new ProcessStartInfo(host);
        }

        var dotnet = host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet);
        info.ArgumentList.Add(dll);
        return info;
    }

    private static void KillAll()
    {
        lock (Live)
        {
            foreach (var p in Live)
            {
                try
                {
                    p.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Already exited.
                }
            }
        }
    }

    private async Task<string> NextLineAsync(TimeSpan timeout, string expected, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var line = await lines.Reader.ReadAsync(deadline.Token).ConfigureAwait(false);
                if (line.StartsWith("ERROR ", StringComparison.Ordinal))
                {
                    throw Failure(line[6..]);
                }

                if (line.StartsWith(expected, StringComparison.Ordinal))
                {
                    return line;
                }

                log.WriteLine("[clients] " + line);
            }
        }
        catch (ChannelClosedException)
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            throw Failure($"exited with code {process.ExitCode} before {expected}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure($"no {expected} within {timeout.TotalSeconds:F0} s");
        }
    }

    private InvalidOperationException Failure(string what)
    {
        string stderr;
        lock (errors)
        {
            stderr = errors.Count == 0 ? "" : "; its stderr: " + string.Join(" | ", errors);
        }

        return new InvalidOperationException($"The client process failed: {what}{stderr}");
    }
}
