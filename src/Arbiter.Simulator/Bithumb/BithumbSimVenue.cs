using System.Globalization;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// Simulated Bithumb KRW market, current API (REFERENCE.md §6), a <see cref="SnapshotSimVenue"/>, written from the
/// reference and the captured frames rather than from the adapter:
/// <list type="bullet">
/// <item>WebSocket <c>/websocket/v1</c> (<see cref="BithumbSimSession"/>): every step, each code whose published top 15
/// changed gets a full book <c>{"type":"orderbook","code":..,"total_ask_size":..,"total_bid_size":..,"orderbook_units":[..],
/// "level":1,"timestamp":..,"stream_type":"REALTIME"}</c>; whole numbers print as integers ("3715000"), sizes with 4
/// decimals (a size below 0.0001 prints as 0 at its live price and is no level of the truth); the <c>timestamp</c> is
/// 16-digit unix µs, strictly increasing per code, and is the message's identity for truth look-ups (the adapter's
/// Sequence is the timestamp as sent). Frames are binary WebSocket frames of UTF-8 JSON: the captures found "every frame
/// arrives as a binary WebSocket frame holding UTF-8 JSON", and browser clients read them as Blobs.</item>
/// <item>REST <c>/v1/market/all</c> (<c>isDetails=true</c> adds <c>market_warning</c>; one KRW market is "CAUTION", which a
/// client must not trade as a reference) and <c>/v1/orderbook?markets=..</c> (ms timestamp; errors as HTTP 200 with an
/// <c>error</c> object); any other path is HTTP 404 <c>{"name":"not_found",...}</c>.</item>
/// <item>Limits: 10 WebSocket connection requests per second (documented; HTTP 429 beyond); 5 client messages per second
/// per connection (Bithumb publishes none: the adapter's conservative value), beyond which the message is refused with an
/// error and the connection closed.</item>
/// </list>
/// Faults: the common kinds and SubscribeRefused (Bithumb has no checksum and no sequence to reset).
/// </summary>
public sealed class BithumbSimVenue : SnapshotSimVenue
{
    /// <summary>Units per message at most: Bithumb's socket sends 15 even for a ".30" code.</summary>
    public const int MaxUnits = 15;

    /// <summary>Bithumb prints sizes on the socket and in REST with 4 decimals.</summary>
    public const int SizeDecimals = 4;

    /// <summary>The market listed with <c>market_warning</c> "CAUTION", an asset the model does not simulate (the first of these not simulated).</summary>
    private static readonly (string Code, string Korean, string English)[] CautionCandidates =
    [
        ("PEPE", "페페", "Pepe"),
        ("BONK", "봉크", "Bonk"),
        ("FLOKI", "플로키", "Floki"),
    ];

    private static readonly SimRateLimit Connects = new(10, TimeSpan.FromSeconds(1));
    private static readonly SimRateLimit Messages = new(5, TimeSpan.FromSeconds(1));
    private static readonly IReadOnlySet<FaultKind> Kinds = new HashSet<FaultKind>(CommonFaults) { FaultKind.SubscribeRefused };

    private readonly SimAssetOptions[] assets;
    private readonly (string Korean, string English) cautionNames;

    internal BithumbSimVenue(MarketModel model, SimulatorOptions options, long startMicros)
        : base(VenueId.Bithumb, model, options, startMicros, Math.Min(MaxUnits, options.Bithumb.LevelsPerSide), OrderbookUnitsStyle.Bithumb, timestampUnitMicros: 1, SizeDecimals)
    {
        assets = [.. model.Listed(VenueId.Bithumb)];
        var simulated = assets.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        var caution = CautionCandidates.First(c => !simulated.Contains(c.Code));
        CautionMarket = "KRW-" + caution.Code;
        cautionNames = (caution.Korean, caution.English);
    }

    /// <summary>The listed market whose <c>market_warning</c> is "CAUTION" (no book is published for it).</summary>
    public string CautionMarket { get; }

    /// <inheritdoc/>
    public override IReadOnlySet<FaultKind> SupportedFaults => Kinds;

    /// <summary>Bithumb: 10 WebSocket connection requests per second per IP; beyond it HTTP 429 (REFERENCE §6).</summary>
    public override SimRateLimit? ConnectLimit => Connects;

    /// <summary>5 client messages per second per connection: Bithumb publishes no limit, so the adapter's conservative value (Upbit's documented one) is enforced.</summary>
    public override SimRateLimit? MessageLimit => Messages;

