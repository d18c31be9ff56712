using Arbiter.Alerts;
using Arbiter.Api;
using Arbiter.Capture;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Intelligence;
using Arbiter.Storage;
using Arbiter.Venues;
using Arbiter.Venues.Wallets;

namespace Arbiter.Hosting;

/// <summary>
/// The running system of <c>run</c>, <c>demo</c> and <c>record</c>: venue feeds → ingest gate (→ capture) → bounded
/// channel → engine loop → output fan-out (API hub, events file, SQLite store behind its own bounded queue), plus the background refreshers (FX source, wallet
/// status, market discovery) whose results enter through the same gate. Owns every part and stops them in order.
/// </summary>
public sealed class LivePipeline : IAsyncDisposable
{
    private readonly ArbiterSettings settings;
    private readonly TimeProvider clock;
    private readonly MarketEngine engine;
    private readonly ChannelMarketEventSink sink;
    private readonly EngineLoop loop;
    private readonly IngestGate gate;
    private readonly JsonlCaptureWriter? capture;
    private readonly EngineOutputFanout fanout = new();
    private readonly List<VenueFeed> feeds = [];
    private readonly List<HttpClient> httpClients = [];
    private readonly EventsFileWriter? events;
    private readonly System.Threading.Channels.ChannelReader<HostOutput>? eventsReader;
    private readonly System.Threading.Channels.ChannelReader<HostOutput> hubReader;
    private readonly Dictionary<VenueId, HttpClient> restClients = [];
    private readonly StoreQueue? storeQueue;
    private readonly System.Threading.Channels.ChannelReader<HostOutput> alertsReader;
    private readonly HttpClient alertsHttp;
    private long alertInputsDropped;

