using Arbiter.Core;

namespace Arbiter.Core.Tests;

public sealed class CrossVenueMarketsTests
{
    [Fact]
    public void Build_ThreeVenues_KeepsAssetsOnTwoOrMoreVenuesWithEveryQuote()
    {
        var binance = new MarketList();
        binance.Add("BTCUSDT", Asset.Of("BTC"), Asset.Of("USDT"));
        binance.Add("BTCUSDC", Asset.Of("BTC"), Asset.Of("USDC"));
        binance.Add("BNBUSDT", Asset.Of("BNB"), Asset.Of("USDT")); // Binance only: not common
        var upbit = new MarketList();
        upbit.Add("KRW-BTC", Asset.Of("BTC"), Asset.Of("KRW"));
        upbit.Add("KRW-XRP", Asset.Of("XRP"), Asset.Of("KRW"));
        var kraken = new MarketList();
        kraken.Add("XRP/USD", Asset.Of("XRP"), Asset.Of("USD"));

        var common = CrossVenueMarkets.Build([(VenueId.Upbit, upbit), (VenueId.Binance, binance), (VenueId.Kraken, kraken), (VenueId.Okx, null)]);

        Assert.Equal([VenueId.Binance, VenueId.Upbit, VenueId.Kraken], common.Venues);
        Assert.Equal(["BTC", "XRP"], common.Assets.Select(a => a.Asset.Code));
        Assert.Equal(
            [new CrossVenueListing(VenueId.Binance, "BTCUSDC", Asset.Of("USDC")), new CrossVenueListing(VenueId.Binance, "BTCUSDT", Asset.Of("USDT")), new CrossVenueListing(VenueId.Upbit, "KRW-BTC", Asset.Of("KRW"))],
            common.Assets[0].Listings);
        Assert.Equal([VenueId.Binance, VenueId.Upbit], common.Assets[0].Venues);
        Assert.Equal([VenueId.Upbit, VenueId.Kraken], common.Assets[1].Venues);
    }

    [Fact]
    public void Build_NoLists_IsEmpty()
    {
        var common = CrossVenueMarkets.Build([]);
        Assert.Empty(common.Assets);
        Assert.Empty(common.Venues);
    }
}
