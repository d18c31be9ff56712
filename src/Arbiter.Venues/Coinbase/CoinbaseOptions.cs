namespace Arbiter.Venues.Coinbase;

/// <summary>Coinbase Advanced Trade market-data settings; the defaults are the real endpoints and limits (REFERENCE §2).</summary>
/// <remarks>
/// There is no application-level ping and no documented connection lifetime: the <c>heartbeats</c> channel, subscribed on
/// every connection, sends a message every second and keeps the channels from their 60–90 s idle close; silence longer
/// than <see cref="IdleTimeout"/> therefore means a dead connection.
/// </remarks>
public sealed class CoinbaseOptions
{
    public const string Section = "Coinbase";

    /// <summary>Coinbase's unauthenticated message limit, per IP (REFERENCE §2, websocket-rate-limits).</summary>
    public const int VenueMessagesPerSecond = 8;

    /// <summary>Coinbase's connection limit, per IP and second (REFERENCE §2).</summary>
    public const int VenueConnectsPerSecond = 750;

    public string WsUrl { get; set; } = "wss://advanced-trade-ws.coinbase.com";

    public string RestBaseUrl { get; set; } = "https://api.coinbase.com";

    /// <summary>Coinbase Exchange REST base: its public <c>GET /currencies</c> carries per-network wallet status (Advanced Trade has none).</summary>
    public string ExchangeRestBaseUrl { get; set; } = "https://api.exchange.coinbase.com";

    /// <summary>Base assets to watch; USDT gives the engine a stablecoin rate (USDT-USD) or the KRW-USDT book (tether premium, derived USD/KRW).</summary>
    /// <remarks>Configuration binding appends to a non-empty default array; bind a replacement array, not into this one.</remarks>
    public string[] Assets { get; set; } = ["BTC", "ETH", "XRP", "SOL", "DOGE", "USDT"];

    /// <summary>
    /// Quote assets. USDC is refused: on market-data channels a <c>-USDC</c> product answers with the <c>-USD</c> book
    /// (labelled <c>-USD</c>), so it would only duplicate the USD book under another name.
    /// </summary>
    public string[] Quotes { get; set; } = ["USD"];

    /// <summary>
    /// Products per connection (each on <c>level2</c>). Coinbase publishes no limit; 10 is a conservative choice: the docs
    /// advise spreading high-volume channels over several connections, and a sequence gap invalidates every book of its
    /// connection, so small groups keep a fault's reach small.
    /// </summary>
    public int MaxProductsPerConnection { get; set; } = 10;

    /// <summary>
    /// Messages this client may send per second, summed over its connections (venue limit: 8 per IP unauthenticated).
    /// Each connection gets an equal share, at least one per second.
    /// </summary>
    public int MessagesPerSecond { get; set; } = VenueMessagesPerSecond;

    /// <summary>New connections per second (venue limit: 750 per IP).</summary>
    public int ConnectsPerSecond { get; set; } = VenueConnectsPerSecond;

    /// <summary>No message for this long → reconnect (heartbeats arrive every second).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Shortest spacing of two level2 resubscriptions on one connection (a burst of faults sends one, not many).</summary>
    public TimeSpan ResubscribeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After an error answer (e.g. <c>failure to subscribe</c>), the subscriptions are sent again this long after the last
    /// one, doubling for each further error until a snapshot arrives (at most <see cref="MaxSubscribeRetryDelay"/>). The
    /// error does not name what it refused, so level2 for the books still waiting and heartbeats are both sent again.
    /// </summary>
    public TimeSpan SubscribeRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between retries after repeated error answers.</summary>
    public static readonly TimeSpan MaxSubscribeRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>A book still waiting for its snapshot this long after the last (re)subscription is resubscribed again.</summary>
    public TimeSpan SnapshotTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Allows ws:// and http:// URLs (demo and simulator only; RELIABILITY row 25).</summary>
    public bool AllowInsecureUrls { get; set; }

    public IReadOnlyList<string> GetValidationErrors(string section = Section)
    {
        var errors = new List<string>();
        OptionErrors.Url(errors, section + ":WsUrl", WsUrl, secure: true, AllowInsecureUrls);
        OptionErrors.Url(errors, section + ":RestBaseUrl", RestBaseUrl, secure: false, AllowInsecureUrls);
        OptionErrors.Url(errors, section + ":ExchangeRestBaseUrl", ExchangeRestBaseUrl, secure: false, AllowInsecureUrls);
        AssetCodes.Validate(errors, section + ":Assets", Assets);
        AssetCodes.Validate(errors, section + ":Quotes", Quotes);
        if (Quotes is not null)
        {
            for (var i = 0; i < Quotes.Length; i++)
            {
                if (string.Equals(Quotes[i], "USDC", StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add($"{section}:Quotes[{i}] must not be USDC: Coinbase market data answers -USDC products with the -USD book (use USD).");
                }
            }
        }

        OptionErrors.Range(errors, section + ":MaxProductsPerConnection", MaxProductsPerConnection, 1, 100);
        OptionErrors.Range(errors, section + ":MessagesPerSecond", MessagesPerSecond, 1, VenueMessagesPerSecond);
        OptionErrors.Range(errors, section + ":ConnectsPerSecond", ConnectsPerSecond, 1, VenueConnectsPerSecond);
        OptionErrors.Range(errors, section + ":IdleTimeout", IdleTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        OptionErrors.Range(errors, section + ":ResubscribeInterval", ResubscribeInterval, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        OptionErrors.Range(errors, section + ":SubscribeRetryDelay", SubscribeRetryDelay, TimeSpan.Zero, MaxSubscribeRetryDelay);
        OptionErrors.Range(errors, section + ":SnapshotTimeout", SnapshotTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10));
        if (SnapshotTimeout < ResubscribeInterval)
        {
            errors.Add($"{section}:SnapshotTimeout must be at least {section}:ResubscribeInterval (was {SnapshotTimeout} < {ResubscribeInterval}).");
        }
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid key and its allowed range.</summary>
    public void Validate(string section = Section) => OptionErrors.ThrowIfAny([.. GetValidationErrors(section)], section);
}
