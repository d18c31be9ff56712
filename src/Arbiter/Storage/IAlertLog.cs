namespace Arbiter.Storage;

/// <summary>
/// The durable alert log of the alert sinks. Each call is its own committed transaction (with <c>Storage:Synchronous</c>
/// FULL it survives a power cut) before it returns, so "queued" is on disk before a send is attempted and "sent" right
/// after. Whether to send (dedup, cooldown) is the caller's rule; this only records and answers.
/// </summary>
public interface IAlertLog
{
    /// <summary>Records <paramref name="alert"/> as queued at <paramref name="time"/> (unix µs); returns its id.</summary>
    long RecordQueued(AlertDraft alert, long time);

    /// <summary>Marks alert <paramref name="id"/> sent at <paramref name="time"/>.</summary>
    void RecordSent(long id, long time);

    /// <summary>Marks alert <paramref name="id"/> dropped at <paramref name="time"/> for <paramref name="reason"/>.</summary>
    void RecordDropped(long id, long time, string reason);

    /// <summary>The last alert sent for this opportunity key to this target, or null.</summary>
    AlertRecord? LastSent(string opportunityKey, string target);

    /// <summary>Alerts still queued (neither sent nor dropped), oldest first: after a crash, these may or may not have reached the recipient.</summary>
    IReadOnlyList<AlertRecord> Unfinished();
}
