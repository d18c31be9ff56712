using Arbiter.Core;
using Arbiter.Hosting;
using Arbiter.Intelligence;

namespace Arbiter.Tests.Intelligence;

/// <summary>How the live pipeline builds its refreshers from configuration: which venues get a wallet client, keyed or public, where.</summary>
public sealed class LivePipelineWiringTests
{
    [Fact]
    public async Task DefaultWalletClients_PublicVenuesWithoutKeys_KeyedOnesOnlyWithCredentials()
    {
        var settings = SettingsLoader.Load(null, new Dictionary<string, string?>
        {
            ["Credentials:Binance:ApiKey"] = "binance-key-0123456789",
            ["Credentials:Binance:ApiSecret"] = "binance-secret",
        }, dotEnvPath: null);
        await using var pipeline = new LivePipeline(settings, TimeProvider.System);

        var status = pipeline.Wallets.Status().ToDictionary(s => s.Venue);
        Assert.Equal(Enum.GetValues<VenueId>().Order(), status.Keys.Order());
        foreach (var venue in new[] { VenueId.Bybit, VenueId.Okx, VenueId.Upbit })
        {
            Assert.Null(status[venue].Source);
            Assert.Equal($"no wallet-status client: {venue.Name()} gives deposit/withdrawal status only with an API key (set Credentials:{venue}:ApiKey and ApiSecret, read-only)", status[venue].LastError);
        }

        foreach (var venue in new[] { VenueId.GateIo, VenueId.Kraken, VenueId.Bithumb, VenueId.Coinbase })
        {
            Assert.NotNull(status[venue].Source);
            Assert.False(status[venue].Keyed, venue.Name());
            Assert.Null(status[venue].MaskedKey);
            Assert.Null(status[venue].LastError);
        }

        Assert.Contains("api.exchange.coinbase.com", status[VenueId.Coinbase].Source, StringComparison.Ordinal); // the Exchange API, not Advanced Trade
        Assert.Contains("api.gateio.ws", status[VenueId.GateIo].Source, StringComparison.Ordinal);
        Assert.True(status[VenueId.Binance].Keyed);
        Assert.Contains("api.binance.com", status[VenueId.Binance].Source, StringComparison.Ordinal);
        Assert.Equal("bina…6789", status[VenueId.Binance].MaskedKey);
        Assert.Equal(new Uri("https://api.exchange.coinbase.com"), LivePipeline.WalletBase(VenueId.Coinbase, settings));
        Assert.Equal(new Uri("https://api.upbit.com"), LivePipeline.WalletBase(VenueId.Upbit, settings));
    }

    [Fact]
    public async Task FxRefresher_EmptyUrl_HasNoSource_DefaultHasDunamu()
    {
        var none = SettingsLoader.Load(null, new Dictionary<string, string?> { ["FxSource:Url"] = "" }, dotEnvPath: null);
        await using (var pipeline = new LivePipeline(none, TimeProvider.System))
        {
            Assert.Equal(new FxSourceHealth(null, "0.basePrice", null, null, null, null, 0, 0, 0), pipeline.Fx.Health);
        }

        await using (var pipeline = new LivePipeline(SettingsLoader.Load(null, dotEnvPath: null), TimeProvider.System))
        {
            Assert.Equal("https://quotation-api-cdn.dunamu.com/v1/forex/recent?codes=FRX.KRWUSD", pipeline.Fx.Health.Url);
        }
    }

    [Fact]
    public async Task RunAsync_AWalletClientThrows_StopsTheRunAndSurfacesTheBug()
    {
        var settings = SettingsLoader.Load(null, new Dictionary<string, string?> { ["Venues:Enabled:0"] = "gateio", ["FxSource:Url"] = "" }, dotEnvPath: null);
        await using var pipeline = new LivePipeline(settings, TimeProvider.System, walletClients: _ => new ThrowingWalletClient());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("a bug in the client", error.Message);
    }

    private sealed class ThrowingWalletClient : Arbiter.Venues.Wallets.IWalletStatusClient
    {
        public VenueId Venue => VenueId.GateIo;

        public bool RequiresKeys => false;

        public string Source => "GET nowhere";

        public Task<Arbiter.Venues.Wallets.WalletFetch> FetchAsync(HttpClient http, IReadOnlyList<Asset> assets, long now, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a bug in the client");
    }
}
