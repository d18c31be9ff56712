using System.Reflection;
using Arbiter.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Arbiter.Api;

/// <summary>Maps the dashboard, REST and WebSocket endpoints, behind the Host, Origin and token checks.</summary>
public static class ApiEndpoints
{
    private static readonly Lazy<byte[]> Dashboard = new(() => LoadResource("Arbiter.Dashboard.index.html"));

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
        app.MapGet("/api/openapi.json", () => Results.Bytes(OpenApi.Value, "application/json"));
        app.MapGet("/api/health", () => Results.Text("{\"status\":\"ok\"}", "application/json"));
        app.MapGet("/api/opportunities", () => Results.Text(hub.OpportunitiesJson(), "application/json"));
        app.MapGet("/api/venues", () => Results.Text(hub.VenuesJson(), "application/json"));
        app.MapGet("/api/markets", () => Results.Text(hub.MarketsJson(), "application/json"));
        app.MapGet("/api/fx", () => Results.Text(hub.FxJson(), "application/json"));
        app.MapGet("/api/premiums", (string? asset) => Results.Text(hub.PremiumsJson(Blank(asset)), "application/json"));
        app.MapGet("/api/quality", () => Results.Text(hub.QualityJson(), "application/json"));
        app.MapGet("/api/settings", () => hub.Settings is { } settings
            ? Results.Text(SettingsJson.Write(settings()), "application/json")
            : Results.Problem("settings are not available in this process", statusCode: StatusCodes.Status404NotFound));
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
        app.Map("/ws", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("WebSocket upgrade expected", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            var client = new WebSocketClient(socket, options.ClientQueueCapacity);
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

            if (context.Request.Path.StartsWithSegments("/ws"))
            {
                var origin = context.Request.Headers.Origin;
                if (!StringValues.IsNullOrEmpty(origin) && !IsAllowedOrigin(origin.ToString(), context.Request))
                {
                    return (StatusCodes.Status403Forbidden, "Origin not allowed");
                }
            }

            if (!string.IsNullOrEmpty(options.AccessToken) && context.Request.Path != "/")
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
