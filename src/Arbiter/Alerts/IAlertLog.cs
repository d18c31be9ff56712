namespace Arbiter.Alerts;

/// <summary>What was alerted to whom (in memory now; SQLite later, so that no alert is sent twice after a restart). Thread-safe.</summary>
public interface IAlertLog
{
    /// <summary>An alert was accepted for sending (the dedup state: the next decision for this key and chat compares with it).</summary>
    void RecordAccepted(AlertLogEntry entry);

    /// <summary>Telegram accepted the message.</summary>
    void RecordSent(AlertLogEntry entry);

    /// <summary>The alert was dropped (queue full, opportunity closed while Telegram was down, Telegram refused it), with why.</summary>
    void RecordDropped(AlertLogEntry entry, string reason);

    /// <summary>The last accepted alert for <paramref name="key"/> to <paramref name="chatId"/>, or null.</summary>
    AlertLogEntry? LastAccepted(string key, long chatId);
}
