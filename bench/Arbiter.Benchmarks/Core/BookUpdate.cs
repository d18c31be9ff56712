using Arbiter.Core;

namespace Arbiter.Benchmarks.Core;

/// <summary>One level change: quantity 0 removes the level.</summary>
internal readonly record struct BookUpdate(Side Side, long Price, long Quantity);
