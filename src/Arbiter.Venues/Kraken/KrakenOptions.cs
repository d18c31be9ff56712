namespace Arbiter.Venues.Kraken;

/// <summary>Kraken spot market-data settings (WS v2); the defaults are the real endpoints and, where Kraken publishes none, conservative limits (REFERENCE §8).</summary>
public sealed class KrakenOptions
{
    public const string Section = "Kraken";

    public string WsUrl { get; set; } = "wss://ws.kraken.com/v2";

    public string RestBaseUrl { get; set; } = "https://api.kraken.com";

    /// <summary>Base assets to watch (Arbiter's codes: BTC and DOGE, which Kraken's REST spells XBT and XDG); USDT/USD and USDC/USD give the engine its stablecoin rates.</summary>
    /// <remarks>Configuration binding appends to a non-empty default array; bind a replacement array, not into this one.</remarks>
    public string[] Assets { get; set; } = ["BTC", "ETH", "XRP", "SOL", "DOGE", "USDT", "USDC"];

    /// <summary>Quote assets; every online asset/quote pair of the market list is watched.</summary>
    public string[] Quotes { get; set; } = ["USD"];

    /// <summary>Levels per side of the <c>book</c> subscription: 10, 25, 100, 500 or 1000. The checksum always covers the top 10.</summary>
    public int Depth { get; set; } = 10;

    /// <summary>Interval of the application ping <c>{"method":"ping"}</c> (Kraken drops connections silent for about a minute).</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// No message for this long → reconnect. Kraken sends a <c>heartbeat</c> about every second while subscribed, so a
    /// few seconds of silence already mean trouble; 30 s leaves room for a slow network.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Planned replacement of each connection after this long (new one first, then the old one closes), or null for none:
    /// Kraken publishes no connection lifetime, so the default is none.
    /// </summary>
    public TimeSpan? MaxLifetime { get; set; }

    /// <summary>Symbols per connection; more instruments use more connections. Kraken publishes no limit: 50 is a conservative choice.</summary>
    public int MaxSymbolsPerConnection { get; set; } = 50;

    /// <summary>Symbols per subscribe message (the <c>symbol</c> array). Kraken publishes no limit: 10 is a conservative choice.</summary>
    public int MaxSymbolsPerSubscribe { get; set; } = 10;

    /// <summary>
    /// Messages sent per second on one connection (subscribes, unsubscribes, pings). Kraken's limit is dynamic and
    /// unpublished (it answers "Exceeded msg rate"): 5 per second is a conservative choice.
    /// </summary>
    public int MessagesPerSecond { get; set; } = 5;

    /// <summary>
    /// New connections per minute from this host. Unconfirmed for Kraken (its older docs cite about 150 connection attempts
    /// per rolling 10 minutes per IP at Cloudflare): 20 per minute caps bursts (all connections dropped at once), while the
    /// reconnect backoff, which restarts only after a connection stayed up for a while, keeps the sustained rate far below
    /// 15 per minute unless a host runs many connections.
    /// </summary>
    public int ConnectsPerMinute { get; set; } = 20;

    /// <summary>Allows ws:// and http:// URLs (demo and simulator only; RELIABILITY row 25).</summary>
    public bool AllowInsecureUrls { get; set; }

    public IReadOnlyList<string> GetValidationErrors(string section = Section)
    {
        var errors = new List<string>();
        OptionErrors.Url(errors, section + ":WsUrl", WsUrl, secure: true, AllowInsecureUrls);
        OptionErrors.Url(errors, section + ":RestBaseUrl", RestBaseUrl, secure: false, AllowInsecureUrls);
        AssetCodes.Validate(errors, section + ":Assets", Assets);
        AssetCodes.Validate(errors, section + ":Quotes", Quotes);
        if (Depth is not (10 or 25 or 100 or 500 or 1000))
        {
            errors.Add($"{section}:Depth must be 10, 25, 100, 500 or 1000 (was {Depth}).");
        }

        OptionErrors.Range(errors, section + ":PingInterval", PingInterval, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(50));
        OptionErrors.Range(errors, section + ":IdleTimeout", IdleTimeout, TimeSpan.FromSeconds(2), TimeSpan.FromDays(1));
        if (MaxLifetime is { } lifetime)
        {
            OptionErrors.Range(errors, section + ":MaxLifetime", lifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        }

        OptionErrors.Range(errors, section + ":MaxSymbolsPerConnection", MaxSymbolsPerConnection, 1, 1000);
        OptionErrors.Range(errors, section + ":MaxSymbolsPerSubscribe", MaxSymbolsPerSubscribe, 1, 1000);
        OptionErrors.Range(errors, section + ":MessagesPerSecond", MessagesPerSecond, 1, 100);
        OptionErrors.Range(errors, section + ":ConnectsPerMinute", ConnectsPerMinute, 1, 150);
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid key and its allowed range.</summary>
    public void Validate(string section = Section) => OptionErrors.ThrowIfAny([.. GetValidationErrors(section)], section);
}
