using System.Globalization;
using System.Text;
using Arbiter.Core;
using Arbiter.Engine;
using Microsoft.Extensions.Logging;

namespace Arbiter.Alerts;

/// <summary>
/// Admin notices, each once per transition: a venue not connected for longer than <see cref="StatusOptions.VenueDownAfter"/>
/// (and back), its circuit breaker opening, USD/KRW going stale or missing (and recovered), withdrawals suspended or reopened
/// for a watched asset, a venue excluded for data quality (and readmitted). Feed it the engine's outputs and call
/// <see cref="Check"/> periodically (the down timer runs on the engine clock: unix µs).
/// </summary>
public sealed class StatusNotifier
{
    private StatusOptions options;
    private readonly Action<string> notify;
    private readonly ILogger logger;
    private readonly object gate = new();
    private readonly VenueStatus[] venues = new VenueStatus[VenueNames.Count];
    private readonly HashSet<Asset> watched = [];
    private readonly Dictionary<(VenueId Venue, Asset Asset, string Network), bool> withdrawOpen = [];
    private FxRate? lastFx;
    private bool fxSeenUsable;
    private bool fxStale;
    private long notices;

    /// <param name="notify">Receives each notice as HTML (the host queues it for the admin chat).</param>
    public StatusNotifier(StatusOptions options, Action<string> notify, ILogger logger)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.notify = notify ?? throw new ArgumentNullException(nameof(notify));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        foreach (var code in options.WatchedAssets)
        {
            watched.Add(Asset.Of(code));
        }

