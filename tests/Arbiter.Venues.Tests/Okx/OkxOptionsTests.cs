using Arbiter.Venues.Okx;
using Shouldly;

namespace Arbiter.Venues.Tests.Okx;

public sealed class OkxOptionsTests
{
    [Fact]
    public void Defaults_RealEndpointsAndValid()
    {
        var options = new OkxOptions();

        options.GetValidationErrors().ShouldBeEmpty();
        options.WsUrl.ShouldBe("wss://ws.okx.com:8443/ws/v5/public");
        options.RestBaseUrl.ShouldBe("https://www.okx.com");
        options.Assets.ShouldBe(["BTC", "ETH", "XRP", "SOL", "DOGE"]);
        options.Quotes.ShouldBe(["USDT"]);
    }

    [Fact]
    public void Validate_BadValues_MessageNamesEveryKeyAndRange()
    {
        var options = new OkxOptions
        {
            MaxSymbolsPerConnection = 30,
            SubscribesPerHour = 481,
            ConnectsPerSecond = 0,
            PingInterval = TimeSpan.FromSeconds(30),
            MaxLifetime = TimeSpan.FromSeconds(5),
            MaxBufferedUpdates = 0,
            Assets = ["BTC", "B-C"],
            Quotes = [],
        };

        var message = Should.Throw<ArgumentException>(() => options.Validate()).Message;

        message.ShouldContain("Okx:MaxSymbolsPerConnection must be between 1 and 29 (was 30).");
        message.ShouldContain("Okx:SubscribesPerHour must be between 1 and 480 (was 481).");
        message.ShouldContain("Okx:ConnectsPerSecond must be between 1 and 3 (was 0).");
        message.ShouldContain("Okx:PingInterval must be between 00:00:01 and 00:00:29 (was 00:00:30).");
        message.ShouldContain("Okx:MaxLifetime must be between 00:01:00 and 7.00:00:00 (was 00:00:05).");
        message.ShouldContain("Okx:MaxBufferedUpdates must be between 1 and 1000000 (was 0).");
        message.ShouldContain("Okx:Assets[1] must be 1-32 ASCII letters or digits (was 'B-C').");
        message.ShouldContain("Okx:Quotes must list at least one asset code.");
    }

    [Fact]
    public void Validate_PlainUrls_RejectedUnlessInsecureAllowed()
    {
        var options = new OkxOptions { WsUrl = "ws://127.0.0.1:9001/ws/v5/public", RestBaseUrl = "http://127.0.0.1:9001" };

        var message = Should.Throw<ArgumentException>(() => options.Validate()).Message;
        options.AllowInsecureUrls = true;

        message.ShouldContain("Okx:WsUrl must be a wss:// URL; ws:// is only allowed with AllowInsecureUrls");
        message.ShouldContain("Okx:RestBaseUrl must be a https:// URL");
        options.GetValidationErrors().ShouldBeEmpty();
    }
}
