using System.Text.Json;
using System.Threading.Channels;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Venues;

namespace Arbiter.Api;

/// <summary>
/// The API's view of the market, built from engine outputs on its own task (the engine never waits for it), and
/// the broadcaster to WebSocket clients: every message is serialised once and queued to each client.
/// </summary>
public sealed class ApiHub
{
    private const int RecentClosedKept = 100;

    private readonly object gate = new();
    private readonly Dictionary<long, Opportunity> open = [];
    private readonly Queue<OpportunityEvent> recentClosed = new();
    private readonly Dictionary<int, BookTop> tops = [];
    private readonly ConnectionState[] connections = new ConnectionState[VenueNames.Count];
    private readonly bool[] venueEnabled = new bool[VenueNames.Count];
    private readonly IReadOnlyDictionary<VenueId, VenueCounters> counters;
    private readonly List<WebSocketClient> clients = [];
    private readonly TimeProvider clock;
    private long lastEngineTime;
    private long opportunitiesSeen;

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

    /// <summary>Applies outputs until the fan-out completes; also broadcasts stats once a second.</summary>
    public async Task RunAsync(ChannelReader<HostOutput> reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var stats = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        var statsLoop = BroadcastStatsAsync(stats, cancellationToken);
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

        stats.Dispose();
        await statsLoop.ConfigureAwait(false);
    }

    /// <summary>Applies one output and broadcasts it (also used directly by tests).</summary>
    public void Apply(HostOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        lock (gate)
        {
            lastEngineTime = Math.Max(lastEngineTime, output.Time);
            string message;
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

                message = ApiJson.Opportunity(e);
            }
            else if (output.Tops is { } changed)
            {
                foreach (var top in changed)
                {
                    tops[top.Instrument.Id] = top;
                }

                message = ApiJson.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("type", "books");
                    w.WriteString("time", UnixMicros.ToIso(output.Time));
                    w.WriteStartArray("books");
                    foreach (var top in changed)
                    {
                        ApiJson.WriteBookTop(w, top, output.Time);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else
            {
                connections[(int)output.Venue] = output.Connection;
                message = ApiJson.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("type", "venue");
                    w.WriteString("time", UnixMicros.ToIso(output.Time));
                    WriteVenue(w, output.Venue);
                    w.WriteEndObject();
                });
            }

            BroadcastLocked(message);
        }
    }

    /// <summary>Adds a client: it first receives the snapshot, then every later message, in order.</summary>
    public void Add(WebSocketClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (gate)
        {
            client.TryEnqueue(SnapshotLocked());
            clients.Add(client);
        }
    }

    public void Remove(WebSocketClient client)
    {
        lock (gate)
        {
            clients.Remove(client);
        }
    }

    /// <summary>A compact one-line status for the terminal.</summary>
    public string StatusLine()
    {
        lock (gate)
        {
            var parts = new List<string>();
            foreach (var venue in VenueNames.All)
            {
                if (!venueEnabled[(int)venue])
                {
                    continue;
                }

                var (synced, total) = BookCountsLocked(venue);
                parts.Add($"{venue.Name()} {connections[(int)venue]} {synced}/{total} synced");
            }

            return $"{string.Join(" · ", parts)} · {TotalFrames()} frames · {open.Count} open, {opportunitiesSeen} seen";
        }
    }

    /// <summary>Each running venue's market list (null until fetched), for <see cref="MarketsJson"/>.</summary>
    public Func<IReadOnlyList<(VenueId Venue, MarketList? Markets)>>? MarketSources { get; init; }

    /// <summary>The common markets across the running venues: assets on two or more venues, with each venue's symbol and quote.</summary>
    public string MarketsJson()
    {
        var common = CrossVenueMarkets.Build(MarketSources?.Invoke() ?? []);
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
            w.WriteEndObject();
        });
    }

    public string OpportunitiesJson()
    {
        lock (gate)
        {
            return ApiJson.Write(w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("open");
                WriteOpenLocked(w);
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
                WriteVenuesLocked(w);
                w.WriteEndObject();
            });
        }
    }

    private string SnapshotLocked() => ApiJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "snapshot");
        w.WriteString("time", UnixMicros.ToIso(Now()));
        WriteVenuesLocked(w);
        w.WritePropertyName("opportunities");
        WriteOpenLocked(w);
        w.WritePropertyName("stats");
        WriteStatsLocked(w);
        w.WriteEndObject();
    });

    private void WriteOpenLocked(Utf8JsonWriter w)
    {
        w.WriteStartArray();
        foreach (var o in open.Values.OrderByDescending(o => o.NetProfitUsd))
        {
            ApiJson.WriteOpportunity(w, o);
        }

        w.WriteEndArray();
    }

    private void WriteVenuesLocked(Utf8JsonWriter w)
    {
        var now = Now();
        w.WriteStartArray("venues");
        foreach (var venue in VenueNames.All)
        {
            if (venueEnabled[(int)venue])
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
            ApiJson.WriteBookTop(w, top, now);
        }

        w.WriteEndArray();
    }

    private void WriteVenue(Utf8JsonWriter w, VenueId venue)
    {
        w.WriteString("venue", venue.Name());
        w.WriteString("connection", connections[(int)venue].ToString());
        var (synced, total) = BookCountsLocked(venue);
        w.WriteNumber("booksSynced", synced);
        w.WriteNumber("books", total);
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
        w.WriteEndObject();
    }

    private async Task BroadcastStatsAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (gate)
                {
                    BroadcastLocked(ApiJson.Write(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("type", "stats");
                        w.WriteString("time", UnixMicros.ToIso(Now()));
                        w.WritePropertyName("stats");
                        WriteStatsLocked(w);
                        WriteVenuesLocked(w);
                        w.WriteEndObject();
                    }));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void BroadcastLocked(string message)
    {
        for (var i = clients.Count - 1; i >= 0; i--)
        {
            if (!clients[i].TryEnqueue(message))
            {
                // A client that cannot keep up is dropped rather than allowed to hold memory or slow the others.
                clients[i].Abandon("client too slow: send queue full");
                clients.RemoveAt(i);
            }
        }
    }

    private long Now() => Math.Max(lastEngineTime, UnixMicros.Now(clock));
}