    /// <param name="settings">Validated settings.</param>
    /// <param name="clock">Drives every schedule and stamps every input.</param>
    /// <param name="capture">Records every input when set.</param>
    /// <param name="eventsPath">Writes opportunity events there when set.</param>
    /// <param name="walletClients">The wallet-status client of a venue, or null for none; by default <see cref="DefaultWalletClients"/>.</param>
    /// <param name="alertsLogger">Where the alert path logs (standard error, warnings and above, by default).</param>
    public LivePipeline(ArbiterSettings settings, TimeProvider clock, JsonlCaptureWriter? capture = null, string? eventsPath = null, Func<VenueId, IWalletStatusClient?>? walletClients = null, Microsoft.Extensions.Logging.ILogger? alertsLogger = null)
    {
        this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Catalog = new InstrumentCatalog();
        var pool = new MarketEventPool();
        engine = new MarketEngine(settings.Engine, fanout);
        sink = new ChannelMarketEventSink(settings.Engine, pool);
        loop = new EngineLoop(engine, sink);
        this.capture = capture;
        gate = new IngestGate(clock, capture);
        hubReader = fanout.Subscribe();
        if (eventsPath is not null)
        {
            events = new EventsFileWriter(eventsPath);
            eventsReader = fanout.Subscribe();
        }

        if (settings.Storage.Enabled)
        {
            // Opened first: a damaged file stops the start with an error naming it, before any connection is made.
            Store = SqliteStore.Open(settings.Storage, clock);
            storeQueue = new StoreQueue(settings.Storage.QueueCapacity);
            fanout.Subscribe(storeQueue);
            StoreWriter = new StoreWriter(Store, storeQueue, clock, settings.Storage.CleanupInterval);
        }

        // The alert path: its own bounded channel (a full one drops the newest output, counted), so a slow alert path,
        // SQLite's synchronous commits or Telegram being down never hold the engine.
        var alertsChannel = AlertsHost.CreateInput(settings.Alerts.InputQueueCapacity, _ => Interlocked.Increment(ref alertInputsDropped));
        fanout.Subscribe(alertsChannel.Writer);
        alertsReader = alertsChannel.Reader;
        alertsHttp = new HttpClient { Timeout = settings.Alerts.Telegram.PollTimeout + TimeSpan.FromSeconds(15) };
        Alerts = CreateAlerts(settings, clock, Store, alertsHttp, alertsLogger ?? new TextWriterLogger());

        // Runtime settings: overrides saved by an earlier run are validated again and, when any remain, sent to the engine
        // as its first input (the loop has not started, so no book is read under the configured values first).
        SettingsWriter = new SettingsWriter(settings, PublishSettings, ApplyAlertSettings, Store, alertsLogger ?? new TextWriterLogger(minimumLevel: Microsoft.Extensions.Logging.LogLevel.Information), clock);
        if (SettingsWriter.Restore() > 0 && !PublishSettings(SettingsWriter.Current.Engine))
        {
            throw new InvalidOperationException("The engine's input queue refused the restored settings before the engine started.");
        }

        var counters = new Dictionary<VenueId, VenueCounters>();
        foreach (var venue in settings.Venues.EnabledIds())
        {
            var feed = CreateFeed(venue, settings, capture);
            feeds.Add(feed);
            counters[venue] = feed.Protocol.Counters;
        }

        Input = new GatedIntelligenceInput(gate, sink, capture);
        var fxHttp = NewHttpClient(null, settings.FxSource.Timeout + TimeSpan.FromSeconds(5));
        Fx = new FxRefresher(
            settings.FxSource.Enabled ? new HttpFxSource(settings.FxSource) : null,
            settings.FxSource.JsonPath,
            fxHttp,
            Input,
            clock,
            settings.Schedules.Fx);
        var clientOf = walletClients ?? DefaultWalletClients(settings, clock);
        Wallets = new WalletRefresher(
            settings.Venues.EnabledIds().Select(v => WalletVenueOf(v, clientOf(v), settings)),
            NewHttpClient(null, TimeSpan.FromSeconds(30)),
            Input,
            clock,
            settings.Schedules.Wallets);
        Markets = new MarketDiscovery(
            feeds.Select(f => new MarketDiscovery.Target(
                f.Protocol.Venue,
                restClients[f.Protocol.Venue],
                () => VenueAdapters.Create(f.Protocol.Venue, null, settings, new InstrumentCatalog(), new DiscardingEventSink(), NullVenueActions.Instance))),
            clock,
            settings.Schedules.Markets);

        Hub = new ApiHub(counters, clock)
        {
            BroadcastCapacity = settings.Api.ClientQueueCapacity,
            MarketSources = () => [.. feeds.Select(f => (f.Protocol.Venue, Markets.Latest(f.Protocol.Venue) ?? f.Protocol.Symbols?.Markets))],
            FxSource = () => Fx.Health,
            Settings = () => settings,
            SettingsWriter = SettingsWriter,
            WalletSources = Wallets.Status,
            Discovery = Markets.Status,
            StatsInterval = settings.Schedules.Stats,
            CleanupInterval = settings.Schedules.StaleCleanup,
            History = Store,
            AlertsStatus = () => AlertsStatusJson.Write(Alerts, AlertInputsDropped, AlertsAbandonedAtStart),
        };
    }

    /// <summary>
    /// The alert path on the store when there is one (subscribers cached in memory, written through; the alert log with each
    /// accepted alert committed as "queued" before it is sent and "sent" after Telegram confirms), in memory otherwise.
    /// Alerts a killed run left "queued" may or may not have reached their chat: they are marked dropped, never resent, and
    /// their keys stay in the log, so the same alert is never accepted again (at most once).
    /// </summary>
    private AlertsHost CreateAlerts(ArbiterSettings s, TimeProvider time, SqliteStore? store, HttpClient http, Microsoft.Extensions.Logging.ILogger logger)
    {
        if (store is null)
        {
            return new AlertsHost(s.Alerts, http, time, logger);
        }

        var now = UnixMicros.Now(time);
        foreach (var row in store.Unfinished())
        {
            store.RecordDropped(row.Id, now, "unfinished when the previous run stopped: maybe delivered, never resent");
            AlertsAbandonedAtStart++;
        }

        return new AlertsHost(s.Alerts, http, time, logger, new CachedSubscriberStore(new SqliteSubscriberStore(store, time)), new SqliteAlertLog(store, time));
    }

