using System.Net;
using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Hosting;
using Arbiter.Venues;

namespace Arbiter.Tests.Api;

/// <summary><c>/api/health</c>: ok, degraded or down (503) from the venues' connections and books, with the counts behind it.</summary>
public sealed class HealthTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 13, 0, 0, TimeSpan.Zero);
    private static readonly long T0 = UnixMicros.FromDateTimeOffset(Start);
    private static readonly InstrumentCatalog Catalog = new();
    private static readonly Instrument BinanceBtc = Catalog.Add(new Instrument(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5));
    private static readonly Instrument UpbitBtc = Catalog.Add(new Instrument(VenueId.Upbit, "KRW-BTC", Asset.Btc, Asset.Krw, 0, 8));

    [Fact]
    public async Task Health_DownUntilABookIsSynced_DegradedWhileSomeAreNot_OkWhenAllAreAndEveryVenueIsConnected()
    {
        var clock = new ManualTimeProvider(Start);
        var hub = new ApiHub(new Dictionary<VenueId, VenueCounters> { [VenueId.Binance] = new(), [VenueId.Upbit] = new() }, clock);
        await using var server = new ApiServer(new ApiOptions { Url = "http://127.0.0.1:0" }, hub);
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.Address };

        await AssertHealth(http, HttpStatusCode.ServiceUnavailable,
            "{\"status\":\"down\",\"time\":\"2026-11-21T13:00:00.000000Z\",\"booksSynced\":0,\"books\":0,\"lastOutputAgeMs\":null,\"venues\":["
            + "{\"venue\":\"binance\",\"connection\":\"Disconnected\",\"booksSynced\":0,\"books\":0},{\"venue\":\"upbit\",\"connection\":\"Disconnected\",\"booksSynced\":0,\"books\":0}]}");

        hub.Apply(new HostOutput(T0, Venue: VenueId.Binance, Connection: ConnectionState.Connected));
        hub.Apply(new HostOutput(T0, Tops: [new BookTop(BinanceBtc, BookSyncState.Synced, BookInvalidReason.None, 1, 1, 2, 1, 5, T0)]));
        hub.Apply(new HostOutput(T0, Tops: [new BookTop(UpbitBtc, BookSyncState.Syncing, BookInvalidReason.None, 0, 0, 0, 0, 0, 0)]));
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        await AssertHealth(http, HttpStatusCode.OK,
            "{\"status\":\"degraded\",\"time\":\"2026-11-21T13:00:01.500000Z\",\"booksSynced\":1,\"books\":2,\"lastOutputAgeMs\":1500,\"venues\":["
            + "{\"venue\":\"binance\",\"connection\":\"Connected\",\"booksSynced\":1,\"books\":1},{\"venue\":\"upbit\",\"connection\":\"Disconnected\",\"booksSynced\":0,\"books\":1}]}");

        // Every book Synced but Upbit's connection is down: still degraded.
        var t1 = T0 + 1_500_000;
        hub.Apply(new HostOutput(t1, Tops: [new BookTop(UpbitBtc, BookSyncState.Synced, BookInvalidReason.None, 1, 1, 2, 1, 9, t1)]));
        Assert.Contains("\"status\":\"degraded\"", await http.GetStringAsync(new Uri("/api/health", UriKind.Relative)), StringComparison.Ordinal);

        hub.Apply(new HostOutput(t1, Venue: VenueId.Upbit, Connection: ConnectionState.Connected));
        await AssertHealth(http, HttpStatusCode.OK,
            "{\"status\":\"ok\",\"time\":\"2026-11-21T13:00:01.500000Z\",\"booksSynced\":2,\"books\":2,\"lastOutputAgeMs\":0,\"venues\":["
            + "{\"venue\":\"binance\",\"connection\":\"Connected\",\"booksSynced\":1,\"books\":1},{\"venue\":\"upbit\",\"connection\":\"Connected\",\"booksSynced\":1,\"books\":1}]}");
    }

    private static async Task AssertHealth(HttpClient http, HttpStatusCode status, string json)
    {
        using var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(json, await response.Content.ReadAsStringAsync());
    }
}
