using System.Globalization;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// Simulated Coinbase Advanced Trade (REFERENCE.md §2): products {ASSET}-USD, the full true book per product; every
/// step, each product whose book changed gets one <c>l2_data</c> message with one <c>update</c> event (absolute sizes,
/// "0" removes a level). Each product's message <c>timestamp</c> (unix µs) strictly increases: it is the truth key,
/// as the adapter's MarketEvent.Sequence. WebSocket at the root path <c>/</c>: one channel per subscribe
/// (<c>level2</c>, <c>heartbeats</c>), a <c>snapshot</c> event per product on subscribing, a <c>subscriptions</c> answer,
/// heartbeats every second, and <c>sequence_num</c> counted per connection over every message it is sent (see
/// <see cref="CoinbaseSimSession"/>). REST <c>/api/v3/brokerage/market/products</c> and <c>/market/product_book</c>.
/// </summary>
/// <remarks>
/// Faults, as on <see cref="SimVenue"/>, with what a connection sees: a SequenceGap's message is not sent but its place
/// in each subscribed connection's <c>sequence_num</c> is used up (the connection's next message of that product comes
/// one number later, so the client sees the gap); the messages a SilentStall withholds are used up the same way; a
/// Duplicate repeats the message with its number; a Reorder's late message keeps the lower number it was given when it
/// should have been sent; MalformedFrame garbage takes a number of its own; SubscribeRefused answers the next subscribe
/// with <c>{"type":"error","message":"failure to subscribe"}</c> and subscribes nothing.
/// </remarks>
public sealed class CoinbaseSimVenue : SimVenue
{
    public const string ProductsPath = "/api/v3/brokerage/market/products";
    public const string ProductBookPath = "/api/v3/brokerage/market/product_book";

    /// <summary>The only WebSocket path: the root of <c>wss://advanced-trade-ws.coinbase.com</c>.</summary>
    public const string WsPath = "/";

    /// <summary>The stream of venue-wide heartbeat outputs.</summary>
    public const string HeartbeatsStream = "heartbeats";

    /// <summary>The error a refused subscription gets (the text the clients in the wild test against).</summary>
    public const string SubscribeFailure = "failure to subscribe";

    /// <summary>Heartbeats are sent every second (REFERENCE §2).</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    /// <summary>A connection must subscribe within 5 s of connecting or it is closed (REFERENCE §2).</summary>
    public static readonly TimeSpan SubscribeDeadline = TimeSpan.FromSeconds(5);

    private static readonly IReadOnlySet<FaultKind> Supported = new HashSet<FaultKind>(CommonFaults) { FaultKind.SubscribeRefused };

    private readonly SimAssetOptions[] assets;
    private readonly long[] messageNumber;
    private readonly List<Level>[] bidChanges;
    private readonly List<Level>[] askChanges;
    private readonly long startMicros;
    private long lastHeartbeatMicros;

    internal CoinbaseSimVenue(MarketModel model, SimulatorOptions options, long startMicros)
        : base(VenueId.Coinbase, model, options, SymbolsOf(model), startMicros)
    {
        assets = [.. model.Listed(VenueId.Coinbase)];
        this.startMicros = startMicros;
        lastHeartbeatMicros = startMicros;
        messageNumber = new long[assets.Length];
        bidChanges = new List<Level>[assets.Length];
        askChanges = new List<Level>[assets.Length];
        for (var i = 0; i < assets.Length; i++)
        {
            bidChanges[i] = [];
            askChanges[i] = [];
            var book = model.Book(VenueId.Coinbase, i);
            InitTruth(i, new BookVersion(startMicros, startMicros, book.BidsArray(int.MaxValue), book.AsksArray(int.MaxValue), book.PriceScale, book.QuantityScale));
        }
    }

    /// <inheritdoc/>
    public override bool SendsBinaryFrames => false;

    /// <summary>The common kinds and SubscribeRefused; Coinbase has no checksum and no sequence reset.</summary>
    public override IReadOnlySet<FaultKind> SupportedFaults => Supported;

    /// <summary>Coinbase: 750 WebSocket connections per second per IP (REFERENCE §2, websocket-rate-limits).</summary>
    public override SimRateLimit? ConnectLimit => new(750, TimeSpan.FromSeconds(1));

    /// <summary>Coinbase: 8 unauthenticated messages per second per IP (REFERENCE §2), counted over all connections.</summary>
    public override SimRateLimit? MessageLimit => new(8, TimeSpan.FromSeconds(1));

    /// <inheritdoc/>
    public override bool MessageLimitPerIp => true;

