using Arbiter.Core;
using StoredSettings = Arbiter.Storage.SubscriberSettings;
using TelegramSettings = Arbiter.Alerts.SubscriberSettings;

namespace Arbiter.Storage;

/// <summary>
/// The Telegram side's <see cref="Alerts.ISubscriberStore"/> on the SQLite store: filters as settings JSON (assets as
/// codes, venues as names, not muted as null), the subscription time as the row's creation time.
/// </summary>
public sealed class SqliteSubscriberStore : Alerts.ISubscriberStore
{
    private readonly SqliteStore store;
    private readonly TimeProvider clock;

    public SqliteSubscriberStore(SqliteStore store, TimeProvider clock)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    public TelegramSettings? Get(long chatId) => store.GetSubscriber(chatId) is { } subscriber ? ToTelegram(subscriber) : null;

    public void Put(TelegramSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stored = new StoredSettings(
            settings.ThresholdBps,
            settings.MinProfitUsd,
            [.. settings.Assets.Select(a => a.Code)],
            [.. settings.Venues.Select(v => v.Name())],
            settings.RoutesOnly,
            settings.MutedUntil == 0 ? null : settings.MutedUntil);
        store.PutSubscriber(settings.ChatId, null, stored, UnixMicros.Now(clock), settings.SubscribedAt);
    }

    public bool Remove(long chatId) => store.DeleteSubscriber(chatId);

    public IReadOnlyList<TelegramSettings> All() => [.. store.Subscribers().Select(ToTelegram)];

    private static TelegramSettings ToTelegram(Subscriber subscriber)
    {
        var s = subscriber.Settings;
        var venues = new List<VenueId>();
        foreach (var name in s.Venues ?? [])
        {
            if (VenueNames.TryParse(name, out var venue))
            {
                venues.Add(venue);
            }
        }

        return new TelegramSettings(
            subscriber.ChatId,
            s.ThresholdBps ?? 0m,
            s.MinProfitUsd ?? 0m,
            [.. (s.Assets ?? []).Select(Asset.Of)],
            venues,
            s.RoutesOnly,
            s.MutedUntil ?? 0,
            subscriber.CreatedAt);
    }
}
