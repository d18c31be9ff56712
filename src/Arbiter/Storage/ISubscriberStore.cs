namespace Arbiter.Storage;

/// <summary>The durable subscriber list of the Telegram side; each call is its own committed transaction.</summary>
public interface ISubscriberStore
{
    /// <summary>The subscriber of <paramref name="chatId"/>, or null.</summary>
    Subscriber? GetSubscriber(long chatId);

    /// <summary>Every subscriber, by chat id.</summary>
    IReadOnlyList<Subscriber> Subscribers();

    /// <summary>Inserts or replaces the subscriber (keeping its first <see cref="Subscriber.CreatedAt"/>) at <paramref name="time"/> (unix µs).</summary>
    void PutSubscriber(long chatId, string? userName, SubscriberSettings settings, long time);

    /// <summary>Removes the subscriber; false when there was none.</summary>
    bool DeleteSubscriber(long chatId);
}
