using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class BinanceSimVenueTests
{
    [Fact]
    public void Step_DiffsAppliedToRestSnapshot_ReproduceTruthAtEveryU()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 11 }, SimClock.Start);
        var books = new Dictionary<string, LocalBook>();
        foreach (var symbol in sim.Binance.Symbols)
        {
            var snapshot = JsonDocument.Parse(sim.Binance.HandleRest($"/api/v3/depth?symbol={symbol}&limit=5000").Body).RootElement;
            var book = new LocalBook { LastUpdateId = snapshot.GetProperty("lastUpdateId").GetInt64() };
            book.Apply(BinanceDiffFrame.Levels(snapshot.GetProperty("bids")), bid: true);
            book.Apply(BinanceDiffFrame.Levels(snapshot.GetProperty("asks")), bid: false);
            Assert.True(sim.Binance.TryGetTruth(symbol, book.LastUpdateId, out var bids, out var asks));
            Assert.Equal(bids, book.Bids);
            Assert.Equal(asks, book.Asks);
            books[symbol] = book;
        }

        var checkedFrames = 0;
        var spans = new HashSet<long>();
        for (var step = 1; step <= 1500; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Binance)
            {
                var frame = BinanceDiffFrame.Parse(output.RawBytes);
                var book = books[frame.Symbol];
                Assert.Equal(book.LastUpdateId + 1, frame.FirstId);
                Assert.Equal(SimClock.At(step) / 1000, frame.EventTime);
                book.Apply(frame.Bids, bid: true);
                book.Apply(frame.Asks, bid: false);
                book.LastUpdateId = frame.LastId;
                spans.Add(frame.LastId - frame.FirstId - (frame.Bids.Count + frame.Asks.Count - 1));
                Assert.True(sim.Binance.TryGetTruth(frame.Symbol, frame.LastId, out var bids, out var asks));
                Assert.Equal(bids, book.Bids);
                Assert.Equal(asks, book.Asks);
                Assert.Equal(50, bids.Length);
                Assert.Equal(50, asks.Length);
                checkedFrames++;
            }
        }

        Assert.True(checkedFrames >= 1500 * 3 * 9 / 10, $"only {checkedFrames} frames");
        Assert.Contains(0L, spans); // u - U + 1 == levels in some frames
        Assert.True(spans.Count > 3, "u - U must vary beyond the number of levels");
    }

    [Fact]
    public void Step_CombinedFrame_WrapsTheRawPayloadWithItsStream()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var output = sim.Step(SimClock.At(1)).Binance[0];
        var prefix = "{\"stream\":\"btcusdt@depth@100ms\",\"data\":"u8.ToArray();
        Assert.Equal("btcusdt@depth@100ms", output.Stream);
        Assert.Equal([.. prefix, .. output.RawBytes, (byte)'}'], output.Bytes);
        var combined = BinanceDiffFrame.Parse(output.Bytes);
        Assert.Equal("btcusdt@depth@100ms", combined.Stream);
        Assert.Equal("BTCUSDT", combined.Symbol);
        Assert.StartsWith("{\"e\":\"depthUpdate\",\"E\":1767225600100,\"s\":\"BTCUSDT\",\"U\":", System.Text.Encoding.UTF8.GetString(output.RawBytes), StringComparison.Ordinal);
    }

    [Fact]
    public void HandleRest_Depth_ReturnsTopNBestFirstAtTheLatestUpdateId()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        sim.Step(SimClock.At(1));
        var response = sim.Binance.HandleRest("/api/v3/depth?symbol=ETHUSDT&limit=5");
        Assert.Equal(200, response.StatusCode);
        var root = JsonDocument.Parse(response.Body).RootElement;
        var id = root.GetProperty("lastUpdateId").GetInt64();
        Assert.Equal(sim.Binance.LastUpdateId("ETHUSDT"), id);
        var bids = BinanceDiffFrame.Levels(root.GetProperty("bids"));
        var asks = BinanceDiffFrame.Levels(root.GetProperty("asks"));
        var truth = sim.Binance.CurrentBook("ETHUSDT");
        Assert.Equal(id, truth.Sequence);
        Assert.Equal(truth.Bids.Take(5), bids.Select(b => new TruthLevel(b.Price, b.Quantity)));
        Assert.Equal(truth.Asks.Take(5), asks.Select(a => new TruthLevel(a.Price, a.Quantity)));
        Assert.True(bids[0].Price > bids[1].Price && asks[0].Price < asks[1].Price);
    }

    [Theory]
    [InlineData("/api/v3/depth?symbol=DOGEUSDT", 400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}")]
    [InlineData("/api/v3/depth", 400, "{\"code\":-1102,\"msg\":\"Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.\"}")]
    [InlineData("/api/v3/depth?symbol=BTCUSDT&limit=abc", 400, "{\"code\":-1100,\"msg\":\"Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.\"}")]
    [InlineData("/api/v3/exchangeInfo?symbol=FOO", 400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}")]
    public void HandleRest_BadRequest_AnswersBinanceError(string path, int status, string body)
    {
        var response = new Simulation(new SimulatorOptions(), SimClock.Start).Binance.HandleRest(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(body, response.BodyText);
    }

    [Fact]
    public void HandleRest_ExchangeInfo_ListsFiltersAndOneBreakSymbol()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var root = JsonDocument.Parse(sim.Binance.HandleRest("/api/v3/exchangeInfo").Body).RootElement;
        Assert.Equal("UTC", root.GetProperty("timezone").GetString());
        Assert.Equal(SimClock.Start / 1000, root.GetProperty("serverTime").GetInt64());
        var symbols = root.GetProperty("symbols").EnumerateArray().ToList();
        Assert.Equal(["BTCUSDT", "ETHUSDT", "XRPUSDT", "LUNAUSDT"], symbols.Select(s => s.GetProperty("symbol").GetString()));
        Assert.Equal(["TRADING", "TRADING", "TRADING", "BREAK"], symbols.Select(s => s.GetProperty("status").GetString()));
        var xrp = symbols[2];
        Assert.Equal("XRP", xrp.GetProperty("baseAsset").GetString());
        Assert.Equal("USDT", xrp.GetProperty("quoteAsset").GetString());
        var filters = xrp.GetProperty("filters").EnumerateArray().ToDictionary(f => f.GetProperty("filterType").GetString()!);
        Assert.Equal("0.00010000", filters["PRICE_FILTER"].GetProperty("tickSize").GetString());
        Assert.Equal("0.00010000", filters["PRICE_FILTER"].GetProperty("minPrice").GetString());
        Assert.Equal("1000000.00000000", filters["PRICE_FILTER"].GetProperty("maxPrice").GetString());
        Assert.Equal("0.10000000", filters["LOT_SIZE"].GetProperty("stepSize").GetString());
        Assert.Equal("5.00000000", filters["NOTIONAL"].GetProperty("minNotional").GetString());
        var btc = symbols[0].GetProperty("filters").EnumerateArray().ToDictionary(f => f.GetProperty("filterType").GetString()!);
        Assert.Equal("0.01000000", btc["PRICE_FILTER"].GetProperty("tickSize").GetString());
        Assert.Equal("0.00001000", btc["LOT_SIZE"].GetProperty("minQty").GetString());
        Assert.Equal("9000.00000000", btc["LOT_SIZE"].GetProperty("maxQty").GetString());
    }

    [Fact]
    public void Step_PricesAndQuantities_AreOnTheTickAndLotGrid()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 3 }, SimClock.Start);
        var grid = new Dictionary<string, (decimal Tick, decimal Lot)> { ["BTCUSDT"] = (0.01m, 0.00001m), ["ETHUSDT"] = (0.01m, 0.0001m), ["XRPUSDT"] = (0.0001m, 0.1m) };
        var levels = 0;
        for (var step = 1; step <= 500; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Binance)
            {
                var frame = BinanceDiffFrame.Parse(output.Bytes);
                var (tick, lot) = grid[frame.Symbol];
                foreach (var (price, quantity) in frame.Bids.Concat(frame.Asks))
                {
                    Assert.Equal(0m, price % tick);
                    Assert.Equal(0m, quantity % lot);
                    Assert.True(price > 0);
                    levels++;
                }
            }
        }

        Assert.True(levels > 5000, $"only {levels} levels checked");
    }

    [Fact]
    public void Step_QuantitiesPerLevel_StayInTheConfiguredRange()
    {
        var sim = new Simulation(new SimulatorOptions { Seed = 5 }, SimClock.Start);
        for (var step = 1; step <= 200; step++)
        {
            sim.Step(SimClock.At(step));
        }

        var btc = sim.Binance.CurrentBook("BTCUSDT");
        Assert.All(btc.Bids.Concat(btc.Asks), l => Assert.InRange(l.Quantity, 0.01m, 2.0m));
        var xrp = sim.Binance.CurrentBook("XRPUSDT");
        Assert.All(xrp.Bids.Concat(xrp.Asks), l => Assert.InRange(l.Quantity, 400m, 80_000m));
    }

    [Fact]
    public void OpenSession_PathsAndStreams_AreValidatedLikeBinance()
    {
        var venue = new Simulation(new SimulatorOptions(), SimClock.Start).Binance;
        var raw = Assert.IsType<BinanceSimSession>(venue.OpenSession("/ws/btcusdt@depth@100ms", out var rejection));
        Assert.Null(rejection);
        Assert.False(raw.IsCombined);
        Assert.Equal(["btcusdt@depth@100ms"], raw.Streams);
        var combined = Assert.IsType<BinanceSimSession>(venue.OpenSession("/stream?streams=btcusdt@depth@100ms/xrpusdt@depth@100ms", out _));
        Assert.True(combined.IsCombined);
        Assert.Equal(["btcusdt@depth@100ms", "xrpusdt@depth@100ms"], combined.Streams);

        Assert.Null(venue.OpenSession("/ws/BTCUSDT@depth@100ms", out rejection));
        Assert.Equal(400, rejection!.StatusCode);
        Assert.Equal("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", rejection.BodyText);
        Assert.Null(venue.OpenSession("/stream?streams=dogeusdt@depth@100ms", out rejection));
        Assert.Equal(400, rejection!.StatusCode);
        Assert.Null(venue.OpenSession("/somewhere", out rejection));
        Assert.Equal(404, rejection!.StatusCode);
    }

    [Fact]
    public void Receive_SubscribeThenList_AcksAndRoutesTheStream()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var session = (BinanceSimSession)sim.Binance.OpenSession("/ws", out _)!;
        var step = sim.Step(SimClock.At(1)).Binance;
        Assert.All(step, o => Assert.Null(session.Select(o)));

        Assert.Equal("{\"result\":null,\"id\":1}", Text(session.Receive("{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@depth@100ms\"],\"id\":1}")));
        Assert.Equal("{\"result\":[\"ethusdt@depth@100ms\"],\"id\":\"x\"}", Text(session.Receive("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":\"x\"}")));
        step = sim.Step(SimClock.At(2)).Binance;
        var eth = step.Single(o => o.Symbol == "ETHUSDT");
        Assert.Same(eth.RawBytes, session.Select(eth)); // raw connection: payload without wrapper
        Assert.Null(session.Select(step.Single(o => o.Symbol == "BTCUSDT")));

        Assert.Equal("{\"result\":null,\"id\":2}", Text(session.Receive("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"ethusdt@depth@100ms\"],\"id\":2}")));
        Assert.Empty(session.Streams);
    }

    [Theory]
    [InlineData("{\"method\":\"SUBSCRIBE\",\"params\":[\"dogeusdt@depth@100ms\"],\"id\":7}", "{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown stream 'dogeusdt@depth@100ms'\"},\"id\":7}")]
    [InlineData("{\"method\":\"FOO\",\"id\":3}", "{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown method 'FOO'\"},\"id\":3}")]
    [InlineData("{\"params\":[],\"id\":4}", "{\"error\":{\"code\":2,\"msg\":\"Invalid request: missing field `method`\"},\"id\":4}")]
    public void Receive_BadRequest_AnswersBinanceWsError(string request, string expected)
    {
        var session = new Simulation(new SimulatorOptions(), SimClock.Start).Binance.OpenSession("/ws", out _)!;
        Assert.Equal(expected, Text(session.Receive(request)));
    }

    [Fact]
    public void Receive_NotJson_AnswersInvalidJsonError()
    {
        var session = new Simulation(new SimulatorOptions(), SimClock.Start).Binance.OpenSession("/ws", out _)!;
        var reply = JsonDocument.Parse(Text(session.Receive("{nope"))).RootElement;
        Assert.Equal(3, reply.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("id").ValueKind);
    }

    [Fact]
    public void TryGetTruth_UnknownSequenceOrSymbol_ReturnsFalse()
    {
        var sim = new Simulation(new SimulatorOptions(), SimClock.Start);
        var u = sim.Step(SimClock.At(1)).Binance[0].Sequence;
        Assert.True(sim.Binance.TryGetTruth("BTCUSDT", u, out _, out _));
        Assert.False(sim.Binance.TryGetTruth("BTCUSDT", u + 1, out var bids, out var asks));
        Assert.Empty(bids);
        Assert.Empty(asks);
        Assert.False(sim.Binance.TryGetTruth("DOGEUSDT", u, out _, out _));
        Assert.Equal(VenueId.Binance, sim.Binance.Venue);
    }

    [Fact]
    public void TryGetTruth_BeyondCapacity_ForgetsTheOldestVersions()
    {
        var sim = new Simulation(new SimulatorOptions { TruthCapacity = 16 }, SimClock.Start);
        var first = sim.Binance.LastUpdateId("BTCUSDT");
        for (var step = 1; step <= 40; step++)
        {
            sim.Step(SimClock.At(step));
        }

        Assert.False(sim.Binance.TryGetTruth("BTCUSDT", first, out _, out _));
        var oldest = sim.Binance.OldestTruthSequence("BTCUSDT");
        Assert.True(sim.Binance.TryGetTruth("BTCUSDT", oldest, out _, out _));
        Assert.True(oldest > first);
    }

    private static string Text(IReadOnlyList<byte[]> replies) => System.Text.Encoding.UTF8.GetString(Assert.Single(replies));
}
