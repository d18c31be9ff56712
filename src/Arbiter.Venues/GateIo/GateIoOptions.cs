namespace Arbiter.Venues.GateIo;

/// <summary>Gate.io spot market-data settings; the defaults are the real endpoints and, where Gate publishes none, conservative limits (REFERENCE §4).</summary>
public sealed class GateIoOptions
{
    public const string Section = "GateIo";

    public string WsUrl { get; set; } = "wss://api.gateio.ws/ws/v4/";

    /// <summary>
    /// Scheme and host of the REST API. The paths the adapter requests carry the <c>/api/v4</c> prefix themselves
    /// (<c>/api/v4/spot/currency_pairs</c>), because a path starting with '/' replaces any path of the base address.
    /// </summary>
    public string RestBaseUrl { get; set; } = "https://api.gateio.ws";

    /// <summary>Base assets to watch.</summary>
    /// <remarks>Configuration binding appends to a non-empty default array; bind a replacement array, not into this one.</remarks>
    public string[] Assets { get; set; } = ["BTC", "ETH", "XRP", "SOL", "DOGE"];

    /// <summary>Quote assets; every tradable asset/quote pair in the market list is watched.</summary>
    public string[] Quotes { get; set; } = ["USDT"];

    /// <summary>
    /// <c>spot.order_book_update</c> interval: "100ms" (the stream keeps 100 levels) or "20ms" (20 levels). The REST
    /// snapshot asks for the same number of levels and every published event carries it as its depth.
    /// </summary>
    public string Interval { get; set; } = "100ms";

    /// <summary>
    /// Pairs per connection (one subscription each). Gate publishes no limit: 20 is a conservative choice that keeps the
    /// subscribe burst on a new connection to two seconds at <see cref="SubscribesPerSecond"/>.
    /// </summary>
    public int MaxPairsPerConnection { get; set; } = 20;

    /// <summary>Messages the client sends per second per connection (subscribes, pings). Gate publishes no limit: 10/s is conservative.</summary>
    public int SubscribesPerSecond { get; set; } = 10;

    /// <summary>New connections per <see cref="ConnectWindow"/> (per IP). Gate publishes no limit: 10 per 10 s is conservative.</summary>
    public int ConnectsPerWindow { get; set; } = 10;

    public TimeSpan ConnectWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Interval of the optional application ping <c>spot.ping</c> (JKorf sends it every 30 s); its <c>spot.pong</c> answer
    /// resets the server's idle timer, whose length Gate does not publish. The server also pings at protocol level.
    /// </summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>No message for this long → reconnect.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Earliest re-request of a REST snapshot after a failed, stale or non-bridging one.</summary>
    public TimeSpan SnapshotRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Delay before a refused subscription is sent again; it doubles with each refusal of the same pair in a row, up to
    /// <see cref="MaxSubscribeRetryDelay"/>. The send itself is still paced by <see cref="SubscribesPerSecond"/>.
    /// </summary>
    public TimeSpan SubscribeRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between two subscriptions of a pair that keeps being refused.</summary>
    public TimeSpan MaxSubscribeRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Updates buffered per book while waiting for a snapshot; beyond it the buffer restarts.</summary>
    public int MaxBufferedUpdates { get; set; } = 10_000;

    /// <summary>Allows ws:// and http:// URLs (demo and simulator only; RELIABILITY row 25).</summary>
    public bool AllowInsecureUrls { get; set; }

    /// <summary>Levels per side of the subscribed stream (and of the REST snapshot): 100 for "100ms", 20 for "20ms".</summary>
    internal int Depth => Interval == "20ms" ? 20 : 100;

    public IReadOnlyList<string> GetValidationErrors(string section = Section)
    {
        var errors = new List<string>();
        OptionErrors.Url(errors, section + ":WsUrl", WsUrl, secure: true, AllowInsecureUrls);
        OptionErrors.Url(errors, section + ":RestBaseUrl", RestBaseUrl, secure: false, AllowInsecureUrls);
        AssetCodes.Validate(errors, section + ":Assets", Assets);
        AssetCodes.Validate(errors, section + ":Quotes", Quotes);
        if (Interval is not ("100ms" or "20ms"))
        {
            errors.Add($"{section}:Interval must be \"100ms\" or \"20ms\" (was '{Interval}').");
        }

        OptionErrors.Range(errors, section + ":MaxPairsPerConnection", MaxPairsPerConnection, 1, 100);
        OptionErrors.Range(errors, section + ":SubscribesPerSecond", SubscribesPerSecond, 1, 100);
        OptionErrors.Range(errors, section + ":ConnectsPerWindow", ConnectsPerWindow, 1, 1000);
        OptionErrors.Range(errors, section + ":ConnectWindow", ConnectWindow, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        OptionErrors.Range(errors, section + ":PingInterval", PingInterval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        OptionErrors.Range(errors, section + ":IdleTimeout", IdleTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        OptionErrors.Range(errors, section + ":SnapshotRetryDelay", SnapshotRetryDelay, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        OptionErrors.Range(errors, section + ":SubscribeRetryDelay", SubscribeRetryDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10));
        OptionErrors.Range(errors, section + ":MaxSubscribeRetryDelay", MaxSubscribeRetryDelay, SubscribeRetryDelay, TimeSpan.FromHours(1));
        OptionErrors.Range(errors, section + ":MaxBufferedUpdates", MaxBufferedUpdates, 1, 1_000_000);
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid key and its allowed range.</summary>
    public void Validate(string section = Section) => OptionErrors.ThrowIfAny([.. GetValidationErrors(section)], section);
}
