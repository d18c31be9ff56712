using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Terminal;
using Spectre.Console;

namespace Arbiter.Tests.Terminal;

public sealed class TerminalStatusTests
{
    private const long Now = 1_795_000_000_000_000;

    private static TerminalStatus Status(FxRate? fx, long frames = 12_345) => new(
        [new VenueStatus(VenueId.Binance, ConnectionState.Connected, 4, 4, 10_000), new VenueStatus(VenueId.Upbit, ConnectionState.Connecting, 1, 4, 2_345)],
        frames,
        2,
        7,
        fx,
        Now);

    [Fact]
    public void Line_LiveRate_ShowsVenuesRateAgeAndOpportunities()
    {
        var fx = new FxRate(Asset.Usd, Asset.Krw, 1380.5m, Now - 12_000_000, "http: x", FxRateStatus.Live);

        Assert.Equal(
            "binance Connected 4/4 synced · upbit Connecting 1/4 synced · 12345 frames (150/s) · USD/KRW 1380.5 live 12s · 2 open, 7 seen",
            StatusText.Line(Status(fx), 150.4));
    }

    [Fact]
    public void Line_StaleOrMissingRate_SaysSo()
    {
        var stale = new FxRate(Asset.Usd, Asset.Krw, 1380m, Now - (16 * 60 * 1_000_000L), "http: x", FxRateStatus.Stale);

        Assert.EndsWith("12345 frames · USD/KRW 1380 stale 16m (KRW signals stopped) · 2 open, 7 seen", StatusText.Line(Status(stale), null), StringComparison.Ordinal);
        Assert.Contains("USD/KRW none yet", StatusText.Line(Status(null), null), StringComparison.Ordinal);
    }

    [Fact]
    public void Table_RendersEveryVenueAndTheSummary()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(writer) });
        console.Profile.Width = 140;

        console.Write(StatusTable.Build(Status(new FxRate(Asset.Usd, Asset.Krw, 1400m, 0, "configured: Engine:Fx:UsdKrw", FxRateStatus.Configured)), 99.6));

        var text = writer.ToString();
        Assert.Contains("binance", text, StringComparison.Ordinal);
        Assert.Contains("Connecting", text, StringComparison.Ordinal);
        Assert.Contains("1/4", text, StringComparison.Ordinal);
        Assert.Contains("10,000", text, StringComparison.Ordinal);
        Assert.Contains("12,345 frames, 100/s · USD/KRW 1400 configured · 2 open, 7 seen", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Printer_NotInteractive_PrintsPlainLinesWithRateAndTheDemoHintOnce()
    {
        var output = new StringWriter();
        var printer = new StatusPrinter(() => Status(null, frames: 0), () => 3, TextWriter.Synchronized(output), TimeSpan.FromMilliseconds(50), hintAfter: TimeSpan.FromMilliseconds(120));
        using var stop = new CancellationTokenSource();
        var run = printer.RunAsync(interactive: false, stop.Token);

        // Run until four lines and the hint are out (a loaded machine may take longer than the 50 ms ticks suggest).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string[] Lines() => output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        while (DateTime.UtcNow < deadline && !(Lines().Length >= 5 && Lines().Any(l => l.StartsWith("No venue", StringComparison.Ordinal))))
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await run;
        var lines = Lines();
        Assert.True(lines.Length >= 4, string.Join(Environment.NewLine, lines));
        Assert.EndsWith("0 frames · USD/KRW none yet · 2 open, 7 seen", lines[0], StringComparison.Ordinal); // no rate before a second sample
        Assert.Contains(lines, l => l.Contains("0 frames (0/s)", StringComparison.Ordinal));
        Assert.Single(lines, l => l == "No venue has sent any data yet (3 failed REST requests so far). Without internet access, try `arbiter demo` (simulated exchanges on 127.0.0.1).");
        Assert.False(StatusPrinter.IsInteractive(output));
    }
}
