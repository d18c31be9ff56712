using Arbiter.Core;
using Arbiter.Venues.Wallets;

namespace Arbiter.Intelligence;

/// <summary>
/// Fetches every enabled venue's deposit/withdrawal status at start and every <c>Schedules:Wallets</c> (venues in
/// parallel) and publishes each snapshot to the engine; keeps per venue the source, key (masked), last success and
/// error, and counts, for the API.
/// </summary>
public sealed class WalletRefresher
{
    private readonly HttpClient http;
    private readonly IIntelligenceInput input;
    private readonly TimeProvider clock;
    private readonly TimeSpan interval;
    private readonly Entry[] entries;

    public WalletRefresher(IEnumerable<WalletVenue> venues, HttpClient http, IIntelligenceInput input, TimeProvider clock, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(venues);
        this.http = http ?? throw new ArgumentNullException(nameof(http));
        this.input = input ?? throw new ArgumentNullException(nameof(input));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        this.interval = interval;
        entries = [.. venues.OrderBy(v => v.Venue).Select(v => new Entry(v))];
    }

    /// <summary>Every venue's source status and latest snapshot, in venue order.</summary>
    public IReadOnlyList<WalletSourceStatus> Status()
    {
        var list = new WalletSourceStatus[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            list[i] = entries[i].Status();
        }

        return list;
    }

    /// <summary>Fetches at start and every interval until cancelled; returns at once when no venue has a client.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        entries.Any(e => e.Venue.Client is not null)
            ? PeriodicJob.RunAsync(clock, interval, runAtStart: true, RefreshAsync, cancellationToken)
            : Task.CompletedTask;

    /// <summary>One fetch of every venue with a client, in parallel.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken)
    {
        var tasks = new List<Task>();
        foreach (var entry in entries)
        {
            if (entry.Venue.Client is not null)
            {
                tasks.Add(RefreshAsync(entry, cancellationToken));
            }
        }

        return Task.WhenAll(tasks);
    }

    private async Task RefreshAsync(Entry entry, CancellationToken cancellationToken)
    {
        var client = entry.Venue.Client!;
        var started = UnixMicros.Now(clock);
        WalletFetch fetch;
        try
        {
            fetch = await client.FetchAsync(http, entry.Venue.Assets, started, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            // The client contract says failures come back as values; a transport error that slipped through is still one.
            fetch = WalletFetch.Failed($"{client.Source}: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            fetch = WalletFetch.Failed($"{client.Source}: timeout");
        }

        var now = UnixMicros.Now(clock);
        if (entry.Record(fetch, now) is { } snapshot)
        {
            input.Publish(snapshot);
        }
    }

    private sealed class Entry(WalletVenue venue)
    {
        private readonly object gate = new();
        private long? lastSuccess;
        private long? lastFailure;
        private string? lastError = venue.Client is null ? venue.Missing ?? "no wallet-status client for this venue" : null;
        private long fetches;
        private long failures;
        private WalletSnapshot? snapshot;

        public WalletVenue Venue { get; } = venue;

        /// <summary>Records a fetch; returns the snapshot to publish, if any.</summary>
        public WalletSnapshot? Record(WalletFetch fetch, long now)
        {
            lock (gate)
            {
                fetches++;
                if (fetch.Snapshot is null)
                {
                    failures++;
                    lastFailure = now;
                    lastError = fetch.Error ?? "no snapshot and no error";
                    return null;
                }

                lastSuccess = now;
                snapshot = fetch.Snapshot;
                return snapshot;
            }
        }

        public WalletSourceStatus Status()
        {
            lock (gate)
            {
                var client = Venue.Client;
                return new WalletSourceStatus(
                    Venue.Venue,
                    client?.Source,
                    client?.RequiresKeys ?? false,
                    Venue.Credentials?.Masked,
                    lastSuccess,
                    lastFailure,
                    lastError,
                    fetches,
                    failures,
                    snapshot);
            }
        }
    }
}
