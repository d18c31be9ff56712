namespace Arbiter.Engine;

/// <summary>The cheapest network to move an asset from one venue to another now, or why there is none.</summary>
/// <param name="Network">Unified network code; null when unavailable.</param>
/// <param name="Fee">Withdrawal fee at the source venue, in units of the asset.</param>
/// <param name="Minimum">Smallest withdrawal at the source venue, when published.</param>
/// <param name="Unavailable">Null when usable, else the reason of <see cref="TransferQuote.Unavailable"/>.</param>
internal readonly record struct TransferRoute(string? Network, decimal Fee, decimal? Minimum, string? Unavailable);