    /// <summary>
    /// Parses a requested code: "KRW-BTC" (15 units) or "KRW-BTC.N" with a positive integer N (min(N, 15) units: the
    /// documented ".3" gives 3, a ".30" still 15). Exact spelling only: the socket ignores "krw-btc" or an unknown code.
    /// </summary>
    public override bool TryParseCode(string requested, out string code, out int depth)
    {
        ArgumentNullException.ThrowIfNull(requested);
        code = requested;
        depth = PublishedLevels;
        var dot = requested.LastIndexOf('.');
        if (dot >= 0)
        {
            code = requested[..dot];
            if (!int.TryParse(requested.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                return false;
            }

            depth = Math.Min(count, PublishedLevels);
        }

        return SymbolIndex(code) >= 0;
    }

    /// <inheritdoc/>
    public override SimHttpResponse HandleRest(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var query = new QueryString(pathAndQuery);
        return query.Path switch
        {
            "/v1/market/all" => MarketAll(string.Equals(query["isDetails"], "true", StringComparison.OrdinalIgnoreCase)),
            "/v1/orderbook" => Orderbook(query),
            _ => NotFound(),
        };
    }

    /// <inheritdoc/>
    public override SimSession? OpenSession(string pathAndQuery, out SimHttpResponse? rejection)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (new QueryString(pathAndQuery).Path != "/websocket/v1")
        {
            rejection = NotFound();
            return null;
        }

        rejection = null;
        return new BithumbSimSession(this);
    }

    /// <summary>Applies a queued SubscribeRefused now if there is one (the session's next valid request is refused).</summary>
    internal bool TakeSubscribeRefusal() => TryTakeFault(FaultKind.SubscribeRefused);

    private static SimHttpResponse NotFound() => SimHttpResponse.Json(404, SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("name", "not_found");
        w.WriteString("message", "No Route matched with those values");
        w.WriteEndObject();
    }));

    /// <summary>Bithumb's /v1 errors are HTTP 200 with <c>{"error":{"name":&lt;number&gt;,"message":..}}</c>.</summary>
    private static SimHttpResponse RestError(int name, string message) => SimHttpResponse.Json(200, SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteNumber("name", name);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    }));

    private static void WriteMarket(Utf8JsonWriter w, string market, string korean, string english, string warning, bool details)
    {
        w.WriteStartObject();
        w.WriteString("market", market);
        w.WriteString("korean_name", korean);
        w.WriteString("english_name", english);
        if (details)
        {
            w.WriteString("market_warning", warning);
        }

        w.WriteEndObject();
    }

    private SimHttpResponse MarketAll(bool details) => SimHttpResponse.Json(200, SimJson.Build(w =>
    {
        w.WriteStartArray();
        foreach (var a in assets)
        {
            var (korean, english) = NamesOf(a.Code);
            WriteMarket(w, "KRW-" + a.Code, korean, english, "NONE", details);
        }

        // Designated for caution (거래 유의): listed and trading, but no reference price; a client must skip it.
        WriteMarket(w, CautionMarket, cautionNames.Korean, cautionNames.English, "CAUTION", details);

        // A BTC-quoted market, as Bithumb lists 13 of them.
        WriteMarket(w, "BTC-ETH", "이더리움", "Ethereum", "NONE", details);
        w.WriteEndArray();
    }));

    /// <summary>
    /// <c>GET /v1/orderbook?markets=KRW-BTC,KRW-ETH</c>: the latest published book of each market (case-insensitive, as
    /// REST accepts "krw-btc"). Bithumb gives 30 units for one market and 15 for several; the simulator holds the 15 it
    /// publishes, so both get 15.
    /// </summary>
    private SimHttpResponse Orderbook(QueryString query)
    {
        var markets = query["markets"];
        if (string.IsNullOrWhiteSpace(markets))
        {
            return RestError(400, "Missing request parameter error. Check the required parameters!");
        }

        var indexes = new List<int>();
        foreach (var market in markets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var index = SymbolIndex(market.ToUpperInvariant());
            if (index < 0)
            {
                return RestError(404, "Code not found"); // one bad code fails the whole call
            }

            indexes.Add(index);
        }

        return SimHttpResponse.Json(200, RestOrderbooks(indexes, PublishedLevels));
    }
}
