using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>
/// Every ordered pair of one asset's usable books on different venues (both Synced, fresh, from a venue not excluded for
/// data quality, convertible to USD when their quotes differ), as <see cref="PremiumCell"/>s; the venue × venue matrix of the API.
/// </summary>
/// <param name="Asset">The asset.</param>
/// <param name="Time">Engine clock when computed, unix microseconds.</param>
/// <param name="Cells">Ordered by buy instrument id, then sell instrument id.</param>
public sealed record PremiumMatrix(Asset Asset, long Time, IReadOnlyList<PremiumCell> Cells);
