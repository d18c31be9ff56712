using System.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class KrakenSimVenueTests
{
    internal const string Btc = "BTC/USD";

    [Fact]
    public void Subscribe_Depth10_SnapshotThenUpdatesRebuildTheTruthAtEveryTimestamp()
    {
        var sim = Kraken(31);
        var (session, books) = Subscribe(sim, 10, Btc, "ETH/USD", "XRP/USD");
        var lastTimestamp = new Dictionary<string, long>();
        var messages = 0;
        for (var step = 1; step <= 1500; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Kraken)
            {
                if (session.Select(output) is not { } bytes || output.Symbol.Length == 0)
                {
                    continue;
                }

                var message = KrakenMessage.Parse(bytes);
                Assert.Equal("update", message.Type);
                Assert.Equal(output.Sequence, message.Timestamp);
                Assert.True(message.Timestamp > lastTimestamp.GetValueOrDefault(message.Symbol), "timestamps must increase strictly per pair");
                lastTimestamp[message.Symbol] = message.Timestamp;
                var book = books[message.Symbol];
                book.Apply(message);
                Assert.Equal(message.Checksum, book.Checksum());
                Assert.True(sim.Kraken.TryGetTruth(message.Symbol, message.Timestamp, out var bids, out var asks));
                Assert.Equal(bids, book.Bids);
                Assert.Equal(asks, book.Asks);
                Assert.Equal(10, bids.Length);
                messages++;
            }
        }

        Assert.True(messages >= 1500 * 3 * 8 / 10, $"only {messages} messages");
        Assert.All(books.Values, b => Assert.True(b.Truncated, "some level must leave the top 10 without a delete"));
    }

    [Fact]
    public void Subscribe_Depth25_KeepsTheTop25ExactAndTheTop10OnTheTruth()
    {
        var sim = Kraken(37);
        var (session, books) = Subscribe(sim, 25, Btc);
        var book = books[Btc];
        Assert.Equal(25, book.Bids.Length);
        for (var step = 1; step <= 600; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Kraken)
            {
                if (output.Symbol == Btc && session.Select(output) is { } bytes)
                {
                    var message = KrakenMessage.Parse(bytes);
                    book.Apply(message);
                    Assert.Equal(message.Checksum, book.Checksum());
                    Assert.True(sim.Kraken.TryGetTruth(Btc, message.Timestamp, out var bids, out var asks));
                    Assert.Equal(bids, book.Bids[..10]);
                    Assert.Equal(asks, book.Asks[..10]);
                }
            }
        }

        // The REST book of the latest message, 25 deep, is the subscriber's book.
        var depth = Depth(sim, "XBTUSD", 25);
        Assert.Equal(depth.Bids, book.Bids);
        Assert.Equal(depth.Asks, book.Asks);
    }

    [Fact]
    public void Snapshot_MatchesTheLatestTruthAndItsChecksum()
    {
        var sim = Kraken(41);
        for (var step = 1; step <= 20; step++)
        {
            sim.Step(SimClock.At(step));
        }

        var session = Open(sim);
        var replies = session.Receive("""{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":10,"snapshot":true},"req_id":7}""");
        Assert.Equal(2, replies.Count);
        using (var ack = JsonDocument.Parse(replies[0]))
        {
            var root = ack.RootElement;
            Assert.Equal("subscribe", root.GetProperty("method").GetString());
            Assert.True(root.GetProperty("success").GetBoolean());
            Assert.Equal(7, root.GetProperty("req_id").GetInt64());
            Assert.Equal("book", root.GetProperty("result").GetProperty("channel").GetString());
            Assert.Equal(Btc, root.GetProperty("result").GetProperty("symbol").GetString());
            Assert.Equal(10, root.GetProperty("result").GetProperty("depth").GetInt32());
            KrakenMessage.Micros(root.GetProperty("time_in").GetString()!);
        }

        var snapshot = KrakenMessage.Parse(replies[1]);
        Assert.Equal("snapshot", snapshot.Type);
        var truth = sim.Kraken.CurrentBook(Btc);
        Assert.Equal(truth.Sequence, snapshot.Timestamp);
        Assert.Equal(truth.Bids, snapshot.Bids);
        Assert.Equal(truth.Asks, snapshot.Asks);
        var (priceDecimals, lotDecimals) = Decimals(sim, "XXBTZUSD");
        var book = new KrakenLocalBook(10, priceDecimals, lotDecimals);
        book.Apply(snapshot);
        Assert.Equal(snapshot.Checksum, book.Checksum());
    }

    [Fact]
    public void Frames_NumbersArePlainWithoutTrailingZerosAndOnThePairGrid()
    {
        var sim = Kraken(43);
        var (session, _) = Subscribe(sim, 10, Btc, "ETH/USD", "XRP/USD");
        var ticks = new Dictionary<string, decimal> { [Btc] = 0.01m, ["ETH/USD"] = 0.01m, ["XRP/USD"] = 0.0001m };
        var lots = new Dictionary<string, decimal> { [Btc] = 0.00001m, ["ETH/USD"] = 0.0001m, ["XRP/USD"] = 0.1m };
        var shortened = false;
        for (var step = 1; step <= 300; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Kraken)
            {
                if (output.Symbol.Length > 0 && session.Select(output) is { } bytes)
                {
                    var message = KrakenMessage.Parse(bytes); // rejects exponents, signs and trailing zeros
                    foreach (var level in message.Bids.Concat(message.Asks))
                    {
                        Assert.Equal(0m, level.Price % ticks[message.Symbol]);
                        Assert.Equal(0m, level.Quantity % lots[message.Symbol]);
                    }

                    shortened |= Encoding.ASCII.GetString(bytes).Contains("\"price\":", StringComparison.Ordinal)
                        && message.Bids.Concat(message.Asks).Any(l => l.Price % (ticks[message.Symbol] * 10) == 0);
                }
            }
        }

        Assert.True(shortened, "some price must be written shorter than the pair precision (trailing zeros dropped)");
    }

    [Fact]
    public void AssetPairs_ListsTheOnlinePairsWithLegacyNamesAndOneThatIsNotOnline()
    {
        var response = Kraken(1).Kraken.HandleRest("/0/public/AssetPairs");
        Assert.Equal(200, response.StatusCode);
        using var document = JsonDocument.Parse(response.Body);
        Assert.Equal(0, document.RootElement.GetProperty("error").GetArrayLength());
        var result = document.RootElement.GetProperty("result");
        var btc = result.GetProperty("XXBTZUSD");
        Assert.Equal("XBT/USD", btc.GetProperty("wsname").GetString());
        Assert.Equal("XBTUSD", btc.GetProperty("altname").GetString());
        Assert.Equal("online", btc.GetProperty("status").GetString());
        Assert.Equal(2, btc.GetProperty("pair_decimals").GetInt32()); // tick 0.01
        Assert.Equal(5, btc.GetProperty("lot_decimals").GetInt32()); // lot 0.00001
        Assert.Equal("0.01", btc.GetProperty("tick_size").GetString());
        Assert.Equal("ETH/USD", result.GetProperty("XETHZUSD").GetProperty("wsname").GetString());
        var xrp = result.GetProperty("XXRPZUSD");
        Assert.Equal(4, xrp.GetProperty("pair_decimals").GetInt32());
        Assert.Equal(1, xrp.GetProperty("lot_decimals").GetInt32());
        var halted = result.EnumerateObject().Single(p => p.Value.GetProperty("status").GetString() != "online");
        Assert.Equal(KrakenSimVenue.HaltedPair, halted.Value.GetProperty("wsname").GetString());
        Assert.Equal("USDT/USD", result.GetProperty("USDTZUSD").GetProperty("wsname").GetString());
        Assert.Equal(5, result.EnumerateObject().Count());
    }

    [Theory]
    [InlineData("/0/public/Depth?pair=NOPEUSD", "EQuery:Unknown asset pair")]
    [InlineData("/0/public/Depth", "EGeneral:Invalid arguments")]
    [InlineData("/0/public/Depth?pair=XBTUSD&count=0", "EGeneral:Invalid arguments:count")]
    [InlineData("/0/public/AssetPairs?pair=NOPEUSD", "EQuery:Unknown asset pair")]
    public void Rest_BadRequests_AnswerKrakenErrors(string path, string error)
    {
        var response = Kraken(1).Kraken.HandleRest(path);
        Assert.Equal(200, response.StatusCode);
        using var document = JsonDocument.Parse(response.Body);
        Assert.Equal(error, Assert.Single(document.RootElement.GetProperty("error").EnumerateArray()).GetString());
    }

    [Fact]
    public void Rest_UnknownPathAndWrongSocketPath_Are404()
    {
        var venue = Kraken(1).Kraken;
        Assert.Equal(404, venue.HandleRest("/api/v3/depth").StatusCode);
        Assert.Null(venue.OpenSession("/ws", out var rejection));
        Assert.Equal(404, rejection!.StatusCode);
        Assert.NotNull(venue.OpenSession("/v2", out _));
    }

    [Fact]
    public void Depth_PricesAndVolumesAtThePairPrecision_BestFirst()
    {
        var sim = Kraken(47);
        sim.Step(SimClock.At(1));
        var response = sim.Kraken.HandleRest("/0/public/Depth?pair=XBTUSD&count=5");
        using var document = JsonDocument.Parse(response.Body);
        var book = document.RootElement.GetProperty("result").GetProperty("XXBTZUSD");
        var asks = book.GetProperty("asks").EnumerateArray().ToList();
        Assert.Equal(5, asks.Count);
        Assert.Matches(@"^\d+\.\d{2}$", asks[0][0].GetString()!);
        Assert.Matches(@"^\d+\.\d{5}$", asks[0][1].GetString()!);
        Assert.Equal(SimClock.At(1) / 1_000_000, asks[0][2].GetInt64());
        var truth = sim.Kraken.CurrentBook(Btc);
        Assert.Equal(truth.Asks[0].Price, decimal.Parse(asks[0][0].GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(truth.Bids[0].Price, decimal.Parse(book.GetProperty("bids")[0][0].GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Requests_PingUnknownPairBadDepthUnsubscribe_AnsweredAsKrakenDoes()
    {
        var sim = Kraken(53);
        var session = Open(sim);
        var pong = Json(Assert.Single(session.Receive("""{"method":"ping","req_id":42}""")));
        Assert.Equal("pong", pong.GetProperty("method").GetString());
        Assert.Equal(42, pong.GetProperty("req_id").GetInt64());

        var unknown = Json(Assert.Single(session.Receive("""{"method":"subscribe","params":{"channel":"book","symbol":["NOPE/USD"]},"req_id":1}""")));
        Assert.False(unknown.GetProperty("success").GetBoolean());
        Assert.Equal("Currency pair not supported", unknown.GetProperty("error").GetString());
        Assert.Equal("NOPE/USD", unknown.GetProperty("symbol").GetString());

        var depth = Json(Assert.Single(session.Receive("""{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":15},"req_id":2}""")));
        Assert.False(depth.GetProperty("success").GetBoolean());
        Assert.Empty(session.Subscriptions);

        Assert.Equal(2, session.Receive("""{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"]},"req_id":3}""").Count); // ack + snapshot (default true)
        Assert.Equal(10, session.Subscriptions[Btc]);
        var again = Json(Assert.Single(session.Receive("""{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"]},"req_id":4}""")));
        Assert.Equal("Already subscribed", again.GetProperty("error").GetString());

        var quiet = Assert.Single(session.Receive("""{"method":"subscribe","params":{"channel":"book","symbol":["ETH/USD"],"snapshot":false},"req_id":5}"""));
        Assert.True(Json(quiet).GetProperty("success").GetBoolean());

        var off = Json(Assert.Single(session.Receive("""{"method":"unsubscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":10},"req_id":6}""")));
        Assert.True(off.GetProperty("success").GetBoolean());
        Assert.Equal("unsubscribe", off.GetProperty("method").GetString());
        var notFound = Json(Assert.Single(session.Receive("""{"method":"unsubscribe","params":{"channel":"book","symbol":["BTC/USD"]},"req_id":7}""")));
        Assert.Equal("Subscription Not Found", notFound.GetProperty("error").GetString());

        for (var step = 1; step <= 20; step++)
        {
            Assert.All(sim.Step(SimClock.At(step)).Kraken.Where(o => o.Symbol == Btc), o => Assert.Null(session.Select(o)));
        }

        Assert.False(Json(Assert.Single(session.Receive("not json"))).GetProperty("success").GetBoolean());
    }

    [Fact]
    public void Heartbeat_AboutEverySecond_OnlyToSubscribersWithoutOtherTraffic()
    {
        var sim = Kraken(59);
        var idle = Open(sim);
        var (busy, _) = Subscribe(sim, 10, Btc);
        var quiet = Open(sim);
        quiet.Receive("""{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"]},"req_id":1}""");
        var heartbeats = new List<int>();
        for (var step = 1; step <= 50; step++)
        {
            foreach (var output in sim.Step(SimClock.At(step)).Kraken)
            {
                if (output.Symbol.Length == 0)
                {
                    heartbeats.Add(step);
                    Assert.Equal("""{"channel":"heartbeat"}""", Encoding.ASCII.GetString(output.Bytes));
                    Assert.Null(idle.Select(output)); // not subscribed
                    Assert.Null(busy.Select(output)); // book messages went out since the last heartbeat
                    Assert.Equal(output.Bytes, quiet.Select(output)); // this one never takes the book frames
                }
                else
                {
                    busy.Select(output);
                }
            }
        }

        Assert.Equal([10, 20, 30, 40, 50], heartbeats);
    }

    [Fact]
    public void Limits_AreTheAdaptersConservativeChoices_AndAMessageOverTheRateIsRefused()
    {
        var venue = Kraken(1).Kraken;
        Assert.Equal(new SimRateLimit(20, TimeSpan.FromMinutes(1)), venue.ConnectLimit);
        Assert.Equal(new SimRateLimit(5, TimeSpan.FromSeconds(1)), venue.MessageLimit);
        var refusal = Json(Assert.Single(venue.OpenSession("/v2", out _)!.RateLimitedReply("""{"method":"subscribe","req_id":9}""")!));
        Assert.Equal("Exceeded msg rate", refusal.GetProperty("error").GetString());
        Assert.Equal(9, refusal.GetProperty("req_id").GetInt64());
        Assert.False(refusal.GetProperty("success").GetBoolean());
    }

    [Fact]
    public void Determinism_SameSeedAndClock_SameBytes()
    {
        static List<byte[]> Run()
        {
            var sim = Kraken(61);
            var list = new List<byte[]>();
            for (var step = 1; step <= 200; step++)
            {
                list.AddRange(sim.Step(SimClock.At(step)).Kraken.Select(o => o.Bytes));
            }

            return list;
        }

        Assert.Equal(Run(), Run());
    }

    internal static Simulation Kraken(int seed, Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { Seed = seed }.Only(VenueId.Kraken);
        configure?.Invoke(options);
        return new Simulation(options, SimClock.Start);
    }

    internal static KrakenSimSession Open(Simulation sim) => (KrakenSimSession)sim.Kraken.OpenSession("/v2", out _)!;

    /// <summary>A session subscribed to <paramref name="symbols"/> at <paramref name="depth"/>, with each snapshot applied to a local book.</summary>
    internal static (KrakenSimSession Session, Dictionary<string, KrakenLocalBook> Books) Subscribe(Simulation sim, int depth, params string[] symbols)
    {
        var session = Open(sim);
        var books = new Dictionary<string, KrakenLocalBook>();
        var request = $$"""{"method":"subscribe","params":{"channel":"book","symbol":[{{string.Join(",", symbols.Select(s => "\"" + s + "\""))}}],"depth":{{depth}},"snapshot":true},"req_id":1}""";
        foreach (var reply in session.Receive(request))
        {
            if (KrakenMessage.TryParse(reply, out var snapshot))
            {
                var (priceDecimals, lotDecimals) = Decimals(sim, KeyOf(snapshot!.Symbol));
                var book = new KrakenLocalBook(depth, priceDecimals, lotDecimals);
                book.Apply(snapshot);
                Assert.Equal(snapshot.Checksum, book.Checksum());
                books[snapshot.Symbol] = book;
            }
        }

        Assert.Equal(symbols.Length, books.Count);
        return (session, books);
    }

    /// <summary>pair_decimals and lot_decimals of a pair, from AssetPairs.</summary>
    internal static (int Price, int Lot) Decimals(Simulation sim, string key)
    {
        using var document = JsonDocument.Parse(sim.Kraken.HandleRest("/0/public/AssetPairs").Body);
        var pair = document.RootElement.GetProperty("result").GetProperty(key);
        return (pair.GetProperty("pair_decimals").GetInt32(), pair.GetProperty("lot_decimals").GetInt32());
    }

    internal static string KeyOf(string symbol) => symbol switch
    {
        "BTC/USD" => "XXBTZUSD",
        "ETH/USD" => "XETHZUSD",
        "XRP/USD" => "XXRPZUSD",
        _ => symbol.Replace("/", "", StringComparison.Ordinal),
    };

    private static (TruthLevel[] Bids, TruthLevel[] Asks) Depth(Simulation sim, string pair, int count)
    {
        using var document = JsonDocument.Parse(sim.Kraken.HandleRest($"/0/public/Depth?pair={pair}&count={count}").Body);
        var book = document.RootElement.GetProperty("result").EnumerateObject().Single().Value;
        static TruthLevel[] Side(JsonElement side) =>
            [.. side.EnumerateArray().Select(l => new TruthLevel(decimal.Parse(l[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(l[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture)))];
        return (Side(book.GetProperty("bids")), Side(book.GetProperty("asks")));
    }

    private static JsonElement Json(byte[] bytes) => JsonDocument.Parse(bytes).RootElement.Clone();
}
