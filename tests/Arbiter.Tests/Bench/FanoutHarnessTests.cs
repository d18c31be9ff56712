using System.Text;
using Arbiter.Fanout;

namespace Arbiter.Tests.Bench;

/// <summary>The fan-out benchmark harness (bench/Arbiter.Fanout) at a tiny scale, in-process: the counts add up (no timing assertions).</summary>
public sealed class FanoutHarnessTests
{
    [Fact]
    public async Task RunAsync_FiveInProcessClients_EveryClientGetsSnapshotAndEveryNeverConflatedEvent()
    {
        var settings = new FanoutSettings { Clients = [5], Rate = 1000, Seconds = 1, Warmup = 0.5, Repeat = 1, StallWait = 0 };

        var results = await FanoutBenchmark.RunAsync(
            settings,
            (url, clients, stalled) => new ClientFleet(url, clients, stalled, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(120)),
            TextWriter.Null,
            CancellationToken.None);

        var result = Assert.Single(results);
        Assert.Equal(5, result.Clients);
        Assert.Null(result.Baseline.Fleet);
        Assert.Equal(0, result.Baseline.Clients);
        Assert.True(result.Baseline.Events > 0);
        var (healthy, stalled) = Assert.Single(result.Pairs);
        Assert.False(healthy.WithStalled);
        Assert.True(stalled.WithStalled);
        foreach (var run in new[] { healthy, stalled })
        {
            var fleet = run.Fleet!;
            Assert.Equal(5, run.Clients);
            Assert.Equal(5, fleet.Healthy);
            Assert.Equal(5, fleet.Snapshots);
            Assert.Equal(0, fleet.Dropped);
            Assert.Empty(fleet.DropReasons);
            Assert.Equal(0, fleet.Incomplete);
            Assert.Equal(0, fleet.MalformedFrames);
            Assert.Equal(0, fleet.BadTimes);

            // opportunity.opened/closed are never conflated: each client got exactly the ones the generator stamped in the window.
            Assert.True(run.OpenedOrClosed > 0);
            Assert.Equal(run.OpenedOrClosed, fleet.OpenedOrClosedMin);
            Assert.Equal(run.OpenedOrClosed, fleet.OpenedOrClosedMax);

            // Conflation may merge book messages, never invent them.
            Assert.True(fleet.ReceivedMin >= run.OpenedOrClosed);
            Assert.True(fleet.ReceivedMax <= run.Events);
            Assert.True(fleet.ReceivedTotal >= fleet.ReceivedMin * 5);
            Assert.True(fleet.ReceivedTotal <= fleet.ReceivedMax * 5);
        }

        Assert.Null(healthy.Fleet!.StalledSnapshot);
        Assert.True(stalled.Fleet!.StalledSnapshot);
    }

