using System.Text.Json;
using System.Threading.Channels;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Intelligence;
using Arbiter.Venues;

namespace Arbiter.Api;

/// <summary>
/// The API's view of the market, built from engine outputs on its own task (the engine never waits for it), and
/// the broadcaster to WebSocket clients: every message is serialised once to UTF-8 (<see cref="OutboundMessage"/>)
/// and queued, by reference, to each client whose subscription it passes; a client's queue conflates by key and
/// never makes the hub wait (see <c>docs/websocket.md</c>).
/// </summary>
public sealed class ApiHub
{
    private const int RecentClosedKept = 100;

    private const int RecentWalletChangesKept = 200;

    private readonly object gate = new();
    private readonly Dictionary<long, Opportunity> open = [];
    private readonly Queue<OpportunityEvent> recentClosed = new();
    private readonly Dictionary<int, BookTop> tops = [];
    private readonly Dictionary<int, long> topReported = [];
    private readonly Dictionary<Asset, PremiumMatrix> premiums = [];
    private readonly HashSet<Asset> premiumsPending = [];
    private readonly PremiumHistory premiumHistory = new();
    private readonly Dictionary<VenueId, VenueQuality> quality = [];
    private readonly Queue<WalletChange> recentWalletChanges = new();
    private FxState? fx;
    private readonly ConnectionState[] connections = new ConnectionState[VenueNames.Count];
    private readonly bool[] venueEnabled = new bool[VenueNames.Count];
    private readonly IReadOnlyDictionary<VenueId, VenueCounters> counters;
    private readonly List<WebSocketClient> clients = [];
    private BroadcastLog? log;
    private readonly TimeProvider clock;
    private long lastEngineTime;
    private long opportunitiesSeen;
    private long droppedQueueFull;
    private long droppedSendTimeout;
    private long rejectedClientMessages;

    public ApiHub(IReadOnlyDictionary<VenueId, VenueCounters> counters, TimeProvider clock)
    {
        this.counters = counters ?? throw new ArgumentNullException(nameof(counters));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        foreach (var venue in counters.Keys)
        {
            venueEnabled[(int)venue] = true;
        }
    }

    public int ClientCount
    {
        get
        {
            lock (gate)
            {
                return clients.Count;
            }
        }
    }

    /// <summary>WebSocket clients dropped because they fell more than <c>Api:ClientQueueCapacity</c> messages behind the broadcast.</summary>
    public long ClientsDroppedQueueFull => Interlocked.Read(ref droppedQueueFull);

    /// <summary>WebSocket clients dropped because one send did not complete within <c>Api:ClientSendTimeout</c>.</summary>
    public long ClientsDroppedSendTimeout => Interlocked.Read(ref droppedSendTimeout);

    /// <summary>Client messages refused with an error reply (not JSON, unknown type, bad value, oversize, binary).</summary>
    public long ClientMessagesRejected => Interlocked.Read(ref rejectedClientMessages);

    /// <summary>
    /// How many broadcast messages are kept for clients to read (<c>Api:ClientQueueCapacity</c>): a client further behind
    /// has lost messages and is dropped.
    /// </summary>
    public int BroadcastCapacity { get; init; } = 65_536;

