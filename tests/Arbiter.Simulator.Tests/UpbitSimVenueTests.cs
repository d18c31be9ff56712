using System.Text;
using System.Text.Json;

namespace Arbiter.Simulator.Tests;

public sealed class UpbitSimVenueTests
{
    [Fact]
    public void Step_EveryMessage_EqualsTheTruthAtItsTimestamp()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 21 }, SimClock.Start);
        var lastTimestamp = new Dictionary<string, long>();
        var messages = 0;
        for (var step = 1; step <= 1500; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Upbit)
            {
                var message = UpbitMessage.Parse(output.Bytes);
                Assert.Equal("orderbook", message.Type);
                Assert.Equal("REALTIME", message.StreamType);
                Assert.Equal(0, message.Level);
                Assert.Equal(output.Sequence, message.Timestamp);
                Assert.Equal(15, message.Units.Count);
                Assert.True(message.Timestamp > lastTimestamp.GetValueOrDefault(message.Code), "timestamps must increase strictly per code");
                lastTimestamp[message.Code] = message.Timestamp;
                Assert.Equal(message.Units.Sum(u => u.AskSize), message.TotalAskSize);
                Assert.Equal(message.Units.Sum(u => u.BidSize), message.TotalBidSize);
                Assert.True(sim.Upbit.TryGetTruth(message.Code, message.Timestamp, out var bids, out var asks));
                Assert.Equal(bids, message.Bids);
                Assert.Equal(asks, message.Asks);
                messages++;
            }
        }

        Assert.True(messages >= 1500 * 3 * 9 / 10, $"only {messages} messages");
    }

    [Fact]
    public void Step_TwoMessagesInOneMillisecond_GetStrictlyIncreasingTimestamps()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var first = sim.Step(SimClock.Start + 500).Upbit.Single(o => o.Symbol == "KRW-BTC");
        var second = sim.Step(SimClock.Start + 600).Upbit.Single(o => o.Symbol == "KRW-BTC");
        Assert.Equal((SimClock.Start / 1000) + 1, first.Sequence); // the initial version holds Start/1000
        Assert.Equal((SimClock.Start / 1000) + 2, second.Sequence);
    }

    [Fact]
    public void Step_KrwPricesAndSizes_AreOnTheUpbitGrid()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 8 }, SimClock.Start);
        var ticks = new Dictionary<string, decimal> { ["KRW-BTC"] = 1000m, ["KRW-ETH"] = 1000m, ["KRW-XRP"] = 1m, ["KRW-USDT"] = 1m };
        for (var step = 1; step <= 500; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Upbit)
            {
                var message = UpbitMessage.Parse(output.Bytes);
                foreach (var unit in message.Units)
                {
                    Assert.Equal(0m, unit.AskPrice % ticks[message.Code]);
                    Assert.Equal(0m, unit.BidPrice % ticks[message.Code]);
                    Assert.Equal(0m, unit.AskSize % 0.00000001m);
                    Assert.True(unit.BidPrice < unit.AskPrice);
                }
            }
        }
    }

    [Fact]
    public void Step_WholePrices_AreWrittenAsPlainNumbersWithPointZero()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var text = Encoding.UTF8.GetString(sim.Step(SimClock.At(1)).Upbit.Single(o => o.Symbol == "KRW-BTC").Bytes);
        Assert.StartsWith("{\"type\":\"orderbook\",\"code\":\"KRW-BTC\",\"timestamp\":1767225600100,\"total_ask_size\":", text, StringComparison.Ordinal);
        Assert.Matches("\"ask_price\":1[0-9]{8}\\.0,\"bid_price\":1[0-9]{8}\\.0,", text);
        Assert.EndsWith("}],\"stream_type\":\"REALTIME\",\"level\":0}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("E", text.Replace("REALTIME", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Receive_Subscription_AnswersOneSnapshotPerCodeThenRoutesRealtimeAtTheRequestedDepth()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        sim.Step(SimClock.At(1));
        var session = (UpbitSimSession)sim.Upbit.OpenSession("/websocket/v1", out _)!;
        var replies = session.Receive("[{\"ticket\":\"t1\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC.15\",\"KRW-XRP.5\"]},{\"format\":\"DEFAULT\"}]");
        Assert.Equal(2, replies.Count);
        var btc = UpbitMessage.Parse(replies[0]);
        var xrp = UpbitMessage.Parse(replies[1]);
        Assert.Equal(("KRW-BTC", "SNAPSHOT", 15), (btc.Code, btc.StreamType, btc.Units.Count));
        Assert.Equal(("KRW-XRP", "SNAPSHOT", 5), (xrp.Code, xrp.StreamType, xrp.Units.Count));
        var truth = sim.Upbit.CurrentBook("KRW-XRP");
        Assert.Equal(truth.Sequence, xrp.Timestamp);
        Assert.Equal(truth.Bids.Take(5), xrp.Bids);
        Assert.Equal(xrp.Units.Sum(u => u.BidSize), xrp.TotalBidSize);

        var step = sim.Step(SimClock.At(2)).Upbit;
        var realtime = UpbitMessage.Parse(session.Select(step.Single(o => o.Symbol == "KRW-XRP"))!);
        Assert.Equal(("REALTIME", 5), (realtime.StreamType, realtime.Units.Count));
        Assert.True(realtime.Timestamp > xrp.Timestamp);
        Assert.Null(session.Select(step.Single(o => o.Symbol == "KRW-ETH")));
        Assert.Equal(new Dictionary<string, int> { ["KRW-BTC"] = 15, ["KRW-XRP"] = 5 }, session.Subscriptions);
    }

    [Theory]
    [InlineData("KRW-BTC", 15)]
    [InlineData("KRW-BTC.1", 1)]
    [InlineData("KRW-BTC.5", 5)]
    [InlineData("KRW-BTC.30", 15)]
    [InlineData("KRW-BTC.7", 15)]
    public void TryParseCode_CountSuffix_GivesMinOfCountAndFifteen(string requested, int depth)
    {
        var venue = new Simulation(new SimulatorOptions(), SimClock.Start).Upbit;
        Assert.True(venue.TryParseCode(requested, out var code, out var actual));
        Assert.Equal("KRW-BTC", code);
        Assert.Equal(depth, actual);
    }

    [Fact]
    public void Receive_Ping_AnswersStatusUp()
    {
        var session = new Simulation(new SimulatorOptions(), SimClock.Start).Upbit.OpenSession("/websocket/v1", out _)!;
        Assert.Equal("{\"status\":\"UP\"}", Encoding.UTF8.GetString(Assert.Single(session.Receive("PING"))));
    }

    [Theory]
    [InlineData("not json", "WRONG_FORMAT")]
    [InlineData("{\"ticket\":\"t\"}", "WRONG_FORMAT")]
    [InlineData("[{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"]}]", "NO_TICKET")]
    [InlineData("[{\"ticket\":\"t\"}]", "NO_TYPE")]
    [InlineData("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[]}]", "NO_CODES")]
    [InlineData("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-DOGE\"]}]", "INVALID_PARAM")]
    [InlineData("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[\"krw-btc\"]}]", "INVALID_PARAM")]
    [InlineData("[{\"ticket\":\"t\"},{\"type\":\"ticker\",\"codes\":[\"KRW-BTC\"]}]", "INVALID_PARAM")]
    [InlineData("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"]},{\"format\":\"SIMPLE\"}]", "INVALID_PARAM")]
    public void Receive_BadRequest_AnswersUpbitError(string request, string name)
    {
        var session = new Simulation(new SimulatorOptions(), SimClock.Start).Upbit.OpenSession("/websocket/v1", out _)!;
        var reply = JsonDocument.Parse(Assert.Single(session.Receive(request))).RootElement.GetProperty("error");
        Assert.Equal(name, reply.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(reply.GetProperty("message").GetString()));
    }

    [Fact]
    public void Receive_OnlyRealtime_SendsNoSnapshot()
    {
        var session = new Simulation(new SimulatorOptions(), SimClock.Start).Upbit.OpenSession("/websocket/v1", out _)!;
        Assert.Empty(session.Receive("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"],\"is_only_realtime\":true}]"));
    }

    [Fact]
    public void HandleRest_MarketAll_ListsKrwMarketsAndOtherQuotesWithDetails()
    {
        var venue = new Simulation(new SimulatorOptions(), SimClock.Start).Upbit;
        var markets = JsonDocument.Parse(venue.HandleRest("/v1/market/all?is_details=true").Body).RootElement.EnumerateArray().ToList();
        Assert.Equal(["KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-USDT", "BTC-ETH", "USDT-BTC"], markets.Select(m => m.GetProperty("market").GetString()));
        Assert.Equal("비트코인", markets[0].GetProperty("korean_name").GetString());
        Assert.Equal("Bitcoin", markets[0].GetProperty("english_name").GetString());
        var marketEvent = markets[0].GetProperty("market_event");
        Assert.False(marketEvent.GetProperty("warning").GetBoolean());
        Assert.All(marketEvent.GetProperty("caution").EnumerateObject(), c => Assert.False(c.Value.GetBoolean()));
        Assert.Equal(5, marketEvent.GetProperty("caution").EnumerateObject().Count());

        var plain = JsonDocument.Parse(venue.HandleRest("/v1/market/all").Body).RootElement[0];
        Assert.False(plain.TryGetProperty("market_event", out _));
    }

    [Fact]
    public void HandleRest_Orderbook_ReturnsTheLatestPublishedVersionWithMarketKey()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        sim.Step(SimClock.At(1));
        var response = sim.Upbit.HandleRest("/v1/orderbook?markets=KRW-BTC,KRW-ETH");
        Assert.Equal(200, response.StatusCode);
        var items = JsonDocument.Parse(response.Body).RootElement.EnumerateArray().Select(UpbitMessage.Parse).ToList();
        Assert.Equal(["KRW-BTC", "KRW-ETH"], items.Select(i => i.Code));
        Assert.All(items, i => Assert.Null(i.StreamType));
        var truth = sim.Upbit.CurrentBook("KRW-ETH");
        Assert.Equal(truth.Sequence, items[1].Timestamp);
        Assert.Equal(truth.Bids, items[1].Bids);
        Assert.Equal(truth.Asks, items[1].Asks);
        Assert.DoesNotContain("stream_type", response.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/orderbook?markets=KRW-DOGE", 404, "404")]
    [InlineData("/v1/orderbook", 400, "validation_error")]
    [InlineData("/v1/nothing", 404, "404")]
    public void HandleRest_BadRequest_AnswersUpbitError(string path, int status, string name)
    {
        var response = new Simulation(new SimulatorOptions(), SimClock.Start).Upbit.HandleRest(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(name, JsonDocument.Parse(response.Body).RootElement.GetProperty("error").GetProperty("name").GetString());
    }

    [Fact]
    public void HandleRest_Instruments_GivesTheTickSize()
    {
        var venue = new Simulation(new SimulatorOptions(), SimClock.Start).Upbit;
        Assert.Equal(
            "[{\"market\":\"KRW-XRP\",\"quote_currency\":\"KRW\",\"tick_size\":\"1\",\"supported_levels\":[\"0\"]}]",
            venue.HandleRest("/v1/orderbook/instruments?markets=KRW-XRP").BodyText);
    }
}
