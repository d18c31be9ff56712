namespace Arbiter.Venues.Bybit;

/// <summary>Bybit v5 spot market-data settings; the defaults are the real endpoints and limits (REFERENCE §3).</summary>
public sealed class BybitOptions
{
    public const string Section = "Bybit";

    /// <summary>Bybit's cap on the total length of the "args" of one public connection (wss-authentication.mdx, "Args limits").</summary>
    public const int VenueMaxArgsCharsPerConnection = 21_000;

    /// <summary>Bybit's cap on args in one spot subscribe request (same page).</summary>
    public const int VenueMaxArgsPerRequest = 10;

    /// <summary>Bybit's cap on new connections per 5 minutes per WebSocket domain (same page, "IP Limits").</summary>
    public const int VenueMaxConnectsPerFiveMinutes = 500;

    public string WsUrl { get; set; } = "wss://stream.bybit.com/v5/public/spot";

    public string RestBaseUrl { get; set; } = "https://api.bybit.com";

    /// <summary>Base assets to watch.</summary>
    /// <remarks>Configuration binding appends to a non-empty default array; bind a replacement array, not into this one.</remarks>
    public string[] Assets { get; set; } = ["BTC", "ETH", "XRP", "SOL", "DOGE"];

    /// <summary>Quote assets; every Trading asset/quote pair in the market list is watched.</summary>
    public string[] Quotes { get; set; } = ["USDT"];

    /// <summary>Levels per side of the <c>orderbook.{depth}.{symbol}</c> topic: 1, 50, 200 or 1000 (spot pushes every 10, 20, 100, 200 ms).</summary>
    public int Depth { get; set; } = 50;

    /// <summary>Interval of <c>{"op":"ping"}</c>; Bybit recommends 20 s and cuts a connection after 10 min with neither pings nor data.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>No message for this long → reconnect. The pong to every ping counts, so three missed pongs at the default.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Planned replacement of each connection after this long, the new one opened before the old one closes; null (the
    /// default) = none, since Bybit publishes no lifetime for public connections.
    /// </summary>
    public TimeSpan? MaxLifetime { get; set; }

    /// <summary>
    /// Symbols per connection. Bybit only caps the args' total length (<see cref="MaxArgsCharsPerConnection"/>); this bound
    /// keeps one socket's message rate (a depth-50 book pushes up to 50 messages/s) within what one receive loop handles.
    /// </summary>
    public int MaxSymbolsPerConnection { get; set; } = 100;

    /// <summary>Total length of the args of one connection, counted as JSON (<c>"orderbook.50.BTCUSDT",</c>); venue limit 21,000.</summary>
    public int MaxArgsCharsPerConnection { get; set; } = VenueMaxArgsCharsPerConnection;

    /// <summary>Topics per subscribe/unsubscribe request; venue limit 10 for spot.</summary>
    public int MaxArgsPerRequest { get; set; } = VenueMaxArgsPerRequest;

    /// <summary>
    /// Messages (subscribes, unsubscribes, pings) sent per second on one connection. Bybit documents no such limit for public
    /// connections (unconfirmed): 10/s is a conservative choice, far above what this adapter needs.
    /// </summary>
    public int MaxMessagesPerSecond { get; set; } = 10;

    /// <summary>New connections per 5 minutes; venue limit 500 per domain.</summary>
    public int MaxConnectsPerFiveMinutes { get; set; } = VenueMaxConnectsPerFiveMinutes;

    /// <summary>Allows ws:// and http:// URLs (demo and simulator only; RELIABILITY row 25).</summary>
    public bool AllowInsecureUrls { get; set; }

    public IReadOnlyList<string> GetValidationErrors(string section = Section)
    {
        var errors = new List<string>();
        OptionErrors.Url(errors, section + ":WsUrl", WsUrl, secure: true, AllowInsecureUrls);
        OptionErrors.Url(errors, section + ":RestBaseUrl", RestBaseUrl, secure: false, AllowInsecureUrls);
        AssetCodes.Validate(errors, section + ":Assets", Assets);
        AssetCodes.Validate(errors, section + ":Quotes", Quotes);
        if (Depth is not (1 or 50 or 200 or 1000))
        {
            errors.Add($"{section}:Depth must be 1, 50, 200 or 1000 (was {Depth}).");
        }

        OptionErrors.Range(errors, section + ":PingInterval", PingInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5));
        OptionErrors.Range(errors, section + ":IdleTimeout", IdleTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        if (MaxLifetime is { } lifetime)
        {
            OptionErrors.Range(errors, section + ":MaxLifetime", lifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        }

        OptionErrors.Range(errors, section + ":MaxSymbolsPerConnection", MaxSymbolsPerConnection, 1, 1000);
        OptionErrors.Range(errors, section + ":MaxArgsCharsPerConnection", MaxArgsCharsPerConnection, 100, VenueMaxArgsCharsPerConnection);
        OptionErrors.Range(errors, section + ":MaxArgsPerRequest", MaxArgsPerRequest, 1, VenueMaxArgsPerRequest);
        OptionErrors.Range(errors, section + ":MaxMessagesPerSecond", MaxMessagesPerSecond, 1, 100);
        OptionErrors.Range(errors, section + ":MaxConnectsPerFiveMinutes", MaxConnectsPerFiveMinutes, 1, VenueMaxConnectsPerFiveMinutes);
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid key and its allowed range.</summary>
    public void Validate(string section = Section) => OptionErrors.ThrowIfAny([.. GetValidationErrors(section)], section);
}