        for (var i = 0; i < venues.Length; i++)
        {
            venues[i] = new VenueStatus();
        }
    }

    /// <summary>Puts new options in force (an operator's runtime change): every later check and wallet change uses them.</summary>
    public void Update(StatusOptions next)
    {
        ArgumentNullException.ThrowIfNull(next);
        lock (gate)
        {
            options = next;
            watched.Clear();
            foreach (var code in next.WatchedAssets)
            {
                watched.Add(Asset.Of(code));
            }
        }
    }

    /// <summary>Notices given since start.</summary>
    public long Notices => Interlocked.Read(ref notices);

    public void OnConnectionChanged(VenueId venue, ConnectionState state, long time)
    {
        var pending = new List<string>();
        lock (gate)
        {
            var v = venues[(int)venue];
            v.Seen = true;
            v.State = state;
            if (state == ConnectionState.Connected)
            {
                if (v.DownNotified || v.CircuitNotified)
                {
                    pending.Add($"✅ {Name(venue)} connected again after {Duration(time - (v.Since ?? time))}{(v.CircuitNotified ? " (circuit breaker closed)" : "")}");
                }

                v.Since = null;
                v.DownNotified = false;
                v.CircuitNotified = false;
            }
            else
            {
                v.Since ??= time;
                if (state == ConnectionState.CircuitOpen && !v.CircuitNotified)
                {
                    v.CircuitNotified = true;
                    pending.Add($"⛔ {Name(venue)} circuit breaker open: no reconnect attempts for a while");
                }
            }

            CheckLocked(time, pending);
        }

        Send(pending);
    }

    /// <summary>Reports venues that have been down longer than the limit at <paramref name="now"/> (unix µs).</summary>
    public void Check(long now)
    {
        var pending = new List<string>();
        lock (gate)
        {
            CheckLocked(now, pending);
        }

        Send(pending);
    }

    public void OnFx(FxState fx)
    {
        ArgumentNullException.ThrowIfNull(fx);
        string? notice = null;
        lock (gate)
        {
            var rate = fx.UsdKrw;
            lastFx = rate;
            if (rate.IsUsable)
            {
                if (fxStale)
                {
                    notice = $"✅ FX USD/KRW recovered: {Rate(rate)} ({rate.Status}, {AlertFormatter.EscapeHtml(rate.Source)})";
                }

                fxSeenUsable = true;
                fxStale = false;
            }
            else if ((rate.Status == FxRateStatus.Stale || fxSeenUsable) && !fxStale)
            {
                fxStale = true;
                notice = rate.Status == FxRateStatus.Stale
                    ? $"⚠️ FX USD/KRW stale: last {Rate(rate)} at {UnixMicros.ToIso(rate.Time)} ({AlertFormatter.EscapeHtml(rate.Source)}); KRW opportunities are not computed"
                    : "⚠️ FX USD/KRW missing: KRW opportunities are not computed";
            }
        }

        Send(notice);
    }

    public void OnWalletChanged(WalletChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        string? notice = null;
        lock (gate)
        {
            if (watched.Count > 0 && !watched.Contains(change.Asset))
            {
                return;
            }

            var key = (change.Venue, change.Asset, change.Network);
            var now = change.Current?.WithdrawOpen ?? false;
            if (!withdrawOpen.TryGetValue(key, out var before))
            {
                if (change.Previous is null)
                {
                    withdrawOpen[key] = now; // first sight of the network: a state, not a transition
                    return;
                }

                before = change.Previous.WithdrawOpen;
            }

            withdrawOpen[key] = now;
            if (before != now)
            {
                var where = $"{AlertFormatter.EscapeHtml(change.Asset.Code)} on {Name(change.Venue)} ({AlertFormatter.EscapeHtml(change.Network)})";
                notice = now ? $"✅ Withdrawals reopened: {where}"
                    : change.Current is null ? $"⚠️ Withdrawals unavailable: {where} is no longer listed" : $"⚠️ Withdrawals suspended: {where}";
            }
        }

        Send(notice);
    }

    public void OnVenueQuality(VenueQuality quality)
    {
        ArgumentNullException.ThrowIfNull(quality);
        string? notice = null;
        lock (gate)
        {
            var v = venues[(int)quality.Venue];
            if (v.Excluded != quality.Excluded)
            {
                v.Excluded = quality.Excluded;
                var score = quality.Score.ToString("0.#", CultureInfo.InvariantCulture);
                notice = quality.Excluded
                    ? $"⚠️ {Name(quality.Venue)} excluded for data quality (score {score}, {quality.Rejected} updates rejected)"
                    : $"✅ {Name(quality.Venue)} readmitted (score {score})";
            }
        }

        Send(notice);
    }

    /// <summary>HTML lines for <c>/status</c>: each seen venue's connection, USD/KRW, excluded venues.</summary>
    public string Summary(long now)
    {
        var text = new StringBuilder();
        lock (gate)
        {
            text.Append("venues:");
            for (var i = 0; i < venues.Length; i++)
            {
                var v = venues[i];
                if (!v.Seen)
                {
                    continue;
                }

                text.Append(' ').Append(Name((VenueId)i)).Append(' ');
                text.Append(v.State switch
                {
                    ConnectionState.Connected => "ok",
                    ConnectionState.CircuitOpen => "circuit open",
                    _ => "down " + Duration(now - (v.Since ?? now)),
                });
                if (v.Excluded)
                {
                    text.Append(" (excluded)");
                }

                text.Append(';');
            }

            text.Append("\nFX USD/KRW: ").Append(lastFx is { } fx ? $"{Rate(fx)} ({fx.Status})" : "none yet");
        }

        return text.ToString();
    }

    private void CheckLocked(long now, List<string> pending)
    {
        var limit = options.VenueDownAfter.Ticks / 10;
        for (var i = 0; i < venues.Length; i++)
        {
            var v = venues[i];
            if (v.Since is { } since && !v.DownNotified && now - since >= limit)
            {
                v.DownNotified = true;
                pending.Add($"⚠️ {Name((VenueId)i)} down for {Duration(now - since)} ({v.State.ToString().ToLowerInvariant()})");
            }
        }
    }

    private void Send(List<string> pending)
    {
        foreach (var notice in pending)
        {
            Send(notice);
        }
    }

    private void Send(string? notice)
    {
        if (notice is null)
        {
            return;
        }

        Interlocked.Increment(ref notices);
        AlertsLog.StatusNotice(logger, notice);
        notify(notice);
    }

    private static string Name(VenueId venue) => "<b>" + venue.Name() + "</b>";

    private static string Rate(FxRate rate) => rate.Rate.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Duration(long micros)
    {
        var span = TimeSpan.FromTicks(Math.Max(0, micros) * 10);
        return span.TotalMinutes < 1 ? $"{(int)span.TotalSeconds} s"
            : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} min {span.Seconds} s"
            : $"{(int)span.TotalHours} h {span.Minutes} min";
    }

    private sealed class VenueStatus
    {
        public bool Seen { get; set; }

        public ConnectionState State { get; set; }

        /// <summary>When the venue last left Connected (or was first seen not connected); null while connected.</summary>
        public long? Since { get; set; }

        public bool DownNotified { get; set; }

        public bool CircuitNotified { get; set; }

        public bool Excluded { get; set; }
    }
}
