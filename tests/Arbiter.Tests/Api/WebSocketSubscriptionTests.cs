using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Intelligence;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Api.WebSocketFanoutTests;

namespace Arbiter.Tests.Api;

/// <summary>/ws subscriptions by asset and venue: the query and message forms, the filtered snapshot, filtered events, and bad input.</summary>
public sealed class WebSocketSubscriptionTests
{
    [Fact]
    public async Task Query_VenuesFilter_AnUpbitBinanceOpportunityReachesTheUpbitClientNotTheOkxClient()
    {
        var hub = PopulatedHub();
        await using var server = await StartAsync(hub);
        using var upbit = await ConnectAsync(server, "?venues=UPBIT");
        using var okx = await ConnectAsync(server, "?venues=okx");
        using var all = await ConnectAsync(server, "");
        var upbitSnapshot = await NextAsync(upbit);
        var okxSnapshot = await NextAsync(okx);
        Assert.Equal("snapshot", Label(await WebSocketMessages.ReceiveTextAsync(all)));

        // The snapshot is filtered the same way; stats and fx are not.
        Assert.Equal(["upbit"], Names(upbitSnapshot, "venues", "venue"));
        Assert.Equal(["KRW-BTC"], Names(upbitSnapshot, "books", "symbol"));
        Assert.Equal([7L], upbitSnapshot.GetProperty("opportunities").EnumerateArray().Select(o => o.GetProperty("id").GetInt64()));
        Assert.Equal(["upbit"], Names(upbitSnapshot, "quality", "venue"));
        Assert.Equal(["BTC", "ETH"], Names(upbitSnapshot, "premiums", "asset"));
        Assert.Equal(["okx"], Names(okxSnapshot, "venues", "venue"));
        Assert.Equal(["ETH-USDT"], Names(okxSnapshot, "books", "symbol"));
        Assert.Empty(okxSnapshot.GetProperty("opportunities").EnumerateArray());
        Assert.Empty(Names(okxSnapshot, "quality", "venue"));
        Assert.Equal(JsonValueKind.Object, okxSnapshot.GetProperty("stats").ValueKind);
        Assert.Equal(JsonValueKind.Object, okxSnapshot.GetProperty("fx").ValueKind);

        hub.Apply(OpportunityOutput(OpportunityEventKind.Opened, 8, 12m, BinanceBtc, UpbitBtc));
        hub.Apply(new HostOutput(T0 + 1, Tops: [Top(OkxEth, 1), Top(UpbitBtc, 1)]));
        hub.Apply(Wallet("W-okx", VenueId.Okx));
        hub.BroadcastStats();

        Assert.Equal(["opportunity.opened:8:12", "books:KRW-BTC:140000001", "stats"], await LabelsUntilStatsAsync(upbit));
        Assert.Equal(["books:ETH-USDT:3001", "wallet:W-okx", "stats"], await LabelsUntilStatsAsync(okx));
        Assert.Equal(["opportunity.opened:8:12", "books:ETH-USDT:3001", "books:KRW-BTC:140000001", "wallet:W-okx", "stats"], await LabelsUntilStatsAsync(all));
    }

    [Fact]
    public async Task Query_AssetsFilter_PassesOnlyThoseAssets_UntaggedMessagesAlways()
    {
        var hub = PopulatedHub();
        await using var server = await StartAsync(hub);
        using var eth = await ConnectAsync(server, "?assets=eth&assets=DOGE");
        var snapshot = await NextAsync(eth);
        Assert.Equal(["binance", "upbit", "okx"], Names(snapshot, "venues", "venue"));
        Assert.Equal(["ETH-USDT"], Names(snapshot, "books", "symbol"));
        Assert.Empty(snapshot.GetProperty("opportunities").EnumerateArray());
        Assert.Equal(["ETH"], Names(snapshot, "premiums", "asset"));

        hub.Apply(OpportunityOutput(OpportunityEventKind.Opened, 8, 12m, BinanceBtc, UpbitBtc));
        hub.Apply(new HostOutput(T0 + 1, Tops: [Top(BinanceBtc, 1), Top(OkxEth, 1)]));
        hub.Apply(new HostOutput(T0 + 1, Premiums: [Matrix(Asset.Btc), Matrix(Asset.Of("ETH"))]));
        hub.FlushPremiums();
        hub.Apply(new HostOutput(T0 + 2, Quality: new VenueQuality(VenueId.Binance, 90, false, 10, 0, 0, 0, 0, 0, 0, 0, T0)));
        hub.BroadcastStats();

        Assert.Equal(["books:ETH-USDT:3001", "premiums", "quality", "stats"], await LabelsUntilStatsAsync(eth));
    }