    [Fact]
    public void FrameReader_SingleAndBatchFrames_TypeAndMicrosecondTimeOfEachMessage()
    {
        var t = (new DateTimeOffset(2026, 11, 21, 13, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000) + 123_456;
        var single = new Recorder();
        Assert.Equal(1, FrameReader.Read("{\"type\":\"books\",\"time\":\"2026-11-21T13:00:00.123456Z\",\"books\":[{\"venue\":\"upbit\",\"received\":\"2026-11-21T12:00:00.000000Z\"}]}"u8, single));
        Assert.Equal([(MessageKind.Books, t)], single.Messages);

        var batch = new Recorder();
        var frame = "{\"type\":\"batch\",\"messages\":["
            + "{\"type\":\"snapshot\",\"time\":\"2026-11-21T13:00:00.123456Z\",\"venues\":[],\"stats\":{\"time\":\"x\"}},"
            + "{\"time\":\"2024-02-29T23:59:59.999999Z\",\"type\":\"opportunity.closed\",\"opportunity\":{\"firstSeen\":\"2026-11-21T13:00:00.000000Z\"}},"
            + "{\"type\":\"opportunity.updated\",\"time\":\"1970-01-01T00:00:00.000001Z\"},"
            + "{\"type\":\"fx\",\"time\":\"not a time\"}]}";
        Assert.Equal(4, FrameReader.Read(Encoding.UTF8.GetBytes(frame), batch));
        var leapDay = (new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000) + 999_999;
        Assert.Equal([(MessageKind.Snapshot, t), (MessageKind.OpportunityOpenedOrClosed, leapDay), (MessageKind.OpportunityOther, 1), (MessageKind.Other, -1)], batch.Messages);

        // Braces and escaped quotes inside strings do not end a message early; a batch that does not close is refused.
        var tricky = new Recorder();
        Assert.Equal(2, FrameReader.Read(Encoding.UTF8.GetBytes("{\"type\":\"batch\",\"messages\":["
            + "{\"type\":\"wallet\",\"time\":\"1970-01-01T00:00:00.000002Z\",\"change\":{\"network\":\"a}b{\\\"c\\\\\",\"x\":[{}]}},"
            + "{\"type\":\"books\",\"time\":\"1970-01-01T00:00:00.000003Z\"}]}"), tricky));
        Assert.Equal([(MessageKind.Other, 2), (MessageKind.Books, 3)], tricky.Messages);
        Assert.Equal(-1, FrameReader.Read("{\"type\":\"batch\",\"messages\":[{\"type\":\"books\",\"time\":\"x\"}"u8, new Recorder()));
        Assert.Equal(-1, FrameReader.Read("{\"type\":\"batch\",\"messages\":[{\"type\":\"books\",\"time\":\"x\"]}"u8, new Recorder()));

        Assert.Equal(-1, FrameReader.Read("{\"type\":\"books\",\"time\":"u8, new Recorder()));
        Assert.Equal(-1, FrameReader.Read("[1,2]"u8, new Recorder()));
    }

    [Fact]
    public void FrameReader_RandomBatchesOfLongMessages_EveryMessageFoundWithItsTypeAndTime()
    {
        // Messages longer than the scanner's 32-byte blocks, with strings holding braces, quotes and backslashes that
        // straddle block edges, nested objects, and heads in the server's order or not: each batch's messages must come
        // back exactly as generated.
        var random = new Random(20261121);
        string[] types = ["books", "opportunity.opened", "opportunity.updated", "fx", "wallet"];
        MessageKind[] kinds = [MessageKind.Books, MessageKind.OpportunityOpenedOrClosed, MessageKind.OpportunityOther, MessageKind.Other, MessageKind.Other];
        const string Alphabet = "abc{}[]:,  0123";
        for (var frameNo = 0; frameNo < 400; frameNo++)
        {
            var expected = new List<(MessageKind, long)>();
            var frame = new StringBuilder("{\"type\":\"batch\",\"messages\":[");
            var count = random.Next(1, 12);
            for (var m = 0; m < count; m++)
            {
                var t = random.Next(types.Length);
                var when = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(random.NextInt64(0, 365L * TimeSpan.TicksPerDay / 10) * 10);
                var micros = (when.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
                var time = when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
                var text = new StringBuilder();
                var length = random.Next(0, 90);
                for (var c = 0; c < length; c++)
                {
                    var roll = random.Next(300);
                    text.Append(roll == 0 ? "\\\"" : roll == 1 ? "\\\\" : Alphabet[random.Next(Alphabet.Length)].ToString());
                }

                var head = $"\"type\":\"{types[t]}\",\"time\":\"{time}\"";
                var body = $"\"pad\":\"{text}\",\"nested\":{{\"a\":[{{}},{{\"b\":\"}}\"}}],\"n\":{random.Next()}}}";
                frame.Append(random.Next(5) == 0 ? $"{{{body},{head}}}" : $"{{{head},{body}}}");
                frame.Append(m < count - 1 ? "," : "]}");
                expected.Add((kinds[t], micros));
            }

            var recorder = new Recorder();
            Assert.Equal(count, FrameReader.Read(Encoding.UTF8.GetBytes(frame.ToString()), recorder));
            Assert.Equal(expected, recorder.Messages);
        }
    }

    [Fact]
    public void LatencyHistogram_OneToThousandMicros_PercentilesAreBucketUpperEdges()
    {
        var histogram = new LatencyHistogram();
        for (var v = 1; v <= 1000; v++)
        {
            histogram.Record(v);
        }

        // 1..255 µs are exact; 500 falls in [500, 501] (128 sub-buckets per octave: width 2 in 256..511), 990 in [988, 991] (width 4 in 512..1023).
        Assert.Equal(1000, histogram.Count);
        Assert.Equal(100, histogram.Percentile(0.10));
        Assert.Equal(501, histogram.Percentile(0.50));
        Assert.Equal(991, histogram.Percentile(0.99));
        Assert.Equal(1000, histogram.Percentile(1.0));
        Assert.Equal(1000, histogram.Max);
    }

    private sealed class Recorder : IMessageSink
    {
        public List<(MessageKind Kind, long Time)> Messages { get; } = [];

        public void OnMessage(MessageKind kind, long time) => Messages.Add((kind, time));
    }
}
