using System.Globalization;
using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Terminal;

/// <summary>The plain one-line status (logs, pipes, CI) and the pieces the live table shares with it.</summary>
public static class StatusText
{
    /// <summary>"binance Connected 4/4 synced · … · 1,234 frames (150/s) · USD/KRW 1380 live 12s · 1 open, 7 seen".</summary>
    public static string Line(TerminalStatus status, double? framesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(status);
        var parts = new List<string>();
        foreach (var v in status.Venues)
        {
            parts.Add($"{v.Venue.Name()} {v.Connection} {v.BooksSynced}/{v.Books} synced");
        }

        parts.Add(framesPerSecond is { } rate
            ? string.Create(CultureInfo.InvariantCulture, $"{status.Frames} frames ({rate:0}/s)")
            : string.Create(CultureInfo.InvariantCulture, $"{status.Frames} frames"));
        parts.Add(Fx(status));
        parts.Add($"{status.OpenOpportunities} open, {status.OpportunitiesSeen} seen");
        return string.Join(" · ", parts);
    }

    /// <summary>"USD/KRW 1380 live 12s", "USD/KRW stale 16m (fx-stale)", "USD/KRW none yet".</summary>
    public static string Fx(TerminalStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.UsdKrw is not { } fx || fx.Status == FxRateStatus.Missing)
        {
            return "USD/KRW none yet";
        }

        var age = fx.Time > 0 ? " " + Age(status.Time - fx.Time) : "";
        var rate = fx.Rate.ToString("0.##", CultureInfo.InvariantCulture);
        return fx.Status == FxRateStatus.Stale
            ? $"USD/KRW {rate} stale{age} (KRW signals stopped)"
            : $"USD/KRW {rate} {fx.Status.ToString().ToLowerInvariant()}{age}";
    }

    /// <summary>12s, 4m, 2h.</summary>
    public static string Age(long micros)
    {
        var seconds = Math.Max(0, micros / 1_000_000);
        return seconds < 120 ? $"{seconds}s" : seconds < 7200 ? $"{seconds / 60}m" : $"{seconds / 3600}h";
    }
}
