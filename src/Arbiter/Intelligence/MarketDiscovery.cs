using System.Globalization;
using Arbiter.Core;
using Arbiter.Venues;

namespace Arbiter.Intelligence;

/// <summary>
/// Re-fetches each running venue's market list every <c>Schedules:Markets</c> so <c>/api/markets</c> follows listings
/// and delistings. Read-only: each refresh parses the venue's own market endpoint with a scratch protocol built from the
/// same options (the existing parser, a throw-away catalog, events discarded); the running feed is not touched.
/// </summary>
public sealed class MarketDiscovery
{
    private readonly IReadOnlyList<Target> targets;
    private readonly TimeProvider clock;
    private readonly TimeSpan interval;
    private readonly object gate = new();
    private readonly Dictionary<VenueId, MarketDiscoveryStatus> status = [];

    /// <param name="targets">Per venue: its REST client (BaseAddress = the venue's REST base) and a factory of scratch protocols.</param>
    public MarketDiscovery(IEnumerable<Target> targets, TimeProvider clock, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(targets);
        this.targets = [.. targets];
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        this.interval = interval;
    }

    /// <summary>Refreshes every interval (the feeds fetch their lists at start themselves) until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        PeriodicJob.RunAsync(clock, interval, runAtStart: false, RefreshAsync, cancellationToken);

    /// <summary>The latest refreshed list of <paramref name="venue"/>, or null before the first success.</summary>
    public MarketList? Latest(VenueId venue)
    {
        lock (gate)
        {
            return status.TryGetValue(venue, out var s) ? s.List : null;
        }
    }

    public IReadOnlyList<MarketDiscoveryStatus> Status()
    {
        lock (gate)
        {
            return [.. status.Values.OrderBy(s => s.Venue)];
        }
    }

    /// <summary>One refresh of every venue, in parallel.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(targets.Select(t => RefreshAsync(t, cancellationToken)));

    private async Task RefreshAsync(Target target, CancellationToken cancellationToken)
    {
        var protocol = target.CreateProtocol();
        string? error = null;
        foreach (var path in protocol.MarketListRequests)
        {
            error = await FetchAsync(target.Http, protocol, path, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                break;
            }
        }

        var list = error is null ? protocol.Symbols?.Markets : null;
        if (error is null && list is null)
        {
            error = $"the market list of {target.Venue.Name()} could not be parsed";
        }

        var now = UnixMicros.Now(clock);
        lock (gate)
        {
            status.TryGetValue(target.Venue, out var previous);
            status[target.Venue] = list is not null
                ? new MarketDiscoveryStatus(target.Venue, now, previous?.LastFailure, previous?.LastError, list.Count, list)
                : new MarketDiscoveryStatus(target.Venue, previous?.LastSuccess, now, error, previous?.Markets ?? 0, previous?.List);
        }
    }

    private async Task<string?> FetchAsync(HttpClient http, IVenueProtocol protocol, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from GET {path}");
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            protocol.OnRestResponse(path, body, UnixMicros.Now(clock));
            return null;
        }
        catch (HttpRequestException ex)
        {
            return $"GET {path} failed: {ex.Message}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"GET {path} timed out";
        }
    }

    /// <summary>One venue to refresh.</summary>
    /// <param name="Venue">The venue.</param>
    /// <param name="Http">A client whose BaseAddress is the venue's REST base.</param>
    /// <param name="CreateProtocol">Builds a scratch protocol (throw-away catalog and sink, no actions) with the venue's options.</param>
    public sealed record Target(VenueId Venue, HttpClient Http, Func<IVenueProtocol> CreateProtocol);
}
