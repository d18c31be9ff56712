namespace Arbiter.Alerts;

/// <summary>One alert decision for one chat.</summary>
/// <param name="Key">What the alert is about: <c>opportunity:{id}:{firstSeen}</c> for an opportunity (<see cref="AlertPolicy.KeyOf"/>).</param>
/// <param name="ChatId">The chat.</param>
/// <param name="NetProfitUsd">The net profit alerted.</param>
/// <param name="Time">When (unix µs).</param>
public sealed record AlertLogEntry(string Key, long ChatId, decimal NetProfitUsd, long Time);
