using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>A network's deposit or withdrawal status changed between two fetches (or appeared): the status-change event of the API and alerts.</summary>
/// <param name="Venue">The venue.</param>
/// <param name="Asset">The asset.</param>
/// <param name="Network">The unified network code.</param>
/// <param name="Previous">The status before, or null when the network is new (first fetch).</param>
/// <param name="Current">The status now, or null when the network disappeared from the venue's list.</param>
/// <param name="Time">Engine clock, unix microseconds.</param>
public sealed record WalletChange(VenueId Venue, Asset Asset, string Network, NetworkStatus? Previous, NetworkStatus? Current, long Time);
