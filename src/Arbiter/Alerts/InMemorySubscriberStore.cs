using System.Collections.Concurrent;

namespace Arbiter.Alerts;

/// <summary>Subscribers in memory (lost at exit): the store until the SQLite one exists, and the tests' store.</summary>
public sealed class InMemorySubscriberStore : ISubscriberStore
{
    private readonly ConcurrentDictionary<long, SubscriberSettings> subscribers = new();

    public SubscriberSettings? Get(long chatId) => subscribers.TryGetValue(chatId, out var settings) ? settings : null;

    public void Put(SubscriberSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        subscribers[settings.ChatId] = settings;
    }

    public bool Remove(long chatId) => subscribers.TryRemove(chatId, out _);

    public IReadOnlyList<SubscriberSettings> All()
    {
        var all = subscribers.Values.ToList();
        all.Sort((a, b) => a.ChatId.CompareTo(b.ChatId));
        return all;
    }
}
