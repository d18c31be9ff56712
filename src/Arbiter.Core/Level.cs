namespace Arbiter.Core;

/// <summary>One price level: price and quantity in the instrument's fixed-point units.</summary>
public readonly record struct Level(long Price, long Quantity);
