using System.Text;
using Arbiter.Capture;
using Arbiter.Core;
using Arbiter.Intelligence;
using Arbiter.Tests.Support;
using Arbiter.Venues;

namespace Arbiter.Tests.Intelligence;

/// <summary>The FX refresher on a manual clock: fetches at start and every Schedules:Fx, publishes through the ingest gate (and so into the capture).</summary>
public sealed class FxRefresherTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_FetchesAtStartAndEveryInterval_PublishingEachRateThroughTheGate()
    {
        await using var server = new LoopbackHttpServer();
        server.Answer(200, "[{\"basePrice\":1391.5}]");
        var clock = new ManualTimeProvider(Start);
        var events = new RecordingEventSink();
        var captured = new MemoryStream();
        using var capture = new JsonlCaptureWriter(captured);
        var gate = new IngestGate(clock, capture);
        var options = new FxSourceOptions { Url = new Uri(server.BaseAddress, "rate").ToString() };
        var refresher = new FxRefresher(new HttpFxSource(options), options.JsonPath, new HttpClient(), new GatedIntelligenceInput(gate, events, capture), clock, TimeSpan.FromMinutes(5));
        using var stop = new CancellationTokenSource();

        var run = refresher.RunAsync(stop.Token);
        await RecordingEventSink.WaitUntilAsync(() => refresher.Health.Published == 1, "the fetch at start");
        server.Answer(200, "[{\"basePrice\":1392.25}]");
        clock.Advance(TimeSpan.FromMinutes(5));
        await RecordingEventSink.WaitUntilAsync(() => refresher.Health.Published == 2, "the fetch after one interval");
        await stop.CancelAsync();
        await run;

        var t0 = UnixMicros.FromDateTimeOffset(Start);
        var t1 = t0 + 300_000_000;
        var source = $"http: {server.BaseAddress}rate";
        Assert.Equal(
        [
            new RecordingEventSink.Recorded(MarketEventKind.FxQuote, t0, default, new FxQuote(Asset.Usd, Asset.Krw, 1391.5m, t0, source), null),
            new RecordingEventSink.Recorded(MarketEventKind.FxQuote, t1, default, new FxQuote(Asset.Usd, Asset.Krw, 1392.25m, t1, source), null),
        ], events.Events);
        Assert.Equal(new FxSourceHealth($"{server.BaseAddress}rate", "0.basePrice", 1392.25m, t1, null, null, 2, 0, 2), refresher.Health);

        // The capture holds each quote, stamped by the gate, in the order the engine got them.
        var lines = Encoding.UTF8.GetString(captured.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal($"{{\"ts\":\"2026-11-21T13:00:00.000000Z\",\"kind\":\"fx\",\"data\":\"{{\\\"base\\\":\\\"USD\\\",\\\"quote\\\":\\\"KRW\\\",\\\"rate\\\":\\\"1391.5\\\",\\\"time\\\":{t0},\\\"source\\\":\\\"{source}\\\"}}\"}}", lines[0]);
        var record = CaptureReader.Parse(lines[1], 2, "capture");
        Assert.Equal((CaptureKinds.Fx, t1, (VenueId?)null), (record.Kind, record.Time, record.Venue));
        Assert.Equal(new FxQuote(Asset.Usd, Asset.Krw, 1392.25m, t1, source), CapturePayloads.ReadFx(Encoding.UTF8.GetString(record.Data)));
    }

    [Fact]
    public async Task RefreshAsync_FailedFetch_PublishesNothingAndKeepsTheError()
    {
        await using var server = new LoopbackHttpServer();
        server.Answer(503, "");
        var clock = new ManualTimeProvider(Start);
        var events = new RecordingEventSink();
        var options = new FxSourceOptions { Url = new Uri(server.BaseAddress, "rate").ToString() };
        var refresher = new FxRefresher(new HttpFxSource(options), options.JsonPath, new HttpClient(), new GatedIntelligenceInput(new IngestGate(clock), events, null), clock, TimeSpan.FromMinutes(5));

        await refresher.RefreshAsync(CancellationToken.None);
        server.Answer(200, "[{\"basePrice\":1391.5}]");
        clock.Advance(TimeSpan.FromSeconds(1));
        await refresher.RefreshAsync(CancellationToken.None);

        var t0 = UnixMicros.FromDateTimeOffset(Start);
        Assert.Equal(
            new FxSourceHealth($"{server.BaseAddress}rate", "0.basePrice", 1391.5m, t0 + 1_000_000, t0, $"HTTP 503 Service Unavailable from GET {server.BaseAddress}rate", 2, 1, 1),
            refresher.Health);
        Assert.Equal([MarketEventKind.FxQuote], events.Events.Select(e => e.Kind)); // only the success
    }

    [Fact]
    public async Task RunAsync_NoHttpSource_ReturnsAtOnceAndPublishesNothing()
    {
        var clock = new ManualTimeProvider(Start);
        var events = new RecordingEventSink();
        var refresher = new FxRefresher(null, "0.basePrice", new HttpClient(), new GatedIntelligenceInput(new IngestGate(clock), events, null), clock, TimeSpan.FromMinutes(5));
        await refresher.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(events.Events);
        Assert.Null(refresher.Health.Url);
    }

    [Fact]
    public void Publish_AfterTheGateIsSealed_IsRefusedAndNothingIsRecorded()
    {
        var clock = new ManualTimeProvider(Start);
        var events = new RecordingEventSink();
        var captured = new MemoryStream();
        using var capture = new JsonlCaptureWriter(captured);
        var gate = new IngestGate(clock, capture);
        var input = new GatedIntelligenceInput(gate, events, capture);
        gate.Seal();
        Assert.False(input.Publish(new FxQuote(Asset.Usd, Asset.Krw, 1391.5m, 1, "test")));
        Assert.Empty(events.Events);
        Assert.Equal(0, capture.Lines);
        Assert.Equal(0, input.Rejected);
    }
}
