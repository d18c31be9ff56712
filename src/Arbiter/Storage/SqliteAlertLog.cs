using System.Globalization;
using Arbiter.Alerts;
using Arbiter.Core;

namespace Arbiter.Storage;

/// <summary>
/// The Telegram side's <see cref="Alerts.IAlertLog"/> on the SQLite store: an accepted alert is a "queued" row (committed
/// before the call returns, so the dedup state survives a kill or restart), then marked sent or dropped (found by key, chat and
/// accept time, so nothing is held in memory). Sink "telegram", target the chat id.
/// </summary>
public sealed class SqliteAlertLog : Alerts.IAlertLog
{
    public const string Sink = "telegram";

    private readonly SqliteStore store;
    private readonly TimeProvider clock;

    public SqliteAlertLog(SqliteStore store, TimeProvider clock)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    public void RecordAccepted(AlertLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        store.RecordQueued(new AlertDraft(Sink, Target(entry.ChatId), entry.Key, null, entry.NetProfitUsd, ""), entry.Time);
    }

    public void RecordSent(AlertLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        store.FinishQueued(entry.Key, Target(entry.ChatId), entry.Time, UnixMicros.Now(clock), null);
    }

    public void RecordDropped(AlertLogEntry entry, string reason)
    {
        ArgumentNullException.ThrowIfNull(entry);
        store.FinishQueued(entry.Key, Target(entry.ChatId), entry.Time, UnixMicros.Now(clock), reason ?? "");
    }

    public AlertLogEntry? LastAccepted(string key, long chatId) =>
        store.LastRecorded(key, Target(chatId)) is { } row ? new AlertLogEntry(row.OpportunityKey, chatId, row.NetProfitUsd, row.QueuedAt) : null;

    private static string Target(long chatId) => chatId.ToString(CultureInfo.InvariantCulture);
}
