using Arbiter.Core;
using Arbiter.Venues.Wallets;

namespace Arbiter.Tests.Support;

/// <summary>A hand-written wallet-status client: answers each fetch with what the test set, and records the assets asked for.</summary>
internal sealed class FakeWalletClient(VenueId venue, bool requiresKeys, string source) : IWalletStatusClient
{
    private readonly List<IReadOnlyList<Asset>> asked = [];
    private volatile Func<long, WalletFetch> answer = _ => WalletFetch.Failed("not set");

    public VenueId Venue { get; } = venue;

    public bool RequiresKeys { get; } = requiresKeys;

    public string Source { get; } = source;

    public IReadOnlyList<IReadOnlyList<Asset>> Asked
    {
        get
        {
            lock (asked)
            {
                return [.. asked];
            }
        }
    }

    /// <summary>Every later fetch returns a snapshot of <paramref name="assets"/> taken at the fetch's time.</summary>
    public void Answer(params AssetWallet[] assets) => answer = now => WalletFetch.Ok(new WalletSnapshot(Venue, now, assets, Source));

    public void Fail(string error) => answer = _ => WalletFetch.Failed(error);

    public Task<WalletFetch> FetchAsync(HttpClient http, IReadOnlyList<Asset> assets, long now, CancellationToken cancellationToken)
    {
        lock (asked)
        {
            asked.Add(assets);
        }

        return Task.FromResult(answer(now));
    }
}
