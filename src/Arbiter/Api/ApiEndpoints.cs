using System.Reflection;
using Arbiter.Core;
using Arbiter.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Arbiter.Api;

/// <summary>Maps the dashboard, REST and WebSocket endpoints, behind the Host, Origin and token checks.</summary>
public static class ApiEndpoints
{
    private static readonly Lazy<byte[]> Dashboard = new(() => LoadResource("Arbiter.Dashboard.index.html"));

    private static readonly Lazy<byte[]> DashboardScript = new(() => LoadResource("Arbiter.Dashboard.dashboard.js"));

    private static readonly Lazy<byte[]> DashboardStyles = new(() => LoadResource("Arbiter.Dashboard.dashboard.css"));

    private static readonly Lazy<byte[]> OpenApi = new(() => LoadResource("Arbiter.Api.openapi.json"));

    public static void Map(WebApplication app, ApiHub hub, ApiOptions options, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(options);
        var guard = new RequestGuard(options);
        app.Use(async (context, next) =>
        {
            var refusal = guard.Check(context);
            if (refusal is not null)
            {
                context.Response.StatusCode = refusal.Value.Status;
                await context.Response.WriteAsync(refusal.Value.Message, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });

        app.MapGet("/", () => Results.Bytes(Dashboard.Value, "text/html; charset=utf-8"));
        app.MapGet("/dashboard.js", () => Results.Bytes(DashboardScript.Value, "text/javascript; charset=utf-8"));
        app.MapGet("/dashboard.css", () => Results.Bytes(DashboardStyles.Value, "text/css; charset=utf-8"));
        app.MapGet("/api/openapi.json", () => Results.Bytes(OpenApi.Value, "application/json"));
        app.MapGet("/api/health", () =>
        {
            var (up, json) = hub.Health();
            return Results.Text(json, "application/json", statusCode: up ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/api/opportunities", () => Results.Text(hub.OpportunitiesJson(), "application/json"));
        app.MapGet("/api/venues", () => Results.Text(hub.VenuesJson(), "application/json"));
        app.MapGet("/api/markets", () => Results.Text(hub.MarketsJson(), "application/json"));
        app.MapGet("/api/fx", () => Results.Text(hub.FxJson(), "application/json"));
        app.MapGet("/api/premiums", (string? asset) => Results.Text(hub.PremiumsJson(Blank(asset)), "application/json"));
        app.MapGet("/api/premiums/history", (string? asset) => Blank(asset) is { } code
            ? Results.Text(hub.PremiumHistoryJson(code), "application/json")
            : BadRequest("asset is required, like /api/premiums/history?asset=BTC"));
        app.MapGet("/api/quality", () => Results.Text(hub.QualityJson(), "application/json"));
        app.MapGet("/api/settings", () => hub.Settings is { } settings
            ? Results.Text(SettingsJson.Write(settings(), hub.SettingsWriter), "application/json")
            : Results.Problem("settings are not available in this process", statusCode: StatusCodes.Status404NotFound));
        app.MapPut("/api/settings", (Delegate)((HttpContext context) => WriteSettingsAsync(context, hub)));
        app.MapDelete("/api/settings/overrides", () => hub.Settings is { } settings && hub.SettingsWriter is { } writer
            ? SettingsResult(writer.Reset(), settings(), writer)
            : NoSettingsWriter());
        app.MapGet("/api/alerts", () => hub.AlertsStatus is { } alerts
            ? Results.Text(alerts(), "application/json")
            : Results.Problem("alerts are not available in this process", statusCode: StatusCodes.Status404NotFound));
        app.MapGet("/api/wallets", (string? venue, string? asset) =>
        {
            VenueId? id = null;
            if (Blank(venue) is { } name)
            {
                if (!VenueNames.TryParse(name, out var parsed))
                {
                    return Results.Text("{\"error\":\"unknown venue; use one of binance, coinbase, bybit, gateio, upbit, bithumb, okx, kraken\"}", "application/json", statusCode: StatusCodes.Status400BadRequest);
                }

                id = parsed;
            }

            return Results.Text(hub.WalletsJson(id, Blank(asset)), "application/json");
        });
        MapHistory(app, hub);
        app.Map("/ws", async context =>
        {
            // Optional subscription (?assets=BTC,ETH&venues=upbit,binance), refused before the upgrade when a value is bad.
            if (!SubscriptionFilter.TryCreate(QueryList(context.Request.Query["assets"]), QueryList(context.Request.Query["venues"]), out var filter, out var error))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = error }), context.RequestAborted).ConfigureAwait(false);
                return;
            }

            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("WebSocket upgrade expected", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            var client = new WebSocketClient(socket, hub, options.ClientQueueCapacity, options.ClientSendTimeout, filter, context.Abort, options.ClientFlushInterval);
            hub.Add(client);
            try
            {
                await client.RunAsync(linked.Token).ConfigureAwait(false);
            }
            finally
            {
                hub.Remove(client);
            }
        });
    }

    /// <summary>
    /// <c>PUT /api/settings</c>: a partial settings document (<see cref="SettingsWriteRequest"/>), applied atomically by the
    /// hub's <see cref="SettingsWriter"/>; 200 with the whole settings document in force, 400 with every error, 413 over 64 KiB.
    /// </summary>
    private static async Task<IResult> WriteSettingsAsync(HttpContext context, ApiHub hub)
    {
        if (hub.Settings is not { } settings || hub.SettingsWriter is not { } writer)
        {
            return NoSettingsWriter();
        }

        var body = await ReadBodyAsync(context.Request, SettingsWriteRequest.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Errors(StatusCodes.Status413PayloadTooLarge, [$"the body is larger than {SettingsWriteRequest.MaxBodyBytes} bytes."]);
        }

        var (assignments, errors) = SettingsWriteRequest.Parse(body);
        return errors.Count > 0
            ? Errors(StatusCodes.Status400BadRequest, errors)
            : SettingsResult(writer.Apply(assignments), settings(), writer);
    }

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/> bytes (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (copy.Length + read > limit)
            {
                return null;
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    private static IResult SettingsResult(SettingsWriteResult result, Hosting.ArbiterSettings settings, SettingsWriter writer) =>
        result.IsApplied
            ? Results.Text(SettingsJson.Write(settings, writer), "application/json")
            : Errors(result.Status, result.Errors);

    private static IResult NoSettingsWriter() =>
        Errors(StatusCodes.Status404NotFound, ["settings cannot be changed in this process"]);

    /// <summary><c>{"errors":[…]}</c> with <paramref name="status"/>.</summary>
    private static IResult Errors(int status, IReadOnlyList<string> errors) =>
        Results.Text(ApiJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("errors");
            foreach (var error in errors)
            {
                w.WriteStringValue(error);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }), "application/json", statusCode: status);

    /// <summary><c>/api/history/opportunities|alerts|venues</c>: the SQLite store, newest first, ISO-8601 <c>from</c>/<c>to</c>, <c>limit</c> 1..1000 (default 100).</summary>
    private static void MapHistory(WebApplication app, ApiHub hub)
    {
        app.MapGet("/api/history/opportunities", (string? asset, string? venue, string? from, string? to, string? limit) =>
            History(hub, venue, from, to, limit, (store, v, f, t, l) => HistoryJson.Opportunities(store.QueryOpportunities(new HistoryFilter(Blank(asset), v, f, t, l)))));
        app.MapGet("/api/history/venues", (string? venue, string? from, string? to, string? limit) =>
            History(hub, venue, from, to, limit, (store, v, f, t, l) => HistoryJson.VenueStatus(store.QueryVenueStatus(v, f, t, l))));
        app.MapGet("/api/history/alerts", (string? asset, string? sink, string? target, string? state, string? from, string? to, string? limit) =>
        {
            AlertState? parsed = null;
            if (Blank(state) is { } s)
            {
                if (!Enum.TryParse<AlertState>(s, ignoreCase: true, out var value) || !Enum.IsDefined(value) || int.TryParse(s, out _))
                {
                    return BadRequest("state must be queued, sent or dropped");
                }

                parsed = value;
            }

            return History(hub, null, from, to, limit, (store, _, f, t, l) => HistoryJson.Alerts(store.QueryAlerts(new AlertFilter(Blank(asset), Blank(sink), Blank(target), parsed, f, t, l))));
        });
    }

    private static IResult History(ApiHub hub, string? venue, string? from, string? to, string? limit, Func<SqliteStore, string?, long?, long?, int, string> query)
    {
        if (hub.History is not { } store)
        {
            return Results.Text("{\"error\":\"history is off: Storage:Enabled is false\"}", "application/json", statusCode: StatusCodes.Status404NotFound);
        }

        string? venueName = null;
        if (Blank(venue) is { } name)
        {
            if (!VenueNames.TryParse(name, out var id))
            {
                return BadRequest("unknown venue; use one of binance, coinbase, bybit, gateio, upbit, bithumb, okx, kraken");
            }

            venueName = id.Name();
        }

        long? fromTime = null, toTime = null;
        if (Blank(from) is { } f)
        {
            if (!TryParseIsoTime(f, out var t))
            {
                return BadRequest("from must be an ISO-8601 time, like 2026-11-21T14:00:00Z");
            }

            fromTime = t;
        }

        if (Blank(to) is { } tt)
        {
            if (!TryParseIsoTime(tt, out var t))
            {
                return BadRequest("to must be an ISO-8601 time, like 2026-11-21T15:00:00Z");
            }

            toTime = t;
        }

        var rows = 100;
        if (Blank(limit) is { } l && (!int.TryParse(l, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out rows) || rows < 1 || rows > HistoryFilter.MaxLimit))
        {
            return BadRequest($"limit must be 1..{HistoryFilter.MaxLimit}");
        }

        return Results.Text(query(store, venueName, fromTime, toTime, rows), "application/json");
    }

    /// <summary>An ISO-8601 date and time (a time alone, which the framework's parser would take as today, is refused).</summary>
    private static bool TryParseIsoTime(string text, out long unixMicros)
    {
        unixMicros = 0;
        return text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-' && text[7] == '-' && UnixMicros.TryParseIso(text, out unixMicros);
    }

    private static IResult BadRequest(string message) =>
        Results.Text(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = message }), "application/json", statusCode: StatusCodes.Status400BadRequest);

    /// <summary>The comma-separated items of a query parameter (which may also repeat), trimmed, blanks skipped.</summary>
    private static List<string> QueryList(StringValues values)
    {
        var items = new List<string>();
        foreach (var value in values)
        {
            foreach (var item in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                items.Add(item);
            }
        }

        return items;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static byte[] LoadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource {name} is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class RequestGuard(ApiOptions options)
    {
        private readonly HashSet<string> hosts = BuildHosts(options);
        private readonly HashSet<string> origins = BuildOrigins(options);

        public (int Status, string Message)? Check(HttpContext context)
        {
            var host = context.Request.Host.Host;
            if (!hosts.Contains(host))
            {
                return (StatusCodes.Status400BadRequest, "Host not allowed");
            }

            // A write (any method but GET/HEAD) is refused from a foreign Origin and unless its body is JSON: a hostile page can
            // neither send a simple cross-site form POST nor a no-cors fetch that a loopback Arbiter would take as a change.
            var write = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
            if (write || context.Request.Path.StartsWithSegments("/ws"))
            {
                var origin = context.Request.Headers.Origin;
                if (!StringValues.IsNullOrEmpty(origin) && !IsAllowedOrigin(origin.ToString(), context.Request))
                {
                    return (StatusCodes.Status403Forbidden, "Origin not allowed");
                }
            }

            if (write)
            {
                var request = context.Request;
                var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
                if ((hasBody || !string.IsNullOrEmpty(request.ContentType)) && !IsJson(request.ContentType))
                {
                    return (StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json");
                }

                if (request.ContentLength > SettingsWriteRequest.MaxBodyBytes)
                {
                    return (StatusCodes.Status413PayloadTooLarge, $"Request body larger than {SettingsWriteRequest.MaxBodyBytes} bytes");
                }
            }

            if (!string.IsNullOrEmpty(options.AccessToken) && !IsDashboardFile(context.Request.Path))
            {
                var bearer = context.Request.Headers.Authorization.ToString();
                var query = context.Request.Query["token"].ToString();
                var given = bearer.StartsWith("Bearer ", StringComparison.Ordinal) ? bearer[7..] : query;
                if (!FixedTimeEquals(given, options.AccessToken))
                {
                    return (StatusCodes.Status401Unauthorized, "Access token required");
                }
            }

            return null;
        }

        /// <summary>
        /// The dashboard's page, script and styles: static files without data, served without the token (a browser
        /// cannot add it to a script tag); everything they show comes from /api and /ws, which need it.
        /// </summary>
        private static bool IsDashboardFile(PathString path) =>
            path == "/" || path == "/dashboard.js" || path == "/dashboard.css";

        /// <summary>Same origin (a loopback or allowed host name on the port this request came in on), or listed in Api:AllowedOrigins.</summary>
        private bool IsAllowedOrigin(string origin, HttpRequest request)
        {
            if (origins.Contains(origin.TrimEnd('/')))
            {
                return true;
            }

            return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                && hosts.Contains(uri.Host)
                && uri.Port == (request.Host.Port ?? (request.IsHttps ? 443 : 80));
        }

        /// <summary><c>application/json</c>, with or without parameters (<c>; charset=utf-8</c>).</summary>
        private static bool IsJson(string? contentType) =>
            Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
            && string.Equals(media.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase);

        private static bool FixedTimeEquals(string given, string expected) =>
            System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(expected));

        private static HashSet<string> BuildHosts(ApiOptions options)
        {
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "[::1]", "::1", options.ListenUri.Host };
            set.UnionWith(options.AllowedHosts);
            return set;
        }

        private static HashSet<string> BuildOrigins(ApiOptions options)
        {
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var origin in options.AllowedOrigins)
            {
                set.Add(origin.TrimEnd('/'));
            }

            return set;
        }
    }
}
