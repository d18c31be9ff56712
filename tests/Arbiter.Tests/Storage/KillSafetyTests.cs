using System.Diagnostics;
using System.Globalization;
using Arbiter.Storage;
using Xunit.Abstractions;

namespace Arbiter.Tests.Storage;

/// <summary>
/// Kill safety of the store: a real <c>arbiter demo</c> child process writing the store (opportunity history, venue
/// status, a cleanup with checkpoint every 300 ms) is killed with SIGKILL at a random moment, ARBITER_SIGKILLS times
/// (default 5; <c>./soak.sh</c> runs 100), all on the same file; after every kill the file passes integrity_check, and
/// the next start opens it (its own integrity check and migrations) and goes on writing.
/// </summary>
public sealed class KillSafetyTests(ITestOutputHelper output)
{
    private static int Kills =>
        int.TryParse(Environment.GetEnvironmentVariable("ARBITER_SIGKILLS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 5;

    [Fact]
    public async Task Sigkill_DemoWritingTheStore_FilePassesIntegrityCheckAfterEveryKill()
    {
        using var fx = new StoreFixtures();
        var path = fx.PathOf("kill.db");
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ARBITER_SIGKILL_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"ARBITER_SIGKILLS={Kills} ARBITER_SIGKILL_SEED={seed}");
        var failures = new List<string>();
        for (var kill = 1; kill <= Kills; kill++)
        {
            // Mostly while opportunities are being written (a random moment up to 1.5 s after this run's first row), one
            // kill in ten at a random moment of the start (opening, integrity check, migrations, first writes).
            var early = random.Next(0, 10) == 0;
            var delay = TimeSpan.FromMilliseconds(random.Next(0, 1500));
            var (log, wrote) = await RunAndKillAsync(fx.Directory, path, delay, waitForRows: !early);
            IReadOnlyList<string> problems;
            try
            {
                problems = File.Exists(path) ? SqliteStore.IntegrityCheck(path) : [];
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                problems = [ex.Message];
            }

            output.WriteLine($"kill {kill}: {delay.TotalMilliseconds:0} ms after {(early ? "start" : wrote ? "the run's first opportunity row" : "20 s without rows")}; integrity {(problems.Count == 0 ? "ok" : string.Join("; ", problems))}");
            if (problems.Count > 0)
            {
                failures.Add($"kill {kill} (after {delay.TotalMilliseconds:0} ms): {string.Join("; ", problems)}\n{log}");
            }
        }

        Assert.Empty(failures);
        using var store = SqliteStore.Open(new StorageOptions { Path = path }, TimeProvider.System);
        var counts = store.Counts();
        output.WriteLine($"after {Kills} kills: {counts.Opportunities} opportunities, {counts.VenueEvents} venue status rows");
        Assert.True(counts.Opportunities > 0, "no child wrote an opportunity before its kill");
    }

    private static async Task<(string Log, bool Wrote)> RunAndKillAsync(string directory, string path, TimeSpan delay, bool waitForRows)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "arbiter.dll"));
        start.ArgumentList.Add("demo");
        start.ArgumentList.Add("--duration");
        start.ArgumentList.Add("60");
        start.Environment["ARBITER__Api__Url"] = "http://127.0.0.1:0";
        start.Environment["ARBITER__StatusInterval"] = "00:00:00";
        start.Environment["ARBITER__Storage__Path"] = path;
        start.Environment["ARBITER__Storage__CleanupInterval"] = "00:00:00.3";
        start.Environment["ARBITER__Storage__MaxOpportunities"] = "100";
        start.Environment["ARBITER__Storage__MaxVenueEvents"] = "100";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var wrote = false;
        if (waitForRows)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (!process.HasExited && DateTime.UtcNow < deadline && !(wrote = RunHasRows(path)))
            {
                await Task.Delay(25);
            }
        }

        await Task.Delay(delay);
        if (process.HasExited)
        {
            Assert.Fail($"the demo exited by itself with code {process.ExitCode}: {await stdout}{await stderr}");
        }

        process.Kill(entireProcessTree: true); // SIGKILL on Unix
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return ((await stdout) + (await stderr), wrote);
    }

    /// <summary>Whether the newest run in the file has an opportunity row yet (false while the file or its tables are not there).</summary>
    private static bool RunHasRows(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path, Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM opportunities WHERE run_id = (SELECT max(id) FROM runs)";
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return false; // not created or migrated yet, or briefly locked
        }
    }
}
