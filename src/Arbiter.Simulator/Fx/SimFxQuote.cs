using System.Globalization;
using System.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// The simulated USD/KRW quote source, shaped as Dunamu's <c>GET /v1/forex/recent?codes=FRX.KRWUSD</c> (the quote Upbit shows):
/// a JSON array with one object per known code, <c>basePrice</c> the KRW per USD. Starts at <see cref="SimulatorOptions.UsdKrw"/>;
/// <see cref="Rate"/> and <see cref="Down"/> change it (a changed rate moves the quote only, not the KRW venues' books, so
/// that a client's FX handling is visible). While down, every quote request gets HTTP 503. Transport-free and thread-safe.
/// </summary>
public sealed class SimFxQuote
{
    /// <summary>The only code served.</summary>
    public const string UsdKrwCode = "FRX.KRWUSD";

    /// <summary>The quote path.</summary>
    public const string Path = "/v1/forex/recent";

    private readonly object gate = new();
    private readonly decimal openingRate;
    private decimal rate;
    private bool down;
    private long served;

    public SimFxQuote(decimal usdKrw)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(usdKrw);
        openingRate = rate = usdKrw;
    }

    /// <summary>KRW per USD quoted now.</summary>
    public decimal Rate
    {
        get
        {
            lock (gate)
            {
                return rate;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            lock (gate)
            {
                rate = value;
            }
        }
    }

    /// <summary>True while the source answers 503.</summary>
    public bool Down
    {
        get
        {
            lock (gate)
            {
                return down;
            }
        }

        set
        {
            lock (gate)
            {
                down = value;
            }
        }
    }

    /// <summary>Quote requests answered with 200 so far.</summary>
    public long Served => Interlocked.Read(ref served);

    /// <summary>Answers GET /v1/forex/recent?codes=…, GET /_sim/fx and POST /_sim/fx?down=true|false[&amp;rate=1400].</summary>
    public SimHttpResponse Handle(string method, string pathAndQuery, long nowMicros)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var query = new QueryString(pathAndQuery);
        var isGet = string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);
        var isPost = string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase);
        switch (query.Path)
        {
            case Path when isGet:
                return Quote(query, nowMicros);
            case "/_sim/fx" when isPost:
                return Control(query);
            case "/_sim/fx" when isGet:
                return State();
            case Path or "/_sim/fx":
                return Error(405, $"{method} is not allowed on {query.Path}");
            default:
                return Error(404, $"unknown path {query.Path}");
        }
    }

    private SimHttpResponse Quote(QueryString query, long nowMicros)
    {
        decimal current;
        lock (gate)
        {
            if (down)
            {
                return new SimHttpResponse(503, Encoding.UTF8.GetBytes("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"), "text/html");
            }

            current = rate;
        }

        var codes = (query["codes"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var known = codes.Contains(UsdKrwCode, StringComparer.Ordinal);
        Interlocked.Increment(ref served);
        var kst = DateTimeOffset.FromUnixTimeMilliseconds(nowMicros / 1000).ToOffset(TimeSpan.FromHours(9));
        var utc = kst.UtcDateTime;
        var change = current - openingRate;
        return SimHttpResponse.Json(200, SimJson.Build(w =>
        {
            w.WriteStartArray();
            if (known)
            {
                w.WriteStartObject();
                w.WriteString("code", UsdKrwCode);
                w.WriteString("currencyCode", "USD");
                w.WriteString("currencyName", "달러");
                w.WriteString("country", "미국");
                w.WriteString("name", "미국 (KRW/USD)");
                w.WriteString("date", kst.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteString("time", kst.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
                w.WriteNumber("recurrenceCount", 1);
                Number(w, "basePrice", current);
                Number(w, "openingPrice", openingRate);
                Number(w, "highPrice", Math.Max(openingRate, current));
                Number(w, "lowPrice", Math.Min(openingRate, current));
                w.WriteString("change", change > 0 ? "RISE" : change < 0 ? "FALL" : "EVEN");
                Number(w, "changePrice", Math.Abs(change));
                Number(w, "cashBuyingPrice", Math.Round(current * 1.0175m, 2));
                Number(w, "cashSellingPrice", Math.Round(current * 0.9825m, 2));
                Number(w, "ttBuyingPrice", Math.Round(current * 0.99m, 2));
                Number(w, "ttSellingPrice", Math.Round(current * 1.01m, 2));
                w.WriteNull("tcBuyingPrice");
                w.WriteNull("fcSellingPrice");
                Number(w, "exchangeCommission", 3.3m);
                Number(w, "usDollarRate", 1m);
                w.WriteNumber("currencyUnit", 1);
                w.WriteString("provider", "하나은행");
                w.WriteNumber("timestamp", nowMicros / 1000);
                w.WriteNumber("id", 79);
                w.WriteString("modifiedAt", utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture));
                Number(w, "signedChangePrice", change);
                Number(w, "signedChangeRate", Math.Round(change / openingRate, 10));
                Number(w, "changeRate", Math.Round(Math.Abs(change) / openingRate, 10));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));
    }

    private SimHttpResponse Control(QueryString query)
    {
        bool? newDown = null;
        if (query["down"] is { } downText)
        {
            if (!bool.TryParse(downText, out var d))
            {
                return Error(400, "down must be true or false");
            }

            newDown = d;
        }

        decimal? newRate = null;
        if (query["rate"] is { } rateText)
        {
            if (!decimal.TryParse(rateText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r) || r is <= 0m or > 100_000m)
            {
                return Error(400, "rate must be a number in (0, 100000]");
            }

            newRate = r;
        }

        if (newDown is null && newRate is null)
        {
            return Error(400, "give down=true|false and/or rate=<KRW per USD>");
        }

        lock (gate)
        {
            down = newDown ?? down;
            rate = newRate ?? rate;
        }

        return State();
    }

    private SimHttpResponse State()
    {
        decimal current;
        bool isDown;
        lock (gate)
        {
            current = rate;
            isDown = down;
        }

        return SimHttpResponse.Json(200, SimJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("code", UsdKrwCode);
            Number(w, "rate", current);
            w.WriteBoolean("down", isDown);
            w.WriteNumber("served", Served);
            w.WriteEndObject();
        }));
    }

    /// <summary>An exact decimal as a JSON number with at least one decimal (Dunamu writes 1380.0, not 1380).</summary>
    private static void Number(Utf8JsonWriter w, string name, decimal value)
    {
        var text = FixedPoint.Format(value);
        if (!text.Contains('.', StringComparison.Ordinal))
        {
            text += ".0";
        }

        w.WritePropertyName(name);
        w.WriteRawValue(Encoding.ASCII.GetBytes(text), skipInputValidation: true);
    }

    private static SimHttpResponse Error(int status, string message) => SimHttpResponse.Json(status, SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("error", message);
        w.WriteEndObject();
    }));
}
