namespace Arbiter.Venues.Upbit;

/// <summary>Upbit KRW market-data settings; the defaults are the real endpoints and limits (REFERENCE §5).</summary>
public sealed class UpbitOptions
{
    public const string Section = "Upbit";

    public string WsUrl { get; set; } = "wss://api.upbit.com/websocket/v1";

    public string RestBaseUrl { get; set; } = "https://api.upbit.com";

    /// <summary>Base assets to watch; USDT gives the engine a stablecoin rate (USDT-USD) or the KRW-USDT book (tether premium, derived USD/KRW).</summary>
    /// <remarks>Configuration binding appends to a non-empty default array; bind a replacement array, not into this one.</remarks>
    public string[] Assets { get; set; } = ["BTC", "ETH", "XRP", "SOL", "DOGE", "USDT"];

    public string Quote { get; set; } = "KRW";

    /// <summary>Orderbook units per message: 1, 5, 15 or 30 (any other value makes Upbit send 30).</summary>
    public int Depth { get; set; } = 15;

    /// <summary>Interval of the text "PING" (the server closes idle connections after about 120 s).</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>No message for this long → reconnect.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

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

        if (Depth is not (1 or 5 or 15 or 30))
        {
            errors.Add($"{section}:Depth must be 1, 5, 15 or 30 (was {Depth}).");
        }

        OptionErrors.Range(errors, section + ":PingInterval", PingInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(110));
        OptionErrors.Range(errors, section + ":IdleTimeout", IdleTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid key and its allowed range.</summary>
    public void Validate(string section = Section) => OptionErrors.ThrowIfAny([.. GetValidationErrors(section)], section);
}
