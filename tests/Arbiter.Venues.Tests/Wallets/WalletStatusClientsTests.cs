using Arbiter.Core;
using Arbiter.Venues.Binance;
using Arbiter.Venues.Bithumb;
using Arbiter.Venues.Bybit;
using Arbiter.Venues.Coinbase;
using Arbiter.Venues.GateIo;
using Arbiter.Venues.Kraken;
using Arbiter.Venues.Okx;
using Arbiter.Venues.Upbit;
using Arbiter.Venues.Wallets;
using Shouldly;

namespace Arbiter.Venues.Tests.Wallets;

public sealed class WalletStatusClientsTests
{
    private static readonly Uri Base = new("https://api.example.test");
    private static readonly VenueCredentials Keys = new("wallet-test-key-0001", "wallet-test-secret-0001", "wallet-test-passphrase");

    [Theory]
    [InlineData(VenueId.GateIo, typeof(GateIoWalletClient), false)]
    [InlineData(VenueId.Coinbase, typeof(CoinbaseWalletClient), false)]
    [InlineData(VenueId.Kraken, typeof(KrakenWalletClient), false)]
    [InlineData(VenueId.Bithumb, typeof(BithumbWalletClient), false)]
    public void Create_PublicVenueWithoutKeys_PublicClient(VenueId venue, Type type, bool requiresKeys)
    {
        var client = WalletStatusClients.Create(venue, Base, null).ShouldNotBeNull();

        client.ShouldBeOfType(type);
        client.Venue.ShouldBe(venue);
        client.RequiresKeys.ShouldBe(requiresKeys);
        WalletStatusClients.HasPublicEndpoint(venue).ShouldBeTrue();
    }

    [Theory]
    [InlineData(VenueId.Binance)]
    [InlineData(VenueId.Bybit)]
    [InlineData(VenueId.Okx)]
    [InlineData(VenueId.Upbit)]
    public void Create_KeyedVenueWithoutKeys_Null(VenueId venue)
    {
        WalletStatusClients.Create(venue, Base, null).ShouldBeNull();
        WalletStatusClients.HasPublicEndpoint(venue).ShouldBeFalse();
    }

    [Theory]
    [InlineData(VenueId.Binance, typeof(BinanceWalletClient), "GET https://api.example.test/sapi/v1/capital/config/getall")]
    [InlineData(VenueId.Bybit, typeof(BybitWalletClient), "GET https://api.example.test/v5/asset/coin/query-info")]
    [InlineData(VenueId.Okx, typeof(OkxWalletClient), "GET https://api.example.test/api/v5/asset/currencies")]
    [InlineData(VenueId.Upbit, typeof(UpbitWalletClient), "GET https://api.example.test/v1/status/wallet")]
    [InlineData(VenueId.Bithumb, typeof(BithumbWalletClient), "GET https://api.example.test/v1/status/wallet")]
    public void Create_WithKeys_KeyedClientAndSource(VenueId venue, Type type, string source)
    {
        var client = WalletStatusClients.Create(venue, Base, Keys).ShouldNotBeNull();

        client.ShouldBeOfType(type);
        client.RequiresKeys.ShouldBeTrue();
        client.Source.ShouldBe(source);
    }

    [Fact]
    public void Create_BaseWithTrailingSlash_NoDoubleSlash()
    {
        WalletStatusClients.Create(VenueId.GateIo, new Uri("https://api.gateio.ws/"), null)!.Source
            .ShouldBe("GET https://api.gateio.ws/api/v4/wallet/currency_chains");
        WalletStatusClients.Create(VenueId.Bithumb, new Uri("https://api.bithumb.com"), null)!.Source
            .ShouldBe("GET https://api.bithumb.com/public/assetsstatus/multichain/ALL");
    }

    [Fact]
    public void Create_NonHttpBase_Throws()
    {
        Should.Throw<ArgumentException>(() => WalletStatusClients.Create(VenueId.Kraken, new Uri("wss://ws.kraken.com"), null));
    }

    [Fact]
    public void VenueCredentials_ToString_NeverShowsSecret()
    {
        Keys.ToString().ShouldNotContain(Keys.ApiSecret);
        Keys.ToString().ShouldNotContain("wallet-test-passphrase");
    }
}
