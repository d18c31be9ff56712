namespace Arbiter.Alerts;

/// <summary>Where subscribers and their settings live (in memory now; SQLite later). Implementations are thread-safe.</summary>
public interface ISubscriberStore
{
    /// <summary>The chat's settings, or null when it is not subscribed.</summary>
    SubscriberSettings? Get(long chatId);

    /// <summary>Adds or replaces the chat's settings.</summary>
    void Put(SubscriberSettings settings);

    /// <summary>Unsubscribes the chat; false when it was not subscribed.</summary>
    bool Remove(long chatId);

    /// <summary>Every subscriber, ordered by chat id.</summary>
    IReadOnlyList<SubscriberSettings> All();
}
