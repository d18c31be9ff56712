namespace Arbiter.Venues.Binance;

/// <summary>Binance spot market-data settings; the defaults are the real endpoints and limits (REFERENCE §1).</summary>
public sealed class BinanceOptions
{
    public const string Section = "Binance";

    public string WsBaseUrl { get; set; } = "wss://stream.binance.com:9443";

    public string RestBaseUrl { get; set; } = "https://api.binance.com";

    /// <summary>Base assets to watch.</summary>
    /// <remarks>Configuration binding appends to a non-empty default array; bind a replacement array, not into this one.</remarks>
    public string[] Assets { get; set; } = ["BTC", "ETH", "XRP", "SOL", "DOGE"];

    /// <summary>Quote assets; every TRADING asset/quote pair in the market list is watched.</summary>
    public string[] Quotes { get; set; } = ["USDT"];

    /// <summary>Levels per side of the REST snapshot, 1..5000 (weight 50 up to 1000, 250 above).</summary>
    public int SnapshotLimit { get; set; } = 1000;

    /// <summary>Diff stream speed: "100ms" (<c>@depth@100ms</c>) or "1000ms" (<c>@depth</c>).</summary>
    public string Speed { get; set; } = "100ms";

    /// <summary>Streams per connection (venue limit 1024); more instruments use more connections.</summary>
    public int MaxStreamsPerConnection { get; set; } = 1024;

    /// <summary>No message for this long → reconnect.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Planned reconnect before Binance's own 24 h cut.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Earliest re-request of a snapshot after a failed, stale or non-bridging one.</summary>
    public TimeSpan SnapshotRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Updates buffered per book while waiting for a snapshot; beyond it the buffer restarts.</summary>
    public int MaxBufferedUpdates { get; set; } = 10_000;

    /// <summary>Allows ws:// and http:// URLs (demo and simulator only; RELIABILITY row 25).</summary>
    public bool AllowInsecureUrls { get; set; }

    public IReadOnlyList<string> GetValidationErrors(string section = Section)
    {
        var errors = new List<string>();
        OptionErrors.Url(errors, section + ":WsBaseUrl", WsBaseUrl, secure: true, AllowInsecureUrls);
        OptionErrors.Url(errors, section + ":RestBaseUrl", RestBaseUrl, secure: false, AllowInsecureUrls);
        AssetCodes.Validate(errors, section + ":Assets", Assets);
        AssetCodes.Validate(errors, section + ":Quotes", Quotes);
        OptionErrors.Range(errors, section + ":SnapshotLimit", SnapshotLimit, 1, 5000);
        if (Speed is not ("100ms" or "1000ms"))
        {
            errors.Add($"{section}:Speed must be \"100ms\" or \"1000ms\" (was '{Speed}').");
        }

        OptionErrors.Range(errors, section + ":MaxStreamsPerConnection", MaxStreamsPerConnection, 1, 1024);
        OptionErrors.Range(errors, section + ":IdleTimeout", IdleTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        OptionErrors.Range(errors, section + ":MaxLifetime", MaxLifetime, TimeSpan.FromSeconds(1), TimeSpan.FromHours(24));
        OptionErrors.Range(errors, section + ":SnapshotRetryDelay", SnapshotRetryDelay, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        OptionErrors.Range(errors, section + ":MaxBufferedUpdates", MaxBufferedUpdates, 1, 1_000_000);
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid key and its allowed range.</summary>
    public void Validate(string section = Section) => OptionErrors.ThrowIfAny([.. GetValidationErrors(section)], section);
}
