using Arbiter.Core;

namespace Arbiter.Intelligence;

/// <summary>
/// One venue's wallet-status source and its latest snapshot, for <c>/api/wallets</c>. Times are unix µs; null = never.
/// Holds the key only masked.
/// </summary>
/// <param name="Venue">The venue.</param>
/// <param name="Source">The endpoint ("GET https://…"), or null when the venue has no client.</param>
/// <param name="Keyed">True when the endpoint is the keyed one.</param>
/// <param name="MaskedKey">The API key masked (<c>abcd…wxyz</c>), or null when none is configured.</param>
/// <param name="LastSuccess">When the last fetch succeeded.</param>
/// <param name="LastFailure">When the last fetch failed.</param>
/// <param name="LastError">Why it failed, or why there is no client.</param>
/// <param name="Fetches">Fetches attempted.</param>
/// <param name="Failures">Fetches that failed.</param>
/// <param name="Snapshot">The latest successful snapshot.</param>
public sealed record WalletSourceStatus(
    VenueId Venue,
    string? Source,
    bool Keyed,
    string? MaskedKey,
    long? LastSuccess,
    long? LastFailure,
    string? LastError,
    long Fetches,
    long Failures,
    WalletSnapshot? Snapshot);
