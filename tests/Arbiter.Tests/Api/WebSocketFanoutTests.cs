using System.Net.WebSockets;
using System.Text.Json;
using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Hosting;
using Arbiter.Tests.Support;
using Arbiter.Venues;

namespace Arbiter.Tests.Api;

/// <summary>
/// The /ws fan-out over real sockets: a client that does not read gets conflated state and every event in order in one
/// batch; a client past its limit is closed with 1008 and the reason while a reading client loses nothing; a stalled
/// send drops the client after Api:ClientSendTimeout.
/// </summary>
public sealed class WebSocketFanoutTests
{
    internal static readonly DateTimeOffset Start = new(2026, 11, 21, 13, 0, 0, TimeSpan.Zero);
    internal static readonly long T0 = UnixMicros.FromDateTimeOffset(Start);

    private static readonly InstrumentCatalog Catalog = new();
    internal static readonly Instrument BinanceBtc = Catalog.Add(new Instrument(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5));
    internal static readonly Instrument UpbitBtc = Catalog.Add(new Instrument(VenueId.Upbit, "KRW-BTC", Asset.Btc, Asset.Krw, 0, 8));
    internal static readonly Instrument OkxEth = Catalog.Add(new Instrument(VenueId.Okx, "ETH-USDT", Asset.Of("ETH"), Asset.Usdt, 2, 4));

    private static readonly string FillerContract = new('c', WebSocketClient.MaxFrameBytes);

    [Fact]
    public async Task NotReadingClient_GetsTheLatestTopPerInstrument_AndEveryEventInOrder_InOneBatchFrame()
    {
        var hub = Hub();
        await using var server = await StartAsync(hub, capacity: 100_000);
        using var slow = await ShutWindowWebSocket.ConnectAsync(WsUri(server));
        Assert.Equal("snapshot", Label(await WebSocketMessages.ReceiveTextAsync(slow.Socket)));

        // Messages of more than one frame's size, each sent alone, until the connection is full: from here the send loop waits.
        var fillers = FillerCount();
        for (var i = 0; i < fillers; i++)
        {
            hub.Apply(Filler(i));
        }

        for (var r = 1; r <= 50; r++)
        {
            hub.Apply(new HostOutput(T0 + r, Tops: [Top(BinanceBtc, r), Top(UpbitBtc, r), Top(OkxEth, r)]));
            switch (r)
            {
                case 1:
                    hub.Apply(Wallet("W1"));
                    break;
                case 10:
                    hub.Apply(OpportunityOutput(OpportunityEventKind.Opened, 10, r));
                    break;
                case > 10 and <= 30:
                    hub.Apply(OpportunityOutput(OpportunityEventKind.Updated, 10, r));
                    if (r == 20)
                    {
                        hub.Apply(Wallet("W20"));
                    }

                    break;
                case 31:
                    hub.Apply(OpportunityOutput(OpportunityEventKind.Closed, 10, 30));
                    break;
                case 40:
                    hub.Apply(Wallet("W40"));
                    break;
            }
        }

        hub.Apply(Wallet("end"));

        // Now read: the fillers in order, then one batch frame with the rest.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var received = new List<string>();
        string lastFrame;
        do
        {
            lastFrame = await WebSocketMessages.ReceiveFrameAsync(slow.Socket, timeout.Token);
            received.AddRange(WebSocketMessages.Unwrap(lastFrame));
        }
        while (Label(received[^1]) != "wallet:end");

        Assert.Equal(Enumerable.Range(0, fillers).Select(i => $"wallet:F{i}"), received.Take(fillers).Select(Label));
        // A superseded message is skipped and its newest version keeps its own place in the broadcast: the last round's
        // tops come after W40; the last update before the close stays (the close ends its chain).
        string[] expected =
        [
            "wallet:W1", "opportunity.opened:10:10", "wallet:W20", "opportunity.updated:10:30", "opportunity.closed:10:30", "wallet:W40",
            "books:BTCUSDT:100050", "books:KRW-BTC:140000050", "books:ETH-USDT:3050", "wallet:end",
        ];
        Assert.Equal(expected, received.Skip(fillers).Select(Label));
        Assert.StartsWith("{\"type\":\"batch\",\"messages\":[{\"type\":\"wallet\",", lastFrame, StringComparison.Ordinal);
        Assert.Equal(expected, WebSocketMessages.Unwrap(lastFrame).Select(Label));
        Assert.Equal(
            "{\"type\":\"books\",\"time\":\"2026-11-21T13:00:00.000050Z\",\"books\":[{\"venue\":\"binance\",\"symbol\":\"BTCUSDT\",\"base\":\"BTC\",\"quote\":\"USDT\",\"state\":\"Synced\","
            + "\"bid\":{\"price\":\"100050\",\"quantity\":\"1.5\"},\"ask\":{\"price\":\"100050.01\",\"quantity\":\"2\"},\"sequence\":50,\"received\":\"2026-11-21T13:00:00.000050Z\",\"ageMs\":0}]}",
            received[fillers + 6]);
    }