    /// <summary>Changes thresholds, fees, enabled venues and alert settings at runtime (<c>PUT /api/settings</c>).</summary>
    public SettingsWriter SettingsWriter { get; }

    /// <summary>Sends runtime engine settings through the ingest gate (in order with every other input); false when not queued.</summary>
    private bool PublishSettings(EngineRuntimeSettings runtime) =>
        gate.Reference(sink, capture is null ? null : at => capture.WriteSettings(at, runtime), e =>
        {
            e.Kind = MarketEventKind.SettingsChanged;
            e.Settings = runtime;
        }) == true;

    private void ApplyAlertSettings(SettingsInForce inForce) =>
        Alerts.Apply(
            new DedupOptions { GrowthFactor = inForce.DedupGrowthFactor, Cooldown = inForce.DedupCooldown },
            new StatusOptions { VenueDownAfter = inForce.VenueDownAfter, WatchedAssets = [.. inForce.WatchedAssets] },
            inForce.WebhookMinNetProfitUsd);

    /// <summary>Where FX quotes and wallet snapshots enter the engine (through the ingest gate).</summary>
    public GatedIntelligenceInput Input { get; }

    public FxRefresher Fx { get; }

    public WalletRefresher Wallets { get; }

    public MarketDiscovery Markets { get; }

    public InstrumentCatalog Catalog { get; }

    public ApiHub Hub { get; }

    public IReadOnlyList<VenueFeed> Feeds => feeds;

    /// <summary>The alert path (Telegram bot, webhooks, status notices) behind its own bounded subscription to the engine's outputs.</summary>
    public AlertsHost Alerts { get; }

    /// <summary>Engine outputs the alert path's full input queue refused (the engine never waits for alerts).</summary>
    public long AlertInputsDropped => Interlocked.Read(ref alertInputsDropped);

    /// <summary>Telegram alerts still queued when the previous run stopped (maybe delivered, maybe not), marked dropped at this start and never resent.</summary>
    public int AlertsAbandonedAtStart { get; private set; }

    /// <summary>The SQLite store (history, alert log, subscribers), or null when <c>Storage:Enabled</c> is false.</summary>
    public SqliteStore? Store { get; }

    /// <summary>Writes engine outputs into <see cref="Store"/>; null without one.</summary>
    public StoreWriter? StoreWriter { get; }

    /// <summary>The store's queue (its drop counters); null without a store.</summary>
    public StoreQueue? StoreQueue => storeQueue;

    /// <summary>Runs until cancelled, then stops feeds, drains the engine and flushes outputs.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stopFeeds = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var engineTask = Task.Run(() => loop.RunAsync(CancellationToken.None), CancellationToken.None);
        var hubTask = Hub.RunAsync(hubReader, CancellationToken.None);
        var eventsTask = events is not null ? events.RunAsync(eventsReader!, CancellationToken.None) : Task.CompletedTask;
        using var stopStoreCleanup = new CancellationTokenSource();
        var storeTask = StoreWriter is not null ? Task.Run(() => StoreWriter.RunAsync(stopStoreCleanup.Token), CancellationToken.None) : Task.CompletedTask;
        using var stopAlerts = new CancellationTokenSource();
        var alertsTask = Task.Run(() => Alerts.RunAsync(alertsReader, stopAlerts.Token), CancellationToken.None);
        var feedTasks = new List<Task>();
        foreach (var feed in feeds)
        {
            feedTasks.Add(feed.RunAsync(stopFeeds.Token));
        }

        var ticks = TickAsync(stopFeeds.Token);
        Task[] background = [Fx.RunAsync(stopFeeds.Token), Wallets.RunAsync(stopFeeds.Token), Markets.RunAsync(stopFeeds.Token)];
        var refreshers = Task.WhenAll(background);
        var cancelled = Task.Delay(Timeout.InfiniteTimeSpan, clock, cancellationToken);