    /// <summary>The number of the latest <c>l2_data</c> message of <paramref name="productId"/> (0 before the first).</summary>
    public long MessageNumber(string productId)
    {
        var index = RequireSymbol(productId);
        lock (Gate)
        {
            return messageNumber[index];
        }
    }

    /// <inheritdoc/>
    public override SimHttpResponse HandleRest(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var query = new QueryString(pathAndQuery);
        return query.Path switch
        {
            ProductsPath => Products(query),
            ProductBookPath => ProductBook(query),
            _ => new SimHttpResponse(404, CoinbaseFrames.RestError("NOT_FOUND", $"Unknown path {query.Path}")),
        };
    }

    /// <inheritdoc/>
    public override SimSession? OpenSession(string pathAndQuery, out SimHttpResponse? rejection)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var path = new QueryString(pathAndQuery).Path;
        if (path is not (WsPath or ""))
        {
            rejection = new SimHttpResponse(404, CoinbaseFrames.RestError("NOT_FOUND", $"Unknown path {path}"));
            return null;
        }

        rejection = null;
        return new CoinbaseSimSession(this, LastStepMicros);
    }

    /// <summary>The snapshot a subscriber of <paramref name="index"/> gets now: the latest published book as one <c>l2_data</c> snapshot, and that version's message number.</summary>
    internal (byte[] Bytes, long MessageNumber) Snapshot(int index)
    {
        BookVersion version;
        long number;
        lock (Gate)
        {
            version = Latest(index);
            number = messageNumber[index];
        }

        var bytes = CoinbaseFrames.L2Data(Symbols[index], snapshot: true, version.Sequence, version.Bids, version.Asks, version.PriceScale, version.QuantityScale);
        return (bytes, number);
    }

    private protected override SimOutput? BuildFrame(int index, long nowMicros)
    {
        var book = Model.Book(VenueId.Coinbase, index);
        var bids = book.BidsArray(int.MaxValue);
        var asks = book.AsksArray(int.MaxValue);
        var previous = Latest(index);
        var b = bidChanges[index];
        var a = askChanges[index];
        b.Clear();
        a.Clear();
        BookDiff.Compute(previous.Bids, bids, descending: true, b);
        BookDiff.Compute(previous.Asks, asks, descending: false, a);
        if (b.Count + a.Count == 0)
        {
            return null; // level2 sends nothing when nothing changed
        }

        var timestamp = Math.Max(nowMicros, previous.Sequence + 1);
        var version = new BookVersion(timestamp, nowMicros, b.Count == 0 ? previous.Bids : bids, a.Count == 0 ? previous.Asks : asks, book.PriceScale, book.QuantityScale);
        AddTruth(index, version);
        var number = ++messageNumber[index];
        var bytes = CoinbaseFrames.L2Data(Symbols[index], snapshot: false, timestamp, b, a, book.PriceScale, book.QuantityScale);
        return SimOutput.Frame(VenueId.Coinbase, Symbols[index], Symbols[index], bytes, bytes, number, timestamp, version);
    }

    private protected override SimOutput? BuildVenueFrame(long nowMicros)
    {
        if (nowMicros - lastHeartbeatMicros < HeartbeatInterval.Ticks / 10)
        {
            return null;
        }

        lastHeartbeatMicros = nowMicros;
        return SimOutput.VenueFrame(VenueId.Coinbase, HeartbeatsStream, CoinbaseFrames.Heartbeat(nowMicros, nowMicros - startMicros));
    }

    private protected override SimOutput BuildMalformed(SimOutput real, MalformedVariant variant, Random random)
    {
        byte[] bytes;
        switch (variant)
        {
            case MalformedVariant.Truncated:
                bytes = SimJson.Truncate(real.Bytes, random.Next(1, real.Bytes.Length));
                break;
            case MalformedVariant.InvalidUtf8:
                bytes = SimJson.PoisonAfter(real.Bytes, "\"product_id\":\""u8);
                break;
            default:
                var index = SymbolIndex(real.Symbol);
                var version = real.Version!;
                bytes = CoinbaseFrames.L2Data(real.Symbol, snapshot: false, real.Sequence, bidChanges[index], askChanges[index], version.PriceScale, version.QuantityScale, variant);
                break;
        }

        return real.Malformed(bytes, bytes, variant);
    }

    private static string[] SymbolsOf(MarketModel model)
    {
        var symbols = new string[model.Listed(VenueId.Coinbase).Count];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = SimListings.Symbol(VenueId.Coinbase, model.Listed(VenueId.Coinbase)[i].Code);
        }

        return symbols;
    }

    private SimHttpResponse Products(QueryString query)
    {
        var type = query["product_type"];
        if (type is not null && type != "SPOT" && type != "FUTURE")
        {
            return new SimHttpResponse(400, CoinbaseFrames.RestError("INVALID_ARGUMENT", $"invalid product_type {type}"));
        }

        var spot = type is null or "SPOT";
        var prices = new decimal[assets.Length];
        lock (Gate)
        {
            for (var i = 0; i < assets.Length; i++)
            {
                var latest = Latest(i);
                prices[i] = latest.Bids.Length > 0 ? FixedPoint.ToDecimal(latest.Bids[0].Price, latest.PriceScale) : assets[i].UsdPrice;
            }
        }

        return SimHttpResponse.Json(200, SimJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("products");
            var count = 0;
            if (spot)
            {
                for (var i = 0; i < assets.Length; i++)
                {
                    var a = assets[i];
                    WriteProduct(w, Symbols[i], a.Code, prices[i], a.UsdTick, a.UsdLot, "online", tradingDisabled: false);
                    count++;
                }

                // Listed but not tradable, so that adapters can be tested for skipping them.
                WriteProduct(w, "LUNA-USD", "LUNA", 0.0001m, 0.0001m, 0.01m, "delisted", tradingDisabled: true);
                WriteProduct(w, "ZEC-USD", "ZEC", 35m, 0.01m, 0.00000001m, "offline", tradingDisabled: false);
                count += 2;
            }

            w.WriteEndArray();
            w.WriteNumber("num_products", count);
            w.WriteEndObject();
        }));
    }

    private static void WriteProduct(System.Text.Json.Utf8JsonWriter w, string productId, string baseCode, decimal price, decimal tick, decimal lot, string status, bool tradingDisabled)
    {
        static string D(decimal value) => FixedPoint.Format(value);
        w.WriteStartObject();
        w.WriteString("product_id", productId);
        w.WriteString("price", D(price));
        w.WriteString("price_percentage_change_24h", "0");
        w.WriteString("volume_24h", "0");
        w.WriteString("volume_percentage_change_24h", "0");
        w.WriteString("base_increment", D(lot));
        w.WriteString("quote_increment", D(tick));
        w.WriteString("quote_min_size", "1");
        w.WriteString("quote_max_size", "150000000");
        w.WriteString("base_min_size", D(lot));
        w.WriteString("base_max_size", "3400");
        w.WriteString("base_name", baseCode);
        w.WriteString("quote_name", "US Dollar");
        w.WriteBoolean("watched", false);
        w.WriteBoolean("is_disabled", false);
        w.WriteBoolean("new", false);
        w.WriteString("status", status);
        w.WriteBoolean("cancel_only", false);
        w.WriteBoolean("limit_only", false);
        w.WriteBoolean("post_only", false);
        w.WriteBoolean("trading_disabled", tradingDisabled);
        w.WriteBoolean("auction_mode", false);
        w.WriteString("product_type", "SPOT");
        w.WriteString("quote_currency_id", "USD");
        w.WriteString("base_currency_id", baseCode);
        w.WriteNull("fcm_trading_session_details");
        w.WriteString("mid_market_price", "");
        w.WriteString("alias", "");
        w.WriteStartArray("alias_to");
        w.WriteEndArray();
        w.WriteString("base_display_symbol", baseCode);
        w.WriteString("quote_display_symbol", "USD");
        w.WriteBoolean("view_only", false);
        w.WriteString("price_increment", D(tick));
        w.WriteString("display_name", productId);
        w.WriteString("product_venue", "CBE");
        w.WriteEndObject();
    }

    private SimHttpResponse ProductBook(QueryString query)
    {
        var productId = query["product_id"];
        if (string.IsNullOrEmpty(productId))
        {
            return new SimHttpResponse(400, CoinbaseFrames.RestError("INVALID_ARGUMENT", "product_id is required"));
        }

        var index = SymbolIndex(productId);
        if (index < 0)
        {
            return new SimHttpResponse(404, CoinbaseFrames.RestError("NOT_FOUND", "ProductID is invalid"));
        }

        var limit = int.MaxValue;
        if (query["limit"] is { } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 0)
            {
                return new SimHttpResponse(400, CoinbaseFrames.RestError("INVALID_ARGUMENT", $"invalid limit {limitText}"));
            }

            limit = limit == 0 ? int.MaxValue : limit;
        }

        BookVersion version;
        lock (Gate)
        {
            version = Latest(index);
        }

        return SimHttpResponse.Json(200, CoinbaseFrames.ProductBook(Symbols[index], version, limit, LastStepMicros));
    }
}
