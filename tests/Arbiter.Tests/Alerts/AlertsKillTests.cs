using System.Diagnostics;
using System.Globalization;
using Arbiter.Storage;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Arbiter.Tests.Alerts;

/// <summary>
/// Issue 6: SIGKILLs at random moments of a real <c>arbiter demo</c> child process with alerts flowing to a
/// <see cref="FakeBotApi"/> (in this process, on loopback) that records every message, ARBITER_SIGKILLS times (default 3;
/// <c>./soak.sh</c> runs 100), all on the same SQLite file. After every kill the file passes integrity_check; across all
/// restarts no alert was sent twice: within a run no (opportunity, chat) is delivered twice, no (key, chat) is ever queued
/// twice in the log, and what Telegram received is at least what the log calls sent and at most that plus the alerts a
/// kill left "queued" (which the next start marks dropped and never resends).
/// </summary>
public sealed class AlertsKillTests(ITestOutputHelper output)
{
    private const string Token = "123456:KILL-token_abc";
    private const long Chat = 2002;

    private static int Kills =>
        int.TryParse(Environment.GetEnvironmentVariable("ARBITER_SIGKILLS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3;

    [Fact]
    public async Task Sigkill_DemoWithAlertsFlowing_IntegrityAfterEveryKill_AndNoAlertSentTwice()
    {
        using var dir = new AlertsAcceptanceTests.TempDir();
        var path = Path.Combine(dir.Path, "kill-alerts.db");
        await using var bot = await FakeBotApi.StartAsync(TimeProvider.System, Token);
        bot.Say(Chat, "/start"); // every child's poller reads it again from offset 0: re-subscribing is idempotent
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ARBITER_SIGKILL_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"ARBITER_SIGKILLS={Kills} ARBITER_SIGKILL_SEED={seed}");
        var failures = new List<string>();
        var duplicatesWithinRuns = 0;
        var deliveredTotal = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            var before = bot.Sends.Count;
            var delay = TimeSpan.FromMilliseconds(random.Next(0, 1500));
            var log = await RunAndKillAsync(dir.Path, path, bot, before, delay);
            IReadOnlyList<string> problems;
            try
            {
                problems = File.Exists(path) ? SqliteStore.IntegrityCheck(path) : [];
            }
            catch (SqliteException ex)
            {
                problems = [ex.Message];
            }

            var run = AlertsAcceptanceTests.AlertsIn(bot.Sends.Skip(before).Where(x => x.ChatId == Chat && x.Answer == FakeBotApi.Answer.Ok)).ToList();
            var duplicates = run.Count - run.Select(a => a.Id).Distinct().Count();
            duplicatesWithinRuns += duplicates;
            deliveredTotal += run.Count;
            output.WriteLine($"kill {kill}: {delay.TotalMilliseconds:0} ms after this run's first alert; {run.Count} alerts delivered, {duplicates} twice; integrity {(problems.Count == 0 ? "ok" : string.Join("; ", problems))}");
            if (problems.Count > 0)
            {
                failures.Add($"kill {kill}: {string.Join("; ", problems)}\n{log}");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(0, duplicatesWithinRuns);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var queuedTwice = Scalar(connection, "SELECT count(*) FROM (SELECT 1 FROM alerts WHERE sink = 'telegram' GROUP BY opportunity_key, target HAVING count(*) > 1)");
        var sent = Scalar(connection, "SELECT count(*) FROM alerts WHERE sink = 'telegram' AND state = 'sent'");
        var unfinished = Scalar(connection, "SELECT count(*) FROM alerts WHERE sink = 'telegram' AND (state = 'queued' OR drop_reason LIKE 'unfinished%')");
        var dropped = Scalar(connection, "SELECT count(*) FROM alerts WHERE sink = 'telegram' AND state = 'dropped'");
        output.WriteLine($"after {Kills} kills: {deliveredTotal} alerts delivered; log: {sent} sent, {dropped} dropped, {unfinished} left queued by a kill (maybe delivered, never resent); (key, chat) queued twice: {queuedTwice}");
        Assert.Equal(0, queuedTwice);
        Assert.InRange(deliveredTotal, sent, sent + unfinished);
        Assert.True(deliveredTotal > 0, "no alert was delivered before any kill");
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static async Task<string> RunAndKillAsync(string directory, string path, FakeBotApi bot, int sendsBefore, TimeSpan delay)
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
        var env = start.Environment;
        env["ARBITER__Api__Url"] = "http://127.0.0.1:0";
        env["ARBITER__StatusInterval"] = "00:00:00";
        env["ARBITER__Storage__Path"] = path;
        env["ARBITER__Storage__CleanupInterval"] = "00:00:00.3";
        env["ARBITER__Simulator__AutoDislocation__FirstAfter"] = "00:00:01";
        env["ARBITER__Simulator__AutoDislocation__Every"] = "00:00:00.7";
        env["ARBITER__Simulator__AutoDislocation__Length"] = "00:00:00.6";
        env["ARBITER__Alerts__Telegram__BaseUrl"] = bot.BaseAddress.ToString().TrimEnd('/');
        env["ARBITER__Alerts__Telegram__BotToken"] = Token;
        env["ARBITER__Alerts__Telegram__AllowedChatIds__0"] = Chat.ToString(CultureInfo.InvariantCulture);
        env["ARBITER__Alerts__Telegram__PollTimeout"] = "00:00:01";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!process.HasExited && DateTime.UtcNow < deadline
            && !AlertsAcceptanceTests.AlertsIn(bot.Sends.Skip(sendsBefore).Where(x => x.ChatId == Chat)).Any())
        {
            await Task.Delay(25);
        }

        await Task.Delay(delay);
        if (process.HasExited)
        {
            Assert.Fail($"the demo exited by itself with code {process.ExitCode}: {await stdout}{await stderr}");
        }

        process.Kill(entireProcessTree: true); // SIGKILL on Unix
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return (await stdout) + (await stderr);
    }
}
