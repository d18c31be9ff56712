namespace Arbiter.Alerts;

/// <summary>
/// A write-through cache over a durable <see cref="ISubscriberStore"/>: <see cref="All"/> (read for every opportunity event)
/// and <see cref="Get"/> answer from memory; <see cref="Put"/> and <see cref="Remove"/> write the inner store first, then the
/// cache, so what is cached is always what is on disk. Thread-safe.
/// </summary>
public sealed class CachedSubscriberStore : ISubscriberStore
{
    private readonly ISubscriberStore inner;
    private readonly object gate = new();
    private IReadOnlyList<SubscriberSettings> all;

    public CachedSubscriberStore(ISubscriberStore inner)
    {
        this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        all = inner.All();
    }

    public SubscriberSettings? Get(long chatId)
    {
        var snapshot = All();
        for (var i = 0; i < snapshot.Count; i++)
        {
            if (snapshot[i].ChatId == chatId)
            {
                return snapshot[i];
            }
        }

        return null;
    }

    public void Put(SubscriberSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (gate)
        {
            inner.Put(settings);
            Volatile.Write(ref all, inner.All());
        }
    }

    public bool Remove(long chatId)
    {
        lock (gate)
        {
            var removed = inner.Remove(chatId);
            Volatile.Write(ref all, inner.All());
            return removed;
        }
    }

    public IReadOnlyList<SubscriberSettings> All() => Volatile.Read(ref all);
}