    [Fact]
    public async Task ClientOverItsLimit_IsClosedWith1008AndTheReason_WhileAReadingClientGetsEveryMessageInOrder()
    {
        var hub = Hub();
        await using var server = await StartAsync(hub, capacity: 16);
        using var slow = await ShutWindowWebSocket.ConnectAsync(WsUri(server));
        Assert.Equal("snapshot", Label(await WebSocketMessages.ReceiveTextAsync(slow.Socket)));
        using var reader = new ClientWebSocket();
        await reader.ConnectAsync(WsUri(server), CancellationToken.None);
        Assert.Equal("snapshot", Label(await WebSocketMessages.ReceiveTextAsync(reader)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var read = 0;
        var reading = Task.Run(async () =>
        {
            var labels = new List<string>();
            string? statsMessage = null;
            while (labels.Count == 0 || labels[^1] != "wallet:end")
            {
                var message = await WebSocketMessages.ReceiveTextAsync(reader, timeout.Token);
                labels.Add(Label(message));
                statsMessage = labels[^1] == "stats" ? message : statsMessage;
                Volatile.Write(ref read, labels.Count);
            }

            return (labels, statsMessage);
        });

        // Broadcast, at the reading client's pace, until the never-reading client is more than 16 messages behind (the
        // connection holds the first ones): the reader keeps up, the other one falls behind.
        var sent = 0;
        var limit = FillerCount() + 64;
        while (hub.ClientsDroppedQueueFull == 0)
        {
            Assert.True(sent < limit, $"the slow client was not dropped after {sent} messages");
            hub.Apply(Filler(sent++));
            while (Volatile.Read(ref read) < sent)
            {
                Assert.False(reading.IsCompleted, "the reading client stopped");
                await Task.Delay(1, timeout.Token);
            }
        }

        Assert.Equal(1, hub.ClientCount);
        for (var i = 0; i < 5; i++)
        {
            hub.Apply(Wallet($"A{i}"));
        }

        hub.BroadcastStats();
        hub.Apply(Wallet("end"));

        var (labels, stats) = await reading;
        Assert.Equal(
            Enumerable.Range(0, sent).Select(i => $"wallet:F{i}").Concat(["wallet:A0", "wallet:A1", "wallet:A2", "wallet:A3", "wallet:A4", "stats", "wallet:end"]),
            labels);
        Assert.Contains("\"clients\":1,", stats, StringComparison.Ordinal);
        Assert.Contains("\"clientsDropped\":{\"queueFull\":1,\"sendTimeout\":0},\"clientMessagesRejected\":0}", stats, StringComparison.Ordinal);

        // The slow client reads what the connection held (the first messages, in order), then the close.
        var got = new List<string>();
        var closed = await Assert.ThrowsAsync<WebSocketClosedException>(async () =>
        {
            while (true)
            {
                got.Add(Label(await WebSocketMessages.ReceiveTextAsync(slow.Socket, timeout.Token)));
            }
        });
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, closed.Status);
        Assert.Equal("client too slow: more than 16 messages behind", closed.Reason);
        Assert.InRange(got.Count, 1, sent - 17); // it was more than 16 behind when dropped
        Assert.Equal(Enumerable.Range(0, got.Count).Select(i => $"wallet:F{i}"), got);
        Assert.Equal(1, hub.ClientsDroppedQueueFull);
    }

    [Fact]
    public async Task StalledSend_PastClientSendTimeout_DropsTheClientAndCountsIt()
    {
        var hub = Hub();
        await using var server = new ApiServer(new ApiOptions { Url = "http://127.0.0.1:0", ClientQueueCapacity = 100_000, ClientSendTimeout = TimeSpan.FromSeconds(1) }, hub);
        await server.StartAsync(CancellationToken.None);
        using var slow = await ShutWindowWebSocket.ConnectAsync(WsUri(server));
        Assert.Equal("snapshot", Label(await WebSocketMessages.ReceiveTextAsync(slow.Socket)));

        for (var i = 0; i < FillerCount(); i++)
        {
            hub.Apply(Filler(i));
        }

        await WaitUntilAsync(() => hub.ClientsDroppedSendTimeout == 1, "the stalled client dropped after its send timeout");
        hub.Apply(Wallet("after"));
        await WaitUntilAsync(() => hub.ClientCount == 0, "the stalled client removed");
        Assert.Equal(0, hub.ClientsDroppedQueueFull);

        // No close handshake with a stalled peer: the connection is aborted.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Assert.ThrowsAsync<WebSocketException>(async () =>
        {
            while (true)
            {
                await WebSocketMessages.ReceiveFrameAsync(slow.Socket, timeout.Token);
            }
        });
    }

    [Fact]
    public void Validate_ClientSendTimeout_OutsideOneSecondToTenMinutes_NamesTheKey()
    {
        Assert.Equal(["Api:ClientSendTimeout must be 00:00:01..00:10:00 (got 00:00:00.5000000)."], new ApiOptions { ClientSendTimeout = TimeSpan.FromMilliseconds(500) }.Validate());
        Assert.Equal(["Api:ClientSendTimeout must be 00:00:01..00:10:00 (got 00:10:01)."], new ApiOptions { ClientSendTimeout = TimeSpan.FromSeconds(601) }.Validate());
        Assert.Empty(new ApiOptions { ClientSendTimeout = TimeSpan.FromMinutes(10) }.Validate());
        Assert.Empty(new ApiOptions { ClientSendTimeout = TimeSpan.FromSeconds(1) }.Validate());
    }

