namespace Arbiter.Venues.Bithumb;

/// <summary>Bithumb KRW market-data settings (current API, "2.x"); the defaults are the real endpoints and limits (REFERENCE §6).</summary>
public sealed class BithumbOptions
{
    public const string Section = "Bithumb";

    /// <summary>Levels per side Bithumb sends by default (and at most: a ".30" code still gets 15).</summary>
    public const int MaxDepth = 15;

    public string WsUrl { get; set; } = "wss://ws-api.bithumb.com/websocket/v1";

    public string RestBaseUrl { get; set; } = "https://api.bithumb.com";

    /// <summary>Base assets to watch; USDT gives the engine a stablecoin rate (USDT-USD) or the KRW-USDT book (tether premium, derived USD/KRW).</summary>
    /// <remarks>Configuration binding appends to a non-empty default array; bind a replacement array, not into this one.</remarks>
    public string[] Assets { get; set; } = ["BTC", "ETH", "XRP", "SOL", "DOGE", "USDT"];

    public string Quote { get; set; } = "KRW";

    /// <summary>Orderbook units per message, 1..15: 15 subscribes with the plain code, fewer with a "KRW-BTC.N" suffix (REFERENCE: unconfirmed beyond the documented ".3" example).</summary>
    public int Depth { get; set; } = MaxDepth;

    /// <summary>Interval of the text "PING". The documentation says idle sockets close after about 120 s; on the wire they closed after 60 s.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// No message for this long → reconnect. After a PING the server sends <c>{"status":"UP"}</c> about every 10 s, so a
    /// quiet market's socket still hears something; 45 s is several missed status messages.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Codes per connection. Bithumb publishes no limit (one probe served all 493 markets on one socket); 100 is a
    /// conservative choice that keeps one connection's frame rate and blast radius small. Each connection sends all its
    /// codes in ONE request, because a second request replaces the first.
    /// </summary>
    public int MaxCodesPerConnection { get; set; } = 100;

    /// <summary>
    /// Messages the client sends per second on one connection (the request and the PINGs). Bithumb publishes no limit:
    /// Upbit's documented 5 data requests per second is the conservative stand-in.
    /// </summary>
    public int MaxMessagesPerSecond { get; set; } = 5;

    /// <summary>WebSocket connection requests per second per IP: 10 documented; beyond it 429 and possibly a 10-minute IP block.</summary>
    public int MaxConnectsPerSecond { get; set; } = 10;

    /// <summary>Allows ws:// and http:// URLs (demo and simulator only; RELIABILITY row 25).</summary>
    public bool AllowInsecureUrls { get; set; }

    public IReadOnlyList<string> GetValidationErrors(string section = Section)
    {
        var errors = new List<string>();
        OptionErrors.Url(errors, section + ":WsUrl", WsUrl, secure: true, AllowInsecureUrls);
        OptionErrors.Url(errors, section + ":RestBaseUrl", RestBaseUrl, secure: false, AllowInsecureUrls);
        AssetCodes.Validate(errors, section + ":Assets", Assets);
        if (!AssetCodes.IsValid(Quote))
        {
            errors.Add($"{section}:Quote must be 1-32 ASCII letters or digits (was '{Quote}').");
        }

        OptionErrors.Range(errors, section + ":Depth", Depth, 1, MaxDepth);
        OptionErrors.Range(errors, section + ":PingInterval", PingInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(50));
        OptionErrors.Range(errors, section + ":IdleTimeout", IdleTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        OptionErrors.Range(errors, section + ":MaxCodesPerConnection", MaxCodesPerConnection, 1, 500);
        OptionErrors.Range(errors, section + ":MaxMessagesPerSecond", MaxMessagesPerSecond, 1, 100);
        OptionErrors.Range(errors, section + ":MaxConnectsPerSecond", MaxConnectsPerSecond, 1, 10);
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid key and its allowed range.</summary>
    public void Validate(string section = Section) => OptionErrors.ThrowIfAny([.. GetValidationErrors(section)], section);
}
