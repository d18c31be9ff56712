using System.Globalization;
using Arbiter.Core;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Arbiter.Terminal;

/// <summary>The live status as a Spectre.Console table with a summary line (and the first-run hint), for an interactive terminal.</summary>
public static class StatusTable
{
    public static IRenderable Build(TerminalStatus status, double framesPerSecond, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Arbiter[/]");
        table.AddColumn("Venue");
        table.AddColumn("Connection");
        table.AddColumn(new TableColumn("Books synced").RightAligned());
        table.AddColumn(new TableColumn("Frames").RightAligned());
        foreach (var v in status.Venues)
        {
            var colour = v.Connection == ConnectionState.Connected ? "green" : "yellow";
            var books = v.Books > 0 && v.BooksSynced == v.Books ? "green" : "yellow";
            table.AddRow(
                Markup.Escape(v.Venue.Name()),
                $"[{colour}]{v.Connection}[/]",
                $"[{books}]{v.BooksSynced}/{v.Books}[/]",
                v.Frames.ToString("N0", CultureInfo.InvariantCulture));
        }

        var summary = new Text(string.Create(
            CultureInfo.InvariantCulture,
            $"{status.Frames:N0} frames, {framesPerSecond:0}/s · {StatusText.Fx(status)} · {status.OpenOpportunities} open, {status.OpportunitiesSeen} seen"));
        return hint is null ? new Rows(table, summary) : new Rows(table, summary, new Text(hint));
    }
}
