using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Alerts;

/// <summary>
/// Who gets an alert for an opportunity event: every subscriber whose filters it passes (net premium ≥ threshold, net profit
/// ≥ minimum, asset and venue filters, an open route when routes-only, not muted), once per opportunity per chat, again only
/// when the net profit reached <see cref="DedupOptions.GrowthFactor"/> × the last alerted one and the cooldown has passed.
/// </summary>
/// <remarks>Closed events are never alerted. Time (mute, cooldown) comes from the injected clock.</remarks>
public sealed class AlertPolicy
{
    private readonly ISubscriberStore subscribers;
    private readonly IAlertLog log;
    private DedupOptions dedup;
    private readonly TimeProvider clock;

    public AlertPolicy(ISubscriberStore subscribers, IAlertLog log, DedupOptions dedup, TimeProvider clock)
    {
        this.subscribers = subscribers ?? throw new ArgumentNullException(nameof(subscribers));
        this.log = log ?? throw new ArgumentNullException(nameof(log));
        this.dedup = dedup ?? throw new ArgumentNullException(nameof(dedup));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>The dedup rules in force; replaced whole (never modified) when an operator changes them at runtime.</summary>
    public DedupOptions Dedup
    {
        get => Volatile.Read(ref dedup);
        set => Volatile.Write(ref dedup, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Suppressed because the same opportunity was alerted to the chat recently or has not grown enough.</summary>
    public long Deduplicated => Interlocked.Read(ref deduplicated);

    private long deduplicated;

    /// <summary>The key of an opportunity in the alert log: <c>opportunity:{Id}:{FirstSeen}</c> (ids restart at 1 in every run; a persistent log must not confuse two runs' opportunity 1).</summary>
    public static string KeyOf(Opportunity opportunity)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"opportunity:{opportunity.Id}:{opportunity.FirstSeen}");
    }

    /// <summary>True when <paramref name="opportunity"/> passes <paramref name="subscriber"/>'s filters (dedup aside) at <paramref name="now"/>.</summary>
    public static bool Passes(SubscriberSettings subscriber, Opportunity opportunity, long now)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(opportunity);
        if (subscriber.IsMuted(now) || opportunity.NetPremiumBps < subscriber.ThresholdBps || opportunity.NetProfitUsd < subscriber.MinProfitUsd)
        {
            return false;
        }

        if (subscriber.Assets.Count > 0 && !Contains(subscriber.Assets, opportunity.Asset))
        {
            return false;
        }

        if (subscriber.Venues.Count > 0 && (!Contains(subscriber.Venues, opportunity.Buy.Venue) || !Contains(subscriber.Venues, opportunity.Sell.Venue)))
        {
            return false;
        }

        return !subscriber.RoutesOnly || opportunity.Transfer.Available;
    }

    /// <summary>The subscribers to alert for <paramref name="opportunityEvent"/>; each is recorded as accepted in the alert log.</summary>
    public IReadOnlyList<AlertDecision> Decide(OpportunityEvent opportunityEvent)
    {
        ArgumentNullException.ThrowIfNull(opportunityEvent);
        if (opportunityEvent.Kind == OpportunityEventKind.Closed)
        {
            return [];
        }

        var opportunity = opportunityEvent.Opportunity;
        var now = UnixMicros.Now(clock);
        var key = KeyOf(opportunity);
        var dedup = Dedup; // one set of rules for the whole decision
        var cooldown = dedup.Cooldown.Ticks / 10;
        List<AlertDecision>? decisions = null;
        foreach (var subscriber in subscribers.All())
        {
            if (!Passes(subscriber, opportunity, now))
            {
                continue;
            }

            if (log.LastAccepted(key, subscriber.ChatId) is { } last
                && (now - last.Time < cooldown || opportunity.NetProfitUsd < last.NetProfitUsd * dedup.GrowthFactor))
            {
                Interlocked.Increment(ref deduplicated);
                continue;
            }

            var entry = new AlertLogEntry(key, subscriber.ChatId, opportunity.NetProfitUsd, now);
            log.RecordAccepted(entry);
            (decisions ??= []).Add(new AlertDecision(subscriber, entry));
        }

        return decisions ?? (IReadOnlyList<AlertDecision>)[];
    }

    private static bool Contains<T>(IReadOnlyList<T> list, T value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(list[i], value))
            {
                return true;
            }
        }

        return false;
    }
}
