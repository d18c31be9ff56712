using Arbiter.Venues.Bithumb;

namespace Arbiter.Venues.Tests.Bithumb;

public sealed class BithumbOptionsTests
{
    [Fact]
    public void Defaults_RealEndpointsAndLimits_Valid()
    {
        var options = new BithumbOptions();

        Assert.Empty(options.GetValidationErrors());
        Assert.Equal("wss://ws-api.bithumb.com/websocket/v1", options.WsUrl);
        Assert.Equal("https://api.bithumb.com", options.RestBaseUrl);
        Assert.Equal(["BTC", "ETH", "XRP", "SOL", "DOGE", "USDT"], options.Assets);
        Assert.Equal("KRW", options.Quote);
        Assert.Equal(15, options.Depth);
        Assert.Equal(10, options.MaxConnectsPerSecond);
    }

    [Fact]
    public void Validate_BadValues_MessageNamesEveryKeyAndRange()
    {
        var options = new BithumbOptions
        {
            WsUrl = "not a url",
            Assets = ["BTC", "B-C"],
            Quote = "",
            Depth = 30,
            PingInterval = TimeSpan.FromSeconds(90),
            IdleTimeout = TimeSpan.Zero,
            MaxCodesPerConnection = 0,
            MaxMessagesPerSecond = 0,
            MaxConnectsPerSecond = 11,
        };

        var message = Assert.Throws<ArgumentException>(() => options.Validate()).Message;

        Assert.Contains("Bithumb:WsUrl must be an absolute wss:// URL (was 'not a url').", message, StringComparison.Ordinal);
        Assert.Contains("Bithumb:Assets[1] must be 1-32 ASCII letters or digits (was 'B-C').", message, StringComparison.Ordinal);
        Assert.Contains("Bithumb:Quote must be 1-32 ASCII letters or digits (was '').", message, StringComparison.Ordinal);
        Assert.Contains("Bithumb:Depth must be between 1 and 15 (was 30).", message, StringComparison.Ordinal);
        Assert.Contains("Bithumb:PingInterval must be between 00:00:00.0100000 and 00:00:50 (was 00:01:30).", message, StringComparison.Ordinal);
        Assert.Contains("Bithumb:IdleTimeout must be between 00:00:00.0100000 and 1.00:00:00 (was 00:00:00).", message, StringComparison.Ordinal);
        Assert.Contains("Bithumb:MaxCodesPerConnection must be between 1 and 500 (was 0).", message, StringComparison.Ordinal);
        Assert.Contains("Bithumb:MaxMessagesPerSecond must be between 1 and 100 (was 0).", message, StringComparison.Ordinal);
        Assert.Contains("Bithumb:MaxConnectsPerSecond must be between 1 and 10 (was 11).", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PlainUrls_RejectedUnlessInsecureAllowed()
    {
        var options = new BithumbOptions { WsUrl = "ws://127.0.0.1:9005/websocket/v1", RestBaseUrl = "http://127.0.0.1:9005" };

        var errors = options.GetValidationErrors("Venues:Bithumb");
        options.AllowInsecureUrls = true;

        Assert.Contains(errors, e => e.StartsWith("Venues:Bithumb:WsUrl must be a wss:// URL; ws:// is only allowed with AllowInsecureUrls", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Venues:Bithumb:RestBaseUrl must be a https:// URL", StringComparison.Ordinal));
        Assert.Empty(options.GetValidationErrors());
    }
}
