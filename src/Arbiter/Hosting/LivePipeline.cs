using Arbiter.Api;
using Arbiter.Capture;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Venues;

namespace Arbiter.Hosting;

/// <summary>
/// The running system of <c>run</c>, <c>demo</c> and <c>record</c>: venue feeds → ingest gate (→ capture) → bounded
/// channel → engine loop → output fan-out (API hub, events file). Owns every part and stops them in order.
/// </summary>
public sealed class LivePipeline : IAsyncDisposable
{
    private readonly ArbiterSettings settings;
    private readonly TimeProvider clock;
    private readonly MarketEngine engine;
    private readonly ChannelMarketEventSink sink;
    private readonly EngineLoop loop;
    private readonly IngestGate gate;
    private readonly EngineOutputFanout fanout = new();
    private readonly List<VenueFeed> feeds = [];
    private readonly List<HttpClient> httpClients = [];
    private readonly EventsFileWriter? events;
    private readonly System.Threading.Channels.ChannelReader<HostOutput>? eventsReader;
    private readonly System.Threading.Channels.ChannelReader<HostOutput> hubReader;

    public LivePipeline(ArbiterSettings settings, TimeProvider clock, JsonlCaptureWriter? capture = null, string? eventsPath = null)
    {
        this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Catalog = new InstrumentCatalog();
        var pool = new MarketEventPool();
        engine = new MarketEngine(settings.Engine, fanout);
        sink = new ChannelMarketEventSink(settings.Engine, pool);
        loop = new EngineLoop(engine, sink);
        gate = new IngestGate(clock, capture);
        hubReader = fanout.Subscribe();
        if (eventsPath is not null)
        {
            events = new EventsFileWriter(eventsPath);
            eventsReader = fanout.Subscribe();
        }

        var counters = new Dictionary<VenueId, VenueCounters>();
        foreach (var venue in settings.Venues.EnabledIds())
        {
            var feed = CreateFeed(venue, settings, capture);
            feeds.Add(feed);
            counters[venue] = feed.Protocol.Counters;
        }

        Hub = new ApiHub(counters, clock)
        {
            MarketSources = () => [.. feeds.Select(f => (f.Protocol.Venue, f.Protocol.Symbols?.Markets))],
        };
    }

    public InstrumentCatalog Catalog { get; }

    public ApiHub Hub { get; }

    public IReadOnlyList<VenueFeed> Feeds => feeds;

    /// <summary>Runs until cancelled, then stops feeds, drains the engine and flushes outputs.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stopFeeds = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var engineTask = Task.Run(() => loop.RunAsync(CancellationToken.None), CancellationToken.None);
        var hubTask = Hub.RunAsync(hubReader, CancellationToken.None);
        var eventsTask = events is not null ? events.RunAsync(eventsReader!, CancellationToken.None) : Task.CompletedTask;
        var feedTasks = new List<Task>();
        foreach (var feed in feeds)
        {
            feedTasks.Add(feed.RunAsync(stopFeeds.Token));
        }

        var ticks = TickAsync(stopFeeds.Token);
        var cancelled = Task.Delay(Timeout.InfiniteTimeSpan, clock, cancellationToken);

        // Runs until cancelled, unless the engine loop dies first (a bug): then everything stops and the error surfaces.
        await Task.WhenAny(cancelled, engineTask).ConfigureAwait(false);
        gate.Seal();
        await stopFeeds.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(feedTasks).ConfigureAwait(false);
        await ticks.ConfigureAwait(false);
        sink.Complete();
        try
        {
            await engineTask.ConfigureAwait(false); // drains the queue; rethrows the engine's failure, if any
        }
        finally
        {
            // Only after the engine has drained, so that the last outputs still reach the API and the events file.
            fanout.Complete();
            await hubTask.ConfigureAwait(false);
            await eventsTask.ConfigureAwait(false);
        }
    }

    /// <summary>One line for the terminal: connections, synced books, frames, open opportunities.</summary>
    public string StatusLine() => Hub.StatusLine();

    public ValueTask DisposeAsync()
    {
        events?.Dispose();
        foreach (var client in httpClients)
        {
            client.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private VenueFeed CreateFeed(VenueId venue, ArbiterSettings s, JsonlCaptureWriter? capture)
    {
        // Replay rebuilds the adapters from these lines, so it needs no copy of this run's configuration.
        capture?.WriteConfig(venue, UnixMicros.Now(clock), VenueAdapters.OptionsJson(venue, s));
        var http = new HttpClient { BaseAddress = VenueAdapters.RestBase(venue, s), Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("arbiter/0.1");
        httpClients.Add(http);
        var catalog = Catalog;
        var eventSink = sink;
        return new VenueFeed(a => VenueAdapters.Create(venue, null, s, catalog, eventSink, a), gate, http, eventSink, s.Feed);
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(settings.TickInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                gate.Tick(sink);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