    internal static ApiHub Hub() => new(
        new Dictionary<VenueId, VenueCounters> { [VenueId.Binance] = new(), [VenueId.Upbit] = new(), [VenueId.Okx] = new() },
        new ManualTimeProvider(Start));

    internal static async Task<ApiServer> StartAsync(ApiHub hub, int capacity = 4096)
    {
        var server = new ApiServer(new ApiOptions { Url = "http://127.0.0.1:0", ClientQueueCapacity = capacity }, hub);
        await server.StartAsync(CancellationToken.None);
        return server;
    }

    internal static Uri WsUri(ApiServer server, string query = "") => new($"ws://{server.Address.Authority}/ws{query}");

    /// <summary>A short name of a message: its type and what identifies it (book symbol and bid, opportunity id and net profit, wallet network).</summary>
    internal static string Label(string message)
    {
        using var document = JsonDocument.Parse(message);
        var root = document.RootElement;
        var type = root.GetProperty("type").GetString()!;
        if (type == "books")
        {
            var top = root.GetProperty("books")[0];
            return $"books:{top.GetProperty("symbol").GetString()}:{top.GetProperty("bid").GetProperty("price").GetString()}";
        }

        if (type.StartsWith("opportunity.", StringComparison.Ordinal))
        {
            var o = root.GetProperty("opportunity");
            return $"{type}:{o.GetProperty("id").GetInt64()}:{o.GetProperty("netProfitUsd").GetString()}";
        }

        return type == "wallet" ? $"wallet:{root.GetProperty("change").GetProperty("network").GetString()}" : type;
    }

    /// <summary>Top of <paramref name="instrument"/> at round <paramref name="r"/>: bid 100000+r / 140000000+r / 3000+r in price units of the instrument's scale.</summary>
    internal static BookTop Top(Instrument instrument, int r)
    {
        long bid = instrument.Symbol switch
        {
            "BTCUSDT" => (100_000 + r) * 100L,
            "KRW-BTC" => 140_000_000L + r,
            _ => (3000 + r) * 100L,
        };
        return new BookTop(instrument, BookSyncState.Synced, BookInvalidReason.None, bid, 150_000, bid + 1, 200_000, r, T0 + r);
    }

    /// <summary>A small wallet change at gateio for XRP on network <paramref name="network"/>.</summary>
    internal static HostOutput Wallet(string network, VenueId venue = VenueId.GateIo) =>
        new(T0, WalletChange: new WalletChange(venue, Asset.Of("XRP"), network, null, new NetworkStatus(network, "XRP Ledger", true, true, 0.25m, 20m, 1, null), T0));

    internal static HostOutput OpportunityOutput(OpportunityEventKind kind, long id, decimal netProfitUsd, Instrument? buy = null, Instrument? sell = null) =>
        new(T0, Opportunity: new OpportunityEvent(kind, T0, Opportunity(id, netProfitUsd, buy ?? BinanceBtc, sell ?? UpbitBtc), kind == OpportunityEventKind.Closed ? "gone" : null));

    internal static Opportunity Opportunity(long id, decimal netProfitUsd, Instrument buy, Instrument sell) => new()
    {
        Id = id,
        Asset = buy.Base,
        Buy = buy,
        Sell = sell,
        Size = 0.5m,
        AverageBuyPrice = 100000m,
        AverageSellPrice = 140000000m,
        BuyLevels = 1,
        SellLevels = 2,
        GrossProfitUsd = netProfitUsd,
        NetProfitUsd = netProfitUsd,
        NetPremiumBps = 2m,
        BuyFeeRate = 0.001m,
        SellFeeRate = 0.0005m,
        BuyFxRate = 1m,
        SellFxRate = 1391.5m,
        BuySequence = 11,
        SellSequence = 22,
        FirstSeen = T0,
        LastUpdated = T0,
        PeakNetProfitUsd = netProfitUsd,
        PeakNetPremiumBps = 2m,
        Transfer = TransferQuote.None("no-route"),
    };

    /// <summary>Polls <paramref name="condition"/> with a generous deadline (the CI machine is slow and loaded).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>How many <see cref="Filler"/> messages (each larger than one frame) fill a <see cref="ShutWindowWebSocket"/>'s connection.</summary>
    private static int FillerCount() => (int)(ShutWindowWebSocket.BytesToFillTheConnection / WebSocketClient.MaxFrameBytes) + 1;

    /// <summary>A wallet change whose contract is one frame's size: sent alone in its frame; network "F{i}".</summary>
    private static HostOutput Filler(int i) =>
        new(T0, WalletChange: new WalletChange(VenueId.GateIo, Asset.Of("XRP"), $"F{i}", null, new NetworkStatus($"F{i}", "XRP Ledger", true, true, 0.25m, 20m, 1, FillerContract), T0));
}
