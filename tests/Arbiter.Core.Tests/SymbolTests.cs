using Arbiter.Core;

namespace Arbiter.Core.Tests;

public sealed class SymbolTests
{
    [Theory]
    [InlineData(VenueId.Coinbase, "BTC-USD", "BTC", "USD")]
    [InlineData(VenueId.Okx, "BTC-USDT", "BTC", "USDT")]
    [InlineData(VenueId.GateIo, "BTC_USDT", "BTC", "USDT")]
    [InlineData(VenueId.Upbit, "KRW-BTC", "BTC", "KRW")]
    [InlineData(VenueId.Bithumb, "KRW-ETH", "ETH", "KRW")]
    [InlineData(VenueId.Kraken, "BTC/USD", "BTC", "USD")]
    [InlineData(VenueId.Kraken, "XBT/USD", "BTC", "USD")]
    public void TryParse_SeparatorFormats_SplitOnSeparator(VenueId venue, string symbol, string expectedBase, string expectedQuote)
    {
        var error = VenueSymbology.TryParse(VenueSymbology.FormatOf(venue), symbol, null, out var b, out var q);
        Assert.Null(error);
        Assert.Equal(expectedBase, b.Code);
        Assert.Equal(expectedQuote, q.Code);
    }

    [Fact]
    public void TryParse_OldBithumbUnderscore_IsBaseThenQuote()
    {
        Assert.Null(VenueSymbology.TryParse(SymbolFormat.BaseUnderscoreQuote, "BTC_KRW", null, out var b, out var q));
        Assert.Equal(("BTC", "KRW"), (b.Code, q.Code));
    }

    [Fact]
    public void TryParse_Concatenated_UsesMarketListNeverGuesses()
    {
        var markets = new MarketList();
        markets.Add("BTCUSDT", Asset.Btc, Asset.Usdt);
        Assert.Null(VenueSymbology.TryParse(SymbolFormat.Concatenated, "BTCUSDT", markets, out var b, out var q));
        Assert.Equal((Asset.Btc, Asset.Usdt), (b, q));

        // "ETHBTC" would be easy to guess, but it is not in the list: refused.
        Assert.Contains("not in the venue's market list", VenueSymbology.TryParse(SymbolFormat.Concatenated, "ETHBTC", markets, out _, out _), StringComparison.Ordinal);
        Assert.Contains("market list is needed", VenueSymbology.TryParse(SymbolFormat.Concatenated, "BTCUSDT", null, out _, out _), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BTCUSD")]
    [InlineData("-USD")]
    [InlineData("BTC-")]
    [InlineData("BTC-USD-X")]
    [InlineData("BT C-USD")]
    public void TryParse_MalformedDashSymbol_ReturnsError(string symbol) =>
        Assert.NotNull(VenueSymbology.TryParse(SymbolFormat.BaseDashQuote, symbol, null, out _, out _));

    [Theory]
    [InlineData(SymbolFormat.Concatenated, "BTCUSDT")]
    [InlineData(SymbolFormat.BaseDashQuote, "BTC-USDT")]
    [InlineData(SymbolFormat.BaseUnderscoreQuote, "BTC_USDT")]
    [InlineData(SymbolFormat.QuoteDashBase, "USDT-BTC")]
    [InlineData(SymbolFormat.BaseSlashQuote, "BTC/USDT")]
    public void Compose_BaseQuote_MatchesVenueSpelling(SymbolFormat format, string expected) =>
        Assert.Equal(expected, VenueSymbology.Compose(format, Asset.Btc, Asset.Usdt));

    [Fact]
    public void Asset_Of_IsCaseInsensitiveAndInterned()
    {
        Assert.Equal(Asset.Of("btc"), Asset.Btc);
        Assert.Equal("BTC", Asset.Of("bTc").Code);
        Assert.NotEqual(Asset.Btc, Asset.Usdt);
    }

    [Fact]
    public void Utf8SymbolMap_LooksUpBytesWithoutStrings()
    {
        var map = new Utf8SymbolMap<int>(ignoreCase: true);
        map.Set("BTCUSDT", 7);
        Assert.True(map.TryGet("btcusdt"u8, out var v));
        Assert.Equal(7, v);
        Assert.False(map.TryGet("ETHUSDT"u8, out _));
        Assert.False(map.TryGet([0xC3, 0xA9], out _));
    }

    [Fact]
    public void InstrumentCatalog_Add_GivesDenseIdsAndDeduplicates()
    {
        var catalog = new InstrumentCatalog();
        var a = catalog.Add(new Instrument(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5));
        var b = catalog.Add(new Instrument(VenueId.Upbit, "KRW-BTC", Asset.Btc, Asset.Krw, 8, 8));
        var again = catalog.Add(new Instrument(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5));
        Assert.Equal((0, 1), (a.Id, b.Id));
        Assert.Same(a, again);
        Assert.Same(b, catalog[1]);
        Assert.Equal(2, catalog.Count);
    }

    [Fact]
    public void UnixMicros_Iso_RoundTripsWithSixDigits()
    {
        const long micros = 1_700_000_000_123_456;
        var iso = UnixMicros.ToIso(micros);
        Assert.Equal("2023-11-14T22:13:20.123456Z", iso);
        Assert.True(UnixMicros.TryParseIso(iso, out var back));
        Assert.Equal(micros, back);
    }
}