        // Runs until cancelled, unless the engine loop dies first (a bug): then everything stops and the error surfaces.
        // A refresher fails only on a bug too (expected failures are values); then the run stops the same way.
        await Task.WhenAny(cancelled, engineTask, FirstFaultAsync(background, cancellationToken)).ConfigureAwait(false);
        gate.Seal();
        await stopFeeds.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(feedTasks).ConfigureAwait(false);
        await ticks.ConfigureAwait(false);
        await refreshers.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // a refresher's failure surfaces below, after the drain
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
            await stopStoreCleanup.CancelAsync().ConfigureAwait(false);
            await storeTask.ConfigureAwait(false);

            // The alert path stops last but before the store closes (DisposeAsync): what it still holds stays queued.
            await stopAlerts.CancelAsync().ConfigureAwait(false);
            await alertsTask.ConfigureAwait(false);
        }

        await refreshers.ConfigureAwait(false);
    }

    /// <summary>Completes when one of <paramref name="tasks"/> faults; otherwise not before <paramref name="cancellationToken"/> fires.</summary>
    private async Task FirstFaultAsync(Task[] tasks, CancellationToken cancellationToken)
    {
        var pending = new List<Task>(tasks);
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            if (done.IsFaulted)
            {
                return;
            }

            pending.Remove(done);
        }

        await Task.Delay(Timeout.InfiniteTimeSpan, clock, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>One line for the terminal: connections, synced books, frames, open opportunities.</summary>
    public string StatusLine() => Hub.StatusLine();

    public ValueTask DisposeAsync()
    {
        events?.Dispose();
        alertsHttp.Dispose();
        Store?.Dispose();
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
        var http = NewHttpClient(VenueAdapters.RestBase(venue, s), TimeSpan.FromSeconds(15));
        restClients[venue] = http;
        var catalog = Catalog;
        var eventSink = sink;
        return new VenueFeed(a => VenueAdapters.Create(venue, null, s, catalog, eventSink, a), gate, http, eventSink, s.Feed);
    }

    /// <summary>
    /// The wallet-status client of each venue (<see cref="WalletStatusClients.Create"/>) at the venue's REST base (Coinbase:
    /// its Exchange base, <c>Venues:Coinbase:ExchangeRestBaseUrl</c>) with <c>Credentials:&lt;Venue&gt;</c>; null for a
    /// venue that gives wallet status only with keys when none are configured.
    /// </summary>
    public static Func<VenueId, IWalletStatusClient?> DefaultWalletClients(ArbiterSettings settings, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clock);
        return venue => WalletStatusClients.Create(venue, WalletBase(venue, settings), settings.CredentialsFor(venue), clock);
    }

    /// <summary>Where <paramref name="venue"/>'s wallet-status endpoint lives.</summary>
    public static Uri WalletBase(VenueId venue, ArbiterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return venue == VenueId.Coinbase ? new Uri(settings.Venues.Coinbase.ExchangeRestBaseUrl) : VenueAdapters.RestBase(venue, settings);
    }

    private static WalletVenue WalletVenueOf(VenueId venue, IWalletStatusClient? client, ArbiterSettings settings)
    {
        var credentials = settings.CredentialsFor(venue);
        var missing = client is not null ? null
            : credentials is null && !WalletStatusClients.HasPublicEndpoint(venue) ? $"no wallet-status client: {venue.Name()} gives deposit/withdrawal status only with an API key (set Credentials:{venue}:ApiKey and ApiSecret, read-only)"
            : $"no wallet-status client for {venue.Name()}";
        return new WalletVenue(venue, client, credentials, VenueAdapters.Assets(venue, settings), missing);
    }

    private HttpClient NewHttpClient(Uri? baseAddress, TimeSpan timeout)
    {
        var http = new HttpClient { Timeout = timeout };
        if (baseAddress is not null)
        {
            http.BaseAddress = baseAddress;
        }

        http.DefaultRequestHeaders.UserAgent.ParseAdd("arbiter/0.1");
        httpClients.Add(http);
        return http;
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(settings.Schedules.Sweep, clock);
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
