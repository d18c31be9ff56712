namespace Arbiter.Venues;

/// <summary>A failed connection attempt and the wait before the next one.</summary>
/// <param name="Attempt">0-based number of the retry (0 after the first failure since the last success).</param>
/// <param name="Delay">How long until the next attempt.</param>
/// <param name="CircuitOpen">True when the breaker is open and <paramref name="Delay"/> is the rest of its break.</param>
/// <param name="Failure">Why the attempt failed.</param>
public readonly record struct RetryScheduled(int Attempt, TimeSpan Delay, bool CircuitOpen, Exception? Failure);
