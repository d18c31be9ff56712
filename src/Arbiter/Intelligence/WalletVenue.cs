using Arbiter.Core;
using Arbiter.Venues.Wallets;

namespace Arbiter.Intelligence;

/// <summary>One enabled venue as the wallet refresher sees it: its client (null when the venue has none usable, see <see cref="Missing"/>), key and assets.</summary>
/// <param name="Venue">The venue.</param>
/// <param name="Client">Its wallet-status client, or null.</param>
/// <param name="Credentials">The configured key, if any.</param>
/// <param name="Assets">The assets to ask about (the venue's watched assets).</param>
/// <param name="Missing">Why there is no client, shown by the API.</param>
public sealed record WalletVenue(VenueId Venue, IWalletStatusClient? Client, VenueCredentials? Credentials, IReadOnlyList<Asset> Assets, string? Missing = null);
