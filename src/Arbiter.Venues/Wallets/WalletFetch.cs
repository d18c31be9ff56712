using Arbiter.Core;

namespace Arbiter.Venues.Wallets;

/// <summary>The result of one wallet-status fetch: a snapshot, or a specific error ("HTTP 401 from GET …: invalid signature").</summary>
public sealed record WalletFetch(WalletSnapshot? Snapshot, string? Error)
{
    public static WalletFetch Ok(WalletSnapshot snapshot) => new(snapshot ?? throw new ArgumentNullException(nameof(snapshot)), null);

    public static WalletFetch Failed(string error) => new(null, error);
}
