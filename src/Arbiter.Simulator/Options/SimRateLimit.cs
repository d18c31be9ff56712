namespace Arbiter.Simulator;

/// <summary>A venue's published limit as the simulator enforces it: at most <see cref="Count"/> in any window of <see cref="Window"/>.</summary>
public readonly record struct SimRateLimit(int Count, TimeSpan Window);
