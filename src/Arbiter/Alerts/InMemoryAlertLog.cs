namespace Arbiter.Alerts;

/// <summary>The alert log in memory: the last accepted alert per key and chat, and counts and recent entries of sent and dropped ones.</summary>
public sealed class InMemoryAlertLog : IAlertLog
{
    private const int RecentCapacity = 1000;
    private readonly object gate = new();
    private readonly Dictionary<(string Key, long ChatId), AlertLogEntry> last = [];
    private readonly Queue<AlertLogEntry> sent = new();
    private readonly Queue<(AlertLogEntry Entry, string Reason)> dropped = new();
    private long sentCount;
    private long droppedCount;

    public long SentCount
    {
        get
        {
            lock (gate)
            {
                return sentCount;
            }
        }
    }

    public long DroppedCount
    {
        get
        {
            lock (gate)
            {
                return droppedCount;
            }
        }
    }

    /// <summary>The last sent entries, oldest first (at most 1000).</summary>
    public IReadOnlyList<AlertLogEntry> Sent
    {
        get
        {
            lock (gate)
            {
                return [.. sent];
            }
        }
    }

    /// <summary>The last dropped entries with their reasons, oldest first (at most 1000).</summary>
    public IReadOnlyList<(AlertLogEntry Entry, string Reason)> Dropped
    {
        get
        {
            lock (gate)
            {
                return [.. dropped];
            }
        }
    }

    public void RecordAccepted(AlertLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            last[(entry.Key, entry.ChatId)] = entry;
        }
    }

    public void RecordSent(AlertLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            sentCount++;
            Keep(sent, entry);
        }
    }

    public void RecordDropped(AlertLogEntry entry, string reason)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            droppedCount++;
            Keep(dropped, (entry, reason));
        }
    }

    public AlertLogEntry? LastAccepted(string key, long chatId)
    {
        lock (gate)
        {
            return last.TryGetValue((key, chatId), out var entry) ? entry : null;
        }
    }

    private static void Keep<T>(Queue<T> queue, T item)
    {
        if (queue.Count == RecentCapacity)
        {
            queue.Dequeue();
        }

        queue.Enqueue(item);
    }
}
