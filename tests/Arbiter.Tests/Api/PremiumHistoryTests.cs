using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Hosting;
using Arbiter.Venues;

namespace Arbiter.Tests.Api;

/// <summary>An asset's premium over time: one sample per second, the largest cell overall and per kind, an hour kept.</summary>
public sealed class PremiumHistoryTests
{
    private static readonly long T0 = UnixMicros.FromDateTimeOffset(new DateTimeOffset(2026, 11, 21, 13, 0, 0, TimeSpan.Zero));
    private static readonly Instrument BinanceBtc = new(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5);
    private static readonly Instrument GateBtc = new(VenueId.GateIo, "BTC_USDT", Asset.Btc, Asset.Usdt, 2, 5);
    private static readonly Instrument CoinbaseBtc = new(VenueId.Coinbase, "BTC-USD", Asset.Btc, Asset.Usd, 2, 8);
    private static readonly Instrument UpbitBtc = new(VenueId.Upbit, "KRW-BTC", Asset.Btc, Asset.Krw, 0, 8);
    private static readonly long Second = 1_000_000;

    [Fact]
    public void Add_SameSecondKeepsTheLatest_NextSecondAppends_PerKindMaxima()
    {
        var history = new PremiumHistory();
        history.Add(Btc(T0, kimchi: 250m, usdLike: 3m, raw: -1.5m));
        history.Add(Btc(T0 + 400_000, kimchi: 260m, usdLike: 4m, raw: -1m)); // same second: replaces
        history.Add(Btc(T0 + Second + 1, kimchi: 240.5m, usdLike: null, raw: 2m));

        var samples = history.Of("btc");
        Assert.Equal(2, samples.Count);
        Assert.Equal(new PremiumHistory.Sample(T0 + 400_000, T0 / Second, 260m, VenueId.Binance, VenueId.Upbit, -1m, 4m, 260m), samples[0]);
        Assert.Equal(new PremiumHistory.Sample(T0 + Second + 1, (T0 / Second) + 1, 240.5m, VenueId.Binance, VenueId.Upbit, 2m, null, 240.5m), samples[1]);
        Assert.Empty(history.Of("ETH"));
    }

    [Fact]
    public void Add_OlderThanAnHourBeforeTheNewest_IsDropped_AndAnOlderMatrixIsIgnored()
    {
        var history = new PremiumHistory();
        history.Add(Btc(T0, kimchi: 1m, usdLike: null, raw: null));
        history.Add(Btc(T0 + Second, kimchi: 2m, usdLike: null, raw: null));
        history.Add(Btc(T0 + (3600 * Second) + Second, kimchi: 3m, usdLike: null, raw: null)); // T0 is now 1 h 1 s old, T0+1 s exactly 1 h
        history.Add(Btc(T0 + (5 * Second), kimchi: 9m, usdLike: null, raw: null)); // older than the newest: ignored

        Assert.Equal([2m, 3m], history.Of("BTC").Select(s => s.Kimchi!.Value));
    }

    [Fact]
    public void Json_IsExact()
    {
        var history = new PremiumHistory();
        history.Add(Btc(T0, kimchi: 250.1234m, usdLike: null, raw: -1.5m));
        history.Add(new PremiumMatrix(Asset.Btc, T0 + Second, []));
        Assert.Equal(
            "{\"asset\":\"BTC\",\"intervalMs\":1000,\"samples\":["
            + "{\"time\":\"2026-11-21T13:00:00.000000Z\",\"bestBps\":\"250.1234\",\"bestBuy\":\"binance\",\"bestSell\":\"upbit\",\"raw\":\"-1.5\",\"usdLike\":null,\"kimchi\":\"250.1234\"},"
            + "{\"time\":\"2026-11-21T13:00:01.000000Z\",\"bestBps\":null,\"bestBuy\":null,\"bestSell\":null,\"raw\":null,\"usdLike\":null,\"kimchi\":null}]}",
            history.Json("btc"));
    }

    [Fact]
    public async Task Endpoint_ServesTheHubsHistory_AndRequiresAnAsset()
    {
        var hub = new ApiHub(new Dictionary<VenueId, VenueCounters>(), TimeProvider.System);
        hub.Apply(new HostOutput(T0, Premiums: [Btc(T0, kimchi: 12.5m, usdLike: null, raw: null)]));
        await using var server = new ApiServer(new ApiOptions { Url = "http://127.0.0.1:0" }, hub);
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.Address };

        Assert.Equal(
            "{\"asset\":\"BTC\",\"intervalMs\":1000,\"samples\":[{\"time\":\"2026-11-21T13:00:00.000000Z\",\"bestBps\":\"12.5\",\"bestBuy\":\"binance\",\"bestSell\":\"upbit\",\"raw\":null,\"usdLike\":null,\"kimchi\":\"12.5\"}]}",
            await http.GetStringAsync(new Uri("/api/premiums/history?asset=BTC", UriKind.Relative)));
        Assert.Equal("{\"asset\":\"DOGE\",\"intervalMs\":1000,\"samples\":[]}", await http.GetStringAsync(new Uri("/api/premiums/history?asset=doge", UriKind.Relative)));
        using var missing = await http.GetAsync(new Uri("/api/premiums/history", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("asset is required", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A BTC matrix with one cell per given kind: kimchi Binance→Upbit, usdLike Coinbase→Gate.io, raw Gate.io→Binance.</summary>
    private static PremiumMatrix Btc(long time, decimal? kimchi, decimal? usdLike, decimal? raw)
    {
        var cells = new List<PremiumCell>();
        if (kimchi is { } k)
        {
            cells.Add(new PremiumCell(BinanceBtc, UpbitBtc, PremiumKind.Kimchi, k));
        }

        if (usdLike is { } u)
        {
            cells.Add(new PremiumCell(CoinbaseBtc, GateBtc, PremiumKind.UsdLike, u));
        }

        if (raw is { } r)
        {
            cells.Add(new PremiumCell(GateBtc, BinanceBtc, PremiumKind.Raw, r));
        }

        return new PremiumMatrix(Asset.Btc, time, cells);
    }
}
