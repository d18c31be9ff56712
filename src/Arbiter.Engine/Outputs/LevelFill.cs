namespace Arbiter.Engine;

/// <summary>
/// One book level consumed by a depth walk: its price (in the instrument's quote currency) and the quantity taken from
/// it (base units, at the walk's quantity scale); the last level of a leg may be taken only partly.
/// </summary>
public readonly record struct LevelFill(decimal Price, decimal Quantity);
