using System.Text.Json;
using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Hosting;

namespace Arbiter.Tests.Api;

public sealed class OpenApiTests
{
    [Fact]
    public async Task OpenApiDocument_DescribesExactlyTheMappedRoutes()
    {
        var options = new ApiOptions { Url = "http://127.0.0.1:0" };
        await using var server = new ApiServer(options, new ApiHub(new Dictionary<VenueId, Arbiter.Venues.VenueCounters>(), TimeProvider.System));
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.Address };

        using var response = await http.GetAsync(new Uri("/api/openapi.json", UriKind.Relative));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("3.1.0", doc.RootElement.GetProperty("openapi").GetString());
        var documented = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        // The document covers the API (/api/* and /ws); the other routes are the dashboard's static files (page, script, styles).
        var mapped = server.Routes.Where(r => r.StartsWith("/api/", StringComparison.Ordinal) || r == "/ws").Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(mapped, documented);
        string[] methods = ["get", "put", "post", "delete", "patch"];
        Assert.All(doc.RootElement.GetProperty("paths").EnumerateObject(), p =>
        {
            var operations = p.Value.EnumerateObject().Where(o => methods.Contains(o.Name)).ToArray();
            Assert.NotEmpty(operations);
            Assert.All(operations, o => Assert.True(o.Value.GetProperty("responses").EnumerateObject().Any(), $"{o.Name} {p.Name}"));
        });

        // The writes are documented with the method they are mapped with.
        var paths = doc.RootElement.GetProperty("paths");
        Assert.Equal(["get", "put"], paths.GetProperty("/api/settings").EnumerateObject().Select(o => o.Name).ToArray());
        Assert.Equal(["delete"], paths.GetProperty("/api/settings/overrides").EnumerateObject().Select(o => o.Name).ToArray());
    }
}
