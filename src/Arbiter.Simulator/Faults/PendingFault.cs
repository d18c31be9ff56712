namespace Arbiter.Simulator;

/// <summary>A fault waiting for a step where it can apply; <see cref="Symbol"/> null = any symbol.</summary>
internal readonly record struct PendingFault(FaultKind Kind, string? Symbol);
