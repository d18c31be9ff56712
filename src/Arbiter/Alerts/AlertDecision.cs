namespace Arbiter.Alerts;

/// <summary>An opportunity event to alert to one subscriber (already recorded as accepted in the alert log).</summary>
public sealed record AlertDecision(SubscriberSettings Subscriber, AlertLogEntry Entry);