    [Fact]
    public async Task Message_Subscribe_RepliesWithAFilteredSnapshot_ThenFilteredEvents()
    {
        var hub = PopulatedHub();
        await using var server = await StartAsync(hub);
        using var ws = await ConnectAsync(server, "");
        Assert.Equal(["BTCUSDT", "KRW-BTC", "ETH-USDT"], Names(await NextAsync(ws), "books", "symbol"));

        await SendTextAsync(ws, "{\"type\":\"subscribe\",\"assets\":[\"btc\"],\"venues\":[\"Binance\",\"okx\"]}");
        var snapshot = await NextAsync(ws);
        Assert.Equal("snapshot", snapshot.GetProperty("type").GetString());
        Assert.Equal(["binance", "okx"], Names(snapshot, "venues", "venue"));
        Assert.Equal(["BTCUSDT"], Names(snapshot, "books", "symbol"));
        Assert.Equal([7L], snapshot.GetProperty("opportunities").EnumerateArray().Select(o => o.GetProperty("id").GetInt64()));

        hub.Apply(new HostOutput(T0 + 1, Tops: [Top(BinanceBtc, 1), Top(UpbitBtc, 1), Top(OkxEth, 1)]));
        hub.BroadcastStats();
        Assert.Equal(["books:BTCUSDT:100001", "stats"], await LabelsUntilStatsAsync(ws));

        // Empty lists: everything again.
        await SendTextAsync(ws, "{\"type\":\"subscribe\",\"assets\":[],\"venues\":null}");
        Assert.Equal(["BTCUSDT", "KRW-BTC", "ETH-USDT"], Names(await NextAsync(ws), "books", "symbol"));
        hub.Apply(new HostOutput(T0 + 2, Tops: [Top(OkxEth, 2)]));
        hub.BroadcastStats();
        Assert.Equal(["books:ETH-USDT:3002", "stats"], await LabelsUntilStatsAsync(ws));
    }

    [Fact]
    public async Task Message_Bad_GetsOneErrorReplyNamingTheProblem_IsCounted_AndTheSocketStaysOpen()
    {
        var hub = PopulatedHub();
        await using var server = await StartAsync(hub);
        using var ws = await ConnectAsync(server, "?venues=okx");
        Assert.Equal("snapshot", Label(await WebSocketMessages.ReceiveTextAsync(ws)));

        (string Sent, string Error)[] cases =
        [
            ("not json", "message is not valid JSON"),
            ("[1,2]", "message must be a JSON object with a \"type\""),
            ("{\"type\":\"hello\"}", "unknown message type 'hello'; the only client message is subscribe"),
            ("{\"type\":\"subscribe\",\"venues\":[\"ftx\"]}", "venues: unknown venue 'ftx'; use one of binance, coinbase, bybit, gateio, upbit, bithumb, okx, kraken"),
            ("{\"type\":\"subscribe\",\"assets\":[\"BT-C\"]}", "assets: 'BT-C' is not an asset code (1..20 ASCII letters or digits)"),
            ("{\"type\":\"subscribe\",\"assets\":\"BTC\"}", "assets must be an array of strings"),
            ("{\"type\":\"subscribe\",\"venues\":[1]}", "venues must be an array of strings (found a number)"),
            ("{\"type\":\"subscribe\",\"assets\":[\"" + new string('A', 5000) + "\"]}", "message too large: more than 4096 bytes"),
        ];
        foreach (var (sent, error) in cases)
        {
            await SendTextAsync(ws, sent);
            var reply = await NextAsync(ws);
            Assert.Equal("error", reply.GetProperty("type").GetString());
            Assert.Equal(error, reply.GetProperty("error").GetString());
        }

        await ws.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        Assert.Equal("{\"type\":\"error\",\"error\":\"binary messages are not accepted; send a JSON text message\"}", await WebSocketMessages.ReceiveTextAsync(ws));
        Assert.Equal(cases.Length + 1, hub.ClientMessagesRejected);

        // Still open, still subscribed to okx only.
        Assert.Equal(WebSocketState.Open, ws.State);
        hub.Apply(new HostOutput(T0 + 1, Tops: [Top(BinanceBtc, 1), Top(OkxEth, 1)]));
        hub.BroadcastStats();
        Assert.Equal(["books:ETH-USDT:3001", "stats"], await LabelsUntilStatsAsync(ws));
    }

