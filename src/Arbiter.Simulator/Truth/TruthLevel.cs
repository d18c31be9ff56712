namespace Arbiter.Simulator;

/// <summary>One level of a simulated venue's true book, as exact decimals (compare by value: 1.50 == 1.5).</summary>
public readonly record struct TruthLevel(decimal Price, decimal Quantity);
