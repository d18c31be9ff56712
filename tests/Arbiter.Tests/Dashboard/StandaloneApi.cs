using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Hosting;
using Arbiter.Intelligence;
using Arbiter.Venues;

namespace Arbiter.Tests.Dashboard;

/// <summary>
/// A real <see cref="ApiServer"/> over an <see cref="ApiHub"/> on 127.0.0.1:0, serving the real dashboard, that a browser test
/// feeds itself: for what the shared demo cannot be made to produce on demand — hostile names in venues' market and wallet
/// lists, or a burst that puts the page more messages behind than its limit.
/// </summary>
internal sealed class StandaloneApi : IAsyncDisposable
{
    private readonly ApiServer server;

    private StandaloneApi(ApiOptions options, ApiHub hub)
    {
        Hub = hub;
        server = new ApiServer(options, hub);
    }

    public ApiHub Hub { get; }

    public Uri Address => server.Address;

    /// <summary>Starts a server for binance, upbit and okx with <paramref name="options"/>, market lists from <paramref name="markets"/> and wallet sources from <paramref name="wallets"/>.</summary>
    public static async Task<StandaloneApi> StartAsync(
        ApiOptions options,
        Func<IReadOnlyList<(VenueId Venue, MarketList? Markets)>>? markets = null,
        Func<IReadOnlyList<WalletSourceStatus>>? wallets = null)
    {
        var hub = new ApiHub(
            new Dictionary<VenueId, VenueCounters> { [VenueId.Binance] = new(), [VenueId.Upbit] = new(), [VenueId.Okx] = new() },
            TimeProvider.System)
        {
            MarketSources = markets,
            WalletSources = wallets,
        };
        var api = new StandaloneApi(options, hub);
        await api.server.StartAsync(CancellationToken.None);
        return api;
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();
}
