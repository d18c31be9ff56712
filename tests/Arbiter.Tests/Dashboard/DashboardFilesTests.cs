using System.Net;
using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Hosting;

namespace Arbiter.Tests.Dashboard;

/// <summary>The dashboard's page, script and styles: embedded, served with their content types, and (holding no data) without the token.</summary>
public sealed class DashboardFilesTests
{
    [Theory]
    [InlineData("/", "text/html", "<script src=\"dashboard.js\"></script>")]
    [InlineData("/dashboard.js", "text/javascript", "function connect()")]
    [InlineData("/dashboard.css", "text/css", "#opps tbody tr")]
    public async Task DashboardFile_WithATokenSet_IsServedWithoutItAndWithItsContentType(string path, string mediaType, string excerpt)
    {
        await using var server = new ApiServer(new ApiOptions { Url = "http://127.0.0.1:0", AccessToken = "dashboard-files-token-0123456789" },
            new ApiHub(new Dictionary<VenueId, Arbiter.Venues.VenueCounters>(), TimeProvider.System));
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.Address };

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains(excerpt, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The data behind them still needs the token.
        using var data = await http.GetAsync(new Uri("/api/venues", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, data.StatusCode);
    }

    [Fact]
    public async Task DashboardScript_NeverWritesMarkupFromData()
    {
        await using var server = new ApiServer(new ApiOptions { Url = "http://127.0.0.1:0" }, new ApiHub(new Dictionary<VenueId, Arbiter.Venues.VenueCounters>(), TimeProvider.System));
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.Address };
        var script = await http.GetStringAsync(new Uri("/dashboard.js", UriKind.Relative));

        // Text goes through textContent: no innerHTML/outerHTML/insertAdjacentHTML/document.write anywhere in the page's code.
        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(" })
        {
            Assert.DoesNotContain(sink, script, StringComparison.Ordinal);
        }
    }
}
