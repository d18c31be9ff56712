using System.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class BithumbSimVenueTests
{
    private const string Subscribe = "[{\"ticket\":\"t1\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\",\"KRW-XRP\"]},{\"format\":\"DEFAULT\"}]";

    [Fact]
    public void Step_EveryMessage_EqualsTheTruthAtItsMicrosecondTimestamp()
    {
        var sim = new Simulation(Pinned(new SimulatorOptions { Seed = 23 }), SimClock.Start);
        var lastTimestamp = new Dictionary<string, long>();
        var messages = 0;
        for (var step = 1; step <= 1500; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Bithumb)
            {
                var message = BithumbMessage.Parse(output.Bytes);
                Assert.Equal(("orderbook", "REALTIME", 1), (message.Type, message.StreamType, message.Level));
                Assert.Equal(output.Sequence, message.Timestamp);
                Assert.Equal(16, message.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
                Assert.Equal(SimClock.At(step), message.Timestamp); // µs, at the step's time
                Assert.Equal(15, message.Units.Count);
                Assert.True(message.Timestamp > lastTimestamp.GetValueOrDefault(message.Code), "timestamps must increase strictly per code");
                lastTimestamp[message.Code] = message.Timestamp;
                Assert.Equal(message.Units.Sum(u => u.AskSize), message.TotalAskSize);
                Assert.Equal(message.Units.Sum(u => u.BidSize), message.TotalBidSize);
                Assert.True(sim.Bithumb.TryGetTruth(message.Code, message.Timestamp, out var bids, out var asks));
                Assert.Equal(bids, message.Bids);
                Assert.Equal(asks, message.Asks);
                messages++;
            }
        }

        Assert.True(messages >= 1500 * 3 * 9 / 10, $"only {messages} messages");
    }

    [Fact]
    public void Step_FieldOrderAndNumbers_AreAsBithumbPrintsThem()
    {
        var sim = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start);
        var output = sim.Step(SimClock.At(1)).Bithumb.Single(o => o.Symbol == "KRW-BTC");
        var text = Encoding.UTF8.GetString(output.Bytes);
        Assert.StartsWith("{\"type\":\"orderbook\",\"code\":\"KRW-BTC\",\"total_ask_size\":", text, StringComparison.Ordinal);
        Assert.Contains(",\"orderbook_units\":[{\"ask_price\":", text, StringComparison.Ordinal);
        Assert.Matches("\"ask_price\":1[0-9]{8},\"bid_price\":1[0-9]{8},\"ask_size\":[0-9.]+,\"bid_size\":[0-9.]+\\}", text);
        Assert.EndsWith("}],\"level\":1,\"timestamp\":1767225600100000,\"stream_type\":\"REALTIME\"}", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".0,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("E", text.Replace("REALTIME", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(output.Bytes, output.RawBytes);
    }

    [Fact]
    public void Step_PricesAndSizes_AreOnTheKrwGridWithFourDecimalSizes()
    {
        var sim = new Simulation(Pinned(new SimulatorOptions { Seed = 9 }), SimClock.Start);
        var ticks = new Dictionary<string, decimal> { ["KRW-BTC"] = 1000m, ["KRW-ETH"] = 1000m, ["KRW-XRP"] = 1m, ["KRW-USDT"] = 1m };
        for (var step = 1; step <= 500; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Bithumb)
            {
                var message = BithumbMessage.Parse(output.Bytes); // sizes with more than 4 decimals would not parse
                foreach (var unit in message.Units)
                {
                    Assert.Equal(0m, unit.AskPrice % ticks[message.Code]);
                    Assert.Equal(0m, unit.BidPrice % ticks[message.Code]);
                    Assert.True(unit.BidPrice < unit.AskPrice);
                    Assert.True(unit.AskSize > 0 && unit.BidSize > 0, "the default sizes never round to 0");
                }
            }
        }
    }

    [Fact]
    public void Step_SizeBelowTheFourthDecimal_IsSentAsZeroAndIsNoLevelOfTheTruth()
    {
        var options = new SimulatorOptions
        {
            Seed = 5,
            Assets = [new() { Code = "BTC", UsdPrice = 100_000m, UsdTick = 0.01m, UsdLot = 0.00001m, KrwTick = 1000m, MinLevelQuantity = 0.00001m, MaxLevelQuantity = 0.0003m }],
        };
        var sim = new Simulation(Pinned(options), SimClock.Start);
        var zeroSides = 0;
        for (var step = 1; step <= 200; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Bithumb)
            {
                var message = BithumbMessage.Parse(output.Bytes);
                Assert.Equal(15, message.Units.Count);
                zeroSides += message.Units.Count(u => u.AskSize == 0) + message.Units.Count(u => u.BidSize == 0);
                Assert.True(sim.Bithumb.TryGetTruth("KRW-BTC", message.Timestamp, out var bids, out var asks));
                Assert.Equal(message.Bids, bids); // the units without their zero sides
                Assert.Equal(message.Asks, asks);
                Assert.All(bids.Concat(asks), l => Assert.Equal(0m, l.Quantity % 0.0001m));
            }
        }

        Assert.True(zeroSides > 100, $"only {zeroSides} zero sizes");
    }

    [Fact]
    public void Step_OnTheSameMicrosecond_TheTimestampStillIncreases()
    {
        var sim = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start);
        var first = sim.Step(SimClock.Start).Bithumb.Single(o => o.Symbol == "KRW-BTC");
        Assert.Equal(SimClock.Start + 1, first.Sequence); // the initial version holds Start
        Assert.Equal(SimClock.Start, sim.Bithumb.OldestTruthSequence("KRW-BTC"));
    }

    [Fact]
    public void Receive_Subscription_AnswersOneSnapshotPerCodeThenRoutesRealtime()
    {
        var sim = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start);
        sim.Step(SimClock.At(1));
        var session = (BithumbSimSession)sim.Bithumb.OpenSession("/websocket/v1", out _)!;
        var replies = session.Receive("[{\"ticket\":\"t1\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\",\"KRW-XRP.3\",\"KRW-NOPE\",\"krw-eth\"]},{\"format\":\"DEFAULT\"}]");
        Assert.False(session.CloseRequested);
        Assert.Equal(2, replies.Count); // unknown and wrongly spelled codes are ignored without an error
        var btc = BithumbMessage.Parse(replies[0]);
        var xrp = BithumbMessage.Parse(replies[1]);
        Assert.Equal(("KRW-BTC", "SNAPSHOT", 15, 1), (btc.Code, btc.StreamType, btc.Units.Count, btc.Level));
        Assert.Equal(("KRW-XRP", "SNAPSHOT", 3), (xrp.Code, xrp.StreamType, xrp.Units.Count));
        var truth = sim.Bithumb.CurrentBook("KRW-XRP");
        Assert.Equal(truth.Sequence, xrp.Timestamp);
        Assert.Equal(truth.Bids.Take(3), xrp.Bids);
        Assert.Equal(xrp.Units.Sum(u => u.BidSize), xrp.TotalBidSize);

        var step = sim.Step(SimClock.At(2)).Bithumb;
        var realtime = BithumbMessage.Parse(session.Select(step.Single(o => o.Symbol == "KRW-XRP"))!);
        Assert.Equal(("REALTIME", 3), (realtime.StreamType, realtime.Units.Count));
        Assert.True(realtime.Timestamp > xrp.Timestamp);
        Assert.Null(session.Select(step.Single(o => o.Symbol == "KRW-ETH")));
        Assert.Equal(new Dictionary<string, int> { ["KRW-BTC"] = 15, ["KRW-XRP"] = 3 }, session.Subscriptions);
        Assert.Equal(step.Single(o => o.Symbol == "KRW-BTC").Bytes, session.Select(step.Single(o => o.Symbol == "KRW-BTC")));
    }

    [Fact]
    public void Receive_SecondRequest_ReplacesTheFirst()
    {
        var sim = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start);
        var session = (BithumbSimSession)sim.Bithumb.OpenSession("/websocket/v1", out _)!;
        session.Receive(Subscribe);
        var replies = session.Receive("[{\"ticket\":\"t2\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-ETH\"]}]");
        Assert.Equal("KRW-ETH", BithumbMessage.Parse(Assert.Single(replies)).Code);
        Assert.Equal(["KRW-ETH"], session.Subscriptions.Keys);
        var step = sim.Step(SimClock.At(1)).Bithumb;
        Assert.Null(session.Select(step.Single(o => o.Symbol == "KRW-BTC")));
        Assert.NotNull(session.Select(step.Single(o => o.Symbol == "KRW-ETH")));
    }

    [Theory]
    [InlineData("KRW-BTC", 15)]
    [InlineData("KRW-BTC.1", 1)]
    [InlineData("KRW-BTC.3", 3)]
    [InlineData("KRW-BTC.15", 15)]
    [InlineData("KRW-BTC.30", 15)]
    public void TryParseCode_CountSuffix_GivesMinOfCountAndFifteen(string requested, int depth)
    {
        var venue = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start).Bithumb;
        Assert.True(venue.TryParseCode(requested, out var code, out var actual));
        Assert.Equal("KRW-BTC", code);
        Assert.Equal(depth, actual);
    }

    [Theory]
    [InlineData("KRW-BTC.0")]
    [InlineData("KRW-BTC.x")]
    [InlineData("krw-btc")]
    [InlineData("BTC-KRW")]
    [InlineData("KRW-DOGE")]
    public void TryParseCode_UnknownOrMisspelled_IsRejected(string requested)
    {
        var venue = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start).Bithumb;
        Assert.False(venue.TryParseCode(requested, out _, out _));
    }

    [Fact]
    public void Receive_Ping_AnswersStatusUp()
    {
        var session = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start).Bithumb.OpenSession("/websocket/v1", out _)!;
        Assert.Equal("{\"status\":\"UP\"}", Encoding.UTF8.GetString(Assert.Single(session.Receive("PING"))));
        Assert.False(session.CloseRequested);
    }

    [Theory]
    [InlineData("hello", "WRONG_FORMAT")]
    [InlineData("{\"ticket\":\"t\"}", "WRONG_FORMAT")]
    [InlineData("[{\"ticket\":\"t\"},1]", "WRONG_FORMAT")]
    [InlineData("[{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"]}]", "NO_TICKET")]
    [InlineData("[{\"ticket\":\"\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"]}]", "NO_TICKET")]
    [InlineData("[{\"ticket\":\"t\"}]", "WRONG_FORMAT")]
    [InlineData("[{\"ticket\":\"t\"},{\"codes\":[\"KRW-BTC\"]}]", "WRONG_FORMAT")]
    [InlineData("[{\"ticket\":\"t\"},{\"type\":\"nope\",\"codes\":[\"KRW-BTC\"]}]", "INVALID_PARAM")]
    [InlineData("[{\"ticket\":\"t\"},{\"type\":\"orderbook\"}]", "NO_CODES")]
    [InlineData("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[]}]", "INVALID_PARAM")]
    [InlineData("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":\"KRW-BTC\"}]", "WRONG_FORMAT")]
    [InlineData("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"],\"level\":7}]", "WRONG_FORMAT")]
    [InlineData("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"],\"isOnlySnapshot\":\"yes\"}]", "WRONG_FORMAT")]
    [InlineData("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"]},{\"format\":\"SIMPLE\"}]", "INVALID_PARAM")]
    public void Receive_BadRequest_AnswersBithumbErrorThenCloses(string request, string name)
    {
        var sim = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start);
        var session = sim.Bithumb.OpenSession("/websocket/v1", out _)!;
        session.Receive(Subscribe);
        var reply = JsonDocument.Parse(Assert.Single(session.Receive(request))).RootElement;
        Assert.Equal(["error"], reply.EnumerateObject().Select(p => p.Name));
        Assert.Equal(name, reply.GetProperty("error").GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(reply.GetProperty("error").GetProperty("message").GetString()));
        Assert.True(session.CloseRequested);
        Assert.Empty(session.Receive(Subscribe)); // closing: nothing more is answered
        Assert.All(sim.Step(SimClock.At(1)).Bithumb, o => Assert.Null(session.Select(o)));
    }

    [Fact]
    public void Receive_CapturedErrorTexts_AreBithumbs()
    {
        var venue = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start).Bithumb;
        string Error(string request) => Encoding.UTF8.GetString(Assert.Single(venue.OpenSession("/websocket/v1", out _)!.Receive(request)));
        Assert.Equal("{\"error\":{\"name\":\"NO_TICKET\",\"message\":\"티켓이 존재하지 않거나, 유효하지 않습니다.\"}}", Error("[{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"]}]"));
        Assert.Equal("{\"error\":{\"name\":\"INVALID_PARAM\",\"message\":\"nope 은 지원하지 않는 타입입니다.\"}}", Error("[{\"ticket\":\"t\"},{\"type\":\"nope\",\"codes\":[\"KRW-BTC\"]}]"));
        Assert.Equal("{\"error\":{\"name\":\"WRONG_FORMAT\",\"message\":\"Format 이 맞지 않습니다.\"}}", Error("hello"));
        Assert.Equal("{\"error\":{\"name\":\"INVALID_PARAM\",\"message\":\"codes 필드가 비어 있습니다.\"}}", Error("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[]}]"));
    }

    [Fact]
    public void Receive_UnknownFormatAndSnakeCaseOptions_AreIgnoredAsOnTheWire()
    {
        var session = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start).Bithumb.OpenSession("/websocket/v1", out _)!;
        var replies = session.Receive("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"],\"is_only_realtime\":true},{\"format\":\"NOPE\"}]");
        Assert.Equal("SNAPSHOT", BithumbMessage.Parse(Assert.Single(replies)).StreamType);
        Assert.False(session.CloseRequested);
    }

    [Fact]
    public void Receive_OnlyRealtimeAndOnlySnapshot_CamelCase()
    {
        var sim = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start);
        var realtimeOnly = sim.Bithumb.OpenSession("/websocket/v1", out _)!;
        Assert.Empty(realtimeOnly.Receive("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"],\"isOnlyRealtime\":true}]"));
        var snapshotOnly = sim.Bithumb.OpenSession("/websocket/v1", out _)!;
        Assert.Single(snapshotOnly.Receive("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"],\"isOnlySnapshot\":true,\"level\":1}]"));
        var btc = sim.Step(SimClock.At(1)).Bithumb.Single(o => o.Symbol == "KRW-BTC");
        Assert.NotNull(realtimeOnly.Select(btc));
        Assert.Null(snapshotOnly.Select(btc));
    }

    [Fact]
    public void OpenSession_OtherPath_Is404()
    {
        var venue = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start).Bithumb;
        Assert.Null(venue.OpenSession("/websocket/v2/private", out var rejection));
        Assert.Equal(404, rejection!.StatusCode);
        Assert.NotNull(venue.OpenSession("/websocket/v1", out _));
        Assert.True(venue.SendsBinaryFrames);
        Assert.True(venue.OpenSession("/websocket/v1", out _)!.SendsBinaryFrames);
    }

    [Fact]
    public void HandleRest_MarketAll_ListsTheKrwMarketsACautionMarketAndABtcMarket()
    {
        var venue = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start).Bithumb;
        var markets = JsonDocument.Parse(venue.HandleRest("/v1/market/all?isDetails=true").Body).RootElement.EnumerateArray().ToList();
        Assert.Equal(["KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-USDT", "KRW-PEPE", "BTC-ETH"], markets.Select(m => m.GetProperty("market").GetString()));
        Assert.Equal("KRW-PEPE", venue.CautionMarket);
        Assert.Equal(["NONE", "NONE", "NONE", "NONE", "CAUTION", "NONE"], markets.Select(m => m.GetProperty("market_warning").GetString()));
        Assert.Equal(["market", "korean_name", "english_name", "market_warning"], markets[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("비트코인", markets[0].GetProperty("korean_name").GetString());
        Assert.Equal(-1, venue.SymbolIndex("KRW-PEPE")); // listed, but no book

        var plain = JsonDocument.Parse(venue.HandleRest("/v1/market/all").Body).RootElement[0];
        Assert.False(plain.TryGetProperty("market_warning", out _));
    }

    [Fact]
    public void HandleRest_MarketAll_CautionMarketIsNeverASimulatedAsset()
    {
        var options = new SimulatorOptions { Assets = [new() { Code = "PEPE", UsdPrice = 0.02m, UsdTick = 0.0001m, UsdLot = 1m, KrwTick = 0.01m, MinLevelQuantity = 100m, MaxLevelQuantity = 1000m }] };
        var venue = new Simulation(Pinned(options), SimClock.Start).Bithumb;
        Assert.Equal("KRW-BONK", venue.CautionMarket);
    }

    [Fact]
    public void HandleRest_Orderbook_ReturnsTheLatestVersionsWithMillisecondTimestamps()
    {
        var sim = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start);
        sim.Step(SimClock.At(1));
        var response = sim.Bithumb.HandleRest("/v1/orderbook?markets=KRW-BTC,krw-eth");
        Assert.Equal(200, response.StatusCode);
        var items = JsonDocument.Parse(response.Body).RootElement.EnumerateArray().ToList();
        Assert.Equal(["market", "timestamp", "total_ask_size", "total_bid_size", "orderbook_units"], items[0].EnumerateObject().Select(p => p.Name));
        var parsed = items.Select(BithumbMessage.Parse).ToList();
        Assert.Equal(["KRW-BTC", "KRW-ETH"], parsed.Select(i => i.Code));
        var truth = sim.Bithumb.CurrentBook("KRW-ETH");
        Assert.Equal(truth.Sequence / 1000, parsed[1].Timestamp);
        Assert.Equal(13, parsed[1].Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        Assert.Equal(truth.Bids, parsed[1].Bids);
        Assert.Equal(truth.Asks, parsed[1].Asks);
    }

    [Theory]
    [InlineData("/v1/orderbook?markets=KRW-NOPE", 200, "{\"error\":{\"name\":404,\"message\":\"Code not found\"}}")]
    [InlineData("/v1/orderbook?markets=KRW-BTC,KRW-NOPE", 200, "{\"error\":{\"name\":404,\"message\":\"Code not found\"}}")]
    [InlineData("/v1/orderbook", 200, "{\"error\":{\"name\":400,\"message\":\"Missing request parameter error. Check the required parameters!\"}}")]
    [InlineData("/v1/nope", 404, "{\"name\":\"not_found\",\"message\":\"No Route matched with those values\"}")]
    [InlineData("/v1/orderbook/instruments?markets=KRW-BTC", 404, "{\"name\":\"not_found\",\"message\":\"No Route matched with those values\"}")]
    public void HandleRest_BadRequest_AnswersAsBithumb(string path, int status, string body)
    {
        var response = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start).Bithumb.HandleRest(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(body, response.BodyText);
    }

    [Fact]
    public void Limits_TenConnectsPerSecondAndFiveMessagesPerSecondPerConnection()
    {
        var venue = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start).Bithumb;
        Assert.Equal(new SimRateLimit(10, TimeSpan.FromSeconds(1)), venue.ConnectLimit);
        Assert.Equal(new SimRateLimit(5, TimeSpan.FromSeconds(1)), venue.MessageLimit);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(venue.TryAdmitConnection(SimClock.Start + (i * 1000), out _));
        }

        Assert.False(venue.TryAdmitConnection(SimClock.Start + 10_000, out var rejection));
        Assert.Equal(429, rejection.StatusCode);
        Assert.Equal(1, venue.Limits.ConnectBreaches);
        Assert.True(venue.TryAdmitConnection(SimClock.Start + 1_000_001, out _));

        var session = venue.OpenSession("/websocket/v1", out _)!;
        var refusal = JsonDocument.Parse(Assert.Single(session.RateLimitedReply("PING")!)).RootElement.GetProperty("error");
        Assert.Equal(BithumbSimSession.TooManyRequests, refusal.GetProperty("name").GetString());
        Assert.True(session.CloseRequested);
    }

    [Fact]
    public void SupportedFaults_AreTheCommonKindsAndSubscribeRefused()
    {
        var venue = new Simulation(Pinned(new SimulatorOptions()), SimClock.Start).Bithumb;
        Assert.Equal(
            [FaultKind.SequenceGap, FaultKind.Duplicate, FaultKind.Reorder, FaultKind.DroppedConnection, FaultKind.SilentStall, FaultKind.MalformedFrame, FaultKind.CrossedBook, FaultKind.SubscribeRefused, FaultKind.ConnectionRefused],
            venue.SupportedFaults.Order());
        Assert.Equal([FaultKind.BadTick], venue.DataQualityFaults);
        Assert.Throws<ArgumentException>(() => venue.InjectFault(FaultKind.ChecksumCorruption));
        Assert.Throws<ArgumentException>(() => venue.InjectFault(FaultKind.SequenceReset));
    }

    [Fact]
    public void Options_BithumbIsEnabledByDefaultWithFifteenLevels()
    {
        var options = new SimulatorOptions();
        Assert.True(options.Bithumb.Enabled);
        Assert.Contains(VenueId.Bithumb, options.EnabledVenues);
        Assert.Equal(15, new Simulation(Pinned(options), SimClock.Start).Bithumb.PublishedLevels);
        options.Bithumb.LevelsPerSide = 30;
        Assert.Equal(15, new Simulation(Pinned(options), SimClock.Start).Bithumb.PublishedLevels); // the socket sends at most 15
    }

    /// <summary>Binance and Bithumb only: the seeded market path then does not change as other venues are enabled by default.</summary>
    private static SimulatorOptions Pinned(SimulatorOptions options) => options.Only(VenueId.Binance, VenueId.Bithumb);
}
