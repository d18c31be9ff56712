namespace Arbiter.Fanout;

/// <summary>The benchmark command: parses the arguments, runs <see cref="FanoutBenchmark"/> with client child processes, prints (and writes) the table.</summary>
internal static class FanoutCommand
{
    /// <returns>0 when every target is met (or in quick mode), 1 when a target is missed, 2 on bad arguments or a harness failure.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var settings = FanoutSettings.Parse(args, out var error);
        if (settings is null)
        {
            await Console.Error.WriteLineAsync(error + "\n" + FanoutSettings.Usage).ConfigureAwait(false);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        IReadOnlyList<ClientCountResult> results;
        try
        {
            results = await FanoutBenchmark.RunAsync(
                settings,
                (url, clients, stalled) => new ChildProcessFleet(url, clients, stalled, settings.ConnectTimeout, settings.DrainTimeout, Console.Out),
                Console.Out,
                cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return 2;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
        {
            await Console.Error.WriteLineAsync("fan-out benchmark failed: " + ex.Message).ConfigureAwait(false);
            return 2;
        }

        var command = ("dotnet run -c Release --project bench/Arbiter.Fanout -- " + string.Join(' ', args)).TrimEnd();
        var misses = FanoutTable.Misses(settings, results);
        var table = FanoutTable.Markdown(settings, results, command, misses);
        Console.WriteLine();
        Console.WriteLine(table);
        if (settings.Write)
        {
            var path = settings.OutPath ?? Path.Combine(RepositoryRoot(), "bench", "results", "fanout.md");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, table).ConfigureAwait(false);
            Console.WriteLine($"Written to {Path.GetFullPath(path)}");
        }

        if (misses.Count == 0 || settings.Quick)
        {
            return 0;
        }

        await Console.Error.WriteLineAsync("targets missed:\n- " + string.Join("\n- ", misses)).ConfigureAwait(false);
        return 1;
    }

    /// <summary>The folder holding Arbiter.slnx, searched upwards from the current folder (the command runs from the repository root).</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Arbiter.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
