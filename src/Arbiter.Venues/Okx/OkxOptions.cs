using System.Globalization;

namespace Arbiter.Venues.Okx;

/// <summary>OKX v5 spot market-data settings; the defaults are the real endpoints and limits (REFERENCE §7).</summary>
public sealed class OkxOptions
{
    public const string Section = "Okx";

    /// <summary>The public WebSocket service (the <c>books</c> channel needs no login).</summary>
    public string WsUrl { get; set; } = "wss://ws.okx.com:8443/ws/v5/public";

    public string RestBaseUrl { get; set; } = "https://www.okx.com";

    /// <summary>Base assets to watch.</summary>
    /// <remarks>Configuration binding appends to a non-empty default array; bind a replacement array, not into this one.</remarks>
    public string[] Assets { get; set; } = ["BTC", "ETH", "XRP", "SOL", "DOGE"];

    /// <summary>Quote assets; every live asset/quote pair in the market list is watched.</summary>
    public string[] Quotes { get; set; } = ["USDT"];

    /// <summary>
    /// Symbols (one <c>books</c> arg each) per connection. OKX's order book channel documentation asks for "less than 30
    /// channels" per connection when subscribing to many 400-level books, so 29 is the most allowed.
    /// </summary>
    public int MaxSymbolsPerConnection { get; set; } = 29;

    /// <summary>
    /// subscribe/unsubscribe/login requests per connection per hour (venue limit 480). Resyncs use the REST snapshot, not
    /// resubscription, so only the subscription on open spends this budget.
    /// </summary>
    public int SubscribesPerHour { get; set; } = 480;

    /// <summary>New connections per second per IP (venue limit 3).</summary>
    public int ConnectsPerSecond { get; set; } = 3;

    /// <summary>
    /// Interval of the text "ping"; OKX drops a connection after 30 s without data, so it must stay below 30 s. The
    /// transport paces every send (pings too) under the connection's SendLimit of <see cref="SubscribesPerHour"/> per hour
    /// (window padded to 66 min), although OKX counts only subscribe, unsubscribe and login; validation requires the pings
    /// and the subscribe of a padded hour to fit that budget (<see cref="SendsPerPacedHour"/>: 200 at the default 20 s;
    /// with 480 the interval may go down to about 8.3 s), so a ping never waits for the pacer.
    /// </summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>No message (data, keep-alive or "pong") for this long → reconnect.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Optional planned replacement of each connection (opened before the old one closes). OKX publishes no lifetime cut,
    /// so the default is none.
    /// </summary>
    public TimeSpan? MaxLifetime { get; set; }

    /// <summary>Earliest re-request of a REST snapshot after a failed, stale or non-bridging one.</summary>
    public TimeSpan SnapshotRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Updates buffered per book while waiting for a REST snapshot; beyond it the buffer restarts.</summary>
    public int MaxBufferedUpdates { get; set; } = 1_000;

    /// <summary>Allows ws:// and http:// URLs (demo and simulator only; RELIABILITY row 25).</summary>
    public bool AllowInsecureUrls { get; set; }

    public IReadOnlyList<string> GetValidationErrors(string section = Section)
    {
        var errors = new List<string>();
        OptionErrors.Url(errors, section + ":WsUrl", WsUrl, secure: true, AllowInsecureUrls);
        OptionErrors.Url(errors, section + ":RestBaseUrl", RestBaseUrl, secure: false, AllowInsecureUrls);
        AssetCodes.Validate(errors, section + ":Assets", Assets);
        AssetCodes.Validate(errors, section + ":Quotes", Quotes);
        OptionErrors.Range(errors, section + ":MaxSymbolsPerConnection", MaxSymbolsPerConnection, 1, 29);
        OptionErrors.Range(errors, section + ":SubscribesPerHour", SubscribesPerHour, 1, 480);
        OptionErrors.Range(errors, section + ":ConnectsPerSecond", ConnectsPerSecond, 1, 3);
        OptionErrors.Range(errors, section + ":PingInterval", PingInterval, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(29));
        if (PingInterval >= TimeSpan.FromSeconds(1) && SubscribesPerHour is >= 1 and <= 480 && SendsPerPacedHour(PingInterval) > SubscribesPerHour)
        {
            errors.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{section}:PingInterval must be long enough for the pings and the subscribe of an hour to fit {section}:SubscribesPerHour ({SubscribesPerHour}), which the transport applies to every send (was {PingInterval}: {SendsPerPacedHour(PingInterval)} sends)."));
        }
        OptionErrors.Range(errors, section + ":IdleTimeout", IdleTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        if (MaxLifetime is { } lifetime)
        {
            OptionErrors.Range(errors, section + ":MaxLifetime", lifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        }

        OptionErrors.Range(errors, section + ":SnapshotRetryDelay", SnapshotRetryDelay, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        OptionErrors.Range(errors, section + ":MaxBufferedUpdates", MaxBufferedUpdates, 1, 1_000_000);
        return errors;
    }

    /// <summary>
    /// Sends of one connection within the send pacer's window (an hour plus its margin, <see cref="RatePacer.Margin"/>):
    /// the pings at <paramref name="pingInterval"/> and the subscribe request sent on open.
    /// </summary>
    public static int SendsPerPacedHour(TimeSpan pingInterval)
    {
        var window = TimeSpan.FromHours(1) + RatePacer.Margin(TimeSpan.FromHours(1));
        return (int)(window / pingInterval) + 1 + 1;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid key and its allowed range.</summary>
    public void Validate(string section = Section) => OptionErrors.ThrowIfAny([.. GetValidationErrors(section)], section);
}
