using System.Diagnostics.CodeAnalysis;

namespace Arbiter.Venues;

/// <summary>Parses a venue's market-list body into its markets and watched instruments (registering them in the catalog); false when the body is not a market list.</summary>
internal delegate bool MarketListParser(ReadOnlySpan<byte> body, [NotNullWhen(true)] out VenueMarkets? markets);