    /// <summary>How often stats are broadcast (<c>Schedules:Stats</c>).</summary>
    public TimeSpan StatsInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often changed premium matrices are sent: at most once per this interval, the latest per asset.</summary>
    public TimeSpan PremiumsInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often stale entries are dropped and recent lists capped (<c>Schedules:StaleCleanup</c>).</summary>
    public TimeSpan CleanupInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A book not Synced and not reported for this long is dropped from the API's view (and an empty premium matrix too).</summary>
    public TimeSpan StaleRetention { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The HTTP FX source's health, for <c>/api/fx</c>.</summary>
    public Func<FxSourceHealth>? FxSource { get; init; }

    /// <summary>Each venue's wallet-status source and latest snapshot, for <c>/api/wallets</c> and the ticker-collision check.</summary>
    public Func<IReadOnlyList<WalletSourceStatus>>? WalletSources { get; init; }

    /// <summary>The periodic market-list refresh per venue, for <c>/api/markets</c>.</summary>
    public Func<IReadOnlyList<MarketDiscoveryStatus>>? Discovery { get; init; }

    /// <summary>The SQLite store behind <c>/api/history/*</c>; null when storage is disabled.</summary>
    public Storage.SqliteStore? History { get; init; }

    /// <summary>The alert path's counters as JSON, for <c>/api/alerts</c>; null when there is no alert path in this process.</summary>
    public Func<string>? AlertsStatus { get; init; }

    /// <summary>Applies outputs until the fan-out completes; meanwhile broadcasts stats, flushes premiums and cleans up on their schedules.</summary>
    public async Task RunAsync(ChannelReader<HostOutput> reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loops = Task.WhenAll(
            PeriodicJob.RunAsync(clock, StatsInterval, runAtStart: false, _ => Run(BroadcastStats), stop.Token),
            PeriodicJob.RunAsync(clock, PremiumsInterval, runAtStart: false, _ => Run(FlushPremiums), stop.Token),
            PeriodicJob.RunAsync(clock, CleanupInterval, runAtStart: false, _ => Run(CleanUp), stop.Token));
        try
        {
            await foreach (var output in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                Apply(output);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await loops.ConfigureAwait(false);
        FlushPremiums();
    }

    /// <summary>Sends the premium matrices changed since the last flush, the latest per asset, one "premiums" message per asset.</summary>
    public void FlushPremiums()
    {
        lock (gate)
        {
            if (premiumsPending.Count == 0)
            {
                return;
            }

            var changed = premiumsPending.Select(a => premiums[a]).OrderBy(m => m.Asset.Code, StringComparer.Ordinal).ToArray();
            premiumsPending.Clear();
            var now = UnixMicros.ToIso(Now());
            foreach (var matrix in changed)
            {
                BroadcastLocked(OutboundMessage.Typed(
                    "premiums",
                    now,
                    w =>
                    {
                        w.WriteStartArray("premiums");
                        IntelligenceJson.WritePremiumMatrix(w, matrix);
                        w.WriteEndArray();
                    },
                    new ConflationKey(ConflationKind.Premiums, matrix.Asset.Id),
                    replaces: true,
                    asset: matrix.Asset));
            }
        }
    }

    /// <summary>
    /// Drops books that are not Synced and were not reported for <see cref="StaleRetention"/> (a delisted market, a
    /// disabled stream) and empty premium matrices as old; caps the recent lists.
    /// </summary>
    public void CleanUp()
    {
        lock (gate)
        {
            DropClientsTooFarBehindLocked();
            var cutoff = Now() - (long)StaleRetention.TotalMicroseconds;
            foreach (var (id, reported) in topReported.ToArray())
            {
                if (reported < cutoff && tops.TryGetValue(id, out var top) && top.State != BookSyncState.Synced)
                {
                    tops.Remove(id);
                    topReported.Remove(id);
                }
            }

            foreach (var (asset, matrix) in premiums.ToArray())
            {
                if (matrix.Cells.Count == 0 && matrix.Time < cutoff)
                {
                    premiums.Remove(asset);
                    premiumsPending.Remove(asset);
                }
            }

            while (recentClosed.Count > RecentClosedKept)
            {
                recentClosed.Dequeue();
            }

            while (recentWalletChanges.Count > RecentWalletChangesKept)
            {
                recentWalletChanges.Dequeue();
            }
        }
    }

    private static Task Run(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    /// <summary>Applies one output and broadcasts it (also used directly by tests).</summary>
    public void Apply(HostOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        lock (gate)
        {
            lastEngineTime = Math.Max(lastEngineTime, output.Time);
            OutboundMessage message;
            if (output.Opportunity is { } e)
            {
                if (e.Kind == OpportunityEventKind.Closed)
                {
                    open.Remove(e.Opportunity.Id);
                    recentClosed.Enqueue(e);
                    if (recentClosed.Count > RecentClosedKept)
                    {
                        recentClosed.Dequeue();
                    }
                }
                else
                {
                    if (e.Kind == OpportunityEventKind.Opened)
                    {
                        opportunitiesSeen++;
                    }

                    open[e.Opportunity.Id] = e.Opportunity;
                }

                var o = e.Opportunity;
                message = OutboundMessage.Create(
                    w => ApiJson.WriteOpportunityEvent(w, e),
                    new ConflationKey(ConflationKind.Opportunity, o.Id),
                    replaces: e.Kind == OpportunityEventKind.Updated,
                    asset: o.Asset,
                    venueMask: OutboundMessage.VenueBit(o.Buy.Venue) | OutboundMessage.VenueBit(o.Sell.Venue));
            }
            else if (output.Tops is { } changed)
            {
                // One message per instrument, so each can be filtered and conflated on its own.
                var time = UnixMicros.ToIso(output.Time);
                foreach (var top in changed)
                {
                    tops[top.Instrument.Id] = top;
                    topReported[top.Instrument.Id] = output.Time;
                    BroadcastLocked(OutboundMessage.Typed(
                        "books",
                        time,
                        w =>
                        {
                            w.WriteStartArray("books");
                            ApiJson.WriteBookTop(w, top, output.Time);
                            w.WriteEndArray();
                        },
                        new ConflationKey(ConflationKind.Book, top.Instrument.Id),
                        replaces: true,
                        asset: top.Instrument.Base,
                        venueMask: OutboundMessage.VenueBit(top.Instrument.Venue)));
                }

                return;
            }
            else if (output.Premiums is { } matrices)
            {
                // Conflated: kept here, sent by FlushPremiums at most every PremiumsInterval.
                foreach (var matrix in matrices)
                {
                    premiums[matrix.Asset] = matrix;
                    premiumsPending.Add(matrix.Asset);
                    premiumHistory.Add(matrix);
                }

                return;
            }
            else if (output.Fx is { } state)
            {
                fx = state;
                message = OutboundMessage.Typed(
                    "fx",
                    UnixMicros.ToIso(output.Time),
                    w => IntelligenceJson.WriteFxBody(w, state, FxSource?.Invoke(), Now()),
                    new ConflationKey(ConflationKind.Fx, 0),
                    replaces: true);
            }
            else if (output.Quality is { } q)
            {
                quality[q.Venue] = q;
                message = OutboundMessage.Typed(
                    "quality",
                    UnixMicros.ToIso(output.Time),
                    w =>
                    {
                        w.WritePropertyName("quality");
                        IntelligenceJson.WriteQuality(w, q);
                    },
                    new ConflationKey(ConflationKind.Quality, (long)q.Venue),
                    replaces: true,
                    venueMask: OutboundMessage.VenueBit(q.Venue));
            }
            else if (output.WalletChange is { } change)
            {
                recentWalletChanges.Enqueue(change);
                if (recentWalletChanges.Count > RecentWalletChangesKept)
                {
                    recentWalletChanges.Dequeue();
                }

                message = OutboundMessage.Typed(
                    "wallet",
                    UnixMicros.ToIso(output.Time),
                    w =>
                    {
                        w.WritePropertyName("change");
                        IntelligenceJson.WriteWalletChange(w, change);
                    },
                    asset: change.Asset,
                    venueMask: OutboundMessage.VenueBit(change.Venue));
            }
            else
            {
                connections[(int)output.Venue] = output.Connection;
                message = OutboundMessage.Typed(
                    "venue",
                    UnixMicros.ToIso(output.Time),
                    w => WriteVenue(w, output.Venue),
                    new ConflationKey(ConflationKind.Venue, (long)output.Venue),
                    replaces: true,
                    venueMask: OutboundMessage.VenueBit(output.Venue));
            }

            BroadcastLocked(message);
        }
    }

    /// <summary>Adds a client: it first receives the snapshot (filtered by its subscription), then every later message it subscribed to, in order.</summary>
    public void Add(WebSocketClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (gate)
        {
            client.Start(Log, client.InitialFilter, SnapshotLocked(client.InitialFilter), Log.Head);
            clients.Add(client);
        }
    }

    /// <summary>
    /// Changes what <paramref name="client"/> receives and gives it a fresh snapshot filtered the same way, under the
    /// hub's lock: the client resumes the broadcast right after the snapshot, so its state stays consistent.
    /// </summary>
    public void Subscribe(WebSocketClient client, SubscriptionFilter filter)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(filter);
        lock (gate)
        {
            client.Start(Log, filter, SnapshotLocked(filter), Log.Head);
        }
    }

    /// <summary>Counts a client dropped because it fell more than its limit behind the broadcast.</summary>
    internal void CountQueueFull() => Interlocked.Increment(ref droppedQueueFull);

    /// <summary>Counts a client dropped because a send stalled past <c>Api:ClientSendTimeout</c>.</summary>
    internal void CountSendTimeout() => Interlocked.Increment(ref droppedSendTimeout);

    /// <summary>Counts a client message refused with an error reply.</summary>
    internal void CountRejectedClientMessage() => Interlocked.Increment(ref rejectedClientMessages);

    public void Remove(WebSocketClient client)
    {
        lock (gate)
        {
            clients.Remove(client);
        }
    }

    /// <summary>A compact one-line status for the terminal (without a message rate: see <see cref="Terminal.StatusText"/>).</summary>
    public string StatusLine() => Terminal.StatusText.Line(Status(), null);

    /// <summary>What the terminal shows: each running venue's connection, books and frames; opportunities; USD/KRW.</summary>
    public Terminal.TerminalStatus Status()
    {
        lock (gate)
        {
            var venues = new List<Terminal.VenueStatus>();
            foreach (var venue in VenueNames.All)
            {
                if (!venueEnabled[(int)venue])
                {
                    continue;
                }

                var (synced, total) = BookCountsLocked(venue);
                venues.Add(new Terminal.VenueStatus(venue, connections[(int)venue], synced, total, counters.TryGetValue(venue, out var c) ? c.Frames : 0));
            }

            return new Terminal.TerminalStatus(venues, TotalFrames(), open.Count, opportunitiesSeen, fx?.UsdKrw, Now());
        }
    }

    /// <summary>The settings in force, for <c>/api/settings</c>; null where the hub runs without a pipeline (tests).</summary>
    public Func<Hosting.ArbiterSettings>? Settings { get; init; }

    /// <summary>Changes settings at runtime (<c>PUT /api/settings</c>) and knows the values in force; null where settings cannot change (tests).</summary>
    public SettingsWriter? SettingsWriter { get; init; }

    /// <summary>Each running venue's market list (null until fetched), for <see cref="MarketsJson"/>.</summary>
    public Func<IReadOnlyList<(VenueId Venue, MarketList? Markets)>>? MarketSources { get; init; }

    /// <summary>
    /// The common markets across the running venues: assets on two or more venues, with each venue's symbol and quote;
    /// the ticker collisions that keep an asset unmatched between two venues, with why; and the market-list refreshes.
    /// </summary>
    public string MarketsJson()
    {
        var common = CrossVenueMarkets.Build(MarketSources?.Invoke() ?? []);
        var snapshots = (WalletSources?.Invoke() ?? []).Where(s => s.Snapshot is not null).Select(s => s.Snapshot!);
        return ApiJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("venues");
            foreach (var venue in common.Venues)
            {
                w.WriteStringValue(venue.Name());
            }

            w.WriteEndArray();
            w.WriteStartArray("assets");
            foreach (var asset in common.Assets)
            {
                w.WriteStartObject();
                w.WriteString("asset", asset.Asset.Code);
                w.WriteStartArray("listings");
                foreach (var listing in asset.Listings)
                {
                    w.WriteStartObject();
                    w.WriteString("venue", listing.Venue.Name());
                    w.WriteString("symbol", listing.Symbol);
                    w.WriteString("quote", listing.Quote.Code);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("collisions");
            foreach (var collision in IntelligenceJson.FindCollisions([.. snapshots]))
            {
                IntelligenceJson.WriteCollision(w, collision);
            }

            w.WriteEndArray();
            w.WriteStartArray("discovery");
            foreach (var d in Discovery?.Invoke() ?? [])
            {
                w.WriteStartObject();
                w.WriteString("venue", d.Venue.Name());
                w.WriteString("lastSuccess", d.LastSuccess is { } ok ? UnixMicros.ToIso(ok) : null);
                w.WriteString("lastFailure", d.LastFailure is { } failed ? UnixMicros.ToIso(failed) : null);
                w.WriteString("lastError", d.LastError);
                w.WriteNumber("markets", d.Markets);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary><c>/api/fx</c>: the engine's rates (status, source, age), tether premiums, and the HTTP source's health.</summary>
    public string FxJson()
    {
        lock (gate)
        {
            return ApiJson.Write(w =>
            {
                var now = Now();
                w.WriteStartObject();
                w.WriteString("time", UnixMicros.ToIso(now));
                IntelligenceJson.WriteFxBody(w, fx, FxSource?.Invoke(), now);
                w.WriteEndObject();
            });
        }
    }

    /// <summary><c>/api/premiums</c>: the latest premium matrix of every asset, or of <paramref name="asset"/> only.</summary>
    public string PremiumsJson(string? asset = null)
    {
        lock (gate)
        {
            return ApiJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("time", UnixMicros.ToIso(Now()));
                WritePremiumsLocked(w, asset, SubscriptionFilter.All);
                w.WriteEndObject();
            });
        }
    }

    /// <summary>
    /// <c>/api/health</c> for monitoring: <c>ok</c> when every running venue is connected and every book Synced,
    /// <c>degraded</c> when some books are Synced but not all (or a venue is not connected), <c>down</c> when no book is
    /// Synced (HTTP 503: nothing can be priced); with each venue's connection and book counts and the age of the last
    /// engine output.
    /// </summary>
    public (bool Up, string Json) Health()
    {
        lock (gate)
        {
            var now = Now();
            var running = new List<(VenueId Venue, (int Synced, int Total) Books)>();
            foreach (var venue in VenueNames.All)
            {
                if (venueEnabled[(int)venue])
                {
                    running.Add((venue, BookCountsLocked(venue)));
                }
            }

            var synced = running.Sum(r => r.Books.Synced);
            var total = running.Sum(r => r.Books.Total);
            var allConnected = running.All(r => connections[(int)r.Venue] == ConnectionState.Connected);

            var status = synced == 0 ? "down" : allConnected && synced == total ? "ok" : "degraded";
            var json = ApiJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("status", status);
                w.WriteString("time", UnixMicros.ToIso(now));
                w.WriteNumber("booksSynced", synced);
                w.WriteNumber("books", total);
                if (lastEngineTime > 0)
                {
                    w.WriteNumber("lastOutputAgeMs", Math.Max(0, (now - lastEngineTime) / 1000));
                }
                else
                {
                    w.WriteNull("lastOutputAgeMs");
                }

                w.WriteStartArray("venues");
                foreach (var (venue, books) in running)
                {
                    w.WriteStartObject();
                    w.WriteString("venue", venue.Name());
                    w.WriteString("connection", connections[(int)venue].ToString());
                    w.WriteNumber("booksSynced", books.Synced);
                    w.WriteNumber("books", books.Total);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            return (synced > 0, json);
        }
    }

    /// <summary><c>/api/premiums/history</c>: <paramref name="asset"/>'s premium over the last hour, one sample per second.</summary>
    public string PremiumHistoryJson(string asset)
    {
        lock (gate)
        {
            return premiumHistory.Json(asset);
        }
    }

    /// <summary><c>/api/quality</c>: each venue's data-quality record.</summary>
    public string QualityJson()
    {
        lock (gate)
        {
            return ApiJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("time", UnixMicros.ToIso(Now()));
                WriteQualityLocked(w, SubscriptionFilter.All);
                w.WriteEndObject();
            });
        }
    }

    /// <summary><c>/api/wallets</c>: each venue's wallet source (key masked) and status, and recent changes; optionally one venue and/or asset.</summary>
    public string WalletsJson(VenueId? venue = null, string? asset = null)
    {
        lock (gate)
        {
            return ApiJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("time", UnixMicros.ToIso(Now()));
                WriteWalletsLocked(w, venue, asset, SubscriptionFilter.All);
                w.WriteEndObject();
            });
        }
    }

    public string OpportunitiesJson()
    {
        lock (gate)
        {
            return ApiJson.Write(w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("open");
                WriteOpenLocked(w, SubscriptionFilter.All);
                w.WriteStartArray("recentClosed");
                foreach (var e in recentClosed)
                {
                    ApiJson.WriteOpportunityEvent(w, e);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
    }

    public string VenuesJson()
    {
        lock (gate)
        {
            return ApiJson.Write(w =>
            {
                w.WriteStartObject();
                WriteVenuesLocked(w, SubscriptionFilter.All);
                w.WriteEndObject();
            });
        }
    }

    /// <summary>The state a client starts from, filtered by its subscription (stats and fx are never filtered).</summary>
    private OutboundMessage SnapshotLocked(SubscriptionFilter filter) => OutboundMessage.Typed("snapshot", UnixMicros.ToIso(Now()), w =>
    {
        WriteVenuesLocked(w, filter);
        w.WritePropertyName("opportunities");
        WriteOpenLocked(w, filter);
        w.WritePropertyName("stats");
        WriteStatsLocked(w);
        w.WriteStartObject("fx");
        IntelligenceJson.WriteFxBody(w, fx, FxSource?.Invoke(), Now());
        w.WriteEndObject();
        WritePremiumsLocked(w, null, filter);
        WriteQualityLocked(w, filter);
        WriteWalletsLocked(w, null, null, filter);
    });

    private void WritePremiumsLocked(Utf8JsonWriter w, string? only, SubscriptionFilter filter)
    {
        w.WriteStartArray("premiums");
        foreach (var matrix in premiums.Values.OrderBy(m => m.Asset.Code, StringComparer.Ordinal))
        {
            if ((only is null || string.Equals(matrix.Asset.Code, only, StringComparison.OrdinalIgnoreCase)) && filter.PassesAsset(matrix.Asset))
            {
                IntelligenceJson.WritePremiumMatrix(w, matrix);
            }
        }

        w.WriteEndArray();
    }

    private void WriteQualityLocked(Utf8JsonWriter w, SubscriptionFilter filter)
    {
        w.WriteStartArray("quality");
        foreach (var q in quality.Values.OrderBy(q => q.Venue))
        {
            if (filter.PassesVenue(q.Venue))
            {
                IntelligenceJson.WriteQuality(w, q);
            }
        }

        w.WriteEndArray();
    }

    private void WriteWalletsLocked(Utf8JsonWriter w, VenueId? venue, string? asset, SubscriptionFilter filter)
    {
        w.WriteStartArray("wallets");
        foreach (var source in WalletSources?.Invoke() ?? [])
        {
            if ((venue is null || source.Venue == venue) && filter.PassesVenue(source.Venue))
            {
                IntelligenceJson.WriteWalletSource(w, source, a => (asset is null || string.Equals(a.Code, asset, StringComparison.OrdinalIgnoreCase)) && filter.PassesAsset(a));
            }
        }

        w.WriteEndArray();
        w.WriteStartArray("walletChanges");
        foreach (var change in recentWalletChanges)
        {
            if ((venue is null || change.Venue == venue) && (asset is null || string.Equals(change.Asset.Code, asset, StringComparison.OrdinalIgnoreCase))
                && filter.PassesVenue(change.Venue) && filter.PassesAsset(change.Asset))
            {
                IntelligenceJson.WriteWalletChange(w, change);
            }
        }

        w.WriteEndArray();
    }

    private void WriteOpenLocked(Utf8JsonWriter w, SubscriptionFilter filter)
    {
        w.WriteStartArray();
        foreach (var o in open.Values.OrderByDescending(o => o.NetProfitUsd))
        {
            if (filter.PassesAsset(o.Asset) && filter.PassesVenues(OutboundMessage.VenueBit(o.Buy.Venue) | OutboundMessage.VenueBit(o.Sell.Venue)))
            {
                ApiJson.WriteOpportunity(w, o);
            }
        }

        w.WriteEndArray();
    }

    private void WriteVenuesLocked(Utf8JsonWriter w, SubscriptionFilter filter)
    {
        var now = Now();
        w.WriteStartArray("venues");
        foreach (var venue in VenueNames.All)
        {
            if (venueEnabled[(int)venue] && filter.PassesVenue(venue))
            {
                w.WriteStartObject();
                WriteVenue(w, venue);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteStartArray("books");
        foreach (var top in tops.Values.OrderBy(t => t.Instrument.Id))
        {
            if (filter.PassesVenue(top.Instrument.Venue) && filter.PassesAsset(top.Instrument.Base))
            {
                ApiJson.WriteBookTop(w, top, now);
            }
        }

        w.WriteEndArray();
    }

    private void WriteVenue(Utf8JsonWriter w, VenueId venue)
    {
        w.WriteString("venue", venue.Name());
        w.WriteBoolean("enabled", SettingsWriter?.Current.Engine.IsEnabled(venue) ?? true); // false: running, but turned off at runtime
        w.WriteString("connection", connections[(int)venue].ToString());
        var (synced, total) = BookCountsLocked(venue);
        w.WriteNumber("booksSynced", synced);
        w.WriteNumber("books", total);
        if (quality.TryGetValue(venue, out var q))
        {
            // The data-quality summary (the whole record is in /api/quality and the "quality" message).
            w.WriteStartObject("quality");
            w.WriteNumber("score", Math.Round(q.Score, 2));
            w.WriteBoolean("excluded", q.Excluded);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("quality");
        }

        if (counters.TryGetValue(venue, out var c))
        {
            w.WriteStartObject("counters");
            w.WriteNumber("frames", c.Frames);
            w.WriteNumber("bytes", c.Bytes);
            w.WriteNumber("malformed", c.MalformedFrames);
            w.WriteNumber("gaps", c.SequenceGaps);
            w.WriteNumber("checksumMismatches", c.ChecksumMismatches);
            w.WriteNumber("resyncs", c.Resyncs);
            w.WriteNumber("queueOverflows", c.QueueOverflows);
            w.WriteNumber("reconnects", c.Reconnects);
            w.WriteNumber("restFailures", c.RestFailures);
            w.WriteNumber("ignored", c.IgnoredFrames);
            w.WriteEndObject();
        }
    }

    /// <summary>Books of <paramref name="venue"/> that are Synced, and all its books, as last reported by the engine.</summary>
    private (int Synced, int Total) BookCountsLocked(VenueId venue)
    {
        var synced = 0;
        var total = 0;
        foreach (var top in tops.Values)
        {
            if (top.Instrument.Venue == venue)
            {
                total++;
                synced += top.State == BookSyncState.Synced ? 1 : 0;
            }
        }

        return (synced, total);
    }

    private long TotalFrames()
    {
        long frames = 0;
        foreach (var c in counters.Values)
        {
            frames += c.Frames;
        }

        return frames;
    }

    private void WriteStatsLocked(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("openOpportunities", open.Count);
        w.WriteNumber("opportunitiesSeen", opportunitiesSeen);
        w.WriteNumber("clients", clients.Count);
        w.WriteNumber("frames", TotalFrames());
        w.WriteStartObject("clientsDropped");
        w.WriteNumber("queueFull", ClientsDroppedQueueFull);
        w.WriteNumber("sendTimeout", ClientsDroppedSendTimeout);
        w.WriteEndObject();
        w.WriteNumber("clientMessagesRejected", ClientMessagesRejected);
        w.WriteEndObject();
    }

    /// <summary>Broadcasts stats and the venue view to every client (every <see cref="StatsInterval"/>).</summary>
    public void BroadcastStats()
    {
        lock (gate)
        {
            BroadcastLocked(OutboundMessage.Typed(
                "stats",
                UnixMicros.ToIso(Now()),
                w =>
                {
                    w.WritePropertyName("stats");
                    WriteStatsLocked(w);
                    WriteVenuesLocked(w, SubscriptionFilter.All);
                },
                new ConflationKey(ConflationKind.Stats, 0),
                replaces: true));
        }
    }

    /// <summary>Queues one message to every client it passes the subscription of; never waits. A client that cannot take it is dropped.</summary>
    /// <summary>Appends <paramref name="message"/> once for every client; every 16 messages, drops clients too far behind.</summary>
    private void BroadcastLocked(OutboundMessage message)
    {
        if ((Log.Append(message) & 15) == 0)
        {
            DropClientsTooFarBehindLocked();
        }
    }

    /// <summary>
    /// Drops the clients more than their limit behind the broadcast: a client stuck in a send (its TCP window shut) does
    /// not notice by itself until its send timeout, and must not keep the hub's old messages alive meanwhile.
    /// </summary>
    private void DropClientsTooFarBehindLocked()
    {
        var head = Log.Head;
        for (var i = clients.Count - 1; i >= 0; i--)
        {
            if (head - clients[i].Cursor > clients[i].LagLimit)
            {
                clients[i].DropTooFarBehind();
                clients.RemoveAt(i);
            }
        }
    }

    /// <summary>The shared log of broadcast messages (created on first use with <see cref="BroadcastCapacity"/>).</summary>
    private BroadcastLog Log => log ??= new BroadcastLog(BroadcastCapacity);

    private long Now() => Math.Max(lastEngineTime, UnixMicros.Now(clock));
}