    [Theory]
    [InlineData("?venues=upbit,ftx", "venues: unknown venue 'ftx'; use one of binance, coinbase, bybit, gateio, upbit, bithumb, okx, kraken")]
    [InlineData("?assets=BTC,ETH-X", "assets: 'ETH-X' is not an asset code (1..20 ASCII letters or digits)")]
    [InlineData("?assets=ABCDEFGHIJKLMNOPQRSTU", "assets: 'ABCDEFGHIJKLMNOPQRSTU' is not an asset code (1..20 ASCII letters or digits)")]
    public async Task Query_BadValue_Is400NamingIt_BeforeTheUpgrade(string query, string error)
    {
        var hub = PopulatedHub();
        await using var server = await StartAsync(hub);
        using var ws = new ClientWebSocket();
        ws.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(WsUri(server, query), CancellationToken.None));
        Assert.Equal(HttpStatusCode.BadRequest, ws.HttpStatusCode);

        using var http = new HttpClient { BaseAddress = server.Address };
        using var response = await http.GetAsync(new Uri("/ws" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal(0, hub.ClientCount);
    }

    /// <summary>A hub with books on binance (BTC), upbit (BTC) and okx (ETH), an open BTC binance→upbit opportunity, quality for binance and upbit, premiums for BTC and ETH.</summary>
    private static ApiHub PopulatedHub()
    {
        var hub = Hub();
        hub.Apply(new HostOutput(T0, Tops: [Top(BinanceBtc, 0), Top(UpbitBtc, 0), Top(OkxEth, 0)]));
        hub.Apply(OpportunityOutput(OpportunityEventKind.Opened, 7, 10m, BinanceBtc, UpbitBtc));
        hub.Apply(new HostOutput(T0, Quality: new VenueQuality(VenueId.Upbit, 62.5, false, 1200, 0, 0, 0, 0, 0, 0, 0, T0)));
        hub.Apply(new HostOutput(T0, Quality: new VenueQuality(VenueId.Binance, 100, false, 5000, 0, 0, 0, 0, 0, 0, 0, T0)));
        hub.Apply(new HostOutput(T0, Premiums: [Matrix(Asset.Btc), Matrix(Asset.Of("ETH"))]));
        hub.FlushPremiums();
        return hub;
    }

    private static PremiumMatrix Matrix(Asset asset) => asset == Asset.Btc
        ? new PremiumMatrix(asset, T0, [new PremiumCell(BinanceBtc, UpbitBtc, PremiumKind.Kimchi, 150m)])
        : new PremiumMatrix(asset, T0, []);

    private static async Task<ClientWebSocket> ConnectAsync(Hosting.ApiServer server, string query)
    {
        var ws = new ClientWebSocket();
        await ws.ConnectAsync(WsUri(server, query), CancellationToken.None);
        return ws;
    }

    private static async Task<JsonElement> NextAsync(ClientWebSocket ws) => WebSocketMessages.Parse(await WebSocketMessages.ReceiveTextAsync(ws));

    private static string[] Names(JsonElement message, string array, string property) =>
        [.. message.GetProperty(array).EnumerateArray().Select(e => e.GetProperty(property).GetString()!)];

    private static async Task SendTextAsync(ClientWebSocket ws, string text) =>
        await ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Labels of the next messages up to and including the next stats message.</summary>
    private static async Task<List<string>> LabelsUntilStatsAsync(ClientWebSocket ws)
    {
        var labels = new List<string>();
        while (labels.Count == 0 || labels[^1] != "stats")
        {
            labels.Add(Label(await WebSocketMessages.ReceiveTextAsync(ws)));
        }

        return labels;
    }
}
